"""The alarm queue: rules, the watch list, and alarms raised from the events table.

The queue follows the events table rather than hooks in each place that writes an event: the
outage, the disk guard, motion and a posted plate all land there already, from this process
or another (the command line), and a missed hook would be a silent alarm. Every change to an
alarm takes the next value of a change counter (seq), so a workstation asks "what changed after
seq N" and waits for the answer (GET /api/alarms/changes)."""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from recorder.alarms.rules import KIND_EVENTS, armed, normalize_plate, watched
from recorder.errors import Conflict, InputError, NotFound, has_controls
from recorder.index.models import Alarm, AlarmRule, Event, Setting, WatchedPlate, utcnow
from vms_api.enums import AlarmKind, AlarmState
from vms_api.errors import ErrorCode

log = logging.getLogger(__name__)
POLL_S = 0.25  # how often new events are looked at: an alarm is on screen within a second
SEEN_KEY = "alarms_event_seen"  # the last event the queue has looked at
BATCH = 500
# Kinds that gather into one open alarm per rule and camera (a flapping camera, a long stretch
# of motion): the guard acknowledges once. Every plate on the list is an alarm of its own.
GATHERED = frozenset({AlarmKind.OFFLINE, AlarmKind.RECORDING, AlarmKind.DISK, AlarmKind.MOTION})


def rule_dict(r: AlarmRule) -> dict:
    return {"id": r.id, "name": r.name, "kind": r.kind, "camera_ids": json.loads(r.cameras) if r.cameras else None,
            "days": json.loads(r.days), "start": r.start, "end": r.end, "escalate_after_s": r.escalate_after_s,
            "enabled": r.enabled, "created_by": r.created_by}


def alarm_dict(a: Alarm) -> dict:
    def iso(t: datetime | None) -> str | None:
        return t.isoformat() if t else None
    return {"id": a.id, "seq": a.seq, "rule_id": a.rule_id, "rule_name": a.rule_name, "kind": a.kind,
            "camera_id": a.camera_id, "event_id": a.event_id, "at": iso(a.at), "last_at": iso(a.last_at),
            "count": a.count, "label": a.label, "state": a.state, "escalate_at": iso(a.escalate_at),
            "acknowledged_by": a.acknowledged_by, "acknowledged_at": iso(a.acknowledged_at), "comment": a.comment}


def _check_rule(fields: dict) -> None:
    name = fields.get("name") or ""
    if not name.strip() or has_controls(name):
        raise InputError(ErrorCode.ALARM_RULE_NAME_INVALID, "the rule needs a name without control characters")
    if not fields.get("days"):
        raise InputError(ErrorCode.ALARM_RULE_NO_DAYS, "the rule is armed on no day")


def _visible(q, cameras: list[int] | None):
    """Only alarms of these cameras, and the recorder's own (the disk)."""
    if cameras is None:
        return q
    return q.where(Alarm.camera_id.is_(None) | Alarm.camera_id.in_(cameras))


class Alarms:
    def __init__(self, sessions: sessionmaker[Session], tz=None):
        """tz: the site's time zone, for armed hours (the machine's by default)."""
        self.sessions = sessions
        self.tz = tz
        # Alarm rows are written by the follower and by acknowledgements; one at a time, so the
        # change counter is read and bumped in one step (SQLite takes its write lock late).
        self._write = threading.Lock()

    # -- rules ----------------------------------------------------------------------------------

    def rules(self) -> list[dict]:
        with self.sessions() as s:
            return [rule_dict(r) for r in s.scalars(select(AlarmRule).order_by(AlarmRule.id))]

    def _rule(self, s: Session, rule_id: int) -> AlarmRule:
        row = s.get(AlarmRule, rule_id)
        if row is None:
            raise NotFound(ErrorCode.ALARM_RULE_NOT_FOUND, f"no alarm rule {rule_id}", rule_id=rule_id)
        return row

    @staticmethod
    def _set(row: AlarmRule, fields: dict) -> None:
        row.name, row.kind = fields["name"].strip(), str(fields["kind"])
        row.cameras = json.dumps(sorted(set(fields["camera_ids"]))) if fields.get("camera_ids") is not None else None
        row.days = json.dumps(sorted(set(fields["days"])))
        row.start, row.end = fields["start"], fields["end"]
        row.escalate_after_s, row.enabled = fields["escalate_after_s"], fields["enabled"]

    def add_rule(self, fields: dict, by: str) -> dict:
        _check_rule(fields)
        with self.sessions.begin() as s:
            row = AlarmRule(created_by=by)
            self._set(row, fields)
            s.add(row)
            s.flush()
            return rule_dict(row)

    def change_rule(self, rule_id: int, fields: dict) -> tuple[dict, dict]:
        """The rule replaced by fields: (before, after)."""
        _check_rule(fields)
        with self.sessions.begin() as s:
            row = self._rule(s, rule_id)
            before = rule_dict(row)
            self._set(row, fields)
            s.flush()
            return before, rule_dict(row)

    def remove_rule(self, rule_id: int) -> dict:
        """The rule goes; the alarms it raised stay in the queue (they name it)."""
        with self.sessions.begin() as s:
            row = self._rule(s, rule_id)
            gone = rule_dict(row)
            s.delete(row)
            return gone

    # -- the watch list -------------------------------------------------------------------------

    def watchlist(self) -> list[dict]:
        with self.sessions() as s:
            return [{"plate": p.plate, "note": p.note} for p in s.scalars(select(WatchedPlate).order_by(WatchedPlate.plate))]

    def set_watchlist(self, plates: list[dict]) -> tuple[int, int]:
        """The list replaced as a whole (an imported list is the list): (count before, after)."""
        rows: dict[str, str | None] = {}
        for p in plates:
            plate = normalize_plate(p["plate"])
            if not 4 <= len(plate) <= 20:
                raise InputError(ErrorCode.WATCHLIST_PLATE_INVALID, f"{p['plate']!r} is not a plate",
                                 plate=p["plate"])
            rows[plate] = (p.get("note") or "").strip() or rows.get(plate)
        with self.sessions.begin() as s:
            before = s.scalar(select(func.count()).select_from(WatchedPlate)) or 0
            s.execute(delete(WatchedPlate))
            s.add_all(WatchedPlate(plate=k, note=v) for k, v in rows.items())
        return before, len(rows)

    # -- the queue ------------------------------------------------------------------------------

    def list(self, state: AlarmState | None = None, cameras: list[int] | None = None, limit: int = 500) -> list[dict]:
        """Alarms, the newest first."""
        q = _visible(select(Alarm), cameras).order_by(Alarm.id.desc()).limit(limit)
        if state is not None:
            q = q.where(Alarm.state == str(state))
        with self.sessions() as s:
            return [alarm_dict(a) for a in s.scalars(q)]

    def changes(self, after: int, cameras: list[int] | None = None, limit: int = 500) -> dict:
        """Alarms raised or changed after the change counter after, oldest change first; seq: the
        counter to ask from next time."""
        with self.sessions() as s:
            rows = list(s.scalars(_visible(select(Alarm).where(Alarm.seq > after), cameras)
                                  .order_by(Alarm.seq).limit(limit)))
            top = s.scalar(select(func.max(Alarm.seq))) or 0
        # A full page: ask again from its last change. Else the newest counter, also when `after`
        # is past it (an index made anew): the workstation follows from there.
        seq = rows[-1].seq if len(rows) == limit else top
        return {"seq": seq, "alarms": [alarm_dict(a) for a in rows]}

    def get(self, alarm_id: int) -> dict:
        with self.sessions() as s:
            return alarm_dict(self._alarm(s, alarm_id))

    @staticmethod
    def _alarm(s: Session, alarm_id: int) -> Alarm:
        row = s.get(Alarm, alarm_id)
        if row is None:
            raise NotFound(ErrorCode.ALARM_NOT_FOUND, f"no alarm {alarm_id}", alarm_id=alarm_id)
        return row

    def acknowledge(self, alarm_id: int, by: str, comment: str) -> dict:
        comment = (comment or "").strip()
        if not comment:
            raise InputError(ErrorCode.ALARM_COMMENT_REQUIRED, "say what was done: an acknowledgement needs a comment")
        with self._write, self.sessions.begin() as s:
            row = self._alarm(s, alarm_id)
            if row.state == AlarmState.ACKNOWLEDGED:
                raise Conflict(ErrorCode.ALARM_ALREADY_ACKNOWLEDGED,
                               f"alarm {alarm_id} was acknowledged by {row.acknowledged_by}",
                               alarm_id=alarm_id, by=row.acknowledged_by)
            row.state, row.acknowledged_by, row.acknowledged_at = AlarmState.ACKNOWLEDGED, by, utcnow()
            row.comment = comment
            row.seq = self._next_seq(s)
            s.flush()
            return alarm_dict(row)

    @staticmethod
    def _next_seq(s: Session) -> int:
        return (s.scalar(select(func.max(Alarm.seq))) or 0) + 1

    # -- raising --------------------------------------------------------------------------------

    def follow(self, stopping: threading.Event) -> None:
        """Raise alarms from new events until stopping is set (a thread of the recorder)."""
        while not stopping.is_set():
            try:
                while self.raise_from_events() == BATCH:
                    pass
            except Exception:  # a locked or failing index: said, and tried again
                log.exception("raising alarms failed; trying again")
            stopping.wait(POLL_S)

    def raise_from_events(self) -> int:
        """Alarms for the events written since the last look; how many events were looked at.
        The first look ever starts from the newest event: the past raises nothing."""
        with self._write, self.sessions.begin() as s:
            seen = s.get(Setting, SEEN_KEY)
            if seen is None:
                top = s.scalar(select(func.max(Event.id))) or 0
                s.add(Setting(key=SEEN_KEY, value=str(top)))
                return 0
            events = list(s.scalars(select(Event).where(Event.id > int(seen.value)).order_by(Event.id).limit(BATCH)))
            if not events:
                return 0
            rules = [r for r in s.scalars(select(AlarmRule).where(AlarmRule.enabled.is_(True)))]
            plates = ({p.plate: p.note for p in s.scalars(select(WatchedPlate))}
                      if any(r.kind == AlarmKind.PLATE for r in rules) else {})
            for ev in events:
                for rule in rules:
                    label = self._matches(rule, ev, plates)
                    if label is not None:
                        self._raise(s, rule, ev, label)
            seen.value = str(events[-1].id)
            return len(events)

    def _matches(self, rule: AlarmRule, ev: Event, plates: dict[str, str | None]) -> str | None:
        """The alarm's label if the event is one of this rule's, else None."""
        kind = AlarmKind(rule.kind)
        if ev.kind not in KIND_EVENTS[kind]:
            return None
        cameras = json.loads(rule.cameras) if rule.cameras else None
        if cameras is not None and kind != AlarmKind.DISK and ev.camera_id not in cameras:
            return None
        local = ev.start.astimezone(self.tz)
        if not armed(local, json.loads(rule.days), rule.start, rule.end):
            return None
        if kind == AlarmKind.PLATE:
            hit = watched(ev.label or "", plates)
            if hit is None:
                return None
            listed, note = hit
            read = normalize_plate(ev.label or "")
            return " — ".join(x for x in (read if read == listed else f"{read} ≈ {listed}", note) if x)
        return ev.label or ev.kind

    def _raise(self, s: Session, rule: AlarmRule, ev: Event, label: str) -> None:
        kind = AlarmKind(rule.kind)
        if kind in GATHERED:
            row = s.scalar(select(Alarm).where(Alarm.state == AlarmState.OPEN, Alarm.rule_id == rule.id,
                                               Alarm.camera_id.is_(ev.camera_id) if ev.camera_id is None
                                               else Alarm.camera_id == ev.camera_id))
            if row is not None:
                row.count += 1
                row.last_at, row.label, row.event_id = max(row.last_at, ev.start), label, ev.id
                row.seq = self._next_seq(s)
                s.flush()
                return
        at = ev.start if ev.start.tzinfo else ev.start.replace(tzinfo=UTC)
        s.add(Alarm(seq=self._next_seq(s), rule_id=rule.id, rule_name=rule.name, kind=kind, camera_id=ev.camera_id,
                    event_id=ev.id, at=at, last_at=at, count=1, label=label, state=AlarmState.OPEN,
                    escalate_at=max(at, utcnow()) + timedelta(seconds=rule.escalate_after_s)))
        s.flush()
        log.info("alarm: %s (camera %s): %s", rule.name, ev.camera_id, label)
