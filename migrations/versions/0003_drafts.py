"""UN communication drafts, versions, treaty procedures

Revision ID: 0003_drafts
Revises: 0002_derived
Create Date: 2026-11-23 16:17:28.518394

"""
from datetime import date

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0003_drafts'
down_revision = '0002_derived'
branch_labels = None
depends_on = None


# DOMAIN.md §7: which committees can receive a complaint against Kazakhstan (admins edit it later).
PROCEDURES = [
    {"committee": "CAT", "available": True, "in_force_since": date(2008, 2, 21),
     "note": "art. 22 declaration made in 2008 (CAT/C/KAZ/CO/2)"},
    {"committee": "HRC", "available": True, "in_force_since": date(2009, 9, 30),
     "note": "ICCPR OP1 in force 30.09.2009; acts or omissions after that date only"},
    {"committee": "CEDAW", "available": True, "in_force_since": None, "note": "OP ratified 2001"},
    {"committee": "CRPD", "available": True, "in_force_since": None, "note": "OP ratified 2023"},
    {"committee": "CED", "available": False, "in_force_since": None,
     "note": "no art. 31 declaration found: not available"},
]


def upgrade():
    op.create_table('treaty_procedures',
    sa.Column('committee', sa.String(length=10), nullable=False),
    sa.Column('available', sa.Boolean(), nullable=False),
    sa.Column('in_force_since', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('committee', name=op.f('pk_treaty_procedures'))
    )
    procedures = sa.table("treaty_procedures", sa.column("committee", sa.String), sa.column("available", sa.Boolean),
                          sa.column("in_force_since", sa.Date), sa.column("note", sa.Text))
    op.bulk_insert(procedures, PROCEDURES)
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('committee', sa.String(length=10), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('provisions', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_drafts_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_drafts_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts'))
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_case_id'), ['case_id'], unique=False)

    op.create_table('draft_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('texts', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('edited_sections', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_draft_versions_created_by_id_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['drafts.id'], name=op.f('fk_draft_versions_draft_id_drafts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_versions')),
    sa.UniqueConstraint('draft_id', 'number', name=op.f('uq_draft_versions_draft_id'))
    )
    with op.batch_alter_table('draft_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_versions_draft_id'), ['draft_id'], unique=False)



def downgrade():
    with op.batch_alter_table('draft_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_versions_draft_id'))

    op.drop_table('draft_versions')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_case_id'))

    op.drop_table('drafts')
    op.drop_table('treaty_procedures')
