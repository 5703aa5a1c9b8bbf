"""case search text

Revision ID: 0004_case_search
Revises: 0003_drafts
Create Date: 2026-11-23 16:20:36.265767

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_case_search'
down_revision = '0003_drafts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    # Fill it for existing cases, lower-cased in Python: SQLite's lower() knows only ASCII.
    cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('reference', sa.String),
                     sa.column('title', sa.String), sa.column('summary', sa.Text),
                     sa.column('incident', sa.String), sa.column('search_text', sa.Text))
    connection = op.get_bind()
    rows = connection.execute(sa.select(cases.c.id, cases.c.reference, cases.c.title, cases.c.summary,
                                        cases.c.incident)).all()
    for row in rows:
        text = "\n".join(t.lower() for t in (row.reference, row.title, row.summary, row.incident) if t)
        connection.execute(cases.update().where(cases.c.id == row.id).values(search_text=text))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.alter_column('search_text', server_default=None)


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('search_text')

