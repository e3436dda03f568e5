"""Where everything lives inside a data dir (docs/design.md, "The data dir")."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vms_api import local
from vms_api.local import APP_NAME, default_data_dir, read_runtime  # noqa: F401 - the recorder's names for them


@dataclass(frozen=True)
class DataDir(local.DataDir):
    """The whole data dir as the recorder keeps it; the files a client reads too (token,
    lock, runtime file) are named in vms_api.local."""

    @property
    def db_file(self) -> Path:
        return self.root / "vms.db"

    @property
    def recordings(self) -> Path:
        return self.root / "recordings"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def clips(self) -> Path:
        return self.root / "clips"

    @property
    def snapshots(self) -> Path:
        return self.root / "snapshots"

    @property
    def secret_file(self) -> Path:
        return self.root / "secret.key"

    @property
    def tls_cert(self) -> Path:
        """The LAN socket's certificate (recorder.tls): public, clients pin its fingerprint."""
        return self.root / "tls" / "recorder.crt"

    @property
    def tls_key(self) -> Path:
        return self.root / "tls" / "recorder.key"

    @property
    def reserve_file(self) -> Path:
        """Space the disk guard gives back when the disk is full (recorder.retention)."""
        return self.root / "disk-reserve"

    @property
    def children_file(self) -> Path:
        """Pids of our FFmpeg children, so a recorder killed with -9 leaves none behind."""
        return self.root / "ffmpeg.pids"

    @property
    def private_dir(self) -> Path:
        """0700: the files that hand FFmpeg a camera's URL with its credentials, each gone
        once read; any left by a crash are removed at start-up."""
        return self.root / "run"

    def camera_dir(self, camera_id: int) -> Path:
        return self.recordings / f"cam_{camera_id}"

    def snapshot_file(self, camera_id: int) -> Path:
        return self.snapshots / f"cam_{camera_id}.jpg"

    def incoming_dir(self, camera_id: int) -> Path:
        """FFmpeg writes here; closed segments are moved to their dated folder."""
        return self.camera_dir(camera_id) / ".incoming"

    def create(self) -> None:
        """The folders, private to the recorder's user: the footage of people is personal data,
        and the index holds the cameras' addresses. The process's umask (recorder.cli) keeps
        every file made inside private too; the root's mode hides files an older version made
        readable."""
        for d in (self.root, self.recordings, self.clips, self.snapshots):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(self.root, 0o700)

