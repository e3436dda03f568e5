"""The one client of the recorder's control API: one method per route, named for what it
does. No Qt, no recorder code: the desktop wraps it for threads and signals, the CLI calls it
as it is. Every refusal is an ApiError carrying the recorder's error code and its params, so
each program words it in its own language."""

from __future__ import annotations

import hashlib
import logging
import os
import ssl
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import requests
from pydantic import BaseModel, TypeAdapter
from requests.adapters import HTTPAdapter

from vms_api import models as m
from vms_api.local import DataDir, read_runtime
from vms_api.recorder_stream import RecorderStream

log = logging.getLogger(__name__)

RECORDER_NOT_RUNNING = "recorder_not_running"  # no recorder runs for the data dir, or it did not answer
UNKNOWN = "unknown"  # a refusal without a code (an older recorder, a proxy's page)
CERTIFICATE_CHANGED = "certificate_changed"  # url, pinned, found: not the recorder pinned before
NOT_TLS = "not_tls"  # url: the site's network is always https
DOWNLOAD_CHUNK = 1 << 20


def normal_fingerprint(text: str) -> str:
    """'ab:cd…', 'ABCD…' or 'SHA256:AB:CD…' as 'AB:CD:…' (how the recorder prints it)."""
    hexes = text.strip().upper().removeprefix("SHA256:").replace(":", "").replace(" ", "")
    if len(hexes) != 64 or any(c not in "0123456789ABCDEF" for c in hexes):
        raise ValueError(f"not a SHA-256 fingerprint (64 hexadecimal digits): {text!r}")
    return ":".join(hexes[i:i + 2] for i in range(0, 64, 2))


def server_fingerprint(url: str, timeout: float = 10.0) -> str:
    """The SHA-256 fingerprint of the certificate a recorder at url presents (for the first
    connection, before it is pinned: the user compares it with `vms-recorder tls fingerprint`)."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise ApiError(NOT_TLS, f"{url} is not https://", params={"url": url})
    try:
        pem = ssl.get_server_certificate((parts.hostname, parts.port or 443), timeout=timeout)
    except (OSError, ssl.SSLError) as e:
        log.debug("no certificate from %s: %s", url, e)
        raise ApiError(RECORDER_NOT_RUNNING, f"no recorder answers at {url}", params={"url": url}) from None
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()
    return normal_fingerprint(digest)


class _PinnedAdapter(HTTPAdapter):
    """TLS to the one certificate pinned: urllib3 checks its SHA-256 after the handshake, in
    place of a chain no authority signed (the recorder made its own)."""

    def __init__(self, fingerprint: str):
        self.fingerprint = fingerprint.replace(":", "").lower()
        super().__init__()

    def init_poolmanager(self, *args, **kw):
        kw["assert_fingerprint"] = self.fingerprint
        kw["cert_reqs"] = ssl.CERT_NONE
        super().init_poolmanager(*args, **kw)


class _DiskWriter:
    """A download's file, hashed and written on a thread of its own, and flushed to the device on
    another, while the next bytes come from the network: a 150 MB clip's SHA-256 alone is ~0.1 s
    and its fsync ~0.3 s, each as long as the transfer itself on a fast link. Flushing as it
    goes leaves the last fsync only the last few MB."""

    FLUSH_EVERY = 16 << 20
    IN_FLIGHT = 8  # chunks read ahead of the disk, at most

    def __init__(self, path: Path):
        self.path = path
        self._digest = hashlib.sha256()
        self._unflushed = 0
        self._pending: deque[Future] = deque()
        self._flushing: Future | None = None

    def __enter__(self) -> _DiskWriter:
        self._file = open(self.path, "wb", buffering=0)
        self._disk = ThreadPoolExecutor(1, thread_name_prefix="download")
        self._flusher = ThreadPoolExecutor(1, thread_name_prefix="download-flush")
        return self

    def write(self, chunk: bytes) -> None:
        self._pending.append(self._disk.submit(self._keep, chunk))
        while len(self._pending) > self.IN_FLIGHT or self._pending and self._pending[0].done():
            self._pending.popleft().result()  # a failed write raises here

    def _keep(self, chunk: bytes) -> None:
        self._digest.update(chunk)
        self._file.write(chunk)
        self._unflushed += len(chunk)
        if self._unflushed >= self.FLUSH_EVERY and (self._flushing is None or self._flushing.done()):
            self._unflushed = 0
            self._flushing = self._flusher.submit(getattr(os, "fdatasync", os.fsync), self._file.fileno())

    def finish(self) -> str:
        """Everything written and on the device: the SHA-256."""
        while self._pending:
            self._pending.popleft().result()
        if self._flushing is not None:
            self._flushing.result()
        os.fsync(self._file.fileno())
        return self._digest.hexdigest()

    def __exit__(self, *_exc) -> None:
        self._disk.shutdown(wait=True, cancel_futures=True)
        self._flusher.shutdown(wait=True)
        self._file.close()


class ApiError(Exception):
    """The recorder refused (status = its HTTP status) or could not be reached (status None,
    code RECORDER_NOT_RUNNING). detail is the recorder's English sentence, for logs and the CLI."""

    def __init__(self, code: str, detail: str, status: int | None = None, params: dict | None = None):
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.status = status
        self.params = params or {}


def _error_from(r: requests.Response) -> ApiError:
    """An ApiError from a 4xx/5xx answer: {"code", "params", "detail"}, or FastAPI's {"detail"}."""
    try:
        body = r.json()
    except ValueError:
        return ApiError(UNKNOWN, r.text or r.reason or str(r.status_code), r.status_code)
    if not isinstance(body, dict):
        return ApiError(UNKNOWN, str(body), r.status_code)
    detail = body.get("detail", r.text)
    if not isinstance(detail, str):  # a validation error's list of problems
        detail = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail) \
            if isinstance(detail, list) else str(detail)
    return ApiError(str(body.get("code") or UNKNOWN), detail, r.status_code, body.get("params") or {})


def _iso(when: datetime | date | str | None) -> str | None:
    return when.isoformat() if isinstance(when, datetime | date) else when


# What a player is given to open: a URL, or the bytes read for it (RecorderStream).
PlayerSource = str | RecorderStream


def _query(**params) -> dict:
    """The query string's parameters that were given (None means: not asked)."""
    return {k: _iso(v) for k, v in params.items() if v is not None}


def _body(req: BaseModel | dict) -> dict:
    """A request's JSON: a contract model as set (unset fields are not sent: a PATCH changes
    only what it names), or a dict of the same fields."""
    if isinstance(req, BaseModel):
        return req.model_dump(mode="json", exclude_unset=True)
    return {k: _iso(v) for k, v in req.items()}


_adapters: dict[Any, TypeAdapter] = {}


def _adapter(shape) -> TypeAdapter:
    if shape not in _adapters:
        _adapters[shape] = TypeAdapter(shape)
    return _adapters[shape]


class RecorderClient:
    """Calls to one recorder. With a data dir (local()), where it listens is read from the
    recorder's runtime file, again after it fails (it may have restarted on another port)."""

    def __init__(self, base_url: str | None = None, token: str | None = None, data: DataDir | None = None,
                 timeout: float = 10.0, typed: bool = True, fingerprint: str | None = None,
                 token_file: bool = True):
        self.data = data
        # token_file: call with the data dir's own token (the local administration: the CLI).
        # The desktop never does: it calls as the user who logged in.
        self.token_file = token_file
        self.timeout = timeout
        # typed: answers parsed into the contract's models. Untyped: the JSON as sent (dicts),
        # for code that still reads keys; it moves to attributes one caller at a time.
        self.typed = typed
        self.http = requests.Session()
        self._base = base_url.rstrip("/") if base_url else None
        self._token = token
        self._logged_in = False  # a session token: the data dir's own token no longer replaces it
        self.fingerprint = normal_fingerprint(fingerprint) if fingerprint else None
        if self._base and self._base.startswith("https://"):
            if self.fingerprint is None:
                raise ValueError("an https recorder needs the fingerprint its certificate is pinned to")
            self.http.verify = False  # the adapter checks the pinned fingerprint instead
            # not REQUESTS_CA_BUNDLE, which would bring the chain check back, nor a proxy
            # from the environment: the recorder is on the site's own network
            self.http.trust_env = False
            self.http.mount("https://", _PinnedAdapter(self.fingerprint))
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def local(cls, data: DataDir | Path | str, typed: bool = True) -> RecorderClient:
        """The recorder of a data dir on this machine."""
        return cls(data=data if isinstance(data, DataDir) else DataDir(Path(data)), typed=typed)

    # -- where and how ---------------------------------------------------------------------

    def locate(self) -> bool:
        """Read where the data dir's recorder listens; False when none runs."""
        if self.data is None:
            return self._base is not None
        info = read_runtime(self.data)
        if info is None:
            self._base = None
            return False
        # The token first: another thread may call as soon as it sees an address.
        if not self._logged_in and self.token_file:
            self._token = self.data.read_token()
            self.http.headers["Authorization"] = f"Bearer {self._token}"
        self._base = f"http://{info['host']}:{info['port']}"
        return True

    def fork(self) -> RecorderClient:
        """A client of the same recorder, as the same session, on connections of its own."""
        return RecorderClient(base_url=self.base, token=self.token, timeout=self.timeout, typed=self.typed,
                              fingerprint=self.fingerprint, token_file=False)

    def use_token(self, token: str) -> None:
        """Call as the session this token opened (a login's answer)."""
        self._token, self._logged_in = token, True
        self.http.headers["Authorization"] = f"Bearer {token}"

    @property
    def token(self) -> str:
        if self._token is None and self.data is not None and self.token_file:
            self._token = self.data.read_token()
        return self._token or ""

    @property
    def base(self) -> str:
        if self._base is None and not self.locate():
            raise ApiError(RECORDER_NOT_RUNNING, "the recorder is not running")
        return self._base

    def call(self, method: str, path: str, timeout: float | None = None, **kw) -> Any:
        """One request; the JSON answer, or ApiError. The named methods below all come here."""
        return self._send(method, path, timeout, **kw).json()

    def _send(self, method: str, path: str, timeout: float | None = None, **kw) -> requests.Response:
        try:
            r = self.http.request(method, self.base + path, timeout=timeout or self.timeout, **kw)
        except requests.exceptions.SSLError as e:
            raise self._tls_error(e) from None
        except requests.RequestException as e:
            log.debug("recorder call %s %s failed: %s", method, path, e)
            if self.data is None:
                raise ApiError(RECORDER_NOT_RUNNING, "the recorder is not running") from None
            # it may have restarted on another port: asked there once more
            was, self._base = self._base, None
            if not self.locate() or self._base == was:
                self._base = None
                raise ApiError(RECORDER_NOT_RUNNING, "the recorder is not running") from None
            return self._send(method, path, timeout, **kw)
        if r.status_code >= 400:
            raise _error_from(r)
        return r

    def _tls_error(self, e: Exception) -> ApiError:
        """A certificate other than the pinned one is refused loudly: another machine may be
        answering at the recorder's address."""
        if "fingerprint" in str(e).lower() and self.fingerprint:
            try:
                found = server_fingerprint(self.base)
            except ApiError:
                found = "?"
            return ApiError(CERTIFICATE_CHANGED, f"the recorder at {self.base} presents another certificate "
                            f"(SHA-256 {found}) than the one pinned ({self.fingerprint}): refused",
                            params={"url": self.base, "pinned": self.fingerprint, "found": found})
        log.debug("TLS to %s failed: %s", self._base, e)
        return ApiError(RECORDER_NOT_RUNNING, f"no recorder answers over TLS at {self._base}",
                        params={"url": self._base})

    def stream(self, path: str, offset: int = 0, params: dict | None = None, timeout: float | None = None
               ) -> requests.Response:
        """A file or live stream of the recorder, from byte offset, unread (the player reads it
        as it goes): the session's header and the pinned certificate, as for any call."""
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        return self._send("GET", path, timeout, params=params, headers=headers, stream=True)

    def download(self, path: str, dest: Path, params: dict | None = None,
                 progress: Callable[[int, int], None] | None = None) -> str:
        """A file of the recorder saved as dest, on the device when this returns; the SHA-256 of
        what was received. It is written under a temporary name first: a cut-off download never
        looks finished. progress(bytes so far, total or 0) after each chunk."""
        partial = dest.with_name(dest.name + ".partial")
        done = 0
        try:
            with self.stream(path, params=params, timeout=60) as r, _DiskWriter(partial) as out:
                total = int(r.headers.get("content-length") or 0)
                for chunk in r.iter_content(DOWNLOAD_CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
                digest = out.finish()
            if total and done != total:
                raise ApiError(RECORDER_NOT_RUNNING, f"{path}: {done} of {total} bytes received")
            os.replace(partial, dest)
        except requests.RequestException as e:  # the connection dropped mid-file
            log.debug("download of %s failed: %s", path, e)
            raise ApiError(RECORDER_NOT_RUNNING, f"{path}: the download was cut off") from None
        finally:
            partial.unlink(missing_ok=True)
        return digest

    def _player_url(self, path: str, seekable: bool = True, **params) -> PlayerSource:
        """What a player opens: on this machine a URL, the session's token riding along (a
        player cannot send headers); across the network the bytes read through the pinned
        session (RecorderStream), as libVLC cannot pin a certificate."""
        if self.base.startswith("https://"):
            return RecorderStream(self, path, params, seekable=seekable)
        return f"{self.base}{path}?{urlencode({**params, 'token': self.token})}"

    def _as(self, shape, data: Any) -> Any:
        """The answer as the contract's model (shape: a model, or list[model])."""
        return _adapter(shape).validate_python(data) if self.typed else data

    def _picture(self, path: str) -> bytes | None:
        """A JPEG or PNG from the recorder; None when there is none or it cannot be reached."""
        try:
            r = self.http.get(self.base + path, timeout=5)
        except (requests.RequestException, ApiError):
            return None
        return r.content if r.status_code == 200 else None

    def close(self) -> None:
        self.http.close()

    # -- the recorder ----------------------------------------------------------------------

    def health(self) -> m.Health:
        return self._as(m.Health, self.call("GET", "/api/health", timeout=5))

    def status(self, timeout: float = 5) -> m.Status:
        """Every camera's state, the disk, the retention plan (quick: the supervisor polls it)."""
        return self._as(m.Status, self.call("GET", "/api/status", timeout=timeout))

    def shutdown(self) -> m.Stopping:
        """Have the recorder finish its files and exit (it answers at once, then stops)."""
        return self._as(m.Stopping, self.call("POST", "/api/shutdown"))

    # -- cameras ---------------------------------------------------------------------------

    def cameras(self) -> list[m.CameraStatus]:
        """Every camera with its state (as in status())."""
        return self._as(list[m.CameraStatus], self.call("GET", "/api/cameras"))

    def camera(self, camera_id: int) -> m.Camera:
        return self._as(m.Camera, self.call("GET", f"/api/cameras/{camera_id}"))

    def add_camera(self, req: m.CameraIn | dict) -> m.Camera:
        return self._as(m.Camera, self.call("POST", "/api/cameras", json=_body(req)))

    def update_camera(self, camera_id: int, req: m.CameraPatch | dict) -> m.Camera:
        return self._as(m.Camera, self.call("PATCH", f"/api/cameras/{camera_id}", json=_body(req)))

    def remove_camera(self, camera_id: int) -> m.Camera:
        return self._as(m.Camera, self.call("DELETE", f"/api/cameras/{camera_id}"))

    def start_camera(self, camera_id: int) -> m.Camera:
        return self._as(m.Camera, self.call("POST", f"/api/cameras/{camera_id}/start"))

    def stop_camera(self, camera_id: int) -> m.Camera:
        return self._as(m.Camera, self.call("POST", f"/api/cameras/{camera_id}/stop"))

    def probe(self, req: m.ProbeIn | dict) -> m.ProbeResult:
        """Connect to a camera as configured (not saved) and say what it sends."""
        return self._as(m.ProbeResult, self.call("POST", "/api/probe", json=_body(req), timeout=15))

    def live_url(self, camera_id: int, sub: bool = False) -> PlayerSource:
        """The camera's live stream for a player."""
        return self._player_url(f"/api/cameras/{camera_id}/live", seekable=False, **_query(stream="sub" if sub else None))

    def segment_url(self, segment_id: int, window: int | None = None) -> PlayerSource:
        """A recorded segment for a player, which seeks in it with byte ranges; with window,
        only that window of it (Segment.windows), which opens in a constant time."""
        return self._player_url(f"/api/recordings/{segment_id}/file", **_query(window=window))

    def current_url(self, camera_id: int, name: str, window: int | None = None) -> PlayerSource:
        """The file the camera is writing, as far as it is written (or one window of it)."""
        return self._player_url("/api/recordings/current", camera_id=camera_id, name=name, **_query(window=window))

    def current_windows(self, camera_id: int, name: str) -> list[float]:
        """Where each window of the file being written begins (seconds from its start)."""
        return m.FileWindows.model_validate(self.call("GET", "/api/recordings/current/windows", params={
            "camera_id": camera_id, "name": name})).windows

    def segment_gone(self, segment_id: int) -> bool:
        """Whether the recorder no longer has a segment's file (removed by retention, say)."""
        try:
            self._send("GET", f"/api/recordings/{segment_id}/file", headers={"Range": "bytes=0-0"})
        except ApiError as e:
            if e.status == 404:
                return True
            raise
        return False

    def download_segment(self, segment_id: int, dest: Path, reason: str,
                         progress: Callable[[int, int], None] | None = None) -> str:
        """A copy of a segment's file (on record with its reason); its SHA-256."""
        return self.download(f"/api/recordings/{segment_id}/file", dest, {"reason": reason}, progress)

    def snapshot(self, camera_id: int) -> bytes | None:
        """The camera's last picture; None when there is none yet or the recorder is away."""
        return self._picture(f"/api/cameras/{camera_id}/snapshot")

    # -- recordings and events -------------------------------------------------------------

    def recordings(self, camera_id: int, start: datetime | None = None, end: datetime | None = None,
                   limit: int | None = None, timeout: float | None = None) -> list[m.Segment]:
        return self._as(list[m.Segment], self.call("GET", "/api/recordings", timeout=timeout,
                                                   params=_query(camera_id=camera_id, start=start, end=end, limit=limit)))

    def recording_days(self, camera_id: int) -> m.RecordedDays:
        """The days that have footage, with how much."""
        return self._as(m.RecordedDays, self.call("GET", "/api/recordings/days", params={"camera_id": camera_id}))

    def delete_day(self, camera_id: int, day: date | str) -> m.DayDeleted:
        """Delete a camera's footage of one day (its clips stay); slow on a full day."""
        return self._as(m.DayDeleted, self.call("DELETE", "/api/recordings/day", timeout=120,
                                                params=_query(camera_id=camera_id, day=day)))

    def events(self, camera_id: int | None = None, kind: str | None = None, q: str | None = None,
               start: datetime | str | None = None, end: datetime | str | None = None, limit: int | None = None,
               order: str | None = None) -> list[m.Event]:
        return self._as(list[m.Event], self.call("GET", "/api/events", params=_query(
            camera_id=camera_id, kind=kind, q=q, start=start, end=end, limit=limit, order=order)))

    def add_event(self, req: m.EventPost | dict) -> m.Event:
        return self._as(m.Event, self.call("POST", "/api/events", json=_body(req)))

    def event_snapshot(self, event_id: int) -> bytes | None:
        return self._picture(f"/api/events/{event_id}/snapshot")

    # -- storage ---------------------------------------------------------------------------

    def storage(self) -> m.Storage:
        """The disk, each camera's footage and how long it will last (slow on a big disk)."""
        return self._as(m.Storage, self.call("GET", "/api/storage", timeout=30))

    def cleanup_plan(self, camera_id: int | None = None, start: datetime | None = None,
                     end: datetime | None = None, limit: int | None = None) -> list[m.Deletion]:
        """What retention deleted in the period (the storage view's log)."""
        return self._as(list[m.Deletion], self.call("GET", "/api/storage/cleanup",
                                                    params=_query(camera_id=camera_id, start=start, end=end, limit=limit)))

    def sweep(self) -> m.Sweep:
        """Apply retention now."""
        return self._as(m.Sweep, self.call("POST", "/api/storage/sweep", timeout=300))

    # -- bookmarks -------------------------------------------------------------------------

    def bookmarks(self, camera_id: int | None = None, start: datetime | None = None, end: datetime | None = None,
                  protected: bool | None = None) -> list[m.Bookmark]:
        """The bookmarks overlapping the period, oldest first."""
        return self._as(list[m.Bookmark], self.call("GET", "/api/bookmarks", params=_query(
            camera_id=camera_id, start=start, end=end, protected=protected)))

    def add_bookmark(self, req: m.BookmarkIn | dict) -> m.Bookmark:
        return self._as(m.Bookmark, self.call("POST", "/api/bookmarks", json=_body(req)))

    def change_bookmark(self, bookmark_id: int, patch: m.BookmarkPatch | dict) -> m.Bookmark:
        return self._as(m.Bookmark, self.call("PATCH", f"/api/bookmarks/{bookmark_id}", json=_body(patch)))

    def delete_bookmark(self, bookmark_id: int) -> m.BookmarkDeleted:
        return self._as(m.BookmarkDeleted, self.call("DELETE", f"/api/bookmarks/{bookmark_id}"))

    def protection(self) -> m.ProtectionUse:
        """Footage held by protected bookmarks against the plan's hours."""
        return self._as(m.ProtectionUse, self.call("GET", "/api/bookmarks/protection"))

    # -- alarms ----------------------------------------------------------------------------

    def alarms(self, state: str | None = None, limit: int = 500) -> list[m.Alarm]:
        """The alarm queue, newest first."""
        return self._as(list[m.Alarm], self.call("GET", "/api/alarms", params=_query(state=state, limit=limit)))

    def alarm_changes(self, after: int = 0, wait: float = 0) -> m.AlarmChanges:
        """Alarms raised or changed after the change counter `after`, waiting up to `wait` s for one."""
        return self._as(m.AlarmChanges, self.call("GET", "/api/alarms/changes", params={"after": after, "wait": wait},
                                                  timeout=wait + self.timeout))

    def acknowledge_alarm(self, alarm_id: int, comment: str) -> m.Alarm:
        return self._as(m.Alarm, self.call("POST", f"/api/alarms/{alarm_id}/acknowledge", json={"comment": comment}))

    def alarm_rules(self) -> list[m.AlarmRule]:
        return self._as(list[m.AlarmRule], self.call("GET", "/api/alarms/rules"))

    def add_alarm_rule(self, rule: m.AlarmRuleIn | dict) -> m.AlarmRule:
        return self._as(m.AlarmRule, self.call("POST", "/api/alarms/rules", json=_body(rule)))

    def change_alarm_rule(self, rule_id: int, rule: m.AlarmRuleIn | dict) -> m.AlarmRule:
        return self._as(m.AlarmRule, self.call("PUT", f"/api/alarms/rules/{rule_id}", json=_body(rule)))

    def remove_alarm_rule(self, rule_id: int) -> m.AlarmRule:
        return self._as(m.AlarmRule, self.call("DELETE", f"/api/alarms/rules/{rule_id}"))

    def watchlist(self) -> m.WatchList:
        return self._as(m.WatchList, self.call("GET", "/api/alarms/watchlist"))

    def set_watchlist(self, plates: m.WatchList | dict) -> m.WatchList:
        """The plates watched for, replaced as a whole."""
        return self._as(m.WatchList, self.call("PUT", "/api/alarms/watchlist", json=_body(plates)))

    # -- clips -----------------------------------------------------------------------------

    def make_clip(self, req: m.ClipIn | dict) -> m.Clip:
        """Start making a clip; its row comes back at once, state "extracting"."""
        return self._as(m.Clip, self.call("POST", "/api/clips", json=_body(req), timeout=30))

    def clips(self, camera_id: int | None = None) -> list[m.Clip]:
        return self._as(list[m.Clip], self.call("GET", "/api/clips", params=_query(camera_id=camera_id)))

    def clip(self, clip_id: int, wait: float = 0) -> m.Clip:
        """A clip's row; with wait, the recorder answers once it changed or wait seconds passed."""
        return self._as(m.Clip, self.call("GET", f"/api/clips/{clip_id}", timeout=wait + 15,
                                          params={"wait": wait} if wait else None))

    def clip_url(self, clip_id: int) -> PlayerSource:
        """A clip for a player: viewing, on record as the playback of its period (no reason)."""
        return self._player_url(f"/api/clips/{clip_id}/file", view="true")

    def download_clip(self, clip_id: int, dest: Path, reason: str,
                      progress: Callable[[int, int], None] | None = None) -> str:
        """A copy of a clip's file (on record with its reason); its SHA-256."""
        return self.download(f"/api/clips/{clip_id}/file", dest, {"reason": reason}, progress)

    def rename_clip(self, clip_id: int, name: str) -> m.Clip:
        return self._as(m.Clip, self.call("PATCH", f"/api/clips/{clip_id}", json=_body(m.ClipPatch(name=name))))

    def delete_clip(self, clip_id: int) -> m.ClipDeleted:
        return self._as(m.ClipDeleted, self.call("DELETE", f"/api/clips/{clip_id}"))

    # -- operators -------------------------------------------------------------------------

    def login(self, username: str, password: str) -> m.Session:
        """Open a session; the client then calls as that user."""
        out = m.Session.model_validate(self.call("POST", "/api/login", json=_body(
            m.LoginIn(username=username, password=password))))
        self.use_token(out.token)
        return out if self.typed else out.model_dump(mode="json")

    def setup(self, username: str, password: str) -> m.Session:
        """The first administrator of a recorder with no account yet (on its own machine); logs in."""
        out = m.Session.model_validate(self.call("POST", "/api/setup", json=_body(
            m.SetupIn(username=username, password=password))))
        self.use_token(out.token)
        return out if self.typed else out.model_dump(mode="json")

    def session(self) -> m.Session:
        return self._as(m.Session, self.call("GET", "/api/session"))

    def logout(self) -> m.SessionsEnded:
        return self._as(m.SessionsEnded, self.call("POST", "/api/logout"))

    def users(self) -> list[m.User]:
        return self._as(list[m.User], self.call("GET", "/api/users"))

    def add_user(self, req: m.UserIn | dict) -> m.User:
        return self._as(m.User, self.call("POST", "/api/users", json=_body(req)))

    def change_user(self, name: str, req: m.UserPatch | dict) -> m.User:
        return self._as(m.User, self.call("PATCH", f"/api/users/{quote(name, safe='')}", json=_body(req)))

    def remove_user(self, name: str) -> m.User:
        return self._as(m.User, self.call("DELETE", f"/api/users/{quote(name, safe='')}"))

    def end_sessions(self, name: str) -> m.SessionsEnded:
        """Log a user out everywhere."""
        return self._as(m.SessionsEnded, self.call("POST", f"/api/users/{quote(name, safe='')}/logout"))

    # -- the site: its plan and the settings every client follows ---------------------------------

    def plan(self) -> m.SitePlan:
        return self._as(m.SitePlan, self.call("GET", "/api/plan"))

    def set_plan(self, name: str) -> m.SitePlan:
        return self._as(m.SitePlan, self.call("PUT", "/api/plan", json={"name": name}))

    def site_settings(self) -> m.SiteSettings:
        return self._as(m.SiteSettings, self.call("GET", "/api/settings"))

    def change_site_settings(self, req: m.SiteSettingsPatch | dict) -> m.SiteSettings:
        return self._as(m.SiteSettings, self.call("PATCH", "/api/settings", json=_body(req)))

    # -- the audit trail -------------------------------------------------------------------

    def audit(self, start: datetime | None = None, end: datetime | None = None, user: str | None = None,
              action: str | None = None, camera_id: int | None = None, before_id: int | None = None,
              limit: int | None = None) -> list[m.AuditEntry]:
        """Entries matching every filter given, newest first (before_id pages back)."""
        return self._as(list[m.AuditEntry], self.call("GET", "/api/audit", params=_query(
            start=start, end=end, user=user, action=action, camera_id=camera_id, before_id=before_id, limit=limit)))

    def audit_csv(self, start: datetime | None = None, end: datetime | None = None, user: str | None = None,
                  action: str | None = None, camera_id: int | None = None, limit: int | None = None) -> str:
        """The same entries as CSV text (the export is itself in the trail)."""
        return self._send("GET", "/api/audit.csv", timeout=120, params=_query(
            start=start, end=end, user=user, action=action, camera_id=camera_id, limit=limit)).text

    def audit_verify(self) -> m.AuditCheck:
        """Walk the whole chain; slow on millions of entries."""
        return self._as(m.AuditCheck, self.call("GET", "/api/audit/verify", timeout=600))
