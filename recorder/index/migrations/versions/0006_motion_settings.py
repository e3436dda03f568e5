"""Motion detection settings per camera.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cameras") as batch:
        batch.add_column(sa.Column("motion_enabled", sa.Boolean, nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column("motion_sensitivity", sa.Integer, nullable=False, server_default="50"))
        batch.add_column(sa.Column("motion_mask", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("cameras") as batch:
        batch.drop_column("motion_mask")
        batch.drop_column("motion_sensitivity")
        batch.drop_column("motion_enabled")
