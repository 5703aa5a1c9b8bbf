"""deadline explanations stored with the due date they explain (run flask flags recompute to fill them for existing cases)

Revision ID: 0010_deadline_explanations
Revises: 0009_person_name_keys
Create Date: 2026-11-23 19:29:21.898635

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0010_deadline_explanations'
down_revision = '0009_person_name_keys'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('explanation', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))



def downgrade():
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.drop_column('explanation')

