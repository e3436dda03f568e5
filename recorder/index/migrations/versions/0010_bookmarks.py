"""Bookmarks: moments and ranges marked for the next shift, optionally holding their footage.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

from recorder.index.models import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bookmarks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("camera_id", sa.Integer, sa.ForeignKey("cameras.id"), nullable=False),
        sa.Column("start", UTCDateTime, nullable=False),
        sa.Column("end", UTCDateTime, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("protect", sa.Boolean, nullable=False),
        sa.Column("created_by", sa.String(200)),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_bookmarks_camera_start", "bookmarks", ["camera_id", "start"])
    op.create_index("ix_bookmarks_protect", "bookmarks", ["protect"])


def downgrade() -> None:
    op.drop_table("bookmarks")
