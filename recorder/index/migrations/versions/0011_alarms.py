"""Alarms: the rules that make events alarms, the plates watched for, and the alarm queue.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

from recorder.index.models import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alarm_rules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cameras", sa.Text),
        sa.Column("days", sa.String(32), nullable=False),
        sa.Column("start", sa.String(5), nullable=False),
        sa.Column("end", sa.String(5), nullable=False),
        sa.Column("escalate_after_s", sa.Integer, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("created_by", sa.String(200)),
    )
    op.create_table(
        "watched_plates",
        sa.Column("plate", sa.String(20), primary_key=True),
        sa.Column("note", sa.Text),
    )
    op.create_table(
        "alarms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("rule_id", sa.Integer),
        sa.Column("rule_name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("camera_id", sa.Integer),
        sa.Column("event_id", sa.Integer),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("last_at", UTCDateTime, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("escalate_at", UTCDateTime, nullable=False),
        sa.Column("acknowledged_by", sa.String(200)),
        sa.Column("acknowledged_at", UTCDateTime),
        sa.Column("comment", sa.Text),
    )
    op.create_index("ix_alarms_state_rule_camera", "alarms", ["state", "rule_id", "camera_id"])


def downgrade() -> None:
    op.drop_table("alarms")
    op.drop_table("watched_plates")
    op.drop_table("alarm_rules")
