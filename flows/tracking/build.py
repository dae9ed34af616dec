"""The tracking tables from the extracted frames: meetings, decisions, action history and tracks."""
from __future__ import annotations

import os
from collections import Counter
from datetime import date

import pandas as pd

from .actions import build_action_tracks
from .context import Context
from .decisions import build_decisions
from .meetings import build_meetings, meetings_with_records
from .schemas import Decision, Meeting, Sighting, Track, frame_of

TRACKING_TABLES = {"meetings": Meeting, "decisions": Decision,
                   "action_history": Sighting, "action_tracks": Track}


def default_as_of() -> str:
    """The day "overdue" is judged on: today, or MINUTEBOOK_AS_OF for reproducible runs."""
    return os.environ.get("MINUTEBOOK_AS_OF") or date.today().isoformat()


def add_tracking(frames: dict[str, pd.DataFrame], as_of: str | None = None) -> dict[str, pd.DataFrame]:
    """The tracking tables built from the extracted frames, added to (a copy of) `frames`."""
    as_of = as_of or default_as_of()
    ctx = Context(frames)
    meetings = build_meetings(ctx, frames)
    with_records = meetings_with_records(meetings)
    decisions = build_decisions(ctx, frames, with_records)
    sightings, tracks = build_action_tracks(ctx, frames, as_of)
    for d in decisions:
        d.minutes_found = d.meeting_id in with_records
    per_meeting = Counter(d.meeting_id for d in decisions)
    seen_at = Counter(s.meeting_id for s in sightings)
    for m in meetings:
        m.decisions, m.actions = per_meeting[m.meeting_id], seen_at[m.meeting_id]
    meetings.sort(key=lambda m: (m.meeting_date, m.organisation, m.body))
    out = dict(frames)
    out.update(meetings=frame_of(Meeting, meetings), decisions=frame_of(Decision, decisions),
               action_history=frame_of(Sighting, sightings), action_tracks=frame_of(Track, tracks))
    return out
