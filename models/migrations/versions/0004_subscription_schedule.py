"""subscription schedules: a daily digest hour, quiet hours, the subscriber's time zone

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 05:00:00

- subscriptions.digest_at: "HH:MM" — one digest a day at that hour (None: instant or per-run digest)
- subscriptions.quiet_hours: "HH:MM-HH:MM" — instant alerts inside it are held and sent after it
- subscriptions.timezone: the IANA zone both are read in (default Asia/Shanghai)
- subscriptions.last_digest_at: when the last daily digest went out (the next one covers since then)
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('subscriptions') as batch:
        batch.add_column(sa.Column('digest_at', sa.String(length=5), nullable=True))
        batch.add_column(sa.Column('quiet_hours', sa.String(length=11), nullable=True))
        batch.add_column(sa.Column('timezone', sa.String(length=40), nullable=False,
                                   server_default='Asia/Shanghai'))
        batch.add_column(sa.Column('last_digest_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('subscriptions') as batch:
        for column in ('last_digest_at', 'timezone', 'quiet_hours', 'digest_at'):
            batch.drop_column(column)
