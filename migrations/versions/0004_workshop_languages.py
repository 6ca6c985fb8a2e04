"""Each workshop's languages: what the presenter shows and the report is written in.

Workshops made before it speak English, as they did.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(sa.Column("languages", sa.String(length=40), nullable=False,
                                   server_default="en_GB"))


def downgrade():
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("languages")
