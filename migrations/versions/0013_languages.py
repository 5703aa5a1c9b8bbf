"""each user's interface language; flags and deadline notes kept as phrases to say in each reader's language

Rows derived before this revision have no phrases and are shown in English until
`flask flags recompute` (docs/languages.md).

Revision ID: 0013_languages
Revises: 0012_list_indexes
Create Date: 2026-11-23 22:22:41.080034

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0013_languages'
down_revision = '0012_list_indexes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phrases', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))

    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phrases', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('language')

    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.drop_column('phrases')

    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.drop_column('phrases')

