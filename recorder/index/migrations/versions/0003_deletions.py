"""The cleanup log.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

from recorder.index.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deletions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("camera_id", sa.Integer, nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("start", UTCDateTime, nullable=False),
        sa.Column("end", UTCDateTime, nullable=False),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
    )
    op.create_index("ix_deletions_at", "deletions", ["at"])


def downgrade() -> None:
    op.drop_table("deletions")
