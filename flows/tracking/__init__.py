"""Tracking across meetings: meetings, decisions, action_history, action_tracks.

The extracted tables hold one row per thing found in one paper.  These tables
follow things across papers:

- `meetings`: one row per (organisation, body, date) that any paper is for,
  linked to the previous and next meeting of the same body (meetings.py);
- `decisions`: each recommendation put to a meeting, linked to the
  resolution clause(s) the records of that meeting decided it by, and the
  resolutions no report in the corpus recommended (decisions.py);
- `action_history`, `action_tracks`: every sighting of an action tied into a
  track across successive logs and minutes, and each track's state
  (actions.py).

Row schemas are in schemas.py, the look-ups over the extracted frames in
context.py, and the run hooks (stored reviews, review.xlsx, report.html) in
hooks.py.  Every row carries file, page and the evidence line it came from.
"""
from __future__ import annotations

from extractors.organisation import body_key

from .actions import action_state, build_action_tracks, join_score, recompute_track, refresh_track_dates, summarise_track
from .build import TRACKING_TABLES, add_tracking, default_as_of
from .context import Context, heading_date, meeting_id, minute_key
from .decisions import build_decisions, decision_outcome, pair_score
from .hooks import prepare_tables, write_review_outputs
from .meetings import build_meetings, link_meetings
from .schemas import Decision, Meeting, Sighting, Track, stable_id

__all__ = ["Context", "Decision", "Meeting", "Sighting", "TRACKING_TABLES", "Track", "action_state", "add_tracking",
           "body_key", "build_action_tracks", "build_decisions", "build_meetings", "decision_outcome",
           "default_as_of", "heading_date", "join_score", "link_meetings", "meeting_id", "minute_key", "pair_score",
           "prepare_tables", "recompute_track", "refresh_track_dates", "stable_id", "summarise_track", "write_review_outputs"]
