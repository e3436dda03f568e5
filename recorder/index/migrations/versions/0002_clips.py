"""Clips.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from recorder.index.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clips",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("camera_id", sa.Integer, sa.ForeignKey("cameras.id"), nullable=False),
        sa.Column("requested_start", UTCDateTime, nullable=False),
        sa.Column("requested_end", UTCDateTime, nullable=False),
        sa.Column("start", UTCDateTime, nullable=False),
        sa.Column("end", UTCDateTime, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("notes", sa.Text),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("created_by", sa.String(120)),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("missing", sa.Text),
    )
    op.create_index("ix_clips_camera_start", "clips", ["camera_id", "start"])


def downgrade() -> None:
    op.drop_table("clips")
