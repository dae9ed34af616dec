"""Dates and amounts printed in running lines (headers and footers).

The components read the flow of a document (extractors/paged.py: its text
without running lines), so a footer never splits a clause.  But the
guidelines count every date and amount printed, a footer's "January 2026" on
each page included; so the dates and amounts of each running line are found
here, line by line, with offsets in the document text (their page follows).
"""
from __future__ import annotations

from datetime import date

from .dates import find_dates
from .money import find_amounts
from .paged import PagedText


def add_running_records(paged: PagedText, found: dict[str, list], meeting_date: str = "") -> None:
    """Append the dates and amounts of `paged`'s running lines to `found`, in text order."""
    if not paged.running:
        return
    # A day and month without a year take it from the meeting, else from the
    # first full date of the body (a footer alone seldom has one).
    reference = date.fromisoformat(meeting_date) if meeting_date else next(
        (date.fromisoformat(d.start_date) for d in found.get("dates", []) if d.granularity == "day"), None)
    dates, amounts = [], []
    for offset, line in paged.running_lines():
        for record in find_dates(line, reference):
            dates.append(_moved(record, offset))
        for record in find_amounts(line):
            amounts.append(_moved(record, offset))
    for kind, extra in (("dates", dates), ("amounts", amounts)):
        if extra:
            found[kind] = sorted(found.get(kind, []) + extra, key=lambda r: r.char_start)


def _moved(record, offset: int):
    record.char_start += offset
    record.char_end += offset
    return record
