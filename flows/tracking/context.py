"""Look-ups over the extracted frames: which meeting a row's paper is for, what it is about.

Tracking reads what the extractors produced (documents, parts, items and
their titles, dates), not page text: the page text is read only to quote the
evidence line an officer checks.

A meeting is (organisation, body, date).  Each paper's organisation is the
one its extractor found (`documents.organisation`), named alike across the
corpus by its key (a paper showing only `westshire.gov.uk` belongs to
"Westshire County Council" when another paper prints that name); a paper that
names none belongs to the one organisation that has a meeting of its body on
its date, if exactly one has, else to the one organisation whose papers are
held in the same building and town (`documents.venue`).  Bodies take one name within their
organisation (`extractors.organisation.canonical_body`).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

import pandas as pd

from extractors.organisation import body_key, canonical_body, organisation_key, venue_key
from extractors.structure import is_item_title

from .schemas import stable_id

# "Jo Bloggs, Service Manager ...": a person and their role, as minutes list who presented an item.
_PERSON = re.compile(r"^[A-Z][a-z]+(?:\s[A-Z]\.?)?\s[A-Z][a-z'’-]+,\s")

# Papers that are for a meeting; a stand-alone plan or strategy is not.
MEETING_PAPERS = ("agenda", "minutes", "report", "decision", "action_log")


def minute_key(minute: str) -> str:
    """"45." and "45" and "Min 45" are one minute number."""
    m = re.search(r"[A-Za-z]*\d+(?:[./]\d+)*", minute or "")
    return m.group(0).strip(".").lower() if m else ""


def meeting_id(org_key: str, body: str, when: str) -> str:
    """Stable id of (organisation, body, date); "" without a date."""
    if not when:
        return ""
    return stable_id("meeting", org_key, body_key(body), when) if org_key else stable_id("meeting", body_key(body),
                                                                                           when)


class Context:
    """Look-ups over the extracted frames: where a row sits, what meeting it is for, what it says."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        def rows(name):
            df = frames.get(name)
            return [] if df is None else df.to_dict("records")
        self.docs = {d["doc_id"]: d for d in rows("documents")}
        self.parts = {p["part_id"]: p for p in rows("parts") if p.get("part_id")}
        self.items = {i["item_id"]: i for i in rows("items") if i.get("item_id")}
        self.pages: dict[str, list[dict]] = defaultdict(list)
        for p in rows("pages"):
            self.pages[p["doc_id"]].append(p)
        self._bodies: dict[str, str] = {}
        self._resolve_organisations()

    # -- organisation and body ---------------------------------------------------------
    def _resolve_organisations(self) -> None:
        """One organisation name per key, and an organisation for papers that name none."""
        names: dict[str, Counter] = defaultdict(Counter)
        self.org_key: dict[str, str] = {}
        for doc_id, d in self.docs.items():
            org = str(d.get("organisation") or "")
            key = organisation_key(org)
            self.org_key[doc_id] = key
            if key:
                # a printed name beats a bare domain
                names[key][org] += 1000 if " " in org else 1
        self.org_names = {key: counts.most_common(1)[0][0] for key, counts in names.items()}
        # A paper naming no organisation: the one organisation meeting as its body on its date.
        held: dict[tuple[str, str], set[str]] = defaultdict(set)
        for doc_id, d in self.docs.items():
            key, when = self.org_key[doc_id], str(d.get("meeting_date") or "")
            if key and when:
                held[(self._body_key(doc_id, key), when)].add(key)
        # ... else the one organisation whose papers give the same building and town.
        venues: dict[str, set[str]] = defaultdict(set)
        for doc_id, d in self.docs.items():
            place = venue_key(str(d.get("venue") or ""))
            if self.org_key[doc_id] and place:
                venues[place].add(self.org_key[doc_id])
        for doc_id, d in self.docs.items():
            if self.org_key[doc_id]:
                continue
            when = str(d.get("meeting_date") or "")
            found = held.get((self._body_key(doc_id, ""), when), set()) if when else set()
            if len(found) != 1:
                found = venues.get(venue_key(str(d.get("venue") or "")), set())
            if len(found) == 1:
                self.org_key[doc_id] = next(iter(found))

    def _body_key(self, doc_id: str, key: str) -> str:
        return body_key(canonical_body(str(self.docs[doc_id].get("body") or ""), self.org_names.get(key, "")))

    def organisation(self, doc_id: str) -> str:
        return self.org_names.get(self.org_key.get(doc_id, ""), "")

    def body(self, doc_id: str) -> str:
        """The document's body, named as its organisation names it."""
        if doc_id not in self._bodies:
            self._bodies[doc_id] = canonical_body(str(self.docs.get(doc_id, {}).get("body", "") or ""),
                                                  self.organisation(doc_id))
        return self._bodies[doc_id]

    def file(self, doc_id: str) -> str:
        return str(self.docs.get(doc_id, {}).get("source_path", "") or "")

    # -- the meeting a row is for ------------------------------------------------------
    def meeting_of(self, doc_id: str, part_id: str = "") -> tuple[str, str]:
        """(body, ISO date) of the meeting a row's paper is for: its part's date, else its document's."""
        part = self.parts.get(part_id or "") or {}
        when = str(part.get("meeting_date") or "") or str(self.docs.get(doc_id, {}).get("meeting_date") or "")
        return self.body(doc_id), when

    def meeting_key(self, doc_id: str, part_id: str = "") -> tuple[str, str, str, str]:
        """(meeting_id, organisation, body, date) of the meeting a row's paper is for; ids are "" without a date."""
        body, when = self.meeting_of(doc_id, part_id)
        return meeting_id(self.org_key.get(doc_id, ""), body, when), self.organisation(doc_id), body, when

    def meeting_id_at(self, doc_id: str, when: str) -> str:
        """The id of the document's body's meeting on another date (the earlier minutes it approves)."""
        return meeting_id(self.org_key.get(doc_id, ""), self.body(doc_id), when)

    def part_type(self, doc_id: str, part_id: str = "") -> str:
        part = self.parts.get(part_id or "")
        if part:
            return str(part.get("part_type") or "")
        return str(self.docs.get(doc_id, {}).get("doc_type") or "")

    def is_meeting_paper(self, doc_id: str, part_id: str = "") -> bool:
        """Is the paper for a meeting: agenda, minutes, report, decision, an action log, or a
        plan bundled in a meeting's pack; a stand-alone plan or strategy is not."""
        kind = self.part_type(doc_id, part_id)
        doc_type = str(self.docs.get(doc_id, {}).get("doc_type") or "")
        return kind in MEETING_PAPERS or doc_type in MEETING_PAPERS

    # -- what a row is about -----------------------------------------------------------
    def report_title(self, row: dict) -> str:
        """What a recommendation is about: its report's title (a report's Subject line, which
        the structure extractor makes the part's title), else its agenda item's, its document's."""
        doc_id = row.get("doc_id") or ""
        part = self.parts.get(row.get("part_id") or "") or {}
        item = self.items.get(row.get("item_id") or "") or {}
        if part.get("part_type") == "report" and part.get("title"):
            return str(part["title"])
        doc = self.docs.get(doc_id, {})
        if not part and doc.get("doc_type") == "report" and doc.get("title"):
            return str(doc["title"])
        for title in (item.get("title"), part.get("title"), doc.get("title")):
            if title:
                return str(title)
        return ""

    def minute_heading(self, row: dict) -> str:
        """A resolution's minute heading: the extractor's item title, else its item's; a
        sentence or a person's name and role ("Jo Bloggs, Service Manager") is no heading."""
        item = self.items.get(row.get("item_id") or "") or {}
        for title in (str(row.get("item_title") or ""), str(item.get("title") or "")):
            if title and is_item_title(title) and not _PERSON.match(title):
                return title
        return ""

    topic = report_title

    # -- evidence ----------------------------------------------------------------------
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
            return squash(fallback)
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
                return squash(line) or squash(fallback)
        return squash(fallback)


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


def squash(text) -> str:
    """One line: table cells (tab-separated in converted text) joined by " | ", HTML tags dropped."""
    text = re.sub(r"</?p>", " ", str(text or ""))
    cells = [" ".join(c.split()) for c in text.split("\t")]
    return " | ".join(c for c in cells if c)


def as_int(value):
    return None if value is None or pd.isna(value) else int(value)


def records(frames, name) -> list[dict]:
    df = frames.get(name)
    return [] if df is None else df.to_dict("records")
