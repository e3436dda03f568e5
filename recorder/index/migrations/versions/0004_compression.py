"""Compression of old footage: the camera's setting, the segment's original size.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cameras", sa.Column("compress_after_days", sa.Integer))
    op.add_column("segments", sa.Column("original_bytes", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("segments") as batch:
        batch.drop_column("original_bytes")
    with op.batch_alter_table("cameras") as batch:
        batch.drop_column("compress_after_days")
