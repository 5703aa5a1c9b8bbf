"""case law verification; provisions cited to the paragraph

The case-law library records whether an entry was checked against the decision's own text (a draft asks
counsel to check the others) and where. Drafts saved with the former provision codes ("CAT-2",
"ICCPR-9") get the paragraph-level codes that replaced them ("CAT-2(1)", "ICCPR-9(1)").

Revision ID: 0016_case_law_verified
Revises: 0015_signable_drafts
Create Date: 2026-12-07 22:56:33.358013

"""
import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0016_case_law_verified'
down_revision = '0015_signable_drafts'
branch_labels = None
depends_on = None

FORMER = {"CAT-2": "CAT-2(1)", "ICCPR-9": "ICCPR-9(1)", "ICCPR-10": "ICCPR-10(1)", "ICCPR-14": "ICCPR-14(3)(g)",
          "ICCPR-24": "ICCPR-24(1)"}


def _recode(mapping):
    json_type = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    drafts = sa.table("drafts", sa.column("id", sa.Integer), sa.column("provisions", json_type))
    connection = op.get_bind()
    for row in connection.execute(sa.select(drafts.c.id, drafts.c.provisions)).fetchall():
        codes = row.provisions if isinstance(row.provisions, list) else json.loads(row.provisions or "[]")
        recoded = list(dict.fromkeys(mapping.get(code, code) for code in codes))
        if recoded != codes:
            connection.execute(drafts.update().where(drafts.c.id == row.id).values(provisions=recoded))


def upgrade():
    with op.batch_alter_table('case_law', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verified', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
    _recode(FORMER)


def downgrade():
    _recode({new: old for old, new in FORMER.items()})
    with op.batch_alter_table('case_law', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('verified')
