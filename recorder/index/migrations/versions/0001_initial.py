"""Cameras, segments, events, settings.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

from recorder.index.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cameras",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("sub_url", sa.Text),
        sa.Column("username", sa.String(120)),
        sa.Column("password_enc", sa.Text),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("retention_days", sa.Integer),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("removed_at", UTCDateTime),
    )
    op.create_table(
        "segments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("camera_id", sa.Integer, sa.ForeignKey("cameras.id"), nullable=False),
        sa.Column("start", UTCDateTime, nullable=False),
        sa.Column("end", UTCDateTime, nullable=False),
        sa.Column("path", sa.Text, nullable=False, unique=True),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("video_codec", sa.String(32), nullable=False),
        sa.Column("audio_codec", sa.String(32)),
        sa.Column("width", sa.Integer),
        sa.Column("height", sa.Integer),
        sa.Column("deleting", sa.Boolean, nullable=False),
    )
    op.create_index("ix_segments_camera_start", "segments", ["camera_id", "start"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("camera_id", sa.Integer, sa.ForeignKey("cameras.id")),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("start", UTCDateTime, nullable=False),
        sa.Column("end", UTCDateTime),
        sa.Column("label", sa.Text),
        sa.Column("confidence", sa.Float),
    )
    op.create_index("ix_events_camera_start", "events", ["camera_id", "start"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("events")
    op.drop_table("segments")
    op.drop_table("cameras")
