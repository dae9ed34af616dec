"""Where a position lies: in minutes, or in a report or cover sheet.

"It was agreed that ..." records a decision in minutes but is narrative in a
report, so the weaker cues count only inside minutes.  The markers are scanned
once per text (extractors/memo.py) and looked up by bisection.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..guards import guarded
from ..memo import per_text

# Not after an item number: "3. Minutes of the meeting held on 2 May 2024" is an agenda item.
_NOT_ITEM = r"(?<!\d\.\s)(?<!\d\s)(?<!\d\)\s)(?<!\d\t)(?<!\d\.\t)"
_MINUTES_MARK = guarded(
    r"(?:^|(?=MINUTES|Minutes|Notes|NOTES))",     # a line start or the word: the only places a match starts
    rf"^[^\S\n]*(?:PRESENT|Present)\b|{_NOT_ITEM}\bMINUTES\s+(?i:of)\b|{_NOT_ITEM}\bMinutes\s+of\s+(?:(?:a|the)\s+)?(?:[\w&'’-]+\s+){{0,8}}?"
    r"(?:meeting|Meeting)\s+(?:of|held)\b|^[^\S\n]*(?i:(?:members|councillors|cllrs|those|trustees|directors)\s+)?(?i:present)\s*:"
    # "Minutes of the Parish Council held on ...", "Notes of the meeting held on ...", "MINUTES" alone,
    # "Sederunt:" (Scottish minutes)
    rf"|{_NOT_ITEM}\b(?:Minutes|Notes|NOTES)\s+of\s+(?:(?:a|the|an)\s+)?(?:[\w&'’-]+\s+){{0,8}}?(?:held\s+(?:on|at)|"
    r"(?:meeting|Meeting)\s+(?:of|held))\b|^[^\S\n]*(?:MINUTES|Minutes)[^\S\n]*$|^[^\S\n]*(?i:sederunt)\s*:?"
    # "Attendees:", "In attendance:", "Attendance:" head community councils' and boards' minutes
    r"|^[^\S\n]*(?:Attendees|ATTENDEES|In\s+attendance|IN\s+ATTENDANCE|Attendance|ATTENDANCE)\s*:", re.M)
_PAPER_MARK = guarded(
    r"(?:^|(?=[cip]))",     # a line start, or "Cover", "is asked", "Purpose" in any case (re.I)
    r"Cover\s+Sheet|^[^\S\n]*Recommendations?(?:\(s\))?\s*:|^[^\S\n]*(?:Report\s+)?(?:Author|From|To)\s*:|"
    r"\bis\s+(?:being\s+)?asked\s+to\b|Purpose\s+of\s+(?:the\s+|this\s+)?report|^[^\S\n]*Executive\s+Summary",
    re.M | re.I)


@dataclass(frozen=True)
class _Marks:
    """Where one text's minutes headings and paper markers are (start and end of each match).

    Matches of one pattern never overlap, so starts and ends both ascend and `bisect`
    answers "the last heading that ends by pos" without rescanning the text: asked
    once per trigger, a rescan from 0 made a 500-page pack quadratic (5 s of 9).
    """
    minutes_starts: list[int]
    minutes_ends: list[int]
    paper_starts: list[int]
    paper_ends: list[int]

    @classmethod
    def scan(cls, text: str) -> "_Marks":
        minutes = [m.span() for m in _MINUTES_MARK.finditer(text)]
        paper = [m.span() for m in _PAPER_MARK.finditer(text)]
        return cls([s for s, _ in minutes], [e for _, e in minutes],
                   [s for s, _ in paper], [e for _, e in paper])

    def last_minutes(self, pos: int) -> int:
        """Start of the last minutes heading whose match ends at or before `pos`, or -1."""
        i = bisect_right(self.minutes_ends, pos) - 1
        return self.minutes_starts[i] if i >= 0 else -1

    def paper_between(self, start: int, pos: int) -> bool:
        """Whether a paper marker starts at or after `start` and ends at or before `pos`."""
        j = bisect_left(self.paper_starts, start)
        return j < len(self.paper_starts) and self.paper_ends[j] <= pos


# Every trigger asks where the markers are; the text is scanned once (extractors/memo.py).
_marks = per_text(_Marks.scan)


def in_minutes(text: str, pos: int, doc_type: str = "") -> bool:
    """Whether `pos` lies in minutes: the last paper marker before it is a minutes heading
    (or, in a document classified as minutes, no report marker comes before it).

    "It was agreed that ..." records a decision in minutes but is narrative in a
    report, so the weaker "agreed" cues count only inside minutes.  A marker counts
    when its match ends at or before `pos`.
    """
    marks = _marks(text)
    last_minutes = marks.last_minutes(pos)
    if last_minutes < 0:
        return doc_type in ("minutes", "decision") and not marks.paper_between(0, pos)
    return not marks.paper_between(last_minutes, pos)


def in_paper(text: str, pos: int) -> bool:
    """Whether `pos` lies in a report or cover sheet: a paper marker comes after the last
    minutes heading before it.  "After the debate, the Committee resolved, with a
    unanimous vote, to refer the matter" in a call-in report narrates another meeting."""
    marks = _marks(text)
    return marks.paper_between(max(0, marks.last_minutes(pos)), pos)


