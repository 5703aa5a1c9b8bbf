"""supervision: assignments history, approvals, reminders, calendar and rule settings, vocabularies

Revision ID: 0008_supervision
Revises: 0007_files
Create Date: 2026-11-23 18:47:35.200165

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0008_supervision'
down_revision = '0007_files'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('vocabulary_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vocabulary', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('parent_code', sa.String(length=40), nullable=True),
    sa.Column('label_en', sa.String(length=300), nullable=False),
    sa.Column('label_ru', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vocabulary_terms')),
    sa.UniqueConstraint('vocabulary', 'code', name=op.f('uq_vocabulary_terms_vocabulary'))
    )
    with op.batch_alter_table('vocabulary_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vocabulary_terms_vocabulary'), ['vocabulary'], unique=False)

    op.create_table('calendar_adjustments',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_calendar_adjustments_by_id_users')),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_adjustments'))
    )
    op.create_table('handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_user_id', sa.Integer(), nullable=False),
    sa.Column('to_user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('cases_moved', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_handovers_by_id_users')),
    sa.ForeignKeyConstraint(['from_user_id'], ['users.id'], name=op.f('fk_handovers_from_user_id_users')),
    sa.ForeignKeyConstraint(['to_user_id'], ['users.id'], name=op.f('fk_handovers_to_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handovers'))
    )
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handovers_from_user_id'), ['from_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handovers_to_user_id'), ['to_user_id'], unique=False)

    op.create_table('reminder_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('digest_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('items', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminder_deliveries_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_deliveries'))
    )
    with op.batch_alter_table('reminder_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_deliveries_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_deliveries_user_id'), ['user_id'], unique=False)

    op.create_table('rule_settings',
    sa.Column('term', sa.String(length=60), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_rule_settings_by_id_users')),
    sa.PrimaryKeyConstraint('term', name=op.f('pk_rule_settings'))
    )
    op.create_table('assignment_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('lawyer_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=True),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_assignment_changes_by_id_users')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_assignment_changes_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['handover_id'], ['handovers.id'], name=op.f('fk_assignment_changes_handover_id_handovers')),
    sa.ForeignKeyConstraint(['lawyer_id'], ['users.id'], name=op.f('fk_assignment_changes_lawyer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment_changes'))
    )
    with op.batch_alter_table('assignment_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_changes_case_id'), ['case_id'], unique=False)

    op.create_table('reminder_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['reminder_deliveries.id'], name=op.f('fk_reminder_items_delivery_id_reminder_deliveries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminder_items_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_items')),
    sa.UniqueConstraint('user_id', 'key', name=op.f('uq_reminder_items_user_id'))
    )
    with op.batch_alter_table('reminder_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_items_delivery_id'), ['delivery_id'], unique=False)

    op.create_table('approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('close_case', 'withdraw_complaint', 'send_communication', name='approval_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status', sa.Enum('requested', 'approved', 'rejected', 'cancelled', name='approval_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('used_by_event_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_approvals_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_approvals_decided_by_id_users')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_approvals_requested_by_id_users')),
    sa.ForeignKeyConstraint(['used_by_event_id'], ['events.id'], name=op.f('fk_approvals_used_by_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approvals'))
    )
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approvals_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_approvals_status', ['status', 'requested_at'], unique=False)

    op.create_table('deadline_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=60), nullable=False),
    sa.Column('from_event_id', sa.Integer(), nullable=True),
    sa.Column('old_due', sa.DateTime(), nullable=True),
    sa.Column('new_due', sa.DateTime(), nullable=True),
    sa.Column('old_outcome', sa.String(length=20), nullable=True),
    sa.Column('new_outcome', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_deadline_changes_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_event_id'], ['events.id'], name=op.f('fk_deadline_changes_from_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_changes'))
    )
    with op.batch_alter_table('deadline_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_changes_case_id'), ['case_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_closed_at'), ['closed_at'], unique=False)



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_closed_at'))
        batch_op.drop_column('closed_at')

    with op.batch_alter_table('deadline_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_changes_case_id'))

    op.drop_table('deadline_changes')
    with op.batch_alter_table('approvals', schema=None) as batch_op:
        batch_op.drop_index('ix_approvals_status')
        batch_op.drop_index(batch_op.f('ix_approvals_case_id'))

    op.drop_table('approvals')
    with op.batch_alter_table('reminder_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_items_delivery_id'))

    op.drop_table('reminder_items')
    with op.batch_alter_table('assignment_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_changes_case_id'))

    op.drop_table('assignment_changes')
    op.drop_table('rule_settings')
    with op.batch_alter_table('reminder_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_deliveries_user_id'))
        batch_op.drop_index(batch_op.f('ix_reminder_deliveries_status'))

    op.drop_table('reminder_deliveries')
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handovers_to_user_id'))
        batch_op.drop_index(batch_op.f('ix_handovers_from_user_id'))

    op.drop_table('handovers')
    op.drop_table('calendar_adjustments')
    with op.batch_alter_table('vocabulary_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vocabulary_terms_vocabulary'))

    op.drop_table('vocabulary_terms')
