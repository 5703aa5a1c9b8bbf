"""truth in the record: what each flag rests on, hour terms kept as such, the lawyer's order of events,
and the termination ground the law does not know renamed

- ``case_flags.basis`` ("record" or "absence") and ``case_flags.step`` (the step whose absence a
  flag rests on); ``case_deadlines.in_hours``. Rows derived before this revision say nothing of
  their basis and may call silence "missed": run ``flask flags recompute`` after upgrading.
- ``events.retracted_at``: an event taken back leaves the timeline and stays in its history.
- ``events.position``: the lawyer's order, which decides among events whose dates overlap;
  filled with the order the pages showed until now (date, day-only events first, coarser
  dates first, then id).
- ``investigation_terminated.ground`` ``lack_of_evidence`` becomes ``cpc_35_1_unstated``:
  CPC 35(1) has no such ground; the record says only that the paragraph is not stated.

Revision ID: 0014_truth_in_the_record
Revises: 0013_languages
Create Date: 2026-12-07 21:04:54.647816

"""
from datetime import time

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0014_truth_in_the_record'
down_revision = '0013_languages'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
events = sa.table('events', sa.column('id', sa.Integer), sa.column('case_id', sa.Integer),
                  sa.column('type', sa.String), sa.column('occurred_on', sa.Date),
                  sa.column('occurred_time', sa.Time), sa.column('precision', sa.SmallInteger),
                  sa.column('position', sa.Integer), sa.column('fields', JSON))


def upgrade():
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('in_hours', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('basis', sa.String(length=10), server_default='record', nullable=False))
        batch_op.add_column(sa.Column('step', sa.String(length=50), nullable=True))

    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('retracted_at', sa.DateTime(timezone=True), nullable=True))

    connection = op.get_bind()
    _fill_positions(connection)
    _rename_ground(connection, 'lack_of_evidence', 'cpc_35_1_unstated')


def _fill_positions(connection):
    """Number each case's events in the order the pages showed them before this revision."""
    rows = connection.execute(sa.select(events.c.id, events.c.case_id, events.c.occurred_on, events.c.occurred_time,
                                        events.c.precision)).all()
    rows.sort(key=lambda r: (r.case_id, r.occurred_on, r.occurred_time is not None, r.occurred_time or time.min,
                             r.precision, r.id))
    positions, case_id, position = [], None, 0
    for row in rows:
        position = position + 1 if row.case_id == case_id else 0
        case_id = row.case_id
        positions.append({'event_id': row.id, 'new_position': position})
    if positions:
        connection.execute(events.update().where(events.c.id == sa.bindparam('event_id'))
                           .values(position=sa.bindparam('new_position')), positions)


def _rename_ground(connection, old, new):
    rows = connection.execute(sa.select(events.c.id, events.c.fields)
                              .where(events.c.type == 'investigation_terminated')).all()
    changed = [{'event_id': row.id, 'new_fields': {**row.fields, 'ground': new}}
               for row in rows if (row.fields or {}).get('ground') == old]
    if changed:
        connection.execute(events.update().where(events.c.id == sa.bindparam('event_id'))
                           .values(fields=sa.bindparam('new_fields', type_=JSON)), changed)


def downgrade():
    _rename_ground(op.get_bind(), 'cpc_35_1_unstated', 'lack_of_evidence')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('retracted_at')
        batch_op.drop_column('position')

    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.drop_column('step')
        batch_op.drop_column('basis')

    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.drop_column('in_hours')
