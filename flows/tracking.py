"""Tracking across meetings: meetings, decisions, action_history, action_tracks.

The extracted tables hold one row per thing found in one paper.  These tables
follow things across papers (issue 7):

- `meetings`: one row per (body, date) that any part of the corpus speaks of,
  linked to the previous and next meeting of the same body;
- `decisions`: each recommendation put to a meeting, paired with the
  resolution the minutes of that meeting record for it, and the resolutions
  no report in the corpus recommended;
- `action_history`: every sighting of an action (a marked minute, a row of an
  action log) tied into a track across successive logs and minutes;
- `action_tracks`: one row per track: first raised, last seen, current
  status, days open, overdue.

Every row carries file, page and the evidence line it came from, so an
officer can check it.  The functions work on the frames `build_frames`
makes, so they are tested on small frames built from corpus sentences.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, fields
from datetime import date

import pandas as pd

from functools import lru_cache

from flows.similarity import similarity as _similarity

# The same texts are compared again and again (every recommendation against every resolution
# of its meeting, a cover sheet's copy, the same paper in several packs): score each pair once.
similarity = lru_cache(maxsize=200_000)(_similarity)


# ---------------------------------------------------------------- row classes
@dataclass
class Meeting:
    meeting_id: str                # stable: from the body's key and the date
    body: str                      # as printed in the papers
    meeting_date: str              # ISO
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
    body: str = ""
    meeting_date: str = ""
    item_title: str = ""           # the minute's title, else the report's item title
    outcome: str = ""              # agreed as recommended / agreed with amendment / deferred / noted /
                                   # not agreed / no decision found / agreed (minutes only)
    basis: str = ""                # matched / report only / minutes only
    minutes_found: bool = False    # the corpus holds minutes of this meeting (else "no decision found" may mean "not yet")
    similarity: float | None = None  # recommendation-to-resolution text score, 0..1
    rec_id: str = ""
    recommendation: str = ""
    rec_verb: str = ""
    rec_file: str = ""
    rec_page: int | None = None
    res_id: str = ""
    resolution: str = ""
    res_verb: str = ""
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


TRACKING_TABLES = {"meetings": Meeting, "decisions": Decision,
                   "action_history": Sighting, "action_tracks": Track}


def _frame(cls, rows: list) -> pd.DataFrame:
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


# ---------------------------------------------------------------- context
def body_key(body: str) -> str:
    """Bodies compare without case, articles and punctuation: "The Cabinet" = "CABINET"."""
    words = re.findall(r"[a-z0-9]+", (body or "").lower().replace("&", " and "))
    return " ".join(w for w in words if w not in ("the", "meeting", "of") or len(words) < 2)


def minute_key(minute: str) -> str:
    """"45." and "45" and "Min 45" are one minute number."""
    m = re.search(r"[A-Za-z]*\d+(?:[./]\d+)*", minute or "")
    return m.group(0).strip(".").lower() if m else ""


class Context:
    """Look-ups over the extracted frames: where a row sits and what it says."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        def rows(name):
            df = frames.get(name)
            return [] if df is None else df.to_dict("records")
        self.docs = {d["doc_id"]: d for d in rows("documents")}
        self.parts = {p["part_id"]: p for p in rows("parts") if p.get("part_id")}
        self.items = {i["item_id"]: i for i in rows("items") if i.get("item_id")}
        self._subjects: dict[str, str] = {}
        self.pages: dict[str, list[dict]] = defaultdict(list)
        for p in rows("pages"):
            self.pages[p["doc_id"]].append(p)

    def file(self, doc_id: str) -> str:
        return str(self.docs.get(doc_id, {}).get("source_path", "") or "")

    def body(self, doc_id: str) -> str:
        return str(self.docs.get(doc_id, {}).get("body", "") or "")

    def meeting_of(self, doc_id: str, part_id: str = "") -> tuple[str, str]:
        """(body, ISO date) of the meeting a row's paper is for: its part's date, else its document's."""
        part = self.parts.get(part_id or "") or {}
        when = str(part.get("meeting_date") or "") or str(self.docs.get(doc_id, {}).get("meeting_date") or "")
        return self.body(doc_id), when

    def part_type(self, doc_id: str, part_id: str = "") -> str:
        part = self.parts.get(part_id or "")
        if part:
            return str(part.get("part_type") or "")
        return str(self.docs.get(doc_id, {}).get("doc_type") or "")

    def subject(self, doc_id: str) -> str:
        """A report's "Subject:" / "Report title:" line near its top, or ""."""
        if doc_id not in self._subjects:
            head = "\n".join(str(p.get("text") or "") for p in self.pages.get(doc_id, [])[:2])[:4000]
            m = _SUBJECT.search(head)
            self._subjects[doc_id] = _squash(m.group(1)) if m else ""
        return self._subjects[doc_id]

    def topic(self, row: dict) -> str:
        """What a row is about: a report's subject line, else its item's title, its part's, its document's."""
        doc_id = row.get("doc_id") or ""
        item = self.items.get(row.get("item_id") or "") or {}
        part = self.parts.get(row.get("part_id") or "") or {}
        subject = self.subject(doc_id)
        if subject and self.part_type(doc_id, row.get("part_id") or "") == "report":
            return subject
        for title in (item.get("title"), part.get("title"), subject,
                      self.docs.get(doc_id, {}).get("title")):
            if title:
                return str(title)
        return ""

    def text_before(self, doc_id: str, part_id: str, start, window: int = 20000) -> str:
        """The page text before `start`, within the row's part: where a log's block heading sits."""
        if start is None or pd.isna(start):
            return ""
        start = int(start)
        floor = int((self.parts.get(part_id or "") or {}).get("char_start") or 0)
        chunks = []
        for page in self.pages.get(doc_id, []):
            ps, pe = int(page["char_start"]), int(page["char_end"])
            if pe > max(floor, start - window) and ps < start:
                text = str(page.get("text") or "")
                chunks.append(text[max(floor, start - window, ps) - ps: start - ps])
        return "\n".join(chunks)

    def evidence(self, doc_id: str, start, end, fallback: str = "", limit: int = 600) -> str:
        """The whole line(s) of the page text holding the span: the sentence an officer checks."""
        if start is None or end is None or pd.isna(start) or pd.isna(end):
            return _squash(fallback)
        start, end = int(start), int(end)
        for page in self.pages.get(doc_id, []):
            ps, pe = int(page["char_start"]), int(page["char_end"])
            if ps <= start < max(pe, ps + 1):
                text = str(page.get("text") or "")
                a, b = start - ps, min(end, pe) - ps
                line_start = text.rfind("\n", 0, max(a, 0)) + 1
                line_end = text.find("\n", max(b, a))
                line = text[line_start: len(text) if line_end < 0 else line_end]
                if len(line) > limit:   # a long paragraph: a window around the span
                    lo = max(0, a - line_start - limit // 3)
                    line = line[lo: lo + limit]
                return _squash(line) or _squash(fallback)
        return _squash(fallback)


# "Subject: Revenue and Capital Budget Monitoring Report", "Report title: ...", "Title of report: ..."
_SUBJECT = re.compile(r"^\W*(?:subject|report title|title of (?:the )?report|title)\s*:\s*(\S[^\n]{3,200})$",
                      re.I | re.M)
# "Meeting 24 June 2021", "Meeting date: 22/09/2021", "Committee date 14 October 2021": a log's block heading.
_LOG_HEADING = re.compile(
    r"^[ \t*#|-]*(?:meeting|committee|date of meeting)(?:\s+(?:date|held(?:\s+on)?))?\s*[:\-–]?\s*"
    r"(?:\w+day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s/.-]+([A-Za-z]{3,9}|\d{1,2})[\s/.-]+(\d{4}|\d{2})\b",
    re.I | re.M)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), start=1)}


def heading_date(text: str) -> str:
    """ISO date of the last log block heading in `text` ("Meeting 22 September 2021"), or ""."""
    found = ""
    for m in _LOG_HEADING.finditer(text):
        day, month, year = m.groups()
        month_no = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
        year_no = int(year) + (2000 if len(year) == 2 else 0)
        try:
            found = date(year_no, month_no or 0, int(day)).isoformat()
        except (TypeError, ValueError):
            continue
    return found


def _squash(text) -> str:
    """One line: table cells (tab-separated in converted text) joined by " | ", HTML tags dropped."""
    text = re.sub(r"</?p>", " ", str(text or ""))
    cells = [" ".join(c.split()) for c in text.split("\t")]
    return " | ".join(c for c in cells if c)


def meeting_id(body: str, when: str) -> str:
    return stable_id("meeting", body_key(body), when) if when else ""


def _int(value):
    return None if value is None or pd.isna(value) else int(value)


# ---------------------------------------------------------------- meetings
def build_meetings(ctx: Context, frames: dict[str, pd.DataFrame]) -> list[Meeting]:
    """One meeting per (body, date) any part speaks of; linked in date order per body."""
    mentions: dict[str, list[tuple[str, str, str, str, int | None]]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}       # meeting_id -> (body as first printed, date)

    def mention(body, when, kind, part_id, doc_id, page):
        mid = meeting_id(body, when)
        names.setdefault(mid, (body, when))
        mentions[mid].append((kind or "other", part_id, doc_id, ctx.file(doc_id), page))

    dated_docs = set()
    for part in ctx.parts.values():
        body, when = ctx.meeting_of(part["doc_id"], part["part_id"])
        if when:
            mention(body, when, part.get("part_type"), part["part_id"], part["doc_id"],
                    _int(part.get("page_start")))
            dated_docs.add(part["doc_id"])
    for doc in ctx.docs.values():
        when = str(doc.get("meeting_date") or "")
        if doc.get("status", "ok") == "ok" and doc["doc_id"] not in dated_docs and when:
            mention(ctx.body(doc["doc_id"]), when, doc.get("doc_type"), doc["doc_id"], doc["doc_id"], 1)
    res = frames.get("resolutions")
    for row in ([] if res is None else res.to_dict("records")):
        if row.get("minutes_of"):   # minutes approving an earlier meeting's minutes speak of it
            mention(ctx.body(row["doc_id"]), row["minutes_of"], "minutes approved",
                    row.get("part_id") or row["doc_id"], row["doc_id"], _int(row.get("page")))

    meetings = []
    for mid, found in mentions.items():
        body, when = names[mid]
        preferred = sorted(found, key=lambda f: (f[0] != "minutes", f[0] == "minutes approved"))[0]
        meetings.append(Meeting(
            meeting_id=mid, body=body, meeting_date=when,
            part_types="; ".join(dict.fromkeys(f[0] for f in found)),
            parts="; ".join(dict.fromkeys(f[1] for f in found)),
            files="; ".join(dict.fromkeys(f[3] for f in found)),
            file=preferred[3], page=preferred[4]))
    link_meetings(meetings)
    return meetings


def link_meetings(meetings: list[Meeting]) -> None:
    """Number each body's meetings in date order and link each to its neighbours."""
    by_body: dict[str, list[Meeting]] = defaultdict(list)
    for m in meetings:
        by_body[body_key(m.body)].append(m)
    for group in by_body.values():
        group.sort(key=lambda m: m.meeting_date)
        for i, m in enumerate(group):
            m.sequence = i + 1
            if i:
                m.previous_meeting_id, m.previous_meeting_date = group[i - 1].meeting_id, group[i - 1].meeting_date
            if i + 1 < len(group):
                m.next_meeting_id, m.next_meeting_date = group[i + 1].meeting_id, group[i + 1].meeting_date


# ---------------------------------------------------------------- decisions
# "RESOLVED that the recommendations in the report be agreed": one resolution for every clause.
_ALL_RECOMMENDATIONS = re.compile(
    r"\brecommendations?\b[^.;]{0,80}\b(?:agreed|approved|adopted|endorsed|accepted|supported)\b|"
    r"\b(?:agree|approve|adopt|endorse|accept|support)d?\b[^.;]{0,40}\brecommendations?\b", re.I)
# "Cabinet is asked to consider and agree to the proposed decision, as detailed in the attached PROD".
_GENERIC_REC = re.compile(r"\bproposed decision\b|\bas detailed in the (?:attached|report)\b|"
                          r"\brecommendations? (?:as )?set out\b|\brecommendations? (?:in|of) (?:the|this) report\b",
                          re.I)
_AMENDED = re.compile(r"\bamend(?:ed|ment)?\b|\bsubject to\b|\bwith the addition\b|\badditional recommendation", re.I)
_DEFERRED = re.compile(r"\b(?:defer(?:red)?|postpone[sd]?|adjourn(?:ed)?|withdrawn)\b", re.I)
_NOTED = re.compile(r"^\W*(?:(?:that\s+)?(?:the\s+\w+\s+)?(?:to\s+)?)?not(?:e|ed)\b|"
                    r"\bbe\s+(?:received|noted)\b|\breceived and noted\b|^\W*review and comment\b", re.I)
# Resolutions that take a paper in without approving anything: "Review and comment on the relevant sections".
_NOTING_VERBS = frozenset({"note", "noted", "receive", "received", "comment", "consider", "discuss"})
# "Cabinet considered the proposed amendments ... and endorsed the draft budget": noting, then deciding.
_ALSO_APPROVES = re.compile(r"\b(?:and|then)\s+(?:to\s+)?(?:agreed?|approved?|endorsed?|adopted?)\b", re.I)
MATCH_THRESHOLD = 0.45       # shared words a pair needs ...
TOPIC_THRESHOLD = 0.25       # ... or fewer, when the minute's title is the recommendation's topic
AS_RECOMMENDED = 0.7         # at or above this the wording is the recommendation's
_DATE_WORDS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
                         r"\.?,?\s+(\d{4})\b", re.I)


def dates_in(text: str) -> set[tuple[int, str, str]]:
    """Written dates as (day, month, year): "9th January 2025" = "9 January 2025"."""
    return {(int(d), m.lower(), y) for d, m, y in _DATE_WORDS.findall(text or "")}


def decision_outcome(rec_text: str, res: dict | None, score: float | None, generic: bool = False,
                     amended: bool = False) -> str:
    """The outcome of one recommendation given the resolution matched to it (pure rule).

    `amended`: the minutes record a carried amendment under the resolution's minute.
    """
    if res is None:
        return "no decision found"
    text, verb = str(res.get("text") or ""), str(res.get("verb") or "").lower()
    if (res.get("outcome") or "") in ("deferred", "withdrawn") or _DEFERRED.search(text):
        return "deferred"
    if (res.get("outcome") or "") == "lost":
        return "not agreed"
    if (verb in _NOTING_VERBS or _NOTED.search(text)) and not _ALSO_APPROVES.search(text):
        return "noted"
    if amended or _AMENDED.search(text):
        return "agreed with amendment"
    if generic or (score or 0) >= AS_RECOMMENDED:
        return "agreed as recommended"
    return "agreed with amendment"


def pair_score(rec: dict, res: dict, ctx: Context) -> tuple[float, bool]:
    """(score, generic) for one recommendation and one resolution of the same meeting; score 0 = no pair.

    Text similarity decides, helped by the topic (the minute's title against
    the recommendation's item and wording); two texts naming different dates
    ("minutes of 24 November" against "minutes of 22 September") never pair.
    """
    a, b = dates_in(rec["text"]), dates_in(res["text"])
    if a and b and not a & b:
        return 0.0, False
    score = similarity(rec["text"], res["text"])
    title = str(res.get("item_title") or "") or ctx.topic(res)
    topic = max(similarity(ctx.topic(rec), title), similarity(rec["text"], title)) if title else 0.0
    if topic >= 0.5 and (_ALL_RECOMMENDATIONS.search(res["text"]) or _GENERIC_REC.search(rec["text"])):
        return max(score, topic), True
    if score >= MATCH_THRESHOLD or (topic >= 0.5 and score >= TOPIC_THRESHOLD):
        return score, False
    return 0.0, False


def match_recommendations(recs: list[dict], ress: list[dict], ctx: Context
                          ) -> list[tuple[dict, dict | None, float | None, bool]]:
    """Pair each recommendation of one meeting with its best resolution of that meeting.

    A resolution may answer several clauses ("the recommendations be agreed"),
    so pairing is many-to-one.
    """
    out = []
    for rec in recs:
        best, best_score, best_generic = None, 0.0, False
        for res in ress:
            score, generic = pair_score(rec, res, ctx)
            if score > best_score:
                best, best_score, best_generic = res, score, generic
        out.append((rec, best, round(best_score, 3) if best is not None else None, best_generic))
    return out


def carried_amendments(frames) -> set[tuple[str, str]]:
    """(doc_id, minute) of every minute with an amendment that was not lost or withdrawn."""
    return {(m["doc_id"], minute_key(m.get("minute") or "")) for m in _records(frames, "motions")
            if m.get("kind") == "amendment" and (m.get("outcome") or "") not in ("lost", "withdrawn")
            and minute_key(m.get("minute") or "")}


def build_decisions(ctx: Context, frames: dict[str, pd.DataFrame]) -> list[Decision]:
    recs = _records(frames, "recommendations")
    ress = _records(frames, "resolutions")
    groups: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for rec in recs:
        groups[_meeting_key(ctx, rec)][0].append(rec)
    for res in ress:
        groups[_meeting_key(ctx, res, "resolution")][1].append(res)

    amended = carried_amendments(frames)
    decisions = []
    for _key, (g_recs, g_ress) in groups.items():
        used = set()
        for rec, res, score, generic in match_recommendations(g_recs, g_ress, ctx):
            if res is not None:
                used.add(res["res_id"])
            was_amended = res is not None and (res["doc_id"], minute_key(res.get("minute") or "")) in amended
            decisions.append(_decision(ctx, rec, res, score,
                                       decision_outcome(rec["text"], res, score, generic, was_amended)))
        for res in g_ress:
            if res["res_id"] not in used:
                decisions.append(_decision(ctx, None, res, None, _minutes_only_outcome(res)))
    decisions.sort(key=lambda d: (d.meeting_date, d.file, d.char_start or 0))
    return decisions


def _minutes_only_outcome(res: dict) -> str:
    outcome = decision_outcome("", res, 1.0)
    return "agreed" if outcome == "agreed as recommended" else outcome


def _meeting_key(ctx: Context, row: dict, kind: str = "") -> str:
    body, when = _decision_meeting(ctx, row, kind)
    return meeting_id(body, when) or f"doc:{row['doc_id']}"


def _decision_meeting(ctx: Context, row: dict, kind: str) -> tuple[str, str]:
    """(body, date) a recommendation is put to, or a resolution was made at.

    A resolution quoted in a report ("the Scrutiny Committee resolved to refer
    the matter to full Council") was made at some other meeting, not the one
    the report is for: it gets no meeting rather than a wrong one.
    """
    body, when = ctx.meeting_of(row["doc_id"], row.get("part_id") or "")
    if kind == "resolution" and ctx.part_type(row["doc_id"], row.get("part_id") or "") == "report":
        return body, ""
    return body, when


def _records(frames, name) -> list[dict]:
    df = frames.get(name)
    return [] if df is None else df.to_dict("records")


def _decision(ctx: Context, rec: dict | None, res: dict | None, score, outcome: str) -> Decision:
    main = res if res is not None else rec
    body, when = _decision_meeting(ctx, main, "resolution" if res is not None else "recommendation")
    d = Decision(
        decision_id=stable_id("decision", rec["rec_id"] if rec else "", res["res_id"] if res else ""),
        meeting_id=meeting_id(body, when), body=body, meeting_date=when,
        outcome=outcome, similarity=score,
        basis="matched" if rec and res else "report only" if rec else "minutes only",
        doc_id=main["doc_id"], file=ctx.file(main["doc_id"]), page=_int(main.get("page")),
        char_start=_int(main.get("char_start")), char_end=_int(main.get("char_end")),
        evidence=ctx.evidence(main["doc_id"], main.get("char_start"), main.get("char_end"), main["text"]))
    if rec is not None:
        d.rec_id, d.recommendation, d.rec_verb = rec["rec_id"], _squash(rec["text"]), str(rec.get("verb") or "")
        d.rec_file, d.rec_page = ctx.file(rec["doc_id"]), _int(rec.get("page"))
        d.item_title = ctx.topic(rec)
    if res is not None:
        d.res_id, d.resolution, d.res_verb = res["res_id"], _squash(res["text"]), str(res.get("verb") or "")
        d.minute, d.vote = str(res.get("minute") or ""), str(res.get("vote") or "")
        d.item_title = str(res.get("item_title") or "") or ctx.topic(res)
        d.minutes_of = str(res.get("minutes_of") or "")
        if d.minutes_of:
            d.minutes_of_meeting_id = meeting_id(body, d.minutes_of)
    return d


# ---------------------------------------------------------------- actions
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
    body, when = ctx.meeting_of(row["doc_id"], row.get("part_id") or "")
    status = str(row.get("status_text") or "") or str(row.get("status") or "")
    part_type = ctx.part_type(row["doc_id"], row.get("part_id") or "")
    raised = ""
    if row.get("source") == "log" or part_type == "action_log":
        raised = heading_date(ctx.text_before(row["doc_id"], row.get("part_id") or "", row.get("char_start")))
        if raised and when and raised > when:
            raised = ""   # a heading after the paper's own meeting is not where the action arose
    return Sighting(
        sighting_id=row["action_id"], meeting_id=meeting_id(body, when), body=body, meeting_date=when,
        raised_on=raised or when, part_type=part_type,
        source=str(row.get("source") or ""), minute=str(row.get("minute") or ""),
        text=_squash(row["text"]), owner=str(row.get("owner") or ""), due_date=str(row.get("due_date") or ""),
        status=status, state=action_state(status),
        doc_id=row["doc_id"], part_id=str(row.get("part_id") or ""), file=ctx.file(row["doc_id"]),
        page=_int(row.get("page")), char_start=_int(row.get("char_start")), char_end=_int(row.get("char_end")),
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
    sightings = [_sighting(ctx, row) for row in _records(frames, "actions")]
    sightings.sort(key=lambda s: (s.meeting_date or "9999", _PAPER_ORDER.get(s.part_type, 2),
                                  s.file, s.char_start or 0))
    tracks: list[list[Sighting]] = []
    for s in sightings:
        best, best_score, how = None, 0.0, ""
        for track in tracks:
            if track[-1].meeting_date and s.meeting_date and track[-1].meeting_date > s.meeting_date:
                continue
            score, why = join_score(s, track)
            if score > best_score:
                best, best_score, how = track, score, why
        if best is None:
            s.track_id, s.sequence, s.match = stable_id("track", s.sighting_id), 1, "first"
            tracks.append([s])
        else:
            s.track_id, s.sequence, s.match = best[0].track_id, len(best) + 1, how
            s.similarity = round(min(best_score, 1.5) - (0.5 if how == "minute+text" else 0), 3)
            best.append(s)
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


def refresh_track_dates(t: Track) -> None:
    """days_open and overdue from the dates (again after a review corrects the due date)."""
    end = t.closed_on or t.as_of
    try:
        t.days_open = (date.fromisoformat(end) - date.fromisoformat(t.first_raised)).days if t.first_raised else None
    except ValueError:
        t.days_open = None
    t.overdue = bool(t.due_date) and t.state != "closed" and t.due_date < t.as_of


# ---------------------------------------------------------------- entry point
def default_as_of() -> str:
    """The day "overdue" is judged on: today, or MINUTEBOOK_AS_OF for reproducible runs."""
    return os.environ.get("MINUTEBOOK_AS_OF") or date.today().isoformat()


def add_tracking(frames: dict[str, pd.DataFrame], as_of: str | None = None) -> dict[str, pd.DataFrame]:
    """The tracking tables built from the extracted frames, added to (a copy of) `frames`."""
    as_of = as_of or default_as_of()
    ctx = Context(frames)
    meetings = build_meetings(ctx, frames)
    decisions = build_decisions(ctx, frames)
    sightings, tracks = build_action_tracks(ctx, frames, as_of)
    with_minutes = {m.meeting_id for m in meetings if "minutes" in m.part_types.split("; ")}
    for d in decisions:
        d.minutes_found = d.meeting_id in with_minutes
    for m in meetings:
        m.decisions = sum(1 for d in decisions if d.meeting_id == m.meeting_id)
        m.actions = sum(1 for s in sightings if s.meeting_id == m.meeting_id)
    meetings.sort(key=lambda m: (m.meeting_date, m.body))
    out = dict(frames)
    out.update(meetings=_frame(Meeting, meetings), decisions=_frame(Decision, decisions),
               action_history=_frame(Sighting, sightings), action_tracks=_frame(Track, tracks))
    return out


# ---------------------------------------------------------------- run hooks (flows/pipeline.py)
def prepare_tables(frames: dict[str, pd.DataFrame], out_dir) -> dict[str, pd.DataFrame]:
    """Add the tracking tables and lay the stored reviews over them.

    Answers typed into the last run's review.xlsx but never imported are
    imported first (filling gaps only), so a re-run cannot lose them.  A fault
    here is reported and leaves the tracking tables empty: it never costs the
    run its extracted tables.
    """
    from pathlib import Path

    from flows.review import STORE_NAME, WORKBOOK_NAME, apply_reviews, import_workbook

    out_dir = Path(out_dir)
    workbook = out_dir / WORKBOOK_NAME
    if workbook.exists():
        try:
            import_workbook(workbook, out_dir / STORE_NAME, overwrite=False)
        except Exception as exc:   # a damaged workbook must not stop the run
            _warn(f"could not read answers from {workbook}: {exc}")
    try:
        tracked = add_tracking(frames)
    except Exception as exc:
        _warn(f"tracking tables left empty: {type(exc).__name__}: {exc}")
        tracked = {**frames, **{name: _frame(cls, []) for name, cls in TRACKING_TABLES.items()}}
    try:
        return apply_reviews(tracked, out_dir / STORE_NAME)
    except Exception as exc:
        _warn(f"stored reviews not applied: {type(exc).__name__}: {exc}")
        return tracked


def write_review_outputs(frames: dict[str, pd.DataFrame], out_dir) -> None:
    """review.xlsx and report.html beside the tables (after the tables are in place)."""
    from pathlib import Path

    from flows.report import write_report
    from flows.review import WORKBOOK_NAME, write_workbook

    for write, name in ((write_workbook, WORKBOOK_NAME), (write_report, "report.html")):
        try:
            write(frames, Path(out_dir) / name)
        except Exception as exc:   # the tables are already in place; say so and go on
            _warn(f"{name} not written: {type(exc).__name__}: {exc}")


def _warn(message: str) -> None:
    import sys

    print(f"warning: {message}", file=sys.stderr, flush=True)
