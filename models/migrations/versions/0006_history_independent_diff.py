"""indexes for a diff whose cost does not grow with history

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 07:30:00

Every look-up the diff stage makes per run is now by an indexed column, so diffing a batch
costs the same with 10k or 1M stored documents:

- policies.canonical_document_id: the withdrawn check joins gone pages to the policies whose
  canonical document they are (and the policy view finds a document's policy by it);
- fetch_state.last_status: the withdrawn check looks for pages answering 404 / 410, a few
  among every page ever fetched;
- policies.deadline: deadline reminders look for application notices closing within days;
- change_events (policy_id, kind): a policy's earlier policy.new events (is this page a copy?);
  with policy_id alone, SQLite preferred the index on kind, i.e. every policy.new ever written.
"""

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_policies_canonical_document_id', 'policies', ['canonical_document_id'])
    op.create_index('ix_policies_deadline', 'policies', ['deadline'])
    op.create_index('ix_fetch_state_last_status', 'fetch_state', ['last_status'])
    op.create_index('ix_change_events_policy_kind', 'change_events', ['policy_id', 'kind'])


def downgrade() -> None:
    op.drop_index('ix_change_events_policy_kind', table_name='change_events')
    op.drop_index('ix_fetch_state_last_status', table_name='fetch_state')
    op.drop_index('ix_policies_deadline', table_name='policies')
    op.drop_index('ix_policies_canonical_document_id', table_name='policies')
