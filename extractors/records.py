"""The records minutebook extracts, one dataclass per output table.

Each dataclass is defined once here and used both by the extractor that makes
it and by the table writer that writes it (flows/tables.py), so the columns of
a table are exactly the fields of its dataclass, in order.  `docs/tables.md`
documents every column.

Extractors fill the fields they know (text, span, values) and leave the
document-level ones (`doc_id`, `item_id`, `part_id`, `page`, `text_source` and
the row id) empty: `extractors.pipeline.locate` fills those from the character
span, so every extractor gets page and item attribution for free.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields


def make_id(doc_id: str, kind: str, char_start: int, char_end: int, extra: str = "") -> str:
    """A row id that is stable across runs: derived from the document and span.

    `extra` separates two records of one kind that share a span (a range's two
    ends never do; two clauses never do; it is there for safety).
    """
    key = f"{doc_id}:{kind}:{char_start}:{char_end}:{extra}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    doc_id: str                    # first 16 hex digits of the SHA-256 of the file's absolute path
    source_path: str
    format: str = ""               # reader used: pdf, docx, html, markdown, text ("" if unsupported)
    doc_type: str = ""             # minutes, agenda, report, decision, plan, other
    title: str = ""
    body: str = ""                 # committee / board / council, as printed; a decision record's decision maker
    organisation: str = ""         # council or trust the paper belongs to (extractors/organisation.py)
    venue: str = ""                # where its meeting is held, as printed ("held in ...", "Venue:")
    meeting_date: str = ""         # ISO date of the meeting the document is for
    pages: int = 0
    pages_ocr: int = 0             # pages whose text came from OCR
    chars: int = 0
    status: str = "ok"             # ok / failed / stale (unreadable this run: earlier rows kept)
    error: str = ""                # one-line reason when failed or stale
    extractor_version: str = ""
    # Extractor components that raised on this document ("actions: TypeError: ..."; "; "-joined);
    # the document keeps the other components' rows.  "" when every component ran.
    component_errors: str = ""
    failure: str = ""              # the reason's kind, a fixed word (flows/store.py FAILURES)
    content_sha256: str = ""       # SHA-256 of the file's bytes: equal for copies at two paths


@dataclass
class Page:
    doc_id: str
    page: int                      # 1-based
    char_start: int                # offsets of this page in the document text
    char_end: int
    text_source: str = "text"      # text / ocr
    text: str = ""
    # Why the page's text is empty or was turned (image page without OCR engine,
    # blank scan, rotated scan); "" for an ordinary page
    note: str = ""


@dataclass
class Part:
    """One paper inside a bundled pack (agenda, minutes, action log, report)."""
    doc_id: str
    part_id: str
    part_type: str                 # agenda, minutes, action_log, report, decision, plan, other
    title: str = ""
    meeting_date: str = ""
    page_start: int = 0
    page_end: int = 0
    char_start: int = 0
    char_end: int = 0


@dataclass
class Item:
    doc_id: str
    item_id: str
    number: str                    # minute or agenda number as printed: "43", "80", "5.2"
    title: str
    page_start: int = 0
    page_end: int = 0
    char_start: int = 0
    char_end: int = 0
    part_id: str = ""


@dataclass
class Recommendation:
    text: str
    verb: str = ""
    label: str = ""                # clause label as printed: "a", "2.1"
    char_start: int = 0
    char_end: int = 0
    rec_id: str = ""
    doc_id: str = ""
    item_id: str = ""
    part_id: str = ""
    page: int = 0
    text_source: str = ""
    method: str = "rules"          # rules / model


@dataclass
class Resolution:
    text: str
    verb: str = ""
    label: str = ""
    minute: str = ""               # minute number as printed
    item_title: str = ""
    vote: str = ""                 # unanimous / majority / "" (see gold/GUIDELINES.md)
    outcome: str = ""              # carried / lost / deferred / withdrawn / ""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    proposer: str = ""
    seconder: str = ""
    minutes_of: str = ""           # ISO date of the meeting whose minutes were agreed
    char_start: int = 0
    char_end: int = 0
    res_id: str = ""
    doc_id: str = ""
    item_id: str = ""
    part_id: str = ""
    page: int = 0
    text_source: str = ""
    method: str = "rules"


@dataclass
class Motion:
    """A motion or amendment put by members in the meeting (not a resolution)."""
    text: str
    kind: str = "amendment"        # motion / amendment
    minute: str = ""
    proposer: str = ""
    seconder: str = ""
    outcome: str = ""              # carried / lost / withdrawn / ""
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    char_start: int = 0
    char_end: int = 0
    motion_id: str = ""
    doc_id: str = ""
    item_id: str = ""
    part_id: str = ""
    page: int = 0
    text_source: str = ""


@dataclass
class Amount:
    text: str                      # as printed, sign and scale word included
    value_gbp: str = ""            # exact decimal string ("2100000", "0.65"); see money.py
    period: str = "one_off"        # one_off / per_hour / per_week / per_month / per_annum
    fiscal_year: str = ""          # "2022/23" when the text or column ties it to one
    role: str = ""                 # range_start / range_end / ""
    source: str = "text"           # text / table (bare cells scaled by a "(£000)" header)
    char_start: int = 0
    char_end: int = 0
    amount_id: str = ""
    doc_id: str = ""
    item_id: str = ""
    part_id: str = ""
    page: int = 0
    text_source: str = ""
    review: str = ""               # officer's verdict from stored reviews: correct / wrong / "" (flows/review.py)
    review_note: str = ""


@dataclass
class DateMention:
    text: str
    start_date: str = ""           # ISO
    end_date: str = ""             # ISO; a month spans its first to last day
    granularity: str = "day"       # day / month / fiscal_year / quarter
    role: str = ""                 # meeting / deadline / effective / period / range_start / range_end / ""
    char_start: int = 0
    char_end: int = 0
    date_id: str = ""
    doc_id: str = ""
    item_id: str = ""
    part_id: str = ""
    page: int = 0
    text_source: str = ""


@dataclass
class Action:
    text: str
    owner: str = ""                # as printed
    owner_role: str = ""           # Clerk, Chair, ... when the owner is a role
    due_date: str = ""             # ISO
    status: str = ""               # open / closed / in progress / outstanding / ""
    status_text: str = ""          # as printed
    minute: str = ""               # minute or action number it arose from
    source: str = ""               # marked / log / sentence
    char_start: int = 0
    char_end: int = 0
    action_id: str = ""
    doc_id: str = ""
    item_id: str = ""
    part_id: str = ""
    page: int = 0
    text_source: str = ""
    method: str = "rules"


# Extracted kinds: table name -> (record class, id column, id prefix for make_id)
EXTRACTED = {
    "recommendations": (Recommendation, "rec_id"),
    "resolutions": (Resolution, "res_id"),
    "motions": (Motion, "motion_id"),
    "amounts": (Amount, "amount_id"),
    "dates": (DateMention, "date_id"),
    "actions": (Action, "action_id"),
}

# Every table the pipeline writes, in the order it writes them.
TABLES = {
    "documents": Document,
    "pages": Page,
    "parts": Part,
    "items": Item,
    **{name: cls for name, (cls, _) in EXTRACTED.items()},
}


def columns(cls) -> list[str]:
    return [f.name for f in fields(cls)]
