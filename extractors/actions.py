"""Actions: action-log rows, marked lines and "<owner> to <verb>" sentences.

Three sources, in the order they win when they repeat one another
(gold/GUIDELINES.md, "actions" and the v1.1 clarifications):

- `log`: a row of an action-log table ("Minute No. | Action to be taken by |
  Action | Comments | Status | Review Date", "Actions from previous meeting",
  "Action list summary").  The converter writes a table row as one line of
  tab-separated cells; the header row tells which cell is which.
- `marked`: a minute sentence marked as an action: "... future meetings.
  **ACTION**", "... contractor. Action: AB", "Action: Clerk to write to KCC".
- `sentence`: a minute sentence that gives a person or role a task in the
  form "<owner> to <verb> ...": "Clerk to write to ...", "AB to obtain quotes".
  Only in minutes: in an agenda "Members to note the report" is business
  for the meeting, not an action after it.

Running-text commitments that are not marked ("officers would follow up")
are not actions.  The same action written in the minute text and as a row of
the same document's action table is kept once, from the row.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date

from spacy.language import Language

from .memo import per_text
from .names import HONORIFIC
from .records import Action
from .spans import records_of, set_records

# ---------------------------------------------------------------- status


_STATUS = (
    ("closed", re.compile(r"\b(?:closed?|closure|complete[d]?|completion|done|discharged|achieved|actioned|"
                          r"resolved|finished|delivered|no further action)\b", re.I)),
    ("in progress", re.compile(r"\b(?:in[\s-]+progress|on[\s-]?going|under\s*way|in\s+hand|"
                               r"partially|started|progressing|part\s+complete)\b", re.I)),
    ("outstanding", re.compile(r"\b(?:outstanding|overdue|pending|not\s+(?:yet\s+)?(?:complete[d]?|done|"
                               r"started)|incomplete|delayed)\b", re.I)),
    ("open", re.compile(r"\b(?:open|new|live|active|carried\s+forward|c/f)\b", re.I)),
)


def normalise_status(printed: str) -> str:
    """open / closed / in progress / outstanding from a status as printed, or "".

    Checked in that order of precedence so that "Not complete" is outstanding
    (not closed) and "Partially complete" is in progress.
    """
    text = clean_cell(printed)
    if not text:
        return ""
    order = ("outstanding", "in progress", "closed", "open")
    found = {name for name, pattern in _STATUS if pattern.search(text)}
    for name in order:
        if name in found:
            return name
    return ""


# ---------------------------------------------------------------- owners

# Roles and posts an action is given to, as printed in minutes of councils,
# parish councils and NHS boards.  Longest first so "Vice-Chair" beats "Chair".
_ROLE_WORDS = (
    r"(?:Town\s+|Parish\s+|Locum\s+|Deputy\s+|Assistant\s+|Acting\s+)?Clerk",
    r"Vice[\s-]?Chair(?:man|woman|person)?",
    r"Chair(?:man|woman|person)?",
    r"(?:Deputy\s+)?Mayor",
    r"RFO", r"Responsible\s+Financial\s+Officer", r"Proper\s+Officer",
    r"Treasurer", r"Secretary", r"Chief\s+Executive(?:\s+Officer)?", r"CEO",
    r"Monitoring\s+Officer", r"(?:Lead\s+)?Officers?", r"Democratic\s+Services(?:\s+Officer)?",
    r"(?:Deputy\s+|Interim\s+|Executive\s+|Assistant\s+|Corporate\s+)?Director(?:\s+of\s+[A-Z][\w&']*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w&']*){0,4})?",
    r"Head\s+of\s+[A-Z][\w&']*(?:\s+(?:and\s+|&\s+|of\s+)?[A-Z][\w&']*){0,4}",
    r"(?:Cabinet|Lead)\s+Member(?:\s+for\s+[A-Z][\w&']*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&']*){0,4})?",
    r"Portfolio\s+Holder", r"Company\s+Secretary", r"Board\s+Secretary",
)
_ROLE = "(?:" + "|".join(_ROLE_WORDS) + ")"
_ROLE_RE = re.compile(rf"^(?:the\s+)?(?P<role>{_ROLE})$", re.I)
# A person or a named body: "Cllr Smith", "Councillor J Smith", "Mrs Brown", "Lisa Sparks",
# "Kent County Council".
_NAME = r"[A-Z][a-z'’\-]+"
_PERSON = rf"(?:{HONORIFIC}\s+(?:[A-Z]\.?\s+)?{_NAME}(?:\s+{_NAME})?|{_NAME}\s+(?:[A-Z]\.?\s+)?{_NAME}(?:\s+{_NAME}){{0,2}})"
# Initials or an acronym: "AB", "CF", "JS/KL", "NHSE".
_INITIALS = r"[A-Z][A-Za-z]?[A-Z]{1,3}\b"
_ONE_OWNER = rf"(?:(?:the\s+|The\s+)?{_ROLE}|{_PERSON}|{_INITIALS})"
_OWNER = rf"{_ONE_OWNER}(?:\s*(?:/|,|&|\band\b)\s*(?:{_ONE_OWNER}|{_NAME}(?=\s+(?:to|and|&)\b)))*"

# Bodies: an owner, but "Members to note" / "Council to consider" is agenda
# business, so with one of the agenda verbs it is not an action.
_BODY = re.compile(r"^(?:the\s+)?(?:(?:Parish|Town|County|District|City)\s+)?(?:Council|Committee|Board|"
                   r"Members?|Councillors|Cabinet|Panel|Forum|Meeting|Group|Sub[\s-]?Committee)$", re.I)
_AGENDA_VERBS = {"note", "receive", "consider", "approve", "resolve", "agree", "discuss", "decide",
                 "ratify", "adopt", "confirm", "review", "accept", "elect", "appoint", "sign",
                 "nominate", "determine", "debate", "comment", "endorse", "be", "have", "vote"}
# Capitalised words that open a sentence "X to y" without X being anybody.
_NOT_OWNER = {"to", "due", "in", "subject", "prior", "further", "reply", "response", "item",
              "items", "report", "update", "introduction", "access", "changes", "change", "move",
              "proposal", "plans", "application", "applications", "letter", "visit", "welcome",
              "amendment", "amendments", "addition", "additions", "reference", "references",
              "regard", "relation", "respect", "contribution", "contributions", "grant", "grants",
              "payment", "payments", "donation", "donations", "route", "routes", "road", "roads",
              "way", "ways", "order", "return", "returns", "next", "date", "dates", "time", "up",
              "planning", "minutes", "matters", "correspondence", "accounts", "notice", "notices",
              "public", "questions", "any", "other", "annual", "agenda"}
# Words after "to" that show "X to ..." is a phrase ("transferred from the Education
# Directorate to the Adult Social Care Directorate"), not a task.
_NOT_VERB = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
             "your", "my", "all", "any", "each", "every", "and", "or", "which", "whom", "date", "be",
             "whether", "what", "who", "one", "two", "three", "them", "him", "us", "me", "it"}


def role_of(owner: str) -> str:
    """The role when an owner as printed is one ("the Clerk" -> "Clerk"), else ""."""
    m = _ROLE_RE.match(" ".join(owner.split()))
    if not m:
        return ""
    role = m.group("role")
    if role.isupper():
        return role
    return role[0].upper() + role[1:]


def clean_owner(owner: str) -> str:
    """An owner as printed, without the leading article and trailing punctuation."""
    owner = " ".join(clean_cell(owner).split())
    owner = re.sub(r"^(?:the)\s+", "", owner, flags=re.I)
    return owner.strip(" .,;:()*-–—")


# ---------------------------------------------------------------- text helpers

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def clean_cell(text: str) -> str:
    """A table cell or line as it reads: HTML tags from the converter dropped, spaces folded."""
    text = _TAG.sub(" ", text or "")
    return " ".join(text.replace("**", " ").split())


@dataclass
class Line:
    text: str
    start: int          # offset of the line in the document

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# Four readers split each document's text: it is split once (extractors/memo.py).
@per_text
def lines_of(text: str) -> list[Line]:
    """The lines of `text` with their offsets; do not modify."""
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(raw, pos))
        pos += len(raw) + 1
    return out


# A sentence ends at . ! ? before a space and a capital, a quote or a bracket;
# not after a title or an initial ("Cllr. Smith", "J. Smith", "e.g. The").
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"'‘“(A-Z0-9•\-])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Dr|Ms|No|St|vs|Cllr|Cllrs|etc|e\.g|i\.e|approx)|(?<![A-Za-z])[A-Z])$")


def sentence_bounds(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentences of text[lo:hi] as (start, end) offsets, trimmed of spaces and bullets."""
    out, start = [], lo
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if _ABBREVIATION.search(text[max(lo, m.start() - 8):m.start()]):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, hi))
    trimmed = []
    for s, e in out:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip(" \t-•*·"))
        s2, e2 = s + lead, s + len(chunk.rstrip(" \t*"))
        if e2 > s2:
            trimmed.append((s2, e2))
    return trimmed


# ---------------------------------------------------------------- due dates

_BY = re.compile(r"\b(?:by|before|no\s+later\s+than|deadline|due)\s*:?\s*"
                 r"(?:the\s+)?(?:end\s+of\s+|close\s+of\s+|w/?c\s+)?$", re.I)


def due_date_in(text: str, meeting_date: date | None, anywhere: bool = False) -> str:
    """ISO due date from "by <date>" in a sentence (any date in a due-date cell).

    A month is due by its last day ("by March 2023" -> 2023-03-31).
    """
    from .dates import find_dates

    try:
        mentions = find_dates(text, meeting_date)
    except Exception:   # a date parser failure must not lose the action
        return ""
    for mention in mentions:
        if mention.granularity not in ("day", "month") or not mention.start_date:
            continue
        if anywhere or _BY.search(text[:mention.char_start]):
            if mention.granularity == "month" and mention.end_date:
                return mention.end_date[:10]
            return mention.start_date[:10]
    return ""


# ---------------------------------------------------------------- log tables

def column_role(header: str) -> str:
    """What an action-log header cell holds: minute, owner, action, status, due, or ""."""
    h = clean_cell(header).lower().strip(" .:*#")
    if not h:
        return ""
    if (re.search(r"\b(?:taken\s+by|action\s+by|by\s+whom|who|owner|owners|lead|leads|responsib\w*|"
                  r"assigned\s+to|officer|officers)\b", h) or h == "by") and not re.search(r"\bdate\b", h):
        return "owner"
    if re.fullmatch(r"(?:minutes?|min)(?:\s*(?:no|number|ref|reference|ref\s+no))?\.?|"
                    r"(?:action|action\s+point|item|agenda\s+item|minute)\s*(?:no|number|ref|reference|#|id|code)\.?|"
                    r"ref|reference|no|number|id|#|item", h):
        return "minute"
    if re.fullmatch(r"(?:agreed\s+|required\s+|outstanding\s+)?actions?(?:\s+(?:required|agreed|point|points|"
                    r"to\s+be\s+taken|description|arising|summary))?|description(?:\s+of\s+action)?|"
                    r"action\s*(?:/|&|and)\s*decision|decision\s*(?:/|&|and)\s*action|task|tasks|what|"
                    r"issues?|subject|matters?(?:\s+arising)?", h):   # parish logs: "Minute ref | Issue | Action by"
        return "action"
    if re.fullmatch(r"(?:current\s+|action\s+)?status|rag(?:\s+status)?|open\s*/\s*closed|complete[d]?\??|"
                    r"(?:status\s*/\s*progress|progress\s*/\s*status)|progress(?:\s+update)?|update|latest\s+position", h):
        return "status"
    if re.search(r"\b(?:due|deadline|target|review\s+date|by\s+when|timescales?|completion\s+date|"
                 r"date\s+due|when|by\s+date)\b", h):
        return "due"
    return ""


def read_header(line: str) -> dict[int, str] | None:
    """Column roles of an action-log header row, or None when the row is not one.

    A header has an action column and at least one of owner / status / minute,
    so an agenda plan ("Agenda item | Lead officer | Deadline") or a workplan
    ("Workstream | Owner | timeline (actions and deadlines)") is not taken.
    """
    if "\t" not in line:
        return None
    roles = {}
    cells = line.split("\t")
    # "Minute | Description | Action": the column headed Action is the action one.
    named = [i for i, c in enumerate(cells) if column_role(c) == "action" and "action" in c.lower()]
    for i, cell in enumerate(cells):
        role = column_role(cell)
        if role == "action" and named and i not in named:
            continue
        if role and role not in roles.values():
            roles[i] = role
    kinds = set(roles.values())
    if "action" in kinds and kinds & {"owner", "status", "minute"}:
        return roles
    return None


_HANGING = re.compile(r"\b(?:to|be|by|of|for|and|the|a|an)\s*$|[&/\-–]\s*$", re.I)


_LOG_TITLE = re.compile(r"action\s*(?:log|sheet|tracker|list|points?)|actions?\s+(?:from|arising)|"
                        r"matters\s+arising|outstanding\s+actions|summary\s+of\s+actions", re.I)


def header_continued(cells: list[str], roles: dict[int, str], line: str) -> dict[int, str] | None:
    """Roles with a header's second line folded in, or None when `line` is a data row.

    A borderless table wraps its header: "Minute | ... | Action to be | Action"
    over "No. | taken by".  The converter drops the empty cells of the second
    line, so each of its words is tried on every header cell.
    """
    parts = [clean_cell(c) for c in line.split("\t") if clean_cell(c)]
    if not parts or "\t" not in line or len(parts) >= len([c for c in cells if clean_cell(c)]) \
            or any(len(p.split()) > 3 or p[:1].isdigit() for p in parts):
        return None
    out = dict(roles)
    for part in parts:
        # A cell that already names its column keeps it; one left hanging ("Action
        # to be") is the likeliest to carry on.
        hanging = sorted((i for i in range(len(cells)) if i not in out),
                         key=lambda i: not _HANGING.search(cells[i]))
        for i in hanging:
            cell = cells[i]
            role = column_role(f"{cell} {part}")
            if role and role not in out.values():
                out[i] = role
                break
    return out


_RULE = re.compile(r"^[\s\-–—=_|+:]*$")
# A plain-text or markdown table row: cells between " | " ("Who | What | When", "| 4.2 | AB | Chase ... |").
_PIPED = re.compile(r"^[^\S\n]*\||\S[^\S\n]+\|[^\S\n]+\S")


def piped_cells(line: str) -> str:
    """A row whose cells are separated by "|" with its bars as tabs (same length, so offsets
    hold), the way the converters print a table; any other line as it is."""
    if "\t" in line or not _PIPED.search(line):
        return line
    return line.replace("|", "\t")


def log_actions(text: str, meeting_date: date | None = None,
                in_minutes=lambda offset: True) -> list[Action]:
    """One action per row of every action-log table in `text`.

    In minutes or an action log every such table counts.  In a report or a
    plan a table "Ref | Action | Lead | Status" is that paper's own plan of
    work, not actions of a meeting, unless it has a minute column or an
    action-log title just above it ("Actions from previous meeting").
    """
    actions: list[Action] = []
    roles: dict[int, str] | None = None
    header_cells: list[str] = []
    # A table the converter broke with lines of running text (a row whose cells were
    # merged, a note under a row): its header holds until the next minute heading,
    # and a later row that lines up with it (same cells, a reference first) resumes it.
    paused: tuple[dict[int, str], int] | None = None
    head: list[str] = []
    for line in lines_of(text):
        line = Line(piped_cells(line.text), line.start)
        header = read_header(line.text)
        if header is not None:
            logged = "minute" in line.text.lower() or _LOG_TITLE.search(text, max(0, line.start - 600),
                                                                        line.start) is not None
            roles = header if logged or in_minutes(line.start) else None
            header_cells = head = line.text.split("\t")
            paused = None
            continue
        if roles is None:
            if paused is not None and "\t" in line.text and _resumes(line.text, *paused):
                roles = paused[0]
                paused = None
            elif paused is not None and _MINUTE_HEADING.match(line.text) and "\t" not in line.text:
                paused = None
            if roles is None:
                continue
        if header_cells:
            more = header_continued(header_cells, roles, line.text)
            header_cells = []
            if more is not None:
                roles = more
                continue
        if "\t" not in line.text:
            if line.text.strip():
                # running text again: the table has ended, or paused unless a minute heading ends it
                paused = None if _MINUTE_HEADING.match(line.text) else (roles, max(len(head), max(roles) + 1))
                roles = None
            continue
        if _RULE.match(line.text.replace("\t", "")):
            continue
        action = _row_action(line, roles, meeting_date, head)
        if action is not None:
            actions.append(action)
    return actions


# A row's first cell that is a reference: "12", "A17", "Sept25.01", "24/036", "3.2".
_REF_CELL = re.compile(r"^\s*[A-Za-z]{0,6}\s?\d{1,4}(?:[./\-]\d{1,4}){0,2}[a-z]?\.?\s*$")


def _resumes(line: str, roles: dict[int, str], width: int) -> bool:
    """Does a table row after some running text carry on the paused table above?"""
    cells = line.split("\t")
    minute = next((i for i, r in roles.items() if r == "minute"), None)
    return (len(cells) >= max(roles) + 1 and abs(len(cells) - width) <= 1 and minute is not None
            and bool(_REF_CELL.match(cells[minute])))


def _aligned(roles: dict[int, str], cells: list[str], head: list[str]) -> dict[int, str]:
    """Roles moved onto a row with fewer cells than its header: the header's empty
    cells ("No | Action | | Owner") are the gaps the row does not print."""
    missing = len(head) - len(cells)
    if missing <= 0 or not roles:
        return roles
    gaps = [i for i, c in enumerate(head) if not clean_cell(c) and i not in roles and i < max(roles)][:missing]
    if len(gaps) < missing:
        return roles
    return {i - sum(1 for g in gaps if g < i): role for i, role in roles.items()}


# A minute or action reference printed at the start of the action cell when the
# reference column is empty: "Sept24.01 NO to draft ...", "A17 Review ...".
_LEADING_REF = re.compile(r"^\s*(?P<ref>[A-Z][A-Za-z]{1,5}\d{2}[./]\d{1,3}|\d{1,2}\.\d{2}\.\d{2})\s+(?=\S)")


# A date at the end of an owner cell: "... March 2026", "... 27/02/2026", "... 3rd May 2026".
_TRAILING_DUE = re.compile(
    r"\s(?P<due>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s+\d{4}|"
    r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\s*$")


def _row_action(line: Line, roles: dict[int, str], meeting_date: date | None,
                head: list[str] = ()) -> Action | None:
    cells, offsets, pos = line.text.split("\t"), [], line.start
    for cell in cells:
        offsets.append(pos)
        pos += len(cell) + 1
    roles = _aligned(roles, cells, list(head))
    by_role = {role: i for i, role in roles.items() if i < len(cells)}
    if "action" not in by_role:
        return None
    i = by_role["action"]
    action_text = clean_cell(cells[i])
    filled = [c for c in cells if clean_cell(c)]
    owner = ""
    if "owner" not in by_role and action_text and len(action_text.split()) <= 4 and owner_only(action_text):
        # Minutes printed with an "Action" column that holds who ("Clerk", "AB"):
        # the action is the minute text beside it.
        owner = owner_only(action_text)[0]
        others = [j for j in range(len(cells)) if j != i and j not in roles]
        i = max(others, key=lambda j: len(clean_cell(cells[j])), default=i)
        action_text = clean_cell(cells[i])
    span = (offsets[i] + len(cells[i]) - len(cells[i].lstrip()), offsets[i] + len(cells[i].rstrip()))
    if owner:
        span = _owned_sentence(line, offsets[i], cells[i], owner) or span
        action_text = clean_cell(line.text[span[0] - line.start:span[1] - line.start])
    if not action_text or len(filled) < 2 or len(action_text.split()) < 2:
        return None                   # a section row ("Meeting 22 September 2021") or an empty row

    def cell(role: str) -> str:
        return clean_cell(cells[by_role[role]]) if role in by_role else ""

    minute = cell("minute").rstrip(".")
    ref = _LEADING_REF.match(action_text) if not minute else None
    if ref:
        minute = ref.group("ref")
        cut = line.text.find(ref.group("ref"), span[0] - line.start) + line.start + len(ref.group("ref"))
        span = (cut + len(line.text[cut - line.start:]) - len(line.text[cut - line.start:].lstrip()), span[1])
        action_text = clean_cell(line.text[span[0] - line.start:span[1] - line.start])
    status_text = cell("status")
    owner_cell, due_cell = cell("owner"), cell("due")
    merged = _TRAILING_DUE.search(owner_cell) if "due" in by_role and not due_cell else None
    if merged and merged.start() > 0:
        # two narrow columns the converter printed as one cell: "Director of Estates March 2026"
        owner_cell, due_cell = owner_cell[:merged.start()].strip(), merged.group("due")
    owner = owner or clean_owner(owner_cell)
    return Action(
        text=action_text,
        owner=owner,
        owner_role=role_of(owner),
        due_date=due_date_in(due_cell, meeting_date, anywhere=True) if due_cell else
        due_date_in(action_text, meeting_date),
        status=normalise_status(status_text),
        status_text=status_text,
        minute=minute,
        source="log",
        char_start=span[0],
        char_end=span[1],
    )


def _owned_sentence(line: Line, cell_start: int, cell: str, owner: str) -> tuple[int, int] | None:
    """The sentence of a minute cell that is the task of the owner in its Action column:
    "Finance report. ... RO to provide an analysis of agency spend." beside "RO" is the
    last sentence; the one that names the owner as its subject when there is one."""
    lo = cell_start - line.start
    sentences = sentence_bounds(line.text, lo, lo + len(cell))
    if len(sentences) < 2:
        return None
    for s, e in sentences:
        if subject_owner(line.text[s:e]) == owner:
            return line.start + s, line.start + e
    s, e = sentences[-1]
    return line.start + s, line.start + e


# ---------------------------------------------------------------- paragraphs

_LABEL = re.compile(r"^\s*(?:[-•*·▪●]|\(?[a-z0-9]{1,3}[.)]|\d+(?:\.\d+)+\.?)\s")


def opens_line(line: str, previous: str) -> bool:
    """Does `line` start a new sentence rather than carry on the one above it?

    It does after a blank line or a table row, as a bullet or label, after a
    line that ends a sentence or a heading ("5. Potholes", "Highways"), but not
    after a line broken mid-sentence ("... transferred from the").
    """
    before = previous.rstrip()
    if not before or "\t" in previous or _LABEL.match(line):
        return True
    if before.endswith((".", "!", "?", ":", ";", ")", "**")):
        return True
    if ("ction" in before or "CTION" in before) and _ENDS_MARKED.search(before):
        return True                    # "... department. Action: Secretary" closed the sentence above
    if _MINUTE_HEADING.match(before):
        return True                    # "ARC 24/34 Internal audit progress report" heads the minute
    if _DASH_GAP.search(line) and headed_task(line)[0]:
        return True                    # "Defibrillator – Clerk to renew the pads": a task line of its own
    last = before.split()[-1]
    return len(before) < 60 and (last[:1].isupper() or last[:1].isdigit())


# A minute heading: its reference ("24/036", "ARC 24/34", "FC/24/12", "5.") and a short title.
_MINUTE_HEADING = re.compile(r"^\s*(?:[A-Z][A-Za-z]{0,4}[ ./-]?)?\d{1,4}(?:[./-]\d{1,4}){0,2}\.?\s+[A-Z][^.!?;:]{0,80}$")


def unit_start(lines: list[Line], n: int) -> int:
    """Index of the line that opens the sentence run line `n` belongs to."""
    k = n
    while k > 0 and lines[k - 1].text.strip() and "\t" not in lines[k - 1].text \
            and not opens_line(lines[k].text, lines[k - 1].text):
        k -= 1
    return k


def unit_end(lines: list[Line], n: int) -> int:
    """Index of the last line of the sentence run line `n` belongs to."""
    k = n
    while k + 1 < len(lines) and lines[k + 1].text.strip() and "\t" not in lines[k + 1].text \
            and not opens_line(lines[k + 1].text, lines[k].text):
        k += 1
    return k


def sentences_of(text: str, lines: list[Line]) -> list[tuple[int, int]]:
    """Every sentence outside tables, as (start, end), joined across wrapped lines."""
    out, n = [], 0
    while n < len(lines):
        if not lines[n].text.strip() or "\t" in lines[n].text:
            n += 1
            continue
        last = unit_end(lines, n)
        out += sentence_bounds(text, lines[n].start, lines[last].end)
        n = last + 1
    return out


# ---------------------------------------------------------------- marked lines

# "ACTION", "**ACTION**", "ACTION: AB", "Action: Clerk", "(Action - JS/KL)" at the
# end of a line; "Action:" (any case) needs its colon or dash, "ACTION" alone is enough.
_MARK = re.compile(
    r"(?:(?<=^)|(?<=[\s.;:)\]*(])|(?<=[a-z])(?=Actions?[^\S\n]*[-–—:]))\(?\*{0,2}(?:(?P<upper>ACTIONS?(?:[^\S\n]+(?:POINTS?|AGREED|REQUIRED))?)|"
    r"(?P<title>Actions?(?:[^\S\n]+(?:[Pp]oints?|[Aa]greed|[Rr]equired))?))\*{0,2}"
    r"(?P<sep>[^\S\n]*(?:\*{0,2}:\*{0,2}|[-–—])[^\S\n]*|[^\S\n]+(?=(?:by|for)\b)|(?=[^\S\n]*\)?[^\S\n]*$)|(?P<plain>[^\S\n]+(?=[A-Z])))"
    r"(?P<rest>[^\n]*?)[^\S\n]*\)?\*{0,2}[^\S\n]*$", re.M)
_OWNER_ONLY = re.compile(rf"^(?:(?:by|for):?\s+)?(?P<owner>{_OWNER}|All(?:\s+(?:Members|Councillors))?)"
                         rf"(?P<due>\s*[,–\-]?\s*(?:by|before|due)\b.*)?\.?$")
_SHORT_OWNER = re.compile(r"^(?:by:?\s+)?(?P<owner>[A-Z][\w.'’\-]*(?:\s*(?:/|,|&|and|[A-Z][\w.'’\-]*)\s*){0,3})\.?$")


# Cover-sheet lines "Action: For decision" / "Action: To note" ask the meeting for
# something; they are not a task after it.
_NOT_TASK = re.compile(r"^(?:for\b|to\s+(?:note|receive|approve|consider|agree|discuss)\b|note|noting|approve|"
                       r"approval|information|discussion|decision|assurance|none\b|n/?a\b|no\s+action|nil\b|"
                       r"required|requested|noted|agreed|approved|received|complete|closed|ongoing|tbc\b|"
                       r"see\b)", re.I)
# Upper-case words that follow ACTION in headings, not initials of an owner.
_NOT_INITIALS = {"PLAN", "PLANS", "LOG", "LOGS", "SHEET", "TRACKER", "REQUIRED", "TAKEN", "LIST", "ITEMS",
                 "NOTES", "SUMMARY", "POINTS", "AGREED", "NO", "REF", "BY", "FOR", "AREA", "AREAS", "GROUP"}


def owner_only(rest: str) -> tuple[str, str] | None:
    """(owner, due text) when what follows a marker is only its owner ("AB", "Clerk by 31 May")."""
    m = _OWNER_ONLY.match(rest)
    if m:
        return clean_owner(m.group("owner")), (m.group("due") or "")
    m = _SHORT_OWNER.match(rest)
    if m and len(rest.split()) <= 4:
        return clean_owner(m.group("owner")), ""
    return None


def marked_actions(text: str, meeting_date: date | None = None,
                   summaries: list[Action] | None = None) -> list[Action]:
    """Sentences marked as actions.  The lines of an "Actions Summary" go to `summaries`
    when given (so that the same action in the minute above, with its minute, wins)."""
    actions = []
    if "ACTION" not in text and "Action" not in text:
        return actions                 # every marker holds one of them: no line to search
    lines = lines_of(text)
    for n, line in enumerate(lines):
        if "\t" in line.text:
            continue                   # a table row: the log reader's business
        m = _MARK.search(line.text)
        if not m:
            continue
        marker = m.group("upper") or m.group("title")
        if m.group("title") and not m.group("sep").strip(" *") and not m.group("rest"):
            continue                   # "... Local Workforce Action" is a word, not a marker
        rest = clean_cell(m.group("rest"))
        marker_at = line.start + m.start()
        before = text[line.start:marker_at].strip(" \t-•*(:")
        if not before and _SUMMARY_HEADING.match(clean_cell(line.text)):
            listed = _listed(text, lines, n, meeting_date, owned=True)   # "Actions Summary" over its lines
            (summaries if summaries is not None else actions).extend(listed)
            continue
        if rest and _NOT_TASK.match(rest):
            continue                   # "Action: For decision" asks the meeting; "Action: Noted" is none
        named = owner_only(rest) if rest else None
        if m.group("plain") is not None:
            # "... contractor. ACTION AB": without a colon only an owner may follow,
            # after a full stop or alone ("ACTION PLAN", "Action Board" are names).
            if (named is None or named[0].upper() in _NOT_INITIALS or not _OWNER_ONLY.match(rest)
                    or (before and not before.endswith((".", "!", "?", ")")))):
                continue
        if rest and named is None:
            raw_before = text[line.start:marker_at]
            headed = (_SHORT_HEADING.match(before) is not None and re.search(r"[-–—:]\s*$", raw_before)
                      and subject_owner(rest))
            # "... in the local areaAction - NO to prepare ...": a marker glued to the last word
            # ends the sentence before it, as a full stop would.
            glued = marker_at > line.start and text[marker_at - 1].isalpha()
            if before and not headed and not ((before.endswith((".", "!", "?")) or glued) and _TASK.match(rest)):
                continue               # "... the action: to ..." is narrative, not a marker
            # "... was noted. ACTION: Town Clerk to ask ...": a marker opening the next sentence.
            # "Action: Clerk to write to the Highways department": the action follows.
            start = line.start + m.start("rest")
            start += len(text[start:]) - len(text[start:].lstrip(" *"))
            span = sentence_bounds(text, start, lines[unit_end(lines, n)].end)[0]
            action = _sentence_action(text, span[0], span[1], meeting_date, "marked")
            if action is not None:
                actions.append(action)
            continue
        if not rest and not before and (marker.upper() != "ACTION"):
            actions += _listed(text, lines, n, meeting_date)   # "Actions:" over a list
            continue
        owner, due_text = named if named else ("", "")
        span = _text_before(text, lines, n, marker_at)
        if span is None:
            continue
        action = _sentence_action(text, span[0], span[1], meeting_date, "marked", owner)
        if action is not None:
            if due_text and not action.due_date:
                action.due_date = due_date_in(due_text, meeting_date, anywhere=True)
            actions.append(action)
    return actions


_INLINE = re.compile(r"\(\s*\*{0,2}(?:ACTIONS?|Actions?)\*{0,2}\s*(?::|-|–|—)?\s*(?P<owner>[^()\n]{1,40}?)\s*\)")


def inline_marked_actions(text: str, meeting_date: date | None = None) -> list[Action]:
    """"The Clerk will write to the owner (Action: Clerk). The meeting ..." mid-paragraph."""
    actions = []
    lines = lines_of(text)
    starts = [line.start for line in lines]
    for m in _INLINE.finditer(text):
        named = owner_only(clean_cell(m.group("owner")))
        if named is None:
            continue
        n = bisect_right(starts, m.start()) - 1
        if "\t" in lines[n].text:
            continue
        lo = lines[unit_start(lines, n)].start
        sentences = sentence_bounds(text, lo, m.start())
        if not sentences:
            continue
        start, end = sentences[-1]
        action = _sentence_action(text, start, end, meeting_date, "marked", named[0])
        if action is not None:
            actions.append(action)
    return actions


# A heading over a list of this meeting's actions: "Actions Summary", "Summary of
# actions", "Actions agreed", "ACTION POINTS".
_SUMMARY_HEADING = re.compile(r"^\W*(?:(?:agreed\s+|new\s+)?actions?(?:\s+(?:list\s+)?summary|\s+agreed|\s+points?|"
                              r"\s+arising(?:\s+from\s+(?:this|the)\s+meeting)?)?|summary\s+of\s+(?:agreed\s+)?actions?)"
                              r"\W*$", re.I)


def _listed(text: str, lines: list[Line], n: int, meeting_date: date | None,
            owned: bool = False) -> list[Action]:
    """The bulleted or labelled lines under an "Actions:" heading, one action each.

    With `owned`, under a summary heading, unlabelled lines count too when each
    opens with its owner and a task ("NO will move the fencing", "Clerk to write").
    """
    out, k = [], n + 1
    while k < len(lines):
        if not lines[k].text.strip():
            if owned and out:
                break
            k += 1
            continue
        if "\t" in lines[k].text:
            break
        last = unit_end(lines, k)
        if not _LABEL.match(lines[k].text):
            if not owned:
                break
            sentences = sentence_bounds(text, lines[k].start, lines[last].end)
            if not sentences or not subject_owner(text[sentences[0][0]:sentences[0][1]]):
                break
        action = _sentence_action(text, lines[k].start, lines[last].end, meeting_date, "marked")
        if action is not None:
            out.append(action)
        k = last + 1
    return out


def _text_before(text: str, lines: list[Line], n: int, marker_at: int) -> tuple[int, int] | None:
    """The sentence a marker closes: the last one before it on its line, else above it."""
    line = lines[n]
    if text[line.start:marker_at].strip(" \t-•*(:"):
        lo, hi = lines[unit_start(lines, n)].start, marker_at
    else:
        k = n - 1
        while k >= 0 and not lines[k].text.strip():
            k -= 1
        if k < 0 or n - k > 2 or "\t" in lines[k].text:
            return None
        lo, hi = lines[unit_start(lines, k)].start, lines[k].end
    sentences = sentence_bounds(text, lo, hi)
    if not sentences:
        return None
    start, end = sentences[-1]
    # A very short last sentence ("Agreed.") leans on the one before it.
    if len(text[start:end].split()) < 4 and len(sentences) > 1:
        start = sentences[-2][0]
    # "... the delays. ACTION: EF The committee requested ... Action: RS": the sentence
    # starts after the marker that closed the one before it.
    closed = _CLOSING_MARK.match(text, start, end)
    if closed and closed.end() < end:
        start = closed.end()
    return start, end


_CLOSING_MARK = re.compile(rf"\(?\*{{0,2}}(?:ACTIONS?|Actions?)\*{{0,2}}[^\S\n]*[:\-–][^\S\n]*(?:{_OWNER})\)?\s+(?=[A-Z])")
# A line that ends with its marker and owner ("... department. Action: Secretary") ends its sentence.
_ENDS_MARKED = re.compile(rf"(?:^|[\s.;:)])\(?\*{{0,2}}(?:ACTIONS?|Actions?)\*{{0,2}}[^\S\n]*[:\-–][^\S\n]*"
                          rf"(?:{_OWNER}|All)\)?\.?\*{{0,2}}$")


# ---------------------------------------------------------------- sentences

_TASK = re.compile(rf"^(?P<owner>{_OWNER})\s+to\s+(?P<verb>[a-z][a-z\-]+)\b")
_NAMED_TASK = re.compile(rf"^(?P<owner>{_NAME})\s+to\s+(?P<verb>[a-z][a-z\-]+)\b")
# Verbs of the tasks minutes give ("Jane to contact ..."): a lone first name is
# only an owner before one of these, so "Reply to letter" is not a task.
_TASK_VERBS = {"write", "contact", "obtain", "arrange", "send", "circulate", "check", "investigate",
               "speak", "liaise", "report", "provide", "update", "chase", "ask", "inform", "follow",
               "look", "seek", "prepare", "draft", "book", "order", "purchase", "organise", "organize",
               "find", "get", "email", "e-mail", "respond", "reply", "request", "add", "put", "place",
               "meet", "raise", "share", "progress", "pursue", "source", "clarify", "explore", "publish",
               "post", "advertise", "instruct", "forward", "invite", "visit", "inspect", "monitor",
               "produce", "draw", "set", "complete", "amend", "research", "collect", "repair", "replace",
               "remove", "install", "ring", "phone", "call", "continue", "action",
               "establish", "identify", "compile", "submit", "apply", "notify", "remind", "approach",
               "draft"}
# A lone capitalised word ending like these is a noun or a participle ("Seeking to
# ...", "Criteria to ...", "Improvements to ..."), not somebody's first name.
_NOT_A_NAME = re.compile(r"(?:ing|ed|ion|ions|ment|ments|ity|ness|ance|ence|ure|ive|ia|ism|ists?|ers|"
                         r"ies|al|ful|able|ible|ous|ly)$|-")
_UNDERTAKING = re.compile(rf"^(?P<owner>{_OWNER})\s+(?:(?:has|have|had)\s+)?(?:agreed|undertook|offered|volunteered|would|will|"
                          rf"was\s+asked|were\s+asked|was\s+requested|is\s+to|are\s+to)\s+(?:to\s+)?"
                          rf"(?P<verb>[a-z][a-z\-]+)\b")


_NOT_OWNER_EITHER = {"agreed", "resolved", "need", "needs", "plan", "want", "wish", "refer", "delegate",
                     "how", "where", "when", "what", "why", "this", "that", "it", "there", "we", "they",
                     "he", "she", "you", "i", "also", "and", "but", "please", "failure", "remember"}


def not_an_owner(owner: str) -> bool:
    """An opening word that is a verb or a plain noun ("Agree to submit ...", "Reply to ...")."""
    first = clean_owner(owner).split()[0].lower() if clean_owner(owner) else ""
    return (not first or first in _NOT_OWNER or first in _NOT_OWNER_EITHER
            or first in _AGENDA_VERBS or first in _TASK_VERBS)


def task_owner(sentence: str) -> tuple[str, str]:
    """(owner, verb) of a sentence "<owner> to <verb> ...", else ("", "").

    "Clerk to write to the Highways Department" -> ("Clerk", "write");
    "Members to note the report" -> ("", ""): agenda business, not a task.
    """
    sentence = _LEAD.sub("", clean_cell(sentence))
    m = _TASK.match(sentence)
    if not m:
        m = _NAMED_TASK.match(sentence)
        if not m or m.group("verb") not in _TASK_VERBS or _NOT_A_NAME.search(m.group("owner")):
            return "", ""
    owner, verb = clean_owner(m.group("owner")), m.group("verb")
    if not_an_owner(owner) or verb in _NOT_VERB:
        return "", ""
    if _BODY.match(owner) and verb in _AGENDA_VERBS:
        return "", ""
    return owner, verb


def subject_owner(sentence: str) -> str:
    """The owner a marked sentence names: "The Chair agreed to discuss ..." -> "Chair"."""
    owner, _verb = task_owner(sentence)
    if owner:
        return owner
    m = _UNDERTAKING.match(_LEAD.sub("", clean_cell(sentence)))
    if m and not not_an_owner(m.group("owner")):
        return clean_owner(m.group("owner"))
    return ""


_LEAD = re.compile(r"^(?:[-•*·▪●]|\(?[a-z0-9]{1,3}[.)]|\d+(?:\.\d+)+\.?)\s+")


# A report of what has happened, not a task: "I have received the forms", "We met the
# contractor", "The Chair has arranged for the hall to be cleaned".
_NARRATIVE = re.compile(
    r"^(?:(?:I|We)\b(?!\s+(?:will|shall|would|need|needs|must|should|am\s+to|are\s+to|agreed|undertook|"
    r"offered|volunteered|to)\b)"
    r"|(?:[A-Z][\w'’./\-]*\s+){1,5}(?:has|have|had)\s+(?:now\s+|already\s+|also\s+|since\s+)?(?:been\s+)?"
    r"(?:received|arranged|sent|written|made|done|spoken|met|paid|seen|given|taken|got|"
    r"[a-z]+ed)\b(?!\s+to\b))")


def is_narrative(sentence: str) -> bool:
    """A first-person report, or what somebody has already done: no task after the meeting."""
    return bool(_NARRATIVE.match(_LEAD.sub("", clean_cell(sentence))))


def _sentence_action(text: str, start: int, end: int, meeting_date: date | None, source: str,
                     owner: str = "") -> Action | None:
    sentence = _LEAD.sub("", clean_cell(text[start:end]))
    if len(sentence.split()) < 2 or is_narrative(sentence):
        return None
    owner = owner or subject_owner(sentence)
    return Action(text=sentence, owner=owner, owner_role=role_of(owner),
                  due_date=due_date_in(sentence, meeting_date), source=source,
                  char_start=start, char_end=end)


# A short heading that opens a line before a dash: "Noticeboard - ", "Bridleway to the
# woods – ", "Planning, Stonecroft – ": a few words, no sentence inside.
_DASH_GAP = re.compile(r"[^\S\n]*[-–—]+[^\S\n]*[A-Z]")
_SHORT_HEADING = re.compile(r"^[A-Z0-9][^.!?;:\n\t]{0,60}$")
_HEADED_TASK = re.compile(r"^(?P<head>[A-Z0-9][^.!?;:\n\t]{0,60}?)\s*[-–—]+\s*(?=[A-Z])")


def headed_task(sentence: str) -> tuple[str, str]:
    """(owner, verb) of "<heading> - <owner> to <verb> ..." ("Noticeboard - RT to replace
    the glass"), else ("", ""): the heading names the business, the rest is the task."""
    sentence = _LEAD.sub("", clean_cell(sentence))
    m = _HEADED_TASK.match(sentence)
    if not m or len(m.group("head").split()) > 8:
        return "", ""
    return task_owner(sentence[m.end():])


def sentence_actions(text: str, meeting_date: date | None = None,
                     allowed=lambda offset: True) -> list[Action]:
    """Sentences "<owner> to <verb> ..." (a sentence's start, never mid-sentence), and
    "<heading> - <owner> to <verb> ..." lines."""
    actions = []
    for start, end in sentences_of(text, lines_of(text)):
        if not allowed(start) or " to " not in text[start:end]:
            continue
        owner, _verb = task_owner(text[start:end])
        if not owner and _DASH_GAP.search(text, start, end):
            owner, _verb = headed_task(text[start:end])
        if owner:
            action = _sentence_action(text, start, end, meeting_date, "sentence", owner)
            if action is not None:
                actions.append(action)
    return actions


# ---------------------------------------------------------------- together

_WORD = re.compile(r"[a-z0-9£]+")


# Words every action shares: left out when comparing two actions, so "GT and MO to meet
# the provider about the incidents" is not taken for "Write to the provider about the incidents".
_STOP = {"the", "a", "an", "to", "and", "of", "for", "in", "on", "at", "by", "with", "about", "from",
         "be", "is", "are", "will", "would", "s", "that", "this", "any", "all", "its", "their"}


def _tokens(text: str) -> Counter:
    return Counter(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def same_action(a: str, b: str, threshold: float = 0.6) -> bool:
    """Two texts that state one action (token F1 >= threshold)."""
    ta, tb = _tokens(a), _tokens(b)
    common = sum((ta & tb).values())
    if not common:
        return False
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r) >= threshold


def _overlaps(a: Action, b: Action) -> bool:
    return a.char_start < b.char_end and b.char_start < a.char_end


def merge(log: list[Action], marked: list[Action], sentences: list[Action]) -> list[Action]:
    """Each action once: a table row beats the same action in minute text, a marker
    beats the bare sentence it marks; repeats of one action keep the first."""
    kept: list[Action] = []
    for action in log + marked + sentences:
        if any(_overlaps(action, k) or same_action(action.text, k.text, 0.9 if action.source == k.source
                                                   else 0.6) for k in kept):
            continue
        kept.append(action)
    return sorted(kept, key=lambda a: a.char_start)


# "12.<tab>Clerk to write ...": a numbered paragraph the converter split at its
# label is a line of text, not a table row (one tab, a short label before it).
_LABEL_TAB = re.compile(r"^[^\S\n\t]*(?:\(?[0-9a-zA-Z]{1,4}[.)]?|\d+(?:\.\d+)+\.?|[-•*·▪●])\t(?=[^\t\n]+$)", re.M)


def untab_labels(text: str) -> str:
    """`text` with the tab after a paragraph label turned into a space (offsets kept)."""
    return _LABEL_TAB.sub(lambda m: m.group(0).replace("\t", " "), text)


# "Cathy Fleet (CF) CLERK", "Nick Oakhill (NO) Chair": an attendance line that gives a
# person's initials, and the post they hold.
_ATTENDEE = re.compile(rf"^[^\S\n]*(?:{HONORIFIC}\s+)?(?P<name>{_NAME}(?:\s+{_NAME}){{1,3}})\s*\((?P<initials>[A-Z]{{2,4}})\)"
                       r"[^\S\n]*[-–,]?[^\S\n]*(?P<role>[A-Za-z][A-Za-z \-]{0,40}?)?[^\S\n]*(?:\t|$)", re.M)


def attendees(text: str) -> dict[str, set[str]]:
    """Each spelling of an attendee -> all their spellings: initials, name, post (lower case)."""
    out: dict[str, set[str]] = {}
    for m in _ATTENDEE.finditer(text[:20000]):
        names = {m.group("initials").lower(), " ".join(m.group("name").split()).lower()}
        role = role_of(m.group("role") or "")
        if role:
            names.add(role.lower())
        for name in names:
            out.setdefault(name, set()).update(names)
    return out


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalpha()).lower()


def same_owner(a: str, b: str, known: dict[str, set[str]] | None = None) -> bool:
    """Two owners as printed that are one person or post: "Clerk" and "the Clerk",
    "J Okafor" and "Ms Okafor", "JO" and "Jane Okafor", "CF" and "Clerk" when the
    attendance list says "Cathy Fleet (CF) CLERK"."""
    a, b = clean_owner(a).lower(), clean_owner(b).lower()
    if not a or not b:
        return False
    if a == b or b in (known or {}).get(a, ()):
        return True
    words_a = {w for w in re.findall(r"[a-z'’\-]{3,}", a)} - {"cllr", "councillor", "mrs", "miss"}
    words_b = {w for w in re.findall(r"[a-z'’\-]{3,}", b)} - {"cllr", "councillor", "mrs", "miss"}
    if words_a & words_b and not (role_of(a) or role_of(b)):
        return True                    # a shared surname
    for x, y in ((a, b), (b, a)):
        if " " not in x and len(x) <= 4 and " " in y and x == _initials(re.sub(rf"^{HONORIFIC}\s+", "", y, flags=re.I)):
            return True
    return False


def _item_at(items, offset: int):
    """The innermost item whose span holds `offset`, or None."""
    best = None
    for item in items:
        if item.char_start <= offset < item.char_end and (best is None or item.char_start >= best.char_start):
            best = item
    return best


_CONTENT = re.compile(r"[a-z]{4,}")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _CONTENT.findall(text.lower())} - {"minut", "actio", "repor", "counc", "meeti"}


def repeats_row(action: Action, row: Action, items=(), known=None) -> bool:
    """Is a minute-text action the same as a row of an action table printed after it
    (the minutes' own summary of their actions)?  The same owner, and the same item,
    or the row's heading naming the item, or enough words in common."""
    if row.char_start <= action.char_start:
        return False
    owners = {row.owner, subject_owner(row.text), headed_task(row.text)[0]} - {""}
    if not any(same_owner(action.owner, o, known) for o in owners):
        return False
    if action.minute and row.minute and action.minute == row.minute:
        return True
    item = _item_at(items, action.char_start)
    head = _HEADED_TASK.match(row.text)
    if item is not None and head and _stems(head.group("head")) & _stems(item.title):
        return True
    ta, tb = _tokens(action.text), _tokens(row.text)
    common = sum((ta & tb).values())
    return bool(common) and 2 * common / (sum(ta.values()) + sum(tb.values())) >= 0.3


# ---------------------------------------------------------------- margin owners

# Minutes that print who acts in a right-hand margin beside the paragraph: the converter
# joins the margin to the paragraph's line with a tab ("... to the contractor.<TAB>Clerk").
_TASK_CUE = re.compile(r"\b(?:will|shall|to\s+be|should|would|needs?\s+to|must|agreed\s+to|asked\s+to|"
                       r"requested\s+to|undertook\s+to|to\s+(?!the\b|a\b|an\b)[a-z]+)\b", re.I)


def margin_owners(text: str) -> list[tuple[int, int, str]]:
    """(start, end, owner) of each margin owner: a line of running text, then a tab and
    only an owner ("Clerk", "DoN", "JB/TW"), outside any table."""
    out = []
    if "\t" not in text:
        return out
    lines = lines_of(text)
    for n, line in enumerate(lines):
        if line.text.count("\t") != 1:
            continue
        prose, owner = line.text.split("\t")
        owner_text = clean_cell(owner)
        if not owner_text or len(owner_text.split()) > 4 or len(prose.split()) < 6 \
                or not re.search(r"\b[a-z]{3,}\b", prose) or re.search(r"[.…_]{4,}", prose):
            continue                   # a signature line, a short cell, a row of figures
        named = owner_only(owner_text)
        if named is None or named[0].upper() in _NOT_INITIALS or _BODY.match(named[0]) \
                or not (_OWNER_ONLY.match(owner_text) or role_of(named[0])):
            continue
        near = [lines[k].text for k in (n - 1, n + 1) if 0 <= k < len(lines)]
        if any(t.count("\t") >= 2 or read_header(t) is not None for t in near):
            continue                   # inside a table
        at = line.start + len(prose)
        out.append((at, line.end, named[0]))
    return out


# Plain text lays a margin owner out with spaces: "... before the next meeting.          RT".
_SPACED_MARGIN = re.compile(r"(?<=\S)( {8,})(?=[A-Z][A-Za-z/&,. ]{0,30}$)", re.M)


def spaced_margins(text: str) -> str:
    """`text` with the run of spaces before an owner alone at a line's end as a tab (offsets
    kept), the way the PDF converter prints a right-hand margin; lines with tabs as they are."""
    if "        " not in text:
        return text

    def tab(m: re.Match) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if "\t" in text[line_start:line_end if line_end >= 0 else len(text)]:
            return m.group(1)
        return "\t" + m.group(1)[1:]
    return _SPACED_MARGIN.sub(tab, text)


def untab_margins(text: str, margins: list[tuple[int, int, str]]) -> str:
    """`text` with each margin owner blanked (offsets kept), so its paragraph reads on."""
    if not margins:
        return text
    chars = list(text)
    for start, end, _owner in margins:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def margin_actions(prose: str, margins: list[tuple[int, int, str]], meeting_date: date | None,
                   allowed=lambda offset: True) -> list[Action]:
    """One action per margin owner: the sentence of its paragraph that gives the task."""
    out = []
    if not margins:
        return out
    lines = lines_of(prose)
    starts = [line.start for line in lines]
    for at, _end, owner in margins:
        n = bisect_right(starts, at) - 1
        lo, hi = lines[unit_start(lines, n)].start, lines[unit_end(lines, n)].end
        if not allowed(lo):
            continue
        sentences = [(s, e) for s, e in sentence_bounds(prose, lo, hi) if prose[s:e].strip()]
        if not sentences:
            continue
        chosen = next((x for x in sentences if same_owner(subject_owner(prose[x[0]:x[1]]), owner)), None)
        if chosen is None:
            tasks = [x for x in sentences if _TASK_CUE.search(prose[x[0]:x[1]])]
            if tasks:
                chosen = tasks[-1]
            elif len(sentences) <= 2:
                chosen = (sentences[0][0], sentences[-1][1])
            else:
                chosen = sentences[-1]
        action = _sentence_action(prose, chosen[0], chosen[1], meeting_date, "marked", owner)
        if action is not None:
            out.append(action)
    return out


def find_actions(text: str, meeting_date: date | None = None, items=(), parts=(),
                 doc_type: str = "") -> list[Action]:
    """Every action in `text`.

    `items` (records with number, char_start, char_end) give the minute an
    action in the minute text arose from; `parts` (records with part_type)
    and `doc_type` keep "<owner> to <verb>" sentences to minutes.
    """
    allowed = _in_minutes(parts, doc_type)
    margins = margin_owners(spaced_margins(text))
    prose = untab_margins(untab_labels(text), margins)
    summaries: list[Action] = []
    actions = merge(log_actions(text, meeting_date, allowed),
                    margin_actions(prose, margins, meeting_date, allowed)
                    + marked_actions(prose, meeting_date, summaries) + inline_marked_actions(prose, meeting_date),
                    sentence_actions(prose, meeting_date, allowed) + summaries)
    for action in actions:
        if not action.minute:
            action.minute = _minute_at(items, action.char_start)
    rows = [a for a in actions if a.source == "log"]
    if rows:
        # The minutes' own action table at their end lists the actions written above it:
        # each is kept once, from the table (GUIDELINES v1.1).
        known = attendees(text)
        actions = [a for a in actions if a.source == "log"
                   or not any(repeats_row(a, row, items, known) for row in rows)]
    return actions


def _in_minutes(parts, doc_type: str):
    spans = [(p.char_start, p.char_end) for p in parts if p.part_type in ("minutes", "action_log")]
    if parts:
        return lambda offset: any(s <= offset < e for s, e in spans)
    if doc_type and doc_type not in ("minutes", "other"):
        return lambda offset: False
    return lambda offset: True


def _minute_at(items, offset: int) -> str:
    best = _item_at(items, offset)
    return best.number if best is not None else ""


@Language.factory("minutebook_actions")
def make_actions(nlp: Language, name: str):
    return ActionsComponent()


class ActionsComponent:
    """Reads the structure component's items and parts and the meeting date."""

    def __call__(self, doc):
        found = find_actions(doc.text, doc._.meeting_date, records_of(doc, "items"),
                             records_of(doc, "parts"), doc._.doc_type)
        set_records(doc, "actions", found)
        return doc
