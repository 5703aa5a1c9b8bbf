"""indexes in the order the dashboard lists read: active flags latest first, deadlines due soon; SQLite statistics

Revision ID: 0012_list_indexes
Revises: 0011_dashboard_indexes
Create Date: 2026-11-23 21:35:35.342159

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_list_indexes'
down_revision = '0011_dashboard_indexes'
branch_labels = None
depends_on = None


def _latest_first():
    """active_from DESC with NULL last, as the dashboard sorts: PostgreSQL needs the words, SQLite
    refuses them in an index but sorts NULL lowest, so its DESC is the same order."""
    nulls_last = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    return sa.text("active_from DESC" + nulls_last)


def upgrade():
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.drop_index('ix_case_deadlines_open_due')
        batch_op.create_index('ix_case_deadlines_open_due', ['outcome', 'latest_due', 'earliest_due'], unique=False)

    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.drop_index('ix_case_flags_active')
        batch_op.create_index('ix_case_flags_active', ['severity', _latest_first(), 'id'], unique=False)

    # SQLite gathers no statistics by itself and otherwise plans from guesses (docs/performance.md,
    # section 2); flask flags recompute refreshes them. PostgreSQL's autovacuum does it there.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE")


def downgrade():
    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.drop_index('ix_case_flags_active')
        batch_op.create_index('ix_case_flags_active', ['severity', 'active_from'], unique=False)

    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.drop_index('ix_case_deadlines_open_due')
        batch_op.create_index('ix_case_deadlines_open_due', ['outcome', 'latest_due'], unique=False)
