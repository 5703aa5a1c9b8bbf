"""derived deadlines and flags, acknowledgements, calendar tokens

Revision ID: 0002_derived
Revises: 0001_initial
Create Date: 2026-11-23 15:51:02.857219

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0002_derived'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_tokens_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_tokens_token_hash'))
    )
    with op.batch_alter_table('calendar_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('case_flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=60), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=500), nullable=False),
    sa.Column('event_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=True),
    sa.Column('action_due', sa.DateTime(), nullable=True),
    sa.Column('active_from', sa.DateTime(), nullable=True),
    sa.Column('active_until', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_flags_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_flags'))
    )
    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.create_index('ix_case_flags_active', ['severity', 'active_from'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_flags_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_flags_rule'), ['rule'], unique=False)

    op.create_table('flag_acknowledgements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('flag_key', sa.String(length=500), nullable=False),
    sa.Column('rule', sa.String(length=60), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_flag_acknowledgements_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_flag_acknowledgements_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag_acknowledgements'))
    )
    with op.batch_alter_table('flag_acknowledgements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_acknowledgements_case_id'), ['case_id'], unique=False)

    op.create_table('case_deadlines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=60), nullable=False),
    sa.Column('from_event_id', sa.Integer(), nullable=False),
    sa.Column('end_event_id', sa.Integer(), nullable=True),
    sa.Column('due', sa.DateTime(), nullable=True),
    sa.Column('earliest_due', sa.DateTime(), nullable=True),
    sa.Column('latest_due', sa.DateTime(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_deadlines_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['end_event_id'], ['events.id'], name=op.f('fk_case_deadlines_end_event_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['from_event_id'], ['events.id'], name=op.f('fk_case_deadlines_from_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_deadlines'))
    )
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_deadlines_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_case_deadlines_open_due', ['outcome', 'latest_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_deadlines_rule'), ['rule'], unique=False)



def downgrade():
    with op.batch_alter_table('case_deadlines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_deadlines_rule'))
        batch_op.drop_index('ix_case_deadlines_open_due')
        batch_op.drop_index(batch_op.f('ix_case_deadlines_case_id'))

    op.drop_table('case_deadlines')
    with op.batch_alter_table('flag_acknowledgements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_acknowledgements_case_id'))

    op.drop_table('flag_acknowledgements')
    with op.batch_alter_table('case_flags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_flags_rule'))
        batch_op.drop_index(batch_op.f('ix_case_flags_case_id'))
        batch_op.drop_index('ix_case_flags_active')

    op.drop_table('case_flags')
    with op.batch_alter_table('calendar_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_tokens_user_id'))

    op.drop_table('calendar_tokens')
