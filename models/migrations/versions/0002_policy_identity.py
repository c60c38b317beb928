"""policy identity, document kinds, policy-level events, applicability

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 19:30:00

- policies: canonical document, normalized name, 文号, kind, publication date, signature
- documents: kind, link evidence, body MinHash (+ an index on policy_id)
- document_names / document_bands: look-ups for names and near-duplicate bodies
- change_events: policy id, document kind, a unique dedupe key for once-per-policy events
- subscriptions: document kinds, issued-here-only
- raw_pages: unique per (url, sha256, run) so content seen before is stored again (A -> B -> A)
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

IdType = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('policies') as batch:
        batch.add_column(sa.Column('canonical_document_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('name', sa.String(length=512), nullable=True))
        batch.add_column(sa.Column('doc_number', sa.String(length=128), nullable=True))
        batch.add_column(sa.Column('kind', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('published', sa.Date(), nullable=True))
        batch.add_column(sa.Column('deadline', sa.Date(), nullable=True))
        batch.add_column(sa.Column('signature', sa.JSON(), nullable=True))
        batch.create_index('ix_policies_name', ['name'])
        batch.create_index('ix_policies_doc_number', ['doc_number'])
        batch.create_index('ix_policies_region_code', ['region_code'])
    with op.batch_alter_table('documents') as batch:
        batch.add_column(sa.Column('kind', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('link_evidence', sa.Text(), nullable=True))
        batch.add_column(sa.Column('minhash', sa.JSON(), nullable=True))
        batch.create_index('ix_documents_policy_id', ['policy_id'])
    op.create_table(
        'document_names',
        sa.Column('id', IdType, nullable=False),
        sa.Column('document_id', IdType, sa.ForeignKey('documents.id'), nullable=False),
        sa.Column('name', sa.String(length=512), nullable=False),
        sa.Column('role', sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('document_id', 'name', 'role', name='uq_document_names'),
    )
    op.create_index('ix_document_names_document_id', 'document_names', ['document_id'])
    op.create_index('ix_document_names_name', 'document_names', ['name'])
    op.create_table(
        'document_bands',
        sa.Column('id', IdType, nullable=False),
        sa.Column('band', sa.String(length=48), nullable=False),
        sa.Column('document_id', IdType, sa.ForeignKey('documents.id'), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('band', 'document_id', name='uq_document_bands'),
    )
    op.create_index('ix_document_bands_band', 'document_bands', ['band'])
    op.create_index('ix_document_bands_document_id', 'document_bands', ['document_id'])
    with op.batch_alter_table('change_events') as batch:
        batch.add_column(sa.Column('dedupe', sa.String(length=160), nullable=True))
        batch.add_column(sa.Column('policy_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('doc_kind', sa.String(length=16), nullable=True))
        batch.create_unique_constraint('uq_change_events_dedupe', ['dedupe'])
        batch.create_index('ix_change_events_policy_id', ['policy_id'])
    with op.batch_alter_table('subscriptions') as batch:
        batch.add_column(sa.Column('doc_kinds', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('issued_here_only', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table('raw_pages') as batch:
        batch.drop_constraint('uq_raw_pages_url_sha256', type_='unique')
        batch.create_unique_constraint('uq_raw_pages_url_sha256_run', ['url', 'sha256', 'run_id'])


def downgrade() -> None:
    with op.batch_alter_table('raw_pages') as batch:
        batch.drop_constraint('uq_raw_pages_url_sha256_run', type_='unique')
        batch.create_unique_constraint('uq_raw_pages_url_sha256', ['url', 'sha256'])
    with op.batch_alter_table('subscriptions') as batch:
        batch.drop_column('issued_here_only')
        batch.drop_column('doc_kinds')
    with op.batch_alter_table('change_events') as batch:
        batch.drop_index('ix_change_events_policy_id')
        batch.drop_constraint('uq_change_events_dedupe', type_='unique')
        batch.drop_column('doc_kind')
        batch.drop_column('policy_id')
        batch.drop_column('dedupe')
    op.drop_table('document_bands')
    op.drop_table('document_names')
    with op.batch_alter_table('documents') as batch:
        batch.drop_index('ix_documents_policy_id')
        batch.drop_column('minhash')
        batch.drop_column('link_evidence')
        batch.drop_column('kind')
    with op.batch_alter_table('policies') as batch:
        for index in ('ix_policies_region_code', 'ix_policies_doc_number', 'ix_policies_name'):
            batch.drop_index(index)
        for column in ('signature', 'deadline', 'published', 'kind', 'doc_number', 'name', 'canonical_document_id'):
            batch.drop_column(column)
