"""Candidate clauses for the clause classifier: cut from document text, with the lead-in they hang on.

The classifier does not read whole documents; it reads clauses.  A clause is a
piece of a paragraph between list labels ("a)", "1.", "2.1", bullets), sentence
ends, colons and HTML tags.  PDF text arrives as wrapped lines, so wrapped lines
are first joined back into paragraphs.

Each candidate carries two texts:
- `text`: the clause as a record would print it, with its list label and a
  leading "RESOLVED that" / "Recommendation:" / "The Committee is asked to"
  removed (the gold guidelines drop labels and keep the clause);
- `context`: the words the clause depends on: that removed lead-in, and the
  nearest preceding lead-in segment ending in a colon ("It was resolved
  unanimously to:", "The Committee is asked to:") a few segments back.  "note
  the report" is a recommendation, a resolution or nothing, by its lead-in.

Pure functions only: both training (models/clauses.py) and the spaCy component
(extractors/classifier.py) cut candidates with `cut_candidates`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.guards import guarded

# A list label or bullet at the start of a line or segment: "a)", "(b)", "1.", "2.1", "iv)", "-", "•".
LABEL = re.compile(
    r"^[ \t]*(?:[-*\u2022\u25cf\u25aa\u2013][ \t]+)?"
    r"(?:\(?(?:[a-z]|[ivx]{1,4})\)|\(?[a-z]\.(?=\s)|\d{1,2}(?:\.\d{1,2})*[.)]?(?=\s))?[ \t]*",
    re.I,
)
_STARTS_LIST = re.compile(
    r"^[ \t]*(?:[-*\u2022\u25cf\u25aa][ \t]+|\(?(?:[a-z]|[ivx]{1,4})\)[ \t]|\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+[A-Za-z(])",
    re.I,
)
_BARE_LABEL = re.compile(r"[-*\u2022\s]*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*)[.)]?", re.I)
_TERMINAL = re.compile(r"[.:;!?]\s*$")
_HEADING_MAX = 40            # a short line without a full stop is a heading, not a wrapped line

# Split points inside a paragraph (zero-width or separator matches), tried only at a
# tag, a space or a letter label (extractors/guards.py).
_SPLIT = guarded(
    r"(?=[<\s]|\(?[a-h]\))",
    r"<[^>\n]{0,300}>"                               # HTML tags left by a converter
    r"|(?<=[.!?])\s+(?=[A-Z(\u2022-])"              # sentence ends
    r"|(?<=:)\s+"                                   # after a lead-in colon
    r"|(?<=[\s;:.])(?=\(?[a-h]\)\s)"                 # inline "a) ", "(b) "
    r"|(?<=[a-z0-9.])(?=[b-h]\)\s)"                  # glued "ICSb) support"
    r"|\s+[-\u2022]\s+(?=\(?[a-z0-9]{1,3}[.)]?\s)"   # " - 1 the Annual ..."
)

# Lead-ins that start a clause but are not part of it (they move to `context`).
LEAD_IN = re.compile(
    r"^(?:"
    r"(?:it\s+was\s+|the\s+(?:[\w&']+\s+){1,5}?)?resolved(?:\s*\((?:unanimously|by\s+(?:a\s+)?majority|nem\.?\s*con\.?)\))?"
    r"(?:\s+(?:unanimously|by\s+(?:a\s+)?majority|nem\.?\s*con\.?))?(?:\s*[:,\-\u2013])?(?:\s+(?:that|to))?"
    r"|it\s+is\s+(?:therefore\s+|further\s+)?recommended\s+that"
    r"|decisions?\s*[:\-\u2013]"
    r"|recommendations?\s*[:\-\u2013]?"
    r")\s*[:\-\u2013]?\s*",
    re.I,
)
ASKED = re.compile(
    r"^(?:that\s+)?(?:the\s+)?(?:[A-Z][\w&',]*\s+){0,10}?(?:is|are)\s+(?:being\s+)?"
    r"(?:asked|recommended|requested|invited)\s+to\s*:?\s*",
)
_WORD = re.compile(r"[A-Za-z0-9£]+")
_LOWER_WORD = re.compile(r"(?<![\w'\u2019])[a-z]")   # a clause has a lower-case word; "Planning Applications" is a heading

MIN_WORDS, MAX_WORDS = 2, 150


@dataclass
class Candidate:
    text: str           # the clause, label and lead-in removed
    context: str        # the lead-in words it hangs on
    char_start: int     # span of `text` in the document
    char_end: int


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def continues(previous: str, line: str) -> bool:
    """Is `line` the wrapped continuation of `previous` (PDF text)?"""
    prev, cur = previous.strip(), line.strip()
    if not prev or not cur or "\t" in previous or "\t" in line:
        return False
    if _TERMINAL.search(prev) or _STARTS_LIST.match(line):
        return False
    if len(prev) < _HEADING_MAX and not cur[0].islower():
        return False
    return True


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: blank-line separated blocks, with wrapped lines joined."""
    out: list[list[int]] = []
    previous, gap = "", False
    for start, end in line_spans(text):
        line = text[start:end]
        if not line.strip():
            gap = True
            continue
        # Converters sometimes put a blank line inside a sentence ("... Committee note the\n\n
        # progress of ..."): a lower-case line after an unfinished one still continues it.
        joined = continues(previous, line) and (not gap or line.lstrip()[:1].islower()
                                                or previous.rstrip().endswith(","))
        gap = False
        if out and joined:
            out[-1][1] = end
        else:
            out.append([start, end])
        previous = line
    return [(s, e) for s, e in out]


def segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one paragraph at labels, sentence ends, colons and tags; spans trimmed."""
    pieces, cursor = [], start
    for m in _SPLIT.finditer(text, start, end):
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, end))
    out: list[tuple[int, int]] = []
    pending = None                       # a bare label ("3.") split off by the sentence rule
    for s, e in pieces:
        piece = text[s:e]
        body = piece.strip()          # str.strip drops exactly the characters str.isspace calls space
        if not body:
            continue
        s += len(piece) - len(piece.lstrip())
        e = s + len(body)
        if pending is not None:
            s, pending = pending, None
        if _BARE_LABEL.fullmatch(text[s:e]):
            pending = s
            continue
        out.append((s, e))
    if pending is not None:
        out.append((pending, end))
    return out


def strip_lead(segment: str) -> int:
    """How many leading characters of `segment` are label and lead-in, not clause."""
    cut = 0
    for _ in range(3):   # "3. RESOLVED that ...", "- a) ...", "Recommendation: X is asked to ..."
        rest = segment[cut:]
        m = LABEL.match(rest)
        if m and m.end():
            cut += m.end()
            continue
        m = LEAD_IN.match(rest) or ASKED.match(rest)
        if m and m.end():
            cut += m.end()
            continue
        break
    return cut


def words(text: str) -> int:
    return len(_WORD.findall(text))


_MINUTE_NUMBER = re.compile(r"^\s*(\d{1,4})\.?\s")


def is_minute_heading(paragraph: str) -> bool:
    """A paragraph numbered like a minute ("52. Finance Monitoring Report"), not a list item ("2. Note")."""
    m = _MINUTE_NUMBER.match(paragraph)
    return bool(m) and int(m.group(1)) >= 20


def is_heading(paragraph: str) -> bool:
    """A short line of capitalised words ("6. Planning Applications", "FINANCE")."""
    body = paragraph[strip_lead(paragraph):]
    return words(body) <= 12 and not _LOWER_WORD.search(body) and not _TERMINAL.search(body)


def is_lead_in(segment: str) -> bool:
    return segment.rstrip().endswith(":") and words(segment) <= 25


def label_style(paragraph: str) -> str:
    """The kind of list label a paragraph starts with: alpha, roman, decimal, number, bullet, or ""."""
    m = _STARTS_LIST.match(paragraph)
    if not m:
        return ""
    label = re.sub(r"^[\s\-*\u2022\u25cf\u25aa]+", "", paragraph)
    for style, pattern in (("decimal", r"\d{1,2}\.\d"), ("number", r"\d"), ("roman", r"\(?[ivx]{1,4}\)"),
                           ("alpha", r"\(?[a-z][.)]")):
        if re.match(pattern, label, re.I):
            return style
    return "bullet"


def cut_candidates(text: str) -> list[Candidate]:
    """Every clause of `text` that could be a recommendation, resolution or action.

    A lead-in ("RESOLVED:", "The Committee is asked to:") is the context of
    the clause right after it and of the list that follows: it holds while
    paragraphs start with a list label of the list's first style ("a)",
    "b)", ...), and ends at the first paragraph that does not (narrative after
    the decision, the report's next numbered section "5. Contact details", a
    heading "6. Planning Applications").
    """
    found: list[Candidate] = []
    lead, first, style = "", False, None   # lead-in; next segment is its first clause; its list style
    for p_start, p_end in paragraphs(text):
        paragraph = text[p_start:p_end]
        this_style = label_style(paragraph)
        if lead and not first:
            if style is None and this_style and not is_minute_heading(paragraph):
                style = this_style
            elif (not this_style or this_style != style or is_minute_heading(paragraph)
                  or is_heading(paragraph)):
                lead = ""
        for s, e in segments(text, p_start, p_end):
            segment = text[s:e]
            if is_lead_in(segment):
                lead, first, style = " ".join(segment.split()), True, None
                continue
            if first:
                style = label_style(segment) or None
            cut = strip_lead(segment)
            body = text[s + cut:e]
            context = " | ".join(x for x in (" ".join(segment[:cut].split()), lead) if x)
            first = False
            if MIN_WORDS <= words(body) <= MAX_WORDS and _LOWER_WORD.search(body):
                found.append(Candidate(" ".join(body.split()), context, s + cut, e))
    return found
