"""person name keys

Revision ID: 0009_person_name_keys
Revises: 0008_supervision
Create Date: 2026-11-23 19:10:23.194139

"""
from alembic import op
import sqlalchemy as sa

from app.services.names import stored_keys


# revision identifiers, used by Alembic.
revision = '0009_person_name_keys'
down_revision = '0008_supervision'
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_keys', sa.Text(), server_default='', nullable=False))
    backfill(op.get_bind())


def backfill(connection):
    """Fill the keys of every existing person, a batch of rows at a time, in id order."""
    people = sa.table('people', sa.column('id', sa.Integer), sa.column('name', sa.String),
                      sa.column('description', sa.String), sa.column('aliases', sa.JSON),
                      sa.column('name_keys', sa.Text))
    update = (people.update().where(people.c.id == sa.bindparam('person_id'))
              .values(name_keys=sa.bindparam('keys')))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(people.c.id, people.c.name, people.c.description, people.c.aliases)
            .where(people.c.id > last).order_by(people.c.id).limit(BATCH)).all()
        if not rows:
            return
        connection.execute(update, [
            {'person_id': row.id, 'keys': stored_keys([row.name, *(row.aliases or [])], row.description)}
            for row in rows])
        last = rows[-1].id


def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('name_keys')
