"""Action tracks: every sighting of an action across logs and minutes, tied into tracks.

`build_action_tracks` follows each action from the minutes that raised it
through the action logs that report on it; `summarise_track` gives a track's
current state, and `refresh_track_dates` recomputes its days open and
whether it is overdue (after a review corrects its due date).
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from functools import lru_cache

import pandas as pd

from extractors.organisation import body_key as _body_key
from flows.similarity import similarity as _similarity

from .context import Context, as_int, heading_date, minute_key, records, squash
from .schemas import Sighting, Track, stable_id

# The same texts are compared again and again: score each pair once.
similarity = lru_cache(maxsize=200_000)(_similarity)
body_key = lru_cache(maxsize=10_000)(_body_key)


_CLOSED = re.compile(r"\b(?:complete[d]?|closed?|done|achieved|discharged|resolved|finished|delivered|"
                     r"actioned|superseded|no further action|removed from (?:the )?log)\b", re.I)
_OPEN_OVERRIDES = re.compile(r"\b(?:not|partially|partly|part)\s+(?:yet\s+)?(?:complete|closed|done|achieved)", re.I)


def action_state(status: str) -> str:
    """open or closed from a status as printed ("Completed", "In progress", "Ongoing", "")."""
    if status and _CLOSED.search(status) and not _OPEN_OVERRIDES.search(status):
        return "closed"
    return "open"


# Action logs are read before the meeting they are for; its minutes raise new actions.
_PAPER_ORDER = {"action_log": 0, "agenda": 1, "report": 2, "minutes": 3}


def _sighting(ctx: Context, row: dict) -> Sighting:
    mid, _org, body, when = ctx.meeting_key(row["doc_id"], row.get("part_id") or "")
    status = str(row.get("status_text") or "") or str(row.get("status") or "")
    part_type = ctx.part_type(row["doc_id"], row.get("part_id") or "")
    raised = ""
    if row.get("source") == "log" or part_type == "action_log":
        raised = heading_date(ctx.text_before(row["doc_id"], row.get("part_id") or "", row.get("char_start")))
        if raised and when and raised > when:
            raised = ""   # a heading after the paper's own meeting is not where the action arose
    return Sighting(
        sighting_id=row["action_id"], meeting_id=mid, body=body, meeting_date=when,
        raised_on=raised or when, part_type=part_type,
        organisation=ctx.organisation(row["doc_id"]), source=str(row.get("source") or ""), minute=str(row.get("minute") or ""),
        text=squash(row["text"]), owner=str(row.get("owner") or ""), due_date=str(row.get("due_date") or ""),
        status=status, state=action_state(status),
        doc_id=row["doc_id"], part_id=str(row.get("part_id") or ""), file=ctx.file(row["doc_id"]),
        page=as_int(row.get("page")), char_start=as_int(row.get("char_start")), char_end=as_int(row.get("char_end")),
        evidence=ctx.evidence(row["doc_id"], row.get("char_start"), row.get("char_end"), row["text"]))


def join_score(sighting: Sighting, track: list[Sighting]) -> tuple[float, str]:
    """How well a sighting continues a track; (0, "") when it does not.

    Same minute number and some shared words, or no contradicting number and
    most words shared, or a different number (an action number against a
    minute number) and nearly the same words.
    """
    last = track[-1]
    if sighting.body and last.body and body_key(sighting.body) != body_key(last.body):
        return 0.0, ""
    if sighting.organisation and last.organisation and sighting.organisation != last.organisation:
        return 0.0, ""
    if any((s.doc_id, s.part_id) == (sighting.doc_id, sighting.part_id) for s in track):
        return 0.0, ""   # one paper lists an action once: two rows of it are two actions
    score = max(similarity(sighting.text, s.text) for s in (track[0], last))
    a, b = minute_key(sighting.minute), minute_key(last.minute or track[0].minute)
    if a and b and a == b:
        return (score + 0.5, "minute+text") if score >= 0.25 else (0.0, "")
    # A log's minute column keeps the number the action arose under, so two log
    # rows with different numbers are different actions unless nearly the same
    # words; minutes restate an action under the new meeting's minute number.
    if a and b and sighting.source == "log" and any(s.source == "log" for s in track):
        return (score, "text") if score >= 0.8 else (0.0, "")
    return (score, "text") if score >= 0.55 else (0.0, "")


def build_action_tracks(ctx: Context, frames: dict[str, pd.DataFrame], as_of: str
                        ) -> tuple[list[Sighting], list[Track]]:
    sightings = [_sighting(ctx, row) for row in records(frames, "actions")]
    sightings.sort(key=lambda s: (s.meeting_date or "9999", _PAPER_ORDER.get(s.part_type, 2),
                                  s.file, s.char_start or 0))
    tracks: list[list[Sighting]] = []
    # Tracks by the (organisation, body) of their last sighting: a sighting is compared only
    # with tracks it may join (same organisation and body, or one of them unknown).
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)

    def key_of(x: Sighting) -> tuple[str, str]:
        return x.organisation, body_key(x.body)

    for s in sightings:
        org, mine = key_of(s)
        candidates = sorted(i for (o, b), ids in buckets.items()
                            if (not org or not o or o == org) and (not mine or not b or b == mine) for i in ids)
        best, best_score, how = None, 0.0, ""
        for i in candidates:
            track = tracks[i]
            last = track[-1]
            if last.meeting_date and s.meeting_date and last.meeting_date > s.meeting_date:
                continue
            score, why = join_score(s, track)
            if score > best_score:
                best, best_score, how = i, score, why
        if best is None:
            s.track_id, s.sequence, s.match = stable_id("track", s.sighting_id), 1, "first"
            tracks.append([s])
            buckets[key_of(s)].append(len(tracks) - 1)
        else:
            track = tracks[best]
            s.track_id, s.sequence, s.match = track[0].track_id, len(track) + 1, how
            s.similarity = round(min(best_score, 1.5) - (0.5 if how == "minute+text" else 0), 3)
            old_key = key_of(track[-1])
            track.append(s)
            if key_of(s) != old_key:
                buckets[old_key].remove(best)
                buckets[key_of(s)].append(best)
    return sightings, [summarise_track(t, as_of) for t in tracks]


def summarise_track(track: list[Sighting], as_of: str) -> Track:
    first, last = track[0], track[-1]
    closed_on = ""
    for s in track:   # the start of the final closed run
        if s.state == "closed" and not closed_on:
            closed_on = s.meeting_date
        elif s.state != "closed":
            closed_on = ""
    owner = next((s.owner for s in reversed(track) if s.owner), "")
    due = next((s.due_date for s in reversed(track) if s.due_date), "")
    t = Track(track_id=first.track_id, body=first.body,
              minute=next((s.minute for s in track if s.minute), ""), text=last.text,
              owner=owner, due_date=due, status=last.status, state=last.state,
              first_raised=min((s.raised_on for s in track if s.raised_on), default=""),
              first_meeting_id=first.meeting_id,
              last_seen=last.meeting_date, last_meeting_id=last.meeting_id, sightings=len(track),
              closed_on=closed_on if last.state == "closed" else "", as_of=as_of,
              first_file=first.file, first_page=first.page, doc_id=last.doc_id, file=last.file,
              page=last.page, char_start=last.char_start, char_end=last.char_end, evidence=last.evidence,
              owner_extracted=owner, due_date_extracted=due)
    refresh_track_dates(t)
    return t


def recompute_track(row: dict) -> tuple[int | None, bool]:
    """(days_open, overdue) of an action_tracks row whose dates changed (a reviewed due date)."""
    t = Track(track_id=row["track_id"], state=row["state"], due_date=row["due_date"],
              first_raised=row["first_raised"], closed_on=row["closed_on"], as_of=row["as_of"])
    refresh_track_dates(t)
    return t.days_open, t.overdue


def refresh_track_dates(t: Track) -> None:
    """days_open and overdue from the dates (again after a review corrects the due date)."""
    end = t.closed_on or t.as_of
    try:
        t.days_open = (date.fromisoformat(end) - date.fromisoformat(t.first_raised)).days if t.first_raised else None
    except ValueError:
        t.days_open = None
    t.overdue = bool(t.due_date) and t.state != "closed" and t.due_date < t.as_of
