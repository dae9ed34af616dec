"""Document structure: type, body, meeting date, the parts of a pack, and numbered items.

Committee papers announce what they are at their top ("MINUTES of a meeting
of the Cabinet held ... on Thursday, 9 January 2025", "AGENDA", "Reports Cover
Sheet", "From: ... To: Cabinet ... Subject: ...").  An agenda pack bundles
several papers; each one starts with such a heading, so the same cues, tried
on every line, split a pack into parts (agenda, minutes of the previous
meeting, action log, reports, plans).  Minutes and agendas number their
business ("43. Minutes – 14 October 2021", "23 MINUTES OF PREVIOUS MEETING",
"80. Provisional Local Government Finance Settlement 2025-26 (Item 5)"); those
numbered headings, per part, are the items.  Reports number their paragraphs
("2.1 The attached report sets out ..."), which are not items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .guards import guarded
from .records import Item, Part
from .spans import set_records

DOC_TYPES = ("minutes", "agenda", "report", "decision", "plan", "other")
PART_TYPES = ("agenda", "minutes", "action_log", "report", "decision", "plan", "other")

# Parts whose numbered headings are items of business.
ITEM_PARTS = ("agenda", "minutes", "other")

# How many non-empty lines make a paper's title block.
HEAD_LINES = 20


@dataclass
class Line:
    """One line of the text with its offsets; `clean` drops markdown and bullets' stars."""
    start: int
    end: int
    text: str
    clean: str


def text_lines(text: str, offset: int = 0) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        # str.split() already splits at tabs; only markdown's "**" needs replacing first.
        clean = " ".join((raw.replace("**", " ") if "**" in raw else raw).split()).lstrip("#").strip()
        lines.append(Line(offset + pos, offset + pos + len(raw), raw, clean))
        pos += len(raw) + 1
    return lines


# -- what kind of paper a heading line announces --------------------------------

_NUMBERED = re.compile(r"^(?:[-*•|]\s*)?\(?\d{1,3}(?:\.\d{1,2}|\.?[a-z])?[.)]?(?:\s|$)")
_DECISION = re.compile(r"^(?:record of (?:an? )?(?:executive |officer |key )?decision|"
                       r"(?:executive |officer |urgent )?decision (?:notice|record|taken by|sheet)\b|"
                       r"decision no\.?\s*:?\s*\d)", re.I)
_ACTION_LOG = re.compile(r"(?<!\band )\baction\s*(?:log|sheet|tracker)\b|\blog of actions\b", re.I)
# "Adults and Health Committee Training Plan 2021/22", but not "Forward Plan ref: 2022/009"
_PLAN_PART = re.compile(r"\b(?:(?:agenda|forward|training|work) plan|work programme)"
                        r"(?:\s*[-–]?\s*(?:[A-Z][a-z]+\s+)?\d{2,4}(?:/\d{2,4})?)?$", re.I)
_PLAN_TITLE = re.compile(r"\b(?:forward|development|delivery|strategic|business|joint|operational|"
                         r"annual|agenda|training|work|improvement|action) plan\b|\bwork programme\b", re.I)
_MINUTES = re.compile(r"^(?:[A-Z][\w&,'’ -]{0,80}[ -])?minutes$|^(?:minutes|notes?)\s+of\s+(?:an?\s+|the\s+)?"
                      r"(?:[\w'’&-]+\s+){0,7}meeting\b|^minutes\s*[-–:]|"
                      # "Minutes of the Environment Committee held on 12 March 2029"
                      r"^minutes\s+of\s+(?:an?\s+|the\s+)?(?:[\w'’&-]+\s+){0,7}?(?:committee|sub-committee|board|"
                      r"cabinet|council|panel|forum|executive|assembly)\b(?![^\n]*\b(?:was|were|be|been|are|is|"
                      r"approved|agreed|received|noted|signed)\b)[^.\n]*$", re.I)
_MINUTES_CONFIRM = re.compile(r"^(?:date|time|venue|present)\b|\bheld\s+(?:on|at|in|virtually|remotely)\b",
                              re.I)
_AGENDA = re.compile(r"^(?:[A-Z][\w&,'’ -]{0,80}\s)?agenda$|^notice of (?:the )?meeting\b|"
                     r"^summons\b|^agenda\s*[-–:]\s*\S", re.I)
_AGENDA_ITEM = re.compile(r"^agenda\s+item\b", re.I)
_COVER = re.compile(r"\breports?\s+cover\s+sheet\b|^(?:committee |cabinet |board )?report\s*$", re.I)
# Fields of a report's cover: Kent's "From: / To: / Subject:", Cambridgeshire's
# "To: / Meeting Date: / From:", and the "Report to: / Date of meeting: / Report
# of: / Title:" many other councils use.
_REPORT_FIELD = re.compile(r"^(?:from|to|by|subject|title|title of report|report title|report of|report by|"
                           r"report to|report author|meeting|meeting date|date of meeting|date|committee|"
                           r"key decision|decision number|decision maker|portfolio(?: holder)?|lead member|"
                           r"electoral divisions?(?:\(s\))?|wards?(?: affected)?|classification)\s*:", re.I)
# The field that names who the report goes to: one of them opens a cover.
_TO_FIELD = re.compile(r"^(?:to|report to|meeting|committee|decision maker)\s*:\s*\S", re.I)


# A word every paper-type heading above contains: a line without one is no heading, and
# one search saves the six below on most lines of a document.
_PAPER_WORD = guarded(r"(?=[dapmnsr])",     # the words' first letters, in either case (re.I)
                      r"decision|action|plan|programme|minutes|note|agenda|notice|summons|report", re.I)


def heading_type(line: str, whole_doc_title: bool = False) -> str | None:
    """The paper type a heading line names ("AGENDA", "Adults and Health Committee
    Minutes", "RECORD OF DECISION"), or None.  Numbered lines are items, never
    paper headings; long lines are sentences."""
    if not line or len(line) > 110 or _NUMBERED.match(line) or line.startswith(("-", "|", "(")):
        return None
    if not _PAPER_WORD.search(line):
        return None
    if _DECISION.search(line):
        return "decision"
    if _ACTION_LOG.search(line):
        return "action_log"
    if (_PLAN_TITLE if whole_doc_title else _PLAN_PART).search(line) and not line.endswith("."):
        return "plan"
    if _MINUTES.search(line):
        return "minutes"
    if _AGENDA_ITEM.match(line):
        return None
    if _AGENDA.search(line):
        return "agenda"
    if _COVER.search(line):
        return "report"
    return None


def report_header_at(lines: list[Line], i: int) -> bool:
    """A report's cover header: "To: <body>" with another header field close by."""
    if not _TO_FIELD.match(lines[i].clean):
        return False
    near = [ln.clean for ln in _nonempty(lines, i - 4, i + 5) if ln is not lines[i]]
    return sum(1 for t in near if _REPORT_FIELD.match(t) and not _TO_FIELD.match(t)) >= 1


def _nonempty(lines: list[Line], lo: int, hi: int) -> list[Line]:
    return [ln for ln in lines[max(0, lo):max(0, hi)] if ln.clean]


def classify(text: str, source_name: str = "") -> str:
    """The document's type: from its title block, else its opening text, else its file name."""
    lines = text_lines(text[:6000])
    head = [i for i, ln in enumerate(lines) if ln.clean][:HEAD_LINES]
    for i in head:
        kind = heading_type(lines[i].clean, whole_doc_title=True)
        if kind == "action_log":
            return "other"
        if kind:
            return kind
        if _REPORT_FIELD.match(lines[i].clean) and any(
                report_header_at(lines, j) for j in range(max(0, i - 4), min(len(lines), i + 5))):
            return "report"
    opening = text[:3000]
    for doc_type, cue in _TYPE_CUES:
        if cue.search(opening):
            return doc_type
    for doc_type, cue in _NAME_CUES:
        if cue.search(source_name):
            return doc_type
    return "other"


# Weaker cues anywhere in the opening text, strongest first.
_TYPE_CUES = [
    ("decision", re.compile(r"\b(record of (?:executive )?decision|decision taken by)\b", re.I)),
    ("minutes", re.compile(r"\bminutes of (?:a|the) (?:\w+ )*?meeting\b(?! held on)", re.I)),
    # "Report of the Executive Director of Resources" on a line of its own, and a
    # title line that is a report's name ("Finance Report: Month 6 (M6) 2024/25").
    ("report", re.compile(r"\breports? cover sheet\b|\breport (?:title|author)\b|"
                          r"^[^\S\n]*(?:[A-Z][\w'’&()/-]*[^\S\n]+){0,6}Report(?:[^\S\n]*[:\-–][^\n]{0,80}|"
                          r"[^\S\n]+(?:19|20)\d\d[^\n]{0,30})?[^\S\n]*$|"
                          r"^\s*(?:joint\s+)?report\s+(?:of|by|from)\s+(?:the\s+)?[A-Z][^.\n]{0,100}$|"
                          r"^\s*(?:recommendations?|executive summary|purpose of (?:the )?report)\s*:?\s*$",
                          re.I | re.M)),
    ("plan", _PLAN_TITLE),
    ("agenda", re.compile(r"\bagenda\b(?! item)", re.I)),
]
_NAME_CUES = [
    ("minutes", re.compile(r"minutes", re.I)),
    ("agenda", re.compile(r"agenda", re.I)),
    ("decision", re.compile(r"decision", re.I)),
    ("plan", re.compile(r"\bplan\b|[-_]plan", re.I)),
    ("report", re.compile(r"report|cover", re.I)),
]


# -- the body: committee, board or council ------------------------------------------

_BODY_NOUN = r"(?:Sub-Committee|Committee|Board|Cabinet|Council|Panel|Partnership|Forum|Assembly|Executive)"
_BODY_WORD = r"(?:[A-Z][\w'’&-]*|and|of|for|the|&)"
# NHS trusts name their bodies "Board of Directors" and "Council of Governors".
_BODY_OF = r"(?:[ ]+of[ ]+(?:Directors|Governors))?"
_BODY_NAME = re.compile(rf"\b((?:{_BODY_WORD}[ ]+){{0,9}}{_BODY_NOUN}{_BODY_OF})\b(?![ ]+(?:Member|Chamber|Officer|"
                        rf"Lead|Room|Offices?|Meeting Room|Building|Services|Report)\b)")
_BODY_NOISE = re.compile(r"^(?:The|A|An|Of|And|For|the|and|of|for|Minutes|Agenda|Meeting|Virtual|Reports?|"
                         r"Notice|Extraordinary|Special|Meetings?)\s+")
_OF_MEETING = re.compile(r"\bmeeting\s+of(?:\s+the\b)?\s*", re.I)


def _tidy_case(line: str) -> str:
    """"CHESHIRE EAST HEALTH AND WELLBEING BOARD" -> "Cheshire East Health and Wellbeing Board";
    "CORPORATE PANEL – 10th December 2024" -> "Corporate Panel – 10th December 2024"."""
    from .organisation import tidy_case

    return tidy_case(line)


def body_in(line: str, anchored: bool = False) -> str:
    """The committee, board or council named in one line ("" if none).

    A one-word body ("Cabinet") counts only where the line is about a body:
    `anchored` (after "meeting of the", "To:") or the whole line ("CABINET");
    "Executive summary" and "Council Chamber" name none."""
    line = _tidy_case(" ".join(line.split()))
    m = _BODY_NAME.match(line) if anchored else _BODY_NAME.search(line)
    if not m:
        return ""
    body = m.group(1)
    while _BODY_NOISE.match(body):
        body = _BODY_NOISE.sub("", body, count=1)
    if body.split()[0] in ("and", "of", "for", "the", "&"):
        return ""
    if len(body.split()) >= 2:
        return body
    single = body in ("Cabinet", "Council", "Executive")
    return body if single and (anchored or line.strip(" .:") == body) else ""


def find_body(text: str) -> str:
    """The body the paper is for: "meeting of the <body>", "To: <body>", a heading naming it."""
    lines = text_lines(text[:5000])
    nonempty = [ln for ln in lines if ln.clean]
    for i, ln in enumerate(nonempty[:40]):   # "Minutes of a meeting of the\nCheshire East ... Board"
        m = _OF_MEETING.search(ln.clean)
        if m:
            rest = ln.clean[m.end():] or (nonempty[i + 1].clean if i + 1 < len(nonempty) else "")
            body = body_in(rest, anchored=True)
            if body:
                return fuller_name(body, nonempty[:HEAD_LINES])
    for ln in nonempty[:40]:
        if _TO_FIELD.match(ln.clean):
            body = body_in(ln.clean.split(":", 1)[1].strip(), anchored=True)
            if body:
                return body
    for ln in nonempty[:HEAD_LINES]:   # a heading that is the body's name ("CABINET")
        if len(ln.clean) <= 90 and not _NUMBERED.match(ln.clean):
            body = body_in(ln.clean)
            if body and not body.endswith(("County Council", "City Council", "Borough Council",
                                           "District Council")):
                return body
    for ln in nonempty[:60]:
        body = body_in(ln.clean)
        if body:
            return body
    return ""


_GENERIC_BODY = re.compile(r"^(?:(?:Parish|Town|Community|City|County|District|Borough)\s+)?Council$")


def fuller_name(body: str, head: list[Line]) -> str:
    """ "the PARISH COUNCIL" in "meeting of the Parish Council held on" is the
    council its letterhead names ("WESTON PARISH COUNCIL")."""
    if not _GENERIC_BODY.match(body):
        return body
    for ln in head:
        named = body_in(ln.clean)
        if named.endswith(body) and len(named) > len(body) and len(ln.clean) <= 90:
            return named
    return body


def find_title(text: str) -> str:
    for line in text[:2000].splitlines():
        line = " ".join(line.replace("*", " ").replace("#", " ").split())
        if len(line) >= 4 and re.search(r"[A-Za-z]{3}", line):
            return line[:200]
    return ""


_MEETING_CUE = re.compile(r"held (?:on|at|in)|date of meeting|meeting date|^\s*date\s*:|^\s*to\s*:|"
                          r"^\s*(?:report to|meeting|committee|decision maker)\s*:|"
                          r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
# A line about another meeting: an agenda item "3. Minutes of the Meeting held on
# 9th January 2025", "Date of Next Meeting", "minutes of the previous meeting".
_OTHER_MEETING = re.compile(r"^\s*(?:[-*|]\s*)?\d{1,3}[.)]?\s|\bnext meeting\b|\bprevious meeting\b|"
                            r"\bminutes\b|\bpublished\b|\bdespatch", re.I)


# Where a paper's own heading ends and its business begins: the attendance list of
# minutes, a report's summary or recommendations, a decision record's decision.
# Dates after it are in running text ("the bill for 18th March", "the contracts end
# on 31 March 2025") and never the paper's own meeting.
_HEAD_END = re.compile(r"^\W*(?:present\b|members present|in attendance|attendees|attendance\b|"
                       r"summary\b|executive summary|recommendations?\b|recommendation\(s\)|"
                       r"purpose(?: of (?:the )?report)?\s*:|introduction\s*$|background\s*$|decision\s*:)",
                       re.I)
# "(Item 3)" under a heading: the heading is an item of business, so a date in it
# ("Minutes of the meeting held on 29 October 2024") is another meeting's.
_ITEM_BELOW = re.compile(r"\A\s*\n?\s*\(\s*item\s+\d+[a-z]?\s*\)", re.I)


def paper_head(text: str, limit: int = 4000) -> str:
    """The paper's heading block: its text up to the first line where business starts."""
    head = text[:limit]
    pos = 0
    for line in head.split("\n"):
        if pos and _HEAD_END.match(line):
            return head[:pos]
        pos += len(line) + 1
    return head


def find_meeting_date(text: str, doc_type: str = "") -> date | None:
    """The meeting date the paper states in its heading ("held on ...", "Date: ...",
    "Thursday, 30th January, 2025", "To: Cabinet, 30 January 2025"), not the
    date of a meeting it mentions, nor a date in its running text.  A decision
    record's date is the date it was signed or taken."""
    from .dates import find_dates   # imported here: dates may use structure's meeting date

    if doc_type == "decision":
        from .organisation import decision_date_text

        when = decision_date_text(text)
        found = [d for d in find_dates(when) if d.start_date and d.granularity == "day"] if when else []
        if found:
            return date.fromisoformat(found[-1].start_date)
    head = paper_head(text)
    found = [d for d in find_dates(head) if d.start_date and d.start_date == d.end_date
             and d.granularity == "day"]
    candidates = []
    for d in found:
        line_start = head.rfind("\n", 0, d.char_start) + 1
        line_end = head.find("\n", d.char_end)
        line = head[line_start:line_end if line_end >= 0 else len(head)]
        prev_start = head.rfind("\n", 0, max(0, line_start - 1)) + 1
        previous = head[prev_start:line_start]
        heading = re.match(r"\s*minutes\s+of\b", line, re.I) or \
            re.search(r"\bminutes of (?:an?|the) (?:\w+ )?meeting of\b", line, re.I)
        if line_end >= 0 and _ITEM_BELOW.match(head[line_end:line_end + 40]):
            continue
        # A line that opens with the date ("15 October 2024" under "CABINET") is
        # not a numbered agenda line: strip the date before looking.
        rest = line.replace(head[d.char_start:d.char_end], " ", 1) if not line[:d.char_start - line_start].strip() \
            else line
        if _OTHER_MEETING.search(rest) and not heading:
            continue
        cued = _MEETING_CUE.search(line) or re.search(r"held\s*$|held (?:on|at|in)\b|meeting\s+of\b",
                                                      previous, re.I)
        candidates.append((0 if cued else 1, d))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: c[0])[1]   # first cued date, else the first date
    return date.fromisoformat(best.start_date)


# -- parts of a pack -------------------------------------------------------------------

@dataclass
class PartStart:
    line: int            # index into the lines
    part_type: str
    title: str


def find_part_starts(lines: list[Line], doc_type: str = "") -> list[PartStart]:
    """Every line where a new paper begins, with its type and title.

    In minutes, an "agenda" heading further on ("Items for the next agenda",
    "Agenda for the annual meeting") is part of the minutes unless a meeting's
    notice follows it (a date, a venue, "to be held"): minutes are not split
    into an agenda by their own words."""
    starts: list[PartStart] = []
    i = 0
    while i < len(lines):
        clean = lines[i].clean
        kind = heading_type(clean)
        if kind == "minutes" and not _confirmed_minutes(lines, i):
            kind = None
        if kind == "agenda" and doc_type == "minutes" and not _confirmed_agenda(lines, i):
            kind = None
        if kind:
            title = _report_title(lines, i) if kind == "report" else _heading_title(lines, i)
            starts.append(PartStart(_title_start(lines, i), kind, title))
            i += 1
            continue
        if report_header_at(lines, i):
            first = i
            for j in range(i - 1, max(-1, i - 6), -1):   # "From:" may come before "To:"
                if _REPORT_FIELD.match(lines[j].clean):
                    first = j
                elif lines[j].clean:
                    break
            if not (starts and starts[-1].part_type == "report" and first - starts[-1].line <= 6):
                starts.append(PartStart(_title_start(lines, first), "report", _report_title(lines, first)))
            i += 6
            continue
        i += 1
    return starts


def _heading_title(lines: list[Line], i: int) -> str:
    """The heading line, with its next line when it breaks off ("... meeting of the")."""
    title = lines[i].clean
    if re.search(r"\b(?:of|of the|for|and)$", title, re.I):
        nxt = _nonempty(lines, i + 1, i + 3)
        if nxt:
            title = f"{title} {nxt[0].clean}"
    return title


def _confirmed_minutes(lines: list[Line], i: int) -> bool:
    """A "Minutes" heading opens minutes when a date, venue or "held on" follows it."""
    return any(_MINUTES_CONFIRM.search(ln.clean) for ln in [lines[i], *_nonempty(lines, i + 1, i + 9)][:6])


_AGENDA_CONFIRM = re.compile(r"\b(?:to be held|will be held|held (?:on|at|in)|notice (?:is )?(?:hereby )?given|"
                             r"(?:are|is) (?:hereby )?(?:summoned|requested to attend)|summons)\b|^(?:date|time|venue)\s*:",
                             re.I)
_FULL_DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\s+(?:19|20)\d\d\b", re.I)


def _confirmed_agenda(lines: list[Line], i: int) -> bool:
    """An agenda heading opens an agenda paper when a meeting's notice follows it."""
    near = [lines[i], *_nonempty(lines, i + 1, i + 9)][:6]
    return any(_AGENDA_CONFIRM.search(ln.clean) or _FULL_DATE.search(ln.clean) for ln in near)


def _title_start(lines: list[Line], i: int) -> int:
    """Pull a paper's title lines above its heading into it ("COVID-19 Update" above
    "To:", "CHESHIRE EAST COUNCIL" above "Minutes of a virtual meeting of the")."""
    first = i
    for j in range(i - 1, max(-1, i - 4), -1):
        clean = lines[j].clean
        if not clean:
            continue
        if (len(clean) <= 90 and not clean.endswith((".", ",", ";", ":")) and "|" not in clean
                and "\t" not in lines[j].text and not _NUMBERED.match(clean)
                and not clean.startswith(("-", "[", "<", "(")) and clean[0].isupper()
                and heading_type(clean) is None and not _REPORT_FIELD.match(clean)):
            first = j
            break   # one title line at most
        break
    return first


def _report_title(lines: list[Line], first: int) -> str:
    """"Subject:" or "Title of Report:" (with its wrapped line), else the line above the header."""
    block = _nonempty(lines, first, first + 12)
    for k, ln in enumerate(block):
        m = re.match(r"^(?:subject|title|title of report|report title)\s*:\s*(.+)$", ln.clean, re.I)
        if m:
            title = m.group(1)
            nxt = block[k + 1] if k + 1 < len(block) else None
            if nxt and nxt.start == ln.end + 1 and not _REPORT_FIELD.match(nxt.clean) \
                    and ":" not in nxt.clean and len(nxt.clean) <= 80:    # the subject wraps
                title = f"{title} {nxt.clean}"
            return title[:200]
    above = _title_start(lines, first)
    return lines[above].clean[:200] if above != first else lines[first].clean[:200]


def find_parts(text: str, doc_type: str = "other", meeting_date: date | None = None) -> list[Part]:
    """The papers bundled in a document, in order; a single paper is one part."""
    lines = text_lines(text)
    starts = find_part_starts(lines, doc_type)
    head = [i for i, ln in enumerate(lines) if ln.clean][:HEAD_LINES]
    head_end = head[-1] if head else 0
    if starts and starts[0].line <= head_end:
        starts[0].line = 0    # the paper's own heading: its letterhead belongs to it
    if not starts or starts[0].line > 0:
        first_type = doc_type if doc_type in PART_TYPES else "other"
        starts.insert(0, PartStart(0, first_type, find_title(text)))
    # One paper's heading repeated within its first lines is not a new paper.
    merged: list[PartStart] = []
    for s in starts:
        if merged and s.part_type == merged[-1].part_type and s.line - merged[-1].line <= 12:
            continue
        merged.append(s)
    parts = []
    for k, s in enumerate(merged):
        start = lines[s.line].start
        end = lines[merged[k + 1].line].start if k + 1 < len(merged) else len(text)
        part_date = meeting_date
        if s.part_type == "minutes" or (k == 0 and meeting_date is None):
            part_date = find_meeting_date(text[start:end]) or meeting_date
        parts.append(Part(doc_id="", part_id="", part_type=s.part_type, title=s.title[:200],
                          meeting_date=part_date.isoformat() if part_date else "",
                          char_start=start, char_end=end))
    return parts


# -- numbered items --------------------------------------------------------------------

# "43. Minutes – 14 October 2021", "23 MINUTES OF PREVIOUS MEETING", "- 1. Apologies**",
# "3. **Minutes of Previous Meeting** (Pages 3 - 6)", "| 6. | Adult Market Pressure Payments | 55 - 68 |",
# "88. 24/00108 - Revenue and Capital Budget Monitoring Report – November"
# Parish councils number minutes by year: "45/23 Apologies", "23/045 – Apologies",
# "Min. 12/24: Planning", or by year, month and number: "25.10.03 Planning" (yy.mm.nn)
# or "10.25.03" (mm.yy.nn); "Item 5", "5a" and "5(a)" are common too.  NHS boards
# prefix the board's letters: "TB24/112 Chair's welcome", "BoD/24/041 Apologies", "Q29/61".
_ITEM = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+|\|[ \t]*)?(?:(?i:item|min(?:ute)?\.?(?:[ \t]*no\.?)?)[ \t]*)?"
    r"((?:[A-Z](?:[a-z]?[A-Z]){0,3}[/.]?(?=\d{2}/))?(?:\d{1,2}\.\d{1,2}\.\d{1,3}(?![\d.])|\d{1,4}/\d{1,4}|\d{1,3})"
    r"(?:\.\d{1,2}|\.?[a-z]|\([a-z]\))?)"
    r"[.:)]?(?:[ \t]*[-–|])?[ \t]+"
    r"(?:[a-z]\)[ \t]+)?(?:\*\*)?([A-Z‘'\"“(\d][^\n]{2,300})$", re.M)
# "(Pages 3 - 6)", a wrapped "(Pages", a bare "5 - 26" (markdown packs), "To follow"
_PAGES_NOTE = re.compile(r"\s*(?:\(Pages?\s*[\d\s\-–]+\)|\(Pages?\s*$|\b\d+\s+[-–]\s+\d+\s*$|To follow\s*$)",
                         re.I)
_ITEM_NOTE = re.compile(r"^\(\s*item\s+\d+[a-z]?\s*\)$", re.I)
# Paragraphs inside an item start like sentences ("1. Mr Shipton introduced the report ...");
# a possessive opens a title ("Clerk's Report", "Chair's welcome").
_SENTENCE_START = re.compile(
    r"^(?:RESOLVED|Resolved|It\s+was|It\s+is|Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|The\s+(?:Committee|Board|"
    r"Cabinet|Council|Chair|Chairman|Leader|Panel|Clerk|report|minutes)\b|He|She|They|We|Members|Further\s+to|"
    r"Following|In\s+response|That|This|There|Officers?|Clerk|Chair(?:man)?)\b(?!['’]s\b)")
# Words of a sentence that reports what happened; item titles name business.
_REPORTING = re.compile(r"\b(?:was|were|had|has been|have been|would|reported|explained|stated|advised|"
                        r"informed|thanked|introduced|confirmed|noted that|agreed that)\b", re.I)
_TABLE_TAIL = re.compile(r"\s*\|.*$")
_MONTH_START = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|"
                          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")


def _clean_title(title: str) -> str:
    title = title.replace("**", " ").replace("\t", " ")
    title = _TABLE_TAIL.sub("", title)
    title = " ".join(title.split())
    for _ in range(2):
        title = _PAGES_NOTE.sub("", title).strip()
    title = title.strip(" *|")
    if title.endswith(".") and len(title.split()) <= 10:   # "Date of the Next Meeting - 13 January 2022."
        title = title[:-1]
    return title


def number_key(number: str) -> tuple[int, ...]:
    """"8.a" -> (8, 1), "45/23" -> (45, 23), "5.2" -> (5, 2): numbers compare in order."""
    number = re.sub(r"^[A-Za-z]+[/.]?(?=\d)", "", number)   # "TB24/112": the board's letters
    return tuple(int(t) if t.isdigit() else ord(t) - ord("a") + 1
                 for t in re.findall(r"\d+|[a-z]", number.lower()))


def follows(last: tuple[int, ...] | None, key: tuple[int, ...], gap: int = 10) -> bool:
    """`key` comes after `last` and not far after: numbering that continues.
    Paragraph numbers restart ("1." after minute 80) and do not."""
    if not key:
        return False
    if last is None:
        return True
    if key <= last:
        return False
    for k, value in enumerate(key):
        before = last[k] if k < len(last) else 0
        if value != before:
            return value - before <= gap
    return True


def is_item_title(title: str) -> bool:
    """A heading's title, not a numbered paragraph's first line."""
    if len(title) > 300 or len(re.findall(r"[A-Za-z]", title)) < 3:
        return False
    if _MONTH_START.match(title):   # "17 March 2022": a date, not item 17
        return False
    if _SENTENCE_START.match(title) or _REPORTING.search(title):
        return False
    words = title.split()
    if title.endswith((":", ";", ",")):
        return False
    if title.endswith(".") and not title.endswith("etc.") and len(words) > 10:
        return False
    return True


def _continue_title(title: str, lines: list[str]) -> tuple[str, int]:
    """Join a heading's wrapped lines: up to an "(Item 5)" note within three lines, or
    lines that plainly continue it (start lower case, or finish "(Pages 85 - 276)")."""
    upto = next((k for k, ln in enumerate(lines[:4]) if _ITEM_NOTE.match(ln.strip())), None)
    if upto is not None and all(ln.strip() for ln in lines[:upto]):
        return " ".join([title, *(ln.strip() for ln in lines[:upto])]), upto + 1
    used = 0
    for ln in lines[:2]:
        s = ln.strip()
        if not s or len(title) < 40:
            break
        if s[0].islower() or title.rstrip().endswith(("(Pages", "(Page", "-", "–", "&", " and", " of")) or \
                re.fullmatch(r"[^.]{1,80}\(Pages?\s*[\d\s\-–]+\)", s):
            title, used = f"{title} {s}", used + 1
        else:
            break
    return title, used


_HEAD_THEN_TEXT = re.compile(r"^([A-Z][^-–—:.]{2,60}?)\s*(?:[-–—]|:)\s*[A-Za-z]")
_DOTTED_MINUTE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,3}$")


def find_items(text: str, offset: int = 0) -> list[tuple[str, str, int, int]]:
    """Numbered items as (number, title, char_start, char_end), in order.

    A heading is a line "N[.] Title" whose number continues the sequence and
    whose title reads like a heading; numbered paragraphs inside an item ("1.
    Mr Shipton introduced the report") read like sentences and restart their
    numbering.  Offsets are shifted by `offset` (the part's start).
    """
    heads: list[tuple[str, str, int]] = []
    lasts: dict[str, tuple[int, ...]] = {}
    for m in _ITEM.finditer(text):
        number = m.group(1)
        raw = m.group(2)
        if len(raw) > 200:
            continue    # a paragraph on one line (converted text keeps paragraphs whole)
        if raw.replace("**", "").strip()[:1].isdigit() and not re.match(r"\d{2}/\d{3,6}\b", raw):
            continue    # "3 2.1 ..." or a row of figures, not a heading (a decision code is fine)
        following = text[m.end() + 1:m.end() + 600].split("\n")
        title, _used = _continue_title(raw, following)
        title = _clean_title(title)
        if not is_item_title(title):
            # "Finance - The following accounts were approved for payment": a heading, a
            # dash, then the minute's first sentence on the same line.
            # Only inside a numbering already running: "81 Bus - Numbers could ..." is a sentence.
            head = _HEAD_THEN_TEXT.match(title)
            shape = "dotted" if _DOTTED_MINUTE.match(number) else "plain"
            if head is None or not is_item_title(head.group(1)) or shape not in lasts:
                continue
            title = head.group(1)
        key = number_key(number)
        # Three-part minute numbers ("25.10.03") run a sequence of their own: a stray
        # "1." above them (a list in the heading block) does not hide them.
        shape = "dotted" if _DOTTED_MINUTE.match(number) else "plain"
        if not follows(lasts.get(shape), key):
            continue
        if shape == "plain" and "dotted" in lasts and "plain" not in lasts:
            continue    # "81 Bus - ..." among "25.10.0n" minutes: a number in the text
        heads.append((number.rstrip("."), title, m.start()))
        lasts[shape] = key
    items = []
    for i, (number, title, start) in enumerate(heads):
        end = heads[i + 1][2] if i + 1 < len(heads) else len(text)
        items.append((number, title, offset + start, offset + end))
    return items


# -- the whole document -------------------------------------------------------------

@dataclass
class Structure:
    doc_type: str = "other"
    body: str = ""
    title: str = ""
    meeting_date: date | None = None
    organisation: str = ""
    venue: str = ""
    parts: list[Part] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


def analyse(text: str, source_name: str = "") -> Structure:
    doc_type = classify(text, source_name)
    meeting_date = find_meeting_date(text, doc_type)
    parts = find_parts(text, doc_type, meeting_date)
    items = []
    for part in parts:
        if part.part_type not in ITEM_PARTS:
            continue
        for n, t, s, e in find_items(text[part.char_start:part.char_end], part.char_start):
            items.append(Item(doc_id="", item_id="", number=n, title=t, char_start=s, char_end=e))
    # A report's title is its subject, not its "From:" line.
    title = parts[0].title if parts[0].part_type == "report" else find_title(text)
    from .organisation import decision_maker, find_organisation, find_venue

    # A decision record is taken by one member or officer, not at the council's meeting.
    body = (decision_maker(text) if doc_type == "decision" else "") or find_body(text)
    return Structure(doc_type=doc_type, body=body, title=title, meeting_date=meeting_date,
                     organisation=find_organisation(text, body), venue=find_venue(text),
                     parts=parts, items=items)


@Language.factory("minutebook_structure")
def make_structure(nlp: Language, name: str):
    return StructureComponent()


class StructureComponent:
    """Sets doc._.doc_type, body, organisation, venue, title, meeting_date, doc.spans["parts"] and doc.spans["items"]."""

    def __call__(self, doc: Doc) -> Doc:
        found = analyse(doc.text, doc._.source_name)
        doc._.doc_type = found.doc_type
        doc._.body = found.body
        doc._.organisation = found.organisation
        doc._.venue = found.venue
        doc._.title = found.title
        doc._.meeting_date = found.meeting_date
        set_records(doc, "parts", found.parts)
        set_records(doc, "items", found.items)
        return doc
