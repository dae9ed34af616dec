"""Row schemas of the tracking tables: one dataclass per table, and its typed frame.

`docs/tables.md` describes every column.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields

import pandas as pd


@dataclass
class Meeting:
    meeting_id: str                # stable: from the organisation's key, the body's key and the date
    body: str                      # one name within its organisation ("County Council" for "Full Council")
    meeting_date: str              # ISO
    organisation: str = ""         # the council or trust; "" when no paper of the meeting names one
    sequence: int = 0              # 1 = the body's earliest meeting in the corpus
    previous_meeting_id: str = ""
    previous_meeting_date: str = ""
    next_meeting_id: str = ""
    next_meeting_date: str = ""
    part_types: str = ""           # "; "-joined kinds of paper about it: agenda, minutes, report, ...
    parts: str = ""                # "; "-joined part_ids (or doc_ids of documents with no parts)
    files: str = ""                # "; "-joined source files
    decisions: int = 0             # rows of `decisions` for this meeting
    actions: int = 0               # sightings in `action_history` at this meeting
    file: str = ""                 # the minutes if the corpus has them, else the first paper
    page: int | None = None


@dataclass
class Decision:
    decision_id: str
    meeting_id: str = ""
    organisation: str = ""
    body: str = ""
    meeting_date: str = ""
    item_title: str = ""           # the minute's title, else the report's title
    outcome: str = ""              # agreed as recommended / agreed with amendment / deferred / noted /
                                   # not agreed / no decision found / awaiting minutes; for minutes only
                                   # rows agreed / noted / deferred / not agreed
    basis: str = ""                # matched / report only / minutes only
    minutes_found: bool = False    # the corpus holds the records (minutes or a decision record) of this meeting
    similarity: float | None = None  # recommendation-to-resolution text score, 0..1
    matched_by: str = ""           # wording / agenda item / all recommendations / proposed decision / noted item
    report_title: str = ""         # the recommendation's report (its Subject line) or agenda item
    minute_heading: str = ""       # the minute's heading in the records, e.g. "Revenue and Capital Budget Monitoring"
    item_similarity: float | None = None  # report title to minute heading, 0..1
    rec_id: str = ""
    recommendation: str = ""
    rec_verb: str = ""
    rec_file: str = ""
    rec_page: int | None = None
    res_id: str = ""
    resolution: str = ""
    res_verb: str = ""
    res_file: str = ""             # the records (minutes or decision record) the resolution is in
    res_page: int | None = None
    minute: str = ""
    vote: str = ""
    minutes_of: str = ""           # for approvals of earlier minutes: that meeting's date
    minutes_of_meeting_id: str = ""
    doc_id: str = ""               # the resolution's document, else the recommendation's
    file: str = ""
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    evidence: str = ""             # the line(s) of the paper the row rests on
    review: str = ""               # from stored reviews: correct / wrong / ""
    review_note: str = ""


@dataclass
class Sighting:
    sighting_id: str               # the action_id of the row in `actions`
    track_id: str = ""
    sequence: int = 0              # 1 = first sighting of the track
    match: str = ""                # first / minute+text / text: how it joined the track
    similarity: float | None = None
    meeting_id: str = ""
    organisation: str = ""
    body: str = ""
    meeting_date: str = ""         # the meeting of the paper it was seen in
    raised_on: str = ""            # the meeting it arose at: a log's "Meeting 24 June 2021" heading, else meeting_date
    part_type: str = ""
    source: str = ""               # marked / log / sentence
    minute: str = ""
    text: str = ""
    owner: str = ""
    due_date: str = ""
    status: str = ""               # as printed, else the extractor's status
    state: str = ""                # open / closed
    doc_id: str = ""
    part_id: str = ""
    file: str = ""
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    evidence: str = ""


@dataclass
class Track:
    track_id: str
    body: str = ""
    minute: str = ""
    text: str = ""                 # latest wording
    owner: str = ""                # latest owner (a reviewed owner wins)
    due_date: str = ""
    status: str = ""               # latest status as printed
    state: str = ""                # open / closed
    first_raised: str = ""         # ISO date of the meeting it arose at (earliest raised_on of its sightings)
    first_meeting_id: str = ""
    last_seen: str = ""
    last_meeting_id: str = ""
    sightings: int = 0
    closed_on: str = ""            # meeting date it was first seen closed (and stayed closed)
    days_open: int | None = None   # first_raised to closed_on, or to as_of while open
    overdue: bool = False          # due date before as_of and not closed
    as_of: str = ""
    first_file: str = ""
    first_page: int | None = None
    doc_id: str = ""               # latest sighting
    file: str = ""
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    evidence: str = ""
    owner_extracted: str = ""      # what the extractor said, kept when a review corrects it
    due_date_extracted: str = ""
    review: str = ""
    review_note: str = ""


def frame_of(cls, rows: list) -> pd.DataFrame:
    cols = [f.name for f in fields(cls)]
    df = pd.DataFrame([asdict(r) for r in rows], columns=cols)
    for f in fields(cls):
        if f.type in ("int", "int | None"):
            df[f.name] = pd.to_numeric(df[f.name], errors="coerce").astype("Int64")
        elif f.type == "float | None":
            df[f.name] = pd.to_numeric(df[f.name], errors="coerce").astype("Float64")
        elif f.type == "bool":
            df[f.name] = df[f.name].astype("boolean")
        else:
            df[f.name] = df[f.name].astype("string").fillna("")
    return df


def stable_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


