"""signable drafts: what a communication's form asks of people (birth date, sex, nationality, contact
sealed with the files key) and their family ties; the representative's bar, organisation and address;
an event's and a case's text for a communication, in English and Russian; the language and translation of
evidence files; the library of the committees' decisions and general comments (filled by `flask seed`)

Revision ID: 0015_signable_drafts
Revises: 0014_truth_in_the_record
Create Date: 2026-12-07 22:19:00.630553

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0015_signable_drafts'
down_revision = '0014_truth_in_the_record'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_law',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('committee', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title_en', sa.String(length=300), nullable=False),
    sa.Column('title_ru', sa.String(length=300), nullable=False),
    sa.Column('symbol', sa.String(length=100), nullable=False),
    sa.Column('adopted', sa.Date(), nullable=True),
    sa.Column('holding_en', sa.Text(), nullable=False),
    sa.Column('holding_ru', sa.Text(), nullable=False),
    sa.Column('provisions', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('rules', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_law')),
    sa.UniqueConstraint('key', name=op.f('uq_case_law_key'))
    )
    op.create_table('person_relations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('relative_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_relations_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['relative_id'], ['people.id'], name=op.f('fk_person_relations_relative_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_relations')),
    sa.UniqueConstraint('person_id', 'relative_id', 'kind', name=op.f('uq_person_relations_person_id'))
    )
    with op.batch_alter_table('person_relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_relations_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_relations_relative_id'), ['relative_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('summary_ru', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('summary_in_draft', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('narrative', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('narrative_ru', sa.Text(), nullable=True))

    with op.batch_alter_table('evidence_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('translation', sa.String(length=20), nullable=True))

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('birth_date', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('sex', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('nationality', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('contact_sealed', sa.Text(), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bar', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('organisation', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('postal_address', sa.String(length=1000), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('postal_address')
        batch_op.drop_column('organisation')
        batch_op.drop_column('bar')

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('contact_sealed')
        batch_op.drop_column('nationality')
        batch_op.drop_column('sex')
        batch_op.drop_column('birth_date')

    with op.batch_alter_table('evidence_files', schema=None) as batch_op:
        batch_op.drop_column('translation')
        batch_op.drop_column('language')

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('narrative_ru')
        batch_op.drop_column('narrative')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('summary_in_draft')
        batch_op.drop_column('summary_ru')

    with op.batch_alter_table('person_relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_relations_relative_id'))
        batch_op.drop_index(batch_op.f('ix_person_relations_person_id'))

    op.drop_table('person_relations')
    op.drop_table('case_law')
