"""delivery claims: which process holds a delivery it is sending

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 06:00:00

- deliveries.claimed_by: "hostname/pid" of the process that claimed a row (status sending); a
  run on the same machine releases the rows of a holder whose pid is gone at once instead of
  waiting for the lease (next_attempt_at) to run out.
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('deliveries') as batch:
        batch.add_column(sa.Column('claimed_by', sa.String(length=160), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('deliveries') as batch:
        batch.drop_column('claimed_by')
