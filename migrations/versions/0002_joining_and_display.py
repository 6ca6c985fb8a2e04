"""Closing the door to new people (workshop.joining_open), and how the presenter shows an
activity (activity.display: its own view, or its items as a word cloud).

Every workshop there is stays open to new people, and every activity shows as before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("display", sa.JSON(), nullable=True))
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.add_column(sa.Column("joining_open", sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade():
    with op.batch_alter_table("workshop", schema=None) as batch_op:
        batch_op.drop_column("joining_open")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("display")
