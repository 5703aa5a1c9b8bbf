"""the day of each case's latest event, and an index of open deadlines, for the dashboard at any size

Revision ID: 0011_dashboard_indexes
Revises: 0010_deadline_explanations
Create Date: 2026-11-23 20:36:03.656264

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_dashboard_indexes'
down_revision = '0010_deadline_explanations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.create_index('ix_case_deadlines_open_latest', ['latest_due'], unique=False, postgresql_where=sa.text('outcome IS NULL'), sqlite_where=sa.text('outcome IS NULL'))

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_event_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_last_event_on'), ['last_event_on'], unique=False)

    # Filled for the cases already there; from now on every event write keeps it current.
    op.execute("UPDATE cases SET last_event_on = (SELECT max(occurred_on) FROM events WHERE events.case_id = cases.id)")


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_last_event_on'))
        batch_op.drop_column('last_event_on')

    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.drop_index('ix_case_deadlines_open_latest', postgresql_where=sa.text('outcome IS NULL'), sqlite_where=sa.text('outcome IS NULL'))

