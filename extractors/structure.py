"""Document structure: type, body, meeting date and numbered items.

Committee papers announce what they are on their first page ("MINUTES of a
meeting of the Cabinet held ... on Thursday, 9 January 2025", "Agenda",
"Reports Cover Sheet") and number their business ("43. Minutes – 14 October
2021", "23 MINUTES OF PREVIOUS MEETING", "76.  Apologies (Item 1)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .records import Item
from .spans import set_records

DOC_TYPES = ("minutes", "agenda", "report", "decision", "plan", "other")

# First-page cues, strongest first.  Each is tried on the opening text.
_TYPE_CUES = [
    ("decision", re.compile(r"\b(record of (?:executive )?decision|decision taken by|DECISION NO\b)", re.I)),
    ("minutes", re.compile(r"\bminutes of (?:a|the) (?:\w+ )*?meeting\b|^\s*minutes\b", re.I | re.M)),
    ("agenda", re.compile(r"\bagenda\b(?! item)|\bnotice of meeting\b|\bsummons\b", re.I)),
    ("report", re.compile(r"\breport(?:s)? cover sheet\b|\breport (?:title|of|to|author)\b|"
                          r"\b(?:recommendations?|executive summary|purpose of (?:the )?report)\s*:?\s*$|"
                          r"\bkey decision\b", re.I | re.M)),
    ("plan", re.compile(r"\b(?:forward|development|delivery|strategic|business|joint) plan\b", re.I)),
]
_NAME_CUES = [
    ("minutes", re.compile(r"minutes", re.I)),
    ("agenda", re.compile(r"agenda", re.I)),
    ("decision", re.compile(r"decision", re.I)),
    ("plan", re.compile(r"\bplan\b|[-_]plan", re.I)),
    ("report", re.compile(r"report|cover", re.I)),
]

_BODY = re.compile(
    r"\b((?:[A-Z][\w&'’]*(?:,)?\s+(?:and\s+|of\s+|&\s+)?){0,6}"
    r"(?:Committee|Board|Cabinet|Council|Panel|Sub-Committee|Partnership|Forum))\b")
_BODY_NOISE = re.compile(r"^(?:The|A|An|Of|And|Minutes|Agenda|Meeting|Virtual|Reports?|MINUTES|Notice)\s+")


@dataclass
class Structure:
    doc_type: str = "other"
    body: str = ""
    title: str = ""
    meeting_date: date | None = None
    items: list[Item] = field(default_factory=list)


def classify(text: str, source_name: str = "") -> str:
    """The document's type from its opening text, or its file name."""
    head = text[:3000]
    for doc_type, cue in _TYPE_CUES:
        if cue.search(head):
            return doc_type
    for doc_type, cue in _NAME_CUES:
        if cue.search(source_name):
            return doc_type
    return "other"


def find_body(text: str) -> str:
    """The committee, board or council named first in the opening text."""
    for m in _BODY.finditer(text[:3000]):
        body = " ".join(m.group(1).split())
        while _BODY_NOISE.match(body):
            body = _BODY_NOISE.sub("", body, count=1)
        if len(body.split()) >= 2 or body.lower() == "cabinet":
            return body
    return ""


def find_title(text: str) -> str:
    for line in text[:2000].splitlines():
        line = " ".join(line.replace("*", " ").split())
        if len(line) >= 4 and re.search(r"[A-Za-z]{3}", line):
            return line[:200]
    return ""


_MEETING_CUE = re.compile(r"held (?:on|at)|date of meeting|meeting date|^\s*date\s*:|"
                          r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I | re.M)


def find_meeting_date(text: str) -> date | None:
    """The meeting date the document states near its top ("held on ...", "Date: ...")."""
    from .dates import find_dates   # imported here: dates may use structure's meeting date

    head = text[:4000]
    found = [d for d in find_dates(head) if d.start_date and d.start_date == d.end_date]
    if not found:
        return None
    for d in found:   # prefer a date introduced by a meeting cue on the same line
        line_start = head.rfind("\n", 0, d.char_start) + 1
        if _MEETING_CUE.search(head[line_start:d.char_start + 1]):
            return date.fromisoformat(d.start_date)
    return date.fromisoformat(found[0].start_date)


# "43. Minutes – 14 October 2021", "23 MINUTES OF PREVIOUS MEETING", "- 1. Apologies**",
# "3. **Minutes of Previous Meeting** (Pages 3 - 6)", "76.  Apologies"
_ITEM = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(?:item[ \t]+)?(\d{1,3}(?:\.\d{1,2})?)\.?[ \t]+(?:\*\*)?"
    r"([A-Z‘'\"(][^\n]{2,160})$", re.M)
_PAGES_NOTE = re.compile(r"\s*\(Pages?\s*[\d\s\-–]+\)\s*$", re.I)


def find_items(text: str) -> list[tuple[str, str, int, int]]:
    """Numbered items as (number, title, char_start, char_end), in order.

    A heading is a short line "N[.] Title" whose number continues the sequence;
    numbered paragraphs inside an item ("1. Mr Shipton introduced the report")
    are long or end like sentences, and restart their numbering.
    """
    heads: list[tuple[str, str, int]] = []
    last = None
    for m in _ITEM.finditer(text):
        number, title = m.group(1), m.group(2)
        title = _PAGES_NOTE.sub("", title.replace("**", "")).strip()
        if len(title) > 120 or title.endswith((".", ":", ";", ",")) and not title.endswith("etc."):
            continue
        if len(re.findall(r"[A-Za-z]", title)) < 3:
            continue
        value = float(number) if "." in number else int(number)
        if last is not None and not (last < value <= last + 10):
            continue
        heads.append((number, title, m.start()))
        last = value
    items = []
    for i, (number, title, start) in enumerate(heads):
        end = heads[i + 1][2] if i + 1 < len(heads) else len(text)
        items.append((number, title, start, end))
    return items


def analyse(text: str, source_name: str = "") -> Structure:
    return Structure(
        doc_type=classify(text, source_name),
        body=find_body(text),
        title=find_title(text),
        meeting_date=find_meeting_date(text),
        items=[Item(doc_id="", item_id="", number=n, title=t, char_start=s, char_end=e)
               for n, t, s, e in find_items(text)],
    )


@Language.factory("minutebook_structure")
def make_structure(nlp: Language, name: str):
    return StructureComponent()


class StructureComponent:
    """Sets doc._.doc_type, doc._.body, doc._.title, doc._.meeting_date and doc.spans["items"]."""

    def __call__(self, doc: Doc) -> Doc:
        found = analyse(doc.text, doc._.source_name)
        doc._.doc_type = found.doc_type
        doc._.body = found.body
        doc._.title = found.title
        doc._.meeting_date = found.meeting_date
        set_records(doc, "items", found.items)
        return doc
