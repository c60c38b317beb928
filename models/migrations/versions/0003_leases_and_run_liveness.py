"""host leases, recent source crawls, run liveness

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 04:20:00

- host_leases: one crawl at a time per host across processes (crawlers/host_lease.py)
- source_crawls: the latest successful crawl of each source, by wall clock (skip, not fetch twice)
- runs: pid, hostname, stage, heartbeat_at, note (a dead run is marked abandoned with its stage)
- raw_pages: an index on parse_status (every run's parse looks for pages left pending)
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'host_leases',
        sa.Column('host', sa.String(length=255), nullable=False),
        sa.Column('holder', sa.String(length=160), nullable=False),
        sa.Column('run_id', sa.String(length=64), nullable=False),
        sa.Column('source_id', sa.String(length=64), nullable=False),
        sa.Column('hostname', sa.String(length=255), nullable=False),
        sa.Column('pid', sa.Integer(), nullable=False),
        sa.Column('acquired_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('host'),
    )
    op.create_table(
        'source_crawls',
        sa.Column('source_id', sa.String(length=64), nullable=False),
        sa.Column('run_id', sa.String(length=64), nullable=False),
        sa.Column('state', sa.String(length=24), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('source_id'),
    )
    with op.batch_alter_table('runs') as batch:
        batch.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('hostname', sa.String(length=255), nullable=True))
        batch.add_column(sa.Column('stage', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('note', sa.Text(), nullable=True))
    op.create_index('ix_raw_pages_parse_status', 'raw_pages', ['parse_status'])


def downgrade() -> None:
    op.drop_index('ix_raw_pages_parse_status', table_name='raw_pages')
    with op.batch_alter_table('runs') as batch:
        for column in ('note', 'heartbeat_at', 'stage', 'hostname', 'pid'):
            batch.drop_column(column)
    op.drop_table('source_crawls')
    op.drop_table('host_leases')
