"""Who may do what: the operators' roles, the permissions each holds, and how many accounts a
plan allows. Both sides read it: the recorder enforces it on every route, the client only
hides what a user cannot use."""

from __future__ import annotations

from enum import StrEnum

from vms_api.enums import Plan


class Role(StrEnum):
    ADMIN = "admin"  # everything: users, settings, footage
    SUPERVISOR = "supervisor"  # everything on footage and the audit trail; no settings
    OPERATOR = "operator"  # live, playback, events, clips; no deletion, no settings
    VIEWER = "viewer"  # live only


class Permission(StrEnum):
    LIVE = "live"  # live video and the cameras' pictures
    PLAYBACK = "playback"  # recorded footage and its index
    EVENTS = "events"  # the event list, posting events
    CLIPS = "clips"  # making, listing, renaming and downloading clips
    DELETE = "delete"  # deleting clips and recorded days
    AUDIT = "audit"  # reading and exporting the audit trail
    SETTINGS = "settings"  # cameras, retention, motion, the plan, storage
    USERS = "users"  # accounts and their roles


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.SUPERVISOR: frozenset({Permission.LIVE, Permission.PLAYBACK, Permission.EVENTS, Permission.CLIPS,
                                Permission.DELETE, Permission.AUDIT}),
    Role.OPERATOR: frozenset({Permission.LIVE, Permission.PLAYBACK, Permission.EVENTS, Permission.CLIPS}),
    Role.VIEWER: frozenset({Permission.LIVE}),
}

# Accounts a plan allows (the seeds' plans count users).
USER_LIMITS: dict[Plan, int] = {Plan.BASIC: 3, Plan.PRO: 5, Plan.PREMIUM: 10}
# Hours of footage protected bookmarks may hold against retention, all cameras together: held
# footage is disk that recording cannot reuse, so a plan bounds it as it bounds clips.
PROTECTED_HOURS: dict[Plan, float] = {Plan.BASIC: 24, Plan.PRO: 72, Plan.PREMIUM: 240}
