"""How the presenter shows an activity (activity.display): its own view, or its items as
a word cloud. Every activity there is shows as before.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("display", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("display")
