"""The decisions table: each recommendation linked to the resolution clause(s) that decided it.

A report's recommendations go to one meeting (organisation, body, date).  The
records of that meeting (its minutes, a decision record, or both) decide them
under a minute whose heading is the report's title.  Linking goes:

1. by agenda item: the minute of each records paper whose heading is the
   report's title, or whose clauses restate the report's recommendations;
2. within that minute, by wording and order: each recommendation to the
   clause that restates it (best pairs first, each clause once);
3. generic clauses: "RESOLVED that the recommendations in the report be
   agreed" decides every recommendation of the report; a recommendation
   asking to "agree the proposed decision" is decided by every clause of the
   minute that no other recommendation restates (one row per clause);
4. a recommendation the minute does not restate, in a minute that only notes
   or defers the item, takes that outcome; otherwise it is `no decision found`
   when the meeting's records are in the corpus and `awaiting minutes` when
   they are not.

Outcomes use the words of docs/tables.md (`agreed as recommended`, `agreed
with amendment`, `deferred`, `noted`, `not agreed`, `no decision found`,
`awaiting minutes`).  Each row carries its evidence: the minute number and
heading, the resolution's text, file and page, and the similarity that chose
it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from flows.similarity import containment as _containment
from flows.similarity import similarity as _similarity

from .context import Context, as_int, minute_key, records, squash
from .schemas import Decision, stable_id

similarity = lru_cache(maxsize=200_000)(_similarity)
containment = lru_cache(maxsize=200_000)(_containment)

# -- phrasing families ---------------------------------------------------------------------
# "RESOLVED that the recommendations in the report be agreed": one clause for every recommendation.
ALL_RECOMMENDATIONS = re.compile(
    r"\brecommendations?\b[^.;]{0,80}\b(?:agreed|approved|adopted|endorsed|accepted|supported)\b|"
    r"\b(?:agree|approve|adopt|endorse|accept|support)d?\b[^.;]{0,40}\brecommendations?\b", re.I)
# "Cabinet is asked to consider and agree to the proposed decision, as detailed in the attached PROD".
GENERIC_RECOMMENDATION = re.compile(
    r"\bproposed decision\b|\bas detailed in the (?:attached|report)\b|"
    r"\brecommendations? (?:as )?set out\b|\brecommendations? (?:in|of) (?:the|this) report\b", re.I)
# Words a resolution adds when it changes what was recommended.
AMENDING = re.compile(r"\bamend(?:ed|ment)?\b|\bsubject to\b|\bwith the addition\b|\badditional recommendation",
                      re.I)
# "That the item be deferred", "Deferred to the next meeting", "was withdrawn".
DEFERRING = re.compile(r"^\W*(?:that\s+)?(?:(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,4}\s+)?(?:be|is|was|were|been|being)?\s*"
                       r"(?:defer(?:red)?|postpone[sd]?|adjourn(?:ed)?|withdrawn)\b|"
                       r"\b(?:be|is|was|were|been)\s+(?:deferred|postponed|adjourned|withdrawn)\b", re.I)
# "not agreed", "refused", "rejected", "declined"
REJECTING = re.compile(r"^\W*(?:that\s+)?(?:the\s+\w+(?:\s+\w+)?\s+)?(?:be\s+)?(?:not\s+(?:be\s+)?(?:agreed|approved|"
                       r"supported|adopted)|refused?|rejected?|declined?)\b|\bwas\s+(?:lost|defeated|not carried)\b",
                       re.I)
NOTING = re.compile(r"^\W*(?:(?:that\s+)?(?:the\s+\w+\s+)?(?:to\s+)?)?not(?:e|ed|es)\b|"
                    r"\bbe\s+(?:received|noted)\b|\breceived and noted\b|^\W*review and comment\b", re.I)
# Resolutions that take a paper in without approving anything: "Review and comment on the relevant sections".
NOTING_VERBS = frozenset({"note", "noted", "notes", "receive", "received", "comment", "consider", "discuss"})
# "Cabinet considered the proposed amendments ... and endorsed the draft budget": noting, then deciding.
ALSO_APPROVES = re.compile(r"\b(?:and|then)\s+(?:to\s+)?(?:agreed?|approved?|endorsed?|adopted?)\b", re.I)
_DATE_WORDS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
                         r"\.?,?\s+(\d{4})\b", re.I)
_QUOTED = re.compile(r"[\"“‘']([^\"”’']{3,120})[\"”’']")

MATCH_THRESHOLD = 0.45       # shared words a pair needs ...
TOPIC_THRESHOLD = 0.25       # ... or fewer, inside the minute that is the report's agenda item
AS_RECOMMENDED = 0.7         # at or above this the wording is the recommendation's
ITEM_THRESHOLD = 0.5         # a minute heading this close to the report's title is its agenda item
RESTATED = 0.9               # an amendment holding this much of a recommendation's words keeps it


def dates_in(text: str) -> set[tuple[int, str, str]]:
    """Written dates as (day, month, year): "9th January 2025" = "9 January 2025"."""
    return {(int(d), m.lower(), y) for d, m, y in _DATE_WORDS.findall(text or "")}


def is_noting(text: str, verb: str = "") -> bool:
    """A clause that takes something in without deciding: "Note ...", "That the report be received"."""
    return (verb.lower() in NOTING_VERBS or bool(NOTING.search(text or ""))) and not ALSO_APPROVES.search(text or "")


def decision_outcome(rec_text: str, res: dict | None, score: float | None, generic: bool = False,
                     amended: bool = False, rec_verb: str = "") -> str:
    """The outcome of one recommendation given the resolution that decided it (pure rule).

    A meeting that notes what it was asked to note agreed it; one that notes
    what it was asked to decide only noted it.  `amended`: a carried amendment
    changed this recommendation.
    """
    if res is None:
        return "no decision found"
    text, verb = str(res.get("text") or ""), str(res.get("verb") or "").lower()
    # A report may itself recommend deferring or refusing: a meeting doing so agreed it.
    if (res.get("outcome") or "") in ("deferred", "withdrawn") or (
            DEFERRING.search(text) and not DEFERRING.search(rec_text or "")):
        return "deferred"
    if (res.get("outcome") or "") == "lost" or (REJECTING.search(text) and not REJECTING.search(rec_text or "")):
        return "not agreed"
    if is_noting(text, verb) and not (rec_text and is_noting(rec_text, rec_verb)):
        return "noted"
    if amended or (AMENDING.search(text) and not AMENDING.search(rec_text or "")):
        return "agreed with amendment"
    if generic or (score or 0) >= AS_RECOMMENDED:
        return "agreed as recommended"
    return "agreed with amendment"


def minutes_only_outcome(res: dict) -> str:
    outcome = decision_outcome("", res, 1.0)
    return "agreed" if outcome == "agreed as recommended" else outcome


def pair_score(rec: dict, res: dict, ctx: Context) -> tuple[float, bool]:
    """(score, generic) for one recommendation and one resolution of the same meeting; score 0 = no pair.

    Text similarity decides, helped by the topic (the minute's heading against
    the recommendation's report title and wording); two texts naming different
    dates ("minutes of 24 November" against "minutes of 22 September") never pair.
    """
    a, b = dates_in(rec["text"]), dates_in(res["text"])
    if a and b and not a & b:
        return 0.0, False
    score = similarity(rec["text"], res["text"])
    heading = ctx.minute_heading(res)
    topic = max(item_score(ctx.report_title(rec), heading), similarity(rec["text"], heading)) if heading else 0.0
    if topic >= ITEM_THRESHOLD and (ALL_RECOMMENDATIONS.search(res["text"]) or
                                    GENERIC_RECOMMENDATION.search(rec["text"])):
        return max(score, topic), True
    if score >= MATCH_THRESHOLD or (topic >= ITEM_THRESHOLD and score >= TOPIC_THRESHOLD):
        return score, False
    return 0.0, False


def item_score(title: str, heading: str) -> float:
    """How surely a minute heading is a report's agenda item: the heading holds the
    title's words ("24/00115 - Kent ... Delivery Plan" for "Kent ... Delivery Plan")."""
    if not title or not heading:
        return 0.0
    return max(similarity(title, heading), containment(title, heading) if len(title.split()) >= 3 else 0.0)


def amendment_changes(rec: dict, amendments: list[dict]) -> bool:
    """Did a carried amendment change this recommendation?  Not when it restates the
    recommendation whole (an amendment adding a clause to the list); yes when it
    quotes the recommendation's words ("after '£1,622,790' insert ...") or names
    its label ("Delete recommendation c)")."""
    text = str(rec.get("text") or "")
    label = str(rec.get("label") or "").strip("().").lower()
    for a in amendments:
        words = str(a.get("text") or "")
        if containment(text, words) >= RESTATED and len(words) >= len(text):
            continue
        if any(q.strip() and q.strip().lower() in text.lower() for q in _QUOTED.findall(words)):
            return True
        if label and re.search(rf"\brecommendation\s*\(?{re.escape(label)}\)?(?![\w])", words, re.I):
            return True
    return False


# -- linking -------------------------------------------------------------------------------
class Minute:
    """One minute of a records paper: its resolution clauses, in order."""

    def __init__(self, doc_id: str, key: str, number: str, heading: str):
        self.doc_id, self.key, self.number, self.heading = doc_id, key, number, heading
        self.clauses: list[dict] = []


def _minutes(ress: list[dict], ctx: Context) -> list[Minute]:
    found: dict[tuple[str, str], Minute] = {}
    for res in ress:
        key = minute_key(res.get("minute") or "") or str(res.get("item_id") or "") or ctx.minute_heading(res)
        m = found.get((res["doc_id"], key))
        if m is None:
            m = found[(res["doc_id"], key)] = Minute(res["doc_id"], key, str(res.get("minute") or ""),
                                                     ctx.minute_heading(res))
        m.clauses.append(res)
    for m in found.values():
        m.clauses.sort(key=lambda r: (r.get("char_start") or 0))
    return list(found.values())


def _report_key(rec: dict, ctx: Context) -> tuple[str, str]:
    """Which report a recommendation belongs to: its part of a pack, else its document (and item)."""
    part = ctx.parts.get(rec.get("part_id") or "") or {}
    if part.get("part_type") == "report":
        return rec["doc_id"], str(rec.get("part_id"))
    return rec["doc_id"], str(rec.get("item_id") or rec.get("part_id") or "")


@dataclass
class Link:
    rec: dict | None
    res: dict | None = None
    score: float | None = None
    generic: bool = False
    matched_by: str = ""
    minute: Minute | None = None
    item_similarity: float | None = None


def choose_minutes(recs: list[dict], minutes: list[Minute], ctx: Context) -> list[tuple[Minute, float]]:
    """The minute of each records paper that is the report's agenda item: its heading is
    the report's title, or (a heading that is only a number) its clauses restate the
    report's recommendations.  One per records paper (minutes and a decision record)."""
    title = ctx.report_title(recs[0]) if recs else ""
    best: dict[str, tuple[float, float, Minute]] = {}
    for m in minutes:
        item = item_score(title, m.heading)
        wording = max((similarity(r["text"], c["text"]) for r in recs for c in m.clauses), default=0.0)
        if item < ITEM_THRESHOLD and wording < 0.6:
            continue
        rank = (1.0 if item >= ITEM_THRESHOLD else 0.0) + item + wording
        if m.doc_id not in best or rank > best[m.doc_id][0]:
            best[m.doc_id] = (rank, item, m)
    return [(m, item) for _rank, item, m in best.values()]


def link_report(recs: list[dict], minutes: list[Minute], ctx: Context) -> list[Link]:
    """Links of one report's recommendations (in order) to the clauses of its meeting's minutes."""
    links: list[Link] = []
    for minute, item in choose_minutes(recs, minutes, ctx):
        links += link_in_minute(recs, minute, item, ctx)
    return links


def link_in_minute(recs: list[dict], minute: Minute, item: float, ctx: Context) -> list[Link]:
    clauses = minute.clauses
    is_item = item >= ITEM_THRESHOLD
    all_clauses = [c for c in clauses if ALL_RECOMMENDATIONS.search(c["text"])]
    specific = [c for c in clauses if c not in all_clauses]
    asks_decision = [GENERIC_RECOMMENDATION.search(r["text"]) is not None and is_item for r in recs]
    pairs = []
    for i, rec in enumerate(recs):
        for j, clause in enumerate(specific):
            if asks_decision[i]:
                # "Endorse the proposed decision by the Leader to submit a request ...": a clause
                # restating it decides it; a bare "agree the proposed decision" waits for the rest.
                score = similarity(rec["text"], clause["text"])
                score = score if score >= AS_RECOMMENDED else 0.0
            else:
                score, _generic = pair_score(rec, clause, ctx)
            if score > 0 and (score >= MATCH_THRESHOLD or is_item):
                pairs.append((score, -abs(i - j), i, j))
    pairs.sort(reverse=True)
    links, used_rec, used_clause = [], set(), set()
    for score, _order, i, j in pairs:           # best pairs first, each clause once; order breaks ties
        if i in used_rec or j in used_clause:
            continue
        used_rec.add(i), used_clause.add(j)
        links.append(Link(recs[i], specific[j], round(score, 3), False, "wording", minute, round(item, 3)))
    generic_recs = [r for i, r in enumerate(recs) if asks_decision[i] and i not in used_rec]
    for clause in all_clauses:                  # "the recommendations in the report be agreed"
        for i, rec in enumerate(recs):
            if i not in used_rec and rec not in generic_recs:
                links.append(Link(rec, clause, round(max(item, similarity(rec["text"], clause["text"])), 3), True,
                                  "all recommendations", minute, round(item, 3)))
        used_rec.update(i for i, r in enumerate(recs) if r not in generic_recs)
    rest = [c for j, c in enumerate(specific) if j not in used_clause]
    for rec in generic_recs:                    # "agree the proposed decision": each clause decides it
        for clause in rest or all_clauses:
            links.append(Link(rec, clause, round(item, 3), True, "proposed decision", minute, round(item, 3)))
        used_rec.add(recs.index(rec))
    if is_item:                                 # the minute only noted or deferred the item
        undecided = [i for i in range(len(recs)) if i not in used_rec]
        takes = [c for c in rest if is_noting(c["text"], str(c.get("verb") or "")) or DEFERRING.search(c["text"])]
        if undecided and takes and len(takes) == len(rest):
            for i in undecided:
                links.append(Link(recs[i], takes[0], round(similarity(recs[i]["text"], takes[0]["text"]), 3), False,
                                  "agenda item", minute, round(item, 3)))
    return links


def carried_amendments(frames) -> dict[tuple[str, str], list[dict]]:
    """Carried (or undecided) amendments by (doc_id, minute): not those lost or withdrawn."""
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for m in records(frames, "motions"):
        if m.get("kind") == "amendment" and (m.get("outcome") or "") not in ("lost", "withdrawn") \
                and minute_key(m.get("minute") or ""):
            found[(m["doc_id"], minute_key(m.get("minute") or ""))].append(m)
    return found


def build_decisions(ctx: Context, frames: dict[str, pd.DataFrame], with_records: set[str] = frozenset()
                    ) -> list[Decision]:
    """Every recommendation with the clause(s) that decided it, and every clause no report recommended.

    `with_records`: ids of meetings whose minutes or decision record the corpus holds.
    """
    groups: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for rec in records(frames, "recommendations"):
        groups[_meeting_key(ctx, rec, "recommendation")][0].append(rec)
    for res in records(frames, "resolutions"):
        groups[_meeting_key(ctx, res, "resolution")][1].append(res)
    amendments = carried_amendments(frames)
    decisions = []
    for key, (g_recs, g_ress) in groups.items():
        minutes = _minutes(g_ress, ctx)
        reports: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for rec in sorted(g_recs, key=lambda r: (r["doc_id"], r.get("char_start") or 0)):
            reports[_report_key(rec, ctx)].append(rec)
        used = set()
        for report_recs in reports.values():
            links = link_report(report_recs, minutes, ctx)
            linked = defaultdict(list)
            for link in links:
                linked[link.rec["rec_id"]].append(link)
                used.add(link.res["res_id"])
            chosen = choose_minutes(report_recs, minutes, ctx)
            for rec in report_recs:
                for link in linked.get(rec["rec_id"], []):
                    res = link.res
                    changed = amendment_changes(rec, amendments.get((res["doc_id"], minute_key(res.get("minute")
                                                                                             or "")), []))
                    outcome = decision_outcome(rec["text"], res, link.score, link.generic, changed,
                                               str(rec.get("verb") or ""))
                    decisions.append(_decision(ctx, rec, link, outcome))
                if not linked.get(rec["rec_id"]):
                    has_records = key[2:] in with_records
                    outcome = "no decision found" if has_records or not key.startswith("m:") else "awaiting minutes"
                    where = chosen[0] if chosen else (None, None)
                    decisions.append(_decision(ctx, rec, Link(rec, None, None, False, "", where[0],
                                                              None if where[1] is None else round(where[1], 3)),
                                               outcome))
        for minute in minutes:
            for res in minute.clauses:
                if res["res_id"] not in used:
                    decisions.append(_decision(ctx, None, Link(None, res, None, False, "", minute),
                                               minutes_only_outcome(res)))
    decisions.sort(key=lambda d: (d.meeting_date, d.file, d.char_start or 0))
    return decisions


def _meeting_key(ctx: Context, row: dict, kind: str) -> str:
    mid = _decision_meeting(ctx, row, kind)[0]
    return f"m:{mid}" if mid else f"doc:{row['doc_id']}"


def _decision_meeting(ctx: Context, row: dict, kind: str) -> tuple[str, str, str, str]:
    """(meeting_id, organisation, body, date) a recommendation is put to, or a resolution was made at.

    A resolution quoted in a report ("the Scrutiny Committee resolved to refer
    the matter to full Council") was made at some other meeting, not the one
    the report is for: it gets no meeting rather than a wrong one.
    """
    mid, org, body, when = ctx.meeting_key(row["doc_id"], row.get("part_id") or "")
    if kind == "resolution" and ctx.part_type(row["doc_id"], row.get("part_id") or "") == "report":
        return "", org, body, ""
    return mid, org, body, when


def _decision(ctx: Context, rec: dict | None, link: Link, outcome: str) -> Decision:
    res = link.res
    main = res if res is not None else rec
    mid, org, body, when = _decision_meeting(ctx, main, "resolution" if res is not None else "recommendation")
    d = Decision(
        decision_id=stable_id("decision", rec["rec_id"] if rec else "", res["res_id"] if res else ""),
        meeting_id=mid, organisation=org, body=body, meeting_date=when,
        outcome=outcome, similarity=link.score, matched_by=link.matched_by,
        item_similarity=link.item_similarity,
        basis="matched" if rec and res else "report only" if rec else "minutes only",
        doc_id=main["doc_id"], file=ctx.file(main["doc_id"]), page=as_int(main.get("page")),
        char_start=as_int(main.get("char_start")), char_end=as_int(main.get("char_end")),
        evidence=ctx.evidence(main["doc_id"], main.get("char_start"), main.get("char_end"), main["text"]))
    if link.minute is not None:
        d.minute, d.minute_heading = link.minute.number, link.minute.heading
        d.item_title = link.minute.heading
    if rec is not None:
        d.rec_id, d.recommendation, d.rec_verb = rec["rec_id"], squash(rec["text"]), str(rec.get("verb") or "")
        d.rec_file, d.rec_page = ctx.file(rec["doc_id"]), as_int(rec.get("page"))
        d.report_title = ctx.report_title(rec)
        d.item_title = d.item_title or d.report_title
    if res is not None:
        d.res_id, d.resolution, d.res_verb = res["res_id"], squash(res["text"]), str(res.get("verb") or "")
        d.res_file, d.res_page = ctx.file(res["doc_id"]), as_int(res.get("page"))
        d.minute, d.vote = str(res.get("minute") or "") or d.minute, str(res.get("vote") or "")
        d.minute_heading = ctx.minute_heading(res) or d.minute_heading
        d.item_title = d.minute_heading or d.item_title
        d.minutes_of = str(res.get("minutes_of") or "")
        if d.minutes_of:
            d.minutes_of_meeting_id = ctx.meeting_id_at(res["doc_id"], d.minutes_of)
    return d
