"""The recorder process: one per data dir. Keeps a CameraRecorder per enabled camera in step
with the index, serves the control API, and shuts FFmpeg down cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import secrets
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

import filelock
import uvicorn
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from recorder import __version__, lan, platform_compat
from recorder.alarms.queue import Alarms
from recorder.audit.trail import AuditTrail
from recorder.bookmarks import Bookmarks
from recorder.cameras.config import active_cameras, get_camera
from recorder.cameras.credentials import Vault, with_credentials, write_private
from recorder.capture.camera_recorder import CameraConfig, CameraRecorder, CaptureSettings, ChildRegistry
from recorder.capture.ffmpeg import remove_private_files
from recorder.capture.live import LiveRelay
from recorder.clips.maker import ClipMaker
from recorder.clips.plan import Span
from recorder.events.motion import MotionSettings, MotionWatcher
from recorder.index.db import database_url, get_plan, open_index
from recorder.index.models import PLANS, Camera, Segment, Setting, utcnow
from recorder.index.segments import SegmentStore
from recorder.paths import DataDir
from recorder.storage.compress import Compressor
from recorder.storage.retention import GuardSettings, Retention, release_reserve_if_full
from recorder.users.accounts import Accounts
from vms_api.enums import AuditAction, CameraState, EventKind

log = logging.getLogger(__name__)
RECONCILE_SECONDS = 5.0  # the API pokes at once; this catches CLI changes
STOPPED_KEY = "recorder_stopped_at"  # written by a clean stop: a gap after a crash says so
DOWNTIME_MIN = timedelta(seconds=2)  # a restart shorter than this leaves no event


class AlreadyRunning(RuntimeError):
    pass


class StopRequested(Exception):
    pass


def _raise_stop(signum, _frame):
    raise StopRequested(signal.Signals(signum).name)


def load_or_create_token(data: DataDir) -> str:
    if not data.token_file.exists():
        write_private(data.token_file, secrets.token_urlsafe(32).encode())
    return data.token_file.read_text().strip()


class _QuietServer(uvicorn.Server):
    """uvicorn wakes ten times a second to check for shutdown. Each wake of an idle Python
    costs about 0.3 ms of CPU (measured), as much as a tenth of a camera's FFmpeg: this one
    sleeps until a stop is asked for. Its responses carry no Date header, which is what the
    ticks kept fresh."""

    _loop: asyncio.AbstractEventLoop | None = None
    _asked: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop, self._asked = asyncio.get_running_loop(), asyncio.Event()
        while not await self.on_tick(0):
            await self._asked.wait()

    def handle_exit(self, sig, frame) -> None:
        super().handle_exit(sig, frame)
        self.wake()

    def wake(self) -> None:
        """From any thread or a signal handler: have the main loop look at should_exit."""
        if self._loop is not None and self._asked is not None:
            self._loop.call_soon_threadsafe(self._asked.set)


class _LanServer(_QuietServer):
    """The same app over TLS on the site's network, in the same event loop. The loopback
    server takes the stop signals; this one ends when that one has."""

    def capture_signals(self):
        return contextlib.nullcontext()


async def _serve_both(local: _QuietServer, sock, lan: _LanServer | None, lan_sock) -> None:
    if lan is None:
        await local.serve(sockets=[sock])
        return
    lan_task = asyncio.create_task(lan.serve(sockets=[lan_sock]))
    try:
        await local.serve(sockets=[sock])
    finally:
        lan.should_exit = True
        lan.wake()
        await lan_task


@dataclass
class ApiSettings:
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port, published in recorder.json
    # A recorder run as a system service keeps its data dir private to its own account; this
    # file (world-readable, outside the data dir) tells clients of other accounts where it
    # listens. Never the token: that stays in the data dir.
    public_info: Path | None = None
    listen: str | None = None  # "ADDRESS:PORT" for the site's network (TLS); None: the stored setting


class Recorder:
    def __init__(self, data: DataDir, capture: CaptureSettings, api: ApiSettings, db_url: str | None = None,
                 guard: GuardSettings | None = None):
        self.data = data
        self.capture = capture
        self.api = api
        data.create()
        self._lock = filelock.FileLock(str(data.lock_file))
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout:
            raise AlreadyRunning(f"another recorder is already running for {data.root}") from None
        # A recorder killed -9 left its address behind: until run() writes ours, clients must
        # not be sent to a dead port.
        data.runtime_file.unlink(missing_ok=True)
        remove_private_files(data.private_dir)
        release_reserve_if_full(data)
        self.sessions = open_index(db_url or database_url(data.db_file))
        self._sqlite = db_url is None
        self.vault = Vault(data.secret_file)
        self.token = load_or_create_token(data)
        self.accounts = Accounts(self.sessions)
        self.audit = AuditTrail(self.sessions)
        self.bookmarks = Bookmarks(self.sessions)
        self.alarms = Alarms(self.sessions)
        self.store = SegmentStore(data, self.sessions)
        self._clean_stop = self._take_clean_stop()
        self._downtime_noted: set[int] = set()
        self.children = ChildRegistry(data.children_file)
        self.cameras: dict[int, CameraRecorder] = {}
        self.live = LiveRelay(self.fetch_url, data.private_dir)
        self.motion = MotionWatcher(self.sessions) if capture.motion else None
        self.clips = ClipMaker(data, self.sessions, self.live_spans, self.children, self.store.file_lock)
        self.retention = Retention(data, self.sessions, self.store, guard)
        self.store.disk_full = self.retention.poke
        self.retention.frame_loss = self.frame_loss
        self.compressor = Compressor(data, self.sessions, self.store, self.clips.in_use, self.children)
        self._server: _QuietServer | None = None
        self.lan_url: str | None = None
        self.tls_fingerprint: str | None = None
        self.started_at = utcnow()
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._cam_lock = threading.Lock()

    # -- cameras ---------------------------------------------------------------------------

    def wanted_configs(self) -> tuple[dict[int, CameraConfig], dict[int, MotionSettings]]:
        with self.sessions() as s:
            cams = [c for c in active_cameras(s) if c.enabled]
            return ({c.id: CameraConfig(c.id, c.name, c.url, c.username, self.vault.decrypt(c.password_enc),
                                        live_copy=not c.sub_url)
                     for c in cams},
                    {c.id: MotionSettings.of(c) for c in cams})

    def reconcile(self) -> None:
        """Start, stop or restart camera recorders so they match the index; motion settings
        change without a restart."""
        wanted, motion = self.wanted_configs()
        with self._cam_lock:
            if self.motion is not None:
                for cid, settings in motion.items():
                    self.motion.configure(cid, settings)
            for cid, rec in list(self.cameras.items()):
                if wanted.get(cid) != rec.config:
                    log.info("camera %s: stopping (%s)", cid, "changed" if cid in wanted else "disabled")
                    rec.stop()
                    del self.cameras[cid]
            for cid, config in wanted.items():
                if cid not in self.cameras and not self._stopping.is_set():
                    motion_port = self.motion.port(cid, motion[cid]) if self.motion is not None else None
                    live_port = self.live.feed(cid).port if config.live_copy else None
                    rec = CameraRecorder(config, self.store, self.capture, self.children,
                                         live_port=live_port, motion_port=motion_port,
                                         on_recovered=self._note_downtime)
                    self.cameras[cid] = rec
                    rec.start()

    # -- the recorder's own downtime ---------------------------------------------------------

    def _take_clean_stop(self) -> datetime | None:
        """When the last recorder stopped cleanly, read and forgotten; None after a crash."""
        try:
            with self.sessions.begin() as s:
                row = s.get(Setting, STOPPED_KEY)
                if row is None:
                    return None
                s.delete(row)
                return datetime.fromisoformat(row.value)
        except OperationalError:  # a full disk must not keep the recorder from starting
            log.error("could not read the last stop from the index (disk full?)")
            return None

    def _note_downtime(self, camera_id: int) -> None:
        """Once a camera's folder is recovered, the time from its last recorded moment to this
        start is on its timeline as the recorder's, with why, like a camera's outage."""
        if camera_id in self._downtime_noted:
            return
        self._downtime_noted.add(camera_id)
        with self.sessions() as s:
            last = s.scalar(select(func.max(Segment.end)).where(Segment.camera_id == camera_id))
        if last is None or self.started_at - last < DOWNTIME_MIN:
            return
        if self._clean_stop is not None:
            label = f"the recorder was stopped (at {self._clean_stop.astimezone():%Y-%m-%d %H:%M:%S})"
        else:
            label = "the recorder was not running (it crashed, or the power or the machine went off)"
        self.store.add_event(camera_id, EventKind.RECORDER_STOPPED, label, start=last, end=self.started_at)

    def _recover_idle_cameras(self) -> None:
        """A camera disabled or removed while its file was being written still has that file
        to index; the cameras that record recover their own folders before FFmpeg starts."""
        with self.sessions() as s:
            idle = {c.id for c in s.scalars(select(Camera).where(Camera.enabled.is_(False)))}
            known = set(s.scalars(select(Camera.id)))
        for folder in sorted(self.data.recordings.glob("cam_*")):
            try:
                cid = int(folder.name.removeprefix("cam_"))
            except ValueError:
                continue
            if cid not in known:
                log.warning("%s belongs to no camera of the index; left as it is", folder)
            elif cid in idle:
                try:
                    self.store.recover(cid)
                except Exception:
                    log.exception("camera %s: recovery failed", cid)

    def fetch_url(self, camera_id: int, stream: str) -> str | None:
        """The URL (with its credentials) to fetch a live stream from while it is watched:
        "sub", or "main-fetched" for a camera whose recording sends no live copy; None when
        there is nothing to fetch."""
        with self.sessions() as s:
            try:
                cam = get_camera(s, camera_id)
            except LookupError:
                return None
            url = cam.sub_url if stream == "sub" else cam.url
            if not url or not cam.enabled:
                return None
            return with_credentials(url, cam.username, self.vault.decrypt(cam.password_enc))

    def live_spans(self, camera_id: int) -> list[Span]:
        """The file being written for a camera, so a clip can reach up to now."""
        rec = self.cameras.get(camera_id)
        path, start = (rec.current_file, rec.current_start) if rec else (None, None)
        return [Span(start, utcnow(), path)] if path and start else []

    def poke(self) -> None:
        """The API changed a camera: reconcile now rather than at the next tick."""
        self._wake.set()

    def _index_stamp(self) -> tuple | None:
        """Changes whenever anyone writes to a SQLite index; None when we cannot tell."""
        db = self.data.db_file
        if not self._sqlite:
            return None
        stamp = []
        for path in (db, db.with_name(db.name + "-wal")):
            try:
                st = path.stat()
                stamp.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                stamp.append(None)
        return tuple(stamp)

    def _reconcile_loop(self) -> None:
        last = object()
        while not self._stopping.is_set():
            # A query every few seconds is most of an idle recorder's CPU: only ask the
            # index again when its files say it changed (or when asked to).
            stamp = self._index_stamp()
            if stamp is None or stamp != last or self._wake.is_set():
                last = stamp
                self._wake.clear()
                try:
                    self.reconcile()
                except Exception:
                    log.exception("reconciling cameras failed")
                    last = object()
            self._wake.wait(RECONCILE_SECONDS)

    def status(self) -> dict:
        with self.sessions() as s:
            cams = active_cameras(s)
            plan = get_plan(s)
            indexed = dict(s.execute(select(Segment.camera_id, func.sum(Segment.bytes))
                                     .group_by(Segment.camera_id)).all())
        disk = self.retention.disk()
        rows = []
        for cam in cams:
            rec = self.cameras.get(cam.id)
            row = rec.status() if rec else {"id": cam.id, "name": cam.name,
                                            "state": CameraState.DISABLED if not cam.enabled else CameraState.STARTING,
                                            "error": None, "error_code": None, "error_params": None,
                                            "current_file": None}
            row["enabled"] = cam.enabled
            row["has_substream"] = bool(cam.sub_url)
            row["recorded_bytes"] = int(indexed.get(cam.id) or 0)
            row["motion_enabled"] = cam.motion_enabled
            row["motion_active"] = bool(self.motion and self.motion.active(cam.id))
            rows.append(row)
        return {"recorder": {"pid": os.getpid(), "version": __version__,
                             "started_at": self.started_at.isoformat(), "data_dir": str(self.data.root),
                             "lan_url": self.lan_url, "tls_fingerprint": self.tls_fingerprint},
                "plan": {"name": plan, "days": PLANS[plan]},
                "cameras": rows, "live_viewers": self.live.viewers(),
                "disk": dict(disk, recordings=int(sum(indexed.values(), 0) or 0))}

    def frame_loss(self) -> dict[int, dict | None]:
        """Each recording camera's frame loss over the last minute, for the storage view."""
        return {cid: rec.frame_loss() for cid, rec in list(self.cameras.items())}

    # -- the process -------------------------------------------------------------------------

    def run(self) -> None:
        from recorder.api.app import create_app  # FastAPI only where the API runs

        killed = self.children.kill_leftovers()
        if killed:
            log.warning("ended %d FFmpeg left running by a previous recorder", killed)
        self.clips.recover()
        self._recover_idle_cameras()
        if self.motion is not None:
            self.motion.start()
        sock = platform_compat.listening_socket(self.api.host, self.api.port)
        sock.listen(128)  # before recorder.json says where we are: clients queue, never refused
        port = sock.getsockname()[1]
        reconciler = threading.Thread(target=self._reconcile_loop, name="reconcile", daemon=True)
        reconciler.start()
        threading.Thread(target=self.retention.run, args=(self._stopping,), name="retention", daemon=True).start()
        threading.Thread(target=self.compressor.run, args=(self._stopping,), name="compress", daemon=True).start()
        threading.Thread(target=self.alarms.follow, args=(self._stopping,), name="alarms", daemon=True).start()
        app = create_app(self, port)
        config = uvicorn.Config(app, log_level="warning", access_log=False, date_header=False)
        server = self._server = _QuietServer(config)
        lan, lan_sock = self._lan_server(app)
        runtime = {"pid": os.getpid(), "host": self.api.host, "port": port, "version": __version__,
                   "started_at": self.started_at.isoformat(), "capture": asdict(self.capture),
                   "lan_url": self.lan_url, "tls_fingerprint": self.tls_fingerprint}
        self.data.runtime_file.write_text(json.dumps(runtime))
        self._publish(port)
        self.audit.record("service", "admin", AuditAction.RECORDER_STARTED, detail={"version": __version__})
        log.info("recorder %s for %s, API on http://%s:%s", __version__, self.data.root, self.api.host, port)
        # uvicorn re-raises the signal that stopped it once it has closed; with our own
        # handlers that ends up here as an exception instead of killing the process
        # before FFmpeg is finalised.
        for sig in platform_compat.STOP_SIGNALS:
            signal.signal(sig, _raise_stop)
        try:
            asyncio.run(_serve_both(server, sock, lan, lan_sock))
        except StopRequested:
            pass
        finally:
            # a second Ctrl-C must not cut FFmpeg's finalisation short
            for sig in platform_compat.STOP_SIGNALS:
                signal.signal(sig, signal.SIG_IGN)
            self.shutdown()

    def _lan_server(self, app) -> tuple[_LanServer | None, object]:
        """The TLS server on the site's network, when the admin switched it on."""
        address = self.api.listen or lan.stored_listen(self.sessions)
        if not address:
            return None, None
        host, port = lan.parse_address(address)
        cert, key = lan.ensure_certificate(self.data)
        sock = platform_compat.listening_socket(host, port)
        sock.listen(128)
        self.lan_url = f"https://{f'[{host}]' if ':' in host else host}:{sock.getsockname()[1]}"
        self.tls_fingerprint = lan.certificate_fingerprint(self.data)
        log.info("serving the site's network on %s, certificate SHA-256 %s", self.lan_url, self.tls_fingerprint)
        # A TLS connection's close waits for the peer's close_notify (30 s in asyncio): a
        # workstation that keeps its connection open must not hold the recorder's stop.
        config = uvicorn.Config(app, log_level="warning", access_log=False, date_header=False,
                                ssl_certfile=str(cert), ssl_keyfile=str(key), timeout_graceful_shutdown=3)
        return _LanServer(config), sock

    def _publish(self, port: int) -> None:
        """The public runtime file: address, port and version only, written whole (a reader
        never sees half of it) and readable by everyone despite our umask."""
        path = self.api.public_info
        if path is None:
            return
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"host": self.api.host, "port": port, "version": __version__}))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)

    def request_stop(self) -> None:
        """Stop as on SIGTERM, from the API: the server ends its loop, then run() shuts down."""
        if self._server is not None:
            self._server.should_exit = True
            self._server.wake()

    def shutdown(self) -> None:
        self._stopping.set()
        self._wake.set()
        self.retention.poke()
        with self._cam_lock:
            recs = list(self.cameras.values())
            with ThreadPoolExecutor(max(1, len(recs))) as pool:
                list(pool.map(lambda r: r.stop(), recs))
            self.cameras.clear()
        self.live.close()
        if self.motion is not None:
            self.motion.close()
        self.clips.close()
        self.compressor.close()
        try:
            with self.sessions.begin() as s:
                s.merge(Setting(key=STOPPED_KEY, value=utcnow().isoformat()))
        except OperationalError:
            log.error("could not note the clean stop in the index (disk full?)")
        self.audit.record("service", "admin", AuditAction.RECORDER_STOPPED, detail={"clean": True})
        self.data.runtime_file.unlink(missing_ok=True)
        if self.api.public_info is not None:
            self.api.public_info.unlink(missing_ok=True)
        self._lock.release()
        log.info("recorder stopped")
