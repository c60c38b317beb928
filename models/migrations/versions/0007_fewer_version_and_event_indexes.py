"""drop the indexes another index already covers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:40:00

Every diff writes ~1 event per version into change_events and rewrites each version row
(diffed); on PostgreSQL a rewritten row whose page is full gets new entries in every index of
its table. Entries keyed by document or policy land at places scattered over the whole history,
so each extra index costs a page visit (and, after a checkpoint, a full-page WAL image) per row,
growing with the store (issue 12). These three serve no look-up the others do not:

- document_versions.ix_document_versions_document_id: a leading-column prefix of
  uq_versions_doc_no (document_id, version_no), which answers every by-document look-up;
- document_versions.ix_versions_doc_hash (document_id, content_hash): nothing looks versions
  up by hash (the store compares the latest version's hash, found by uq_versions_doc_no);
- change_events.ix_change_events_policy_id: a prefix of ix_change_events_policy_kind (0006).
"""

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_change_events_policy_id', table_name='change_events')
    op.drop_index('ix_versions_doc_hash', table_name='document_versions')
    op.drop_index('ix_document_versions_document_id', table_name='document_versions')


def downgrade() -> None:
    op.create_index('ix_document_versions_document_id', 'document_versions', ['document_id'])
    op.create_index('ix_versions_doc_hash', 'document_versions', ['document_id', 'content_hash'])
    op.create_index('ix_change_events_policy_id', 'change_events', ['policy_id'])
