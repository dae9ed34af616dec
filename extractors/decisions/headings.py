"""Minute headings and which minute a decision sits under.

"43. Minutes – 14 October 2021", "23 MINUTES OF PREVIOUS MEETING", "FC23/145
Planning", "09.24.18 Finance": the minute number as printed.  When no heading is
found, the structure component's items (doc.spans["items"]) give the minute.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "43. Minutes – 14 October 2021", "23 MINUTES OF PREVIOUS MEETING", "FC23/145 Planning",
# "Minute 45: Finance", "56. a) Healthwatch ..."
_HEADING = re.compile(
    r"^[^\S\n]*(?:[-*]\s+)?(?:(?:Minute|MINUTE|Item|ITEM|Min\.?|MIN\.?)\s+(?:No\.?\s*)?)?"
    # "FC23/145", "BoD/24/041" (a mixed-case prefix only before a two-part number)
    r"(?P<num>(?:[A-Z]{1,4}[ ./-]?|[A-Z][A-Za-z]{1,4}[./-](?=\d{1,4}[./-]\d))?\d{1,4}(?:[./-]\d{1,4}){0,2})\.?[^\S\n]+(?:[-–:][^\S\n]*)?(?:\*\*)?"
    r"(?:[a-z]\)[^\S\n]+)?(?P<title>(?:[A-Z‘'\"(]|\d{2,4}/\d{2,6}\b)[^\n]{2,200})$", re.M)


# "26.05.07", "09.24.18": a minute numbered by year and month (either order) and number,
# three groups of two digits, not a paragraph "2.1.3" of a report.
_DATED_MINUTE = re.compile(r"\d{2}\.\d{2}\.\.?\d{2,3}")


@dataclass
class Heading:
    number: str
    title: str
    start: int


def _is_heading_title(title: str) -> bool:
    title = title.replace("**", "").strip()
    words = title.split()
    if re.match(r"(?:RESOLVED|Resolved|It was|That\b|The minutes)", title) or (
            re.match(r"To\b", title) and not re.match(r"To\s+(?:receive|note|approve|consider|agree|confirm)\b", title)):
        return False
    if len(title) > 220 or len(words) > 32:
        return False
    return not title.endswith((".", ";", ",")) or title.endswith("etc.")


def find_headings(text: str) -> list[Heading]:
    heads = []
    for m in _HEADING.finditer(text):
        title = re.sub(r"\s*\(Pages?\s*[\d\s\-–]+\)\s*$", "", m.group("title").replace("**", "")).strip()
        if _is_heading_title(title) and (not re.fullmatch(r"\d+(?:\.\d+)+", m.group("num"))
                                         or _DATED_MINUTE.fullmatch(m.group("num"))):
            heads.append(Heading(m.group("num"), title, m.start()))
    return heads


def _number_value(number: str) -> int | None:
    digits = re.findall(r"\d+", number)
    return int(digits[-1]) if digits else None


def minute_for(headings: list[Heading], pos: int, own_number: int | None) -> Heading | None:
    """The minute heading a decision at `pos` sits under.

    Minutes number their paragraphs too ("1. Mr Shipton introduced ...",
    "3. RESOLVED that ..."): walking back from a decision numbered 3, lines
    numbered 3 or less are paragraphs and lists of the same minute; the
    first heading with a higher number is the minute.
    """
    for head in reversed([h for h in headings if h.start < pos]):
        value = _number_value(head.number)
        if own_number is not None and value is not None and value <= own_number:
            continue    # a numbered paragraph (or list item) of the same minute
        if len(head.title.split()) > 12 and head.title[:1].isupper() \
                and re.search(r"\b(?:introduced|explained|noted|reported|said|outlined|presented)\b", head.title):
            continue
        return head
    return None


def own_number(text: str, pos: int) -> int | None:
    line_start = text.rfind("\n", 0, pos) + 1
    m = re.match(r"\s*(\d{1,2})\.\s*$", text[line_start:pos])
    return int(m.group(1)) if m else None


_ROW_REF = re.compile(r"[^\S\n]*((?:[A-Z][A-Za-z]{0,4}[ ./-]?)?\d{1,4}(?:[./-]\d{1,4}){0,2})\.?[^\S\n]*\t")


def row_ref(text: str, pos: int) -> str:
    """The minute number in the first cell of the table row holding `pos` ("24/34<tab>Resolved: ..."):
    minutes printed as a table carry each minute's number in its row, not in a heading."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = _ROW_REF.match(text, line_start)
    return m.group(1) if m and m.end() <= pos else ""


def minute_from_items(items: list | None, pos: int, head: Heading | None) -> tuple[str, str]:
    """Minute number and title: the nearest minute heading, else the structure's item."""
    if head is not None:
        return head.number, head.title
    for item in items or []:
        if item.char_start <= pos < item.char_end:
            return item.number, item.title
    return "", ""



def minute_at(text: str, pos: int, headings: list[Heading], items: list | None,
              own: int | None = None) -> tuple[str, str]:
    """(minute number, title) for a decision at `pos`: its table row's first cell, else
    the heading it sits under, else the structure's item."""
    head = minute_for(headings, pos, own_number(text, pos) if own is None else own)
    minute, title = minute_from_items(items, pos, head)
    return row_ref(text, pos) or minute, title
