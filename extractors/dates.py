"""Dates in UK order, normalised to ISO start and end.  (v0 stub: replaced in issue 5)"""
from __future__ import annotations

import re
from datetime import date

from spacy.language import Language

from .records import DateMention
from .spans import set_records

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r"),?\s+(\d{4})\b", re.I)


def find_dates(text: str, meeting_date: date | None = None) -> list[DateMention]:
    out = []
    for m in _DAY_MONTH_YEAR.finditer(text):
        try:
            d = date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            continue
        out.append(DateMention(text=m.group(0), start_date=d.isoformat(), end_date=d.isoformat(),
                               char_start=m.start(), char_end=m.end()))
    return out


@Language.factory("minutebook_dates")
def make_dates(nlp: Language, name: str):
    return DatesComponent()


class DatesComponent:
    def __call__(self, doc):
        set_records(doc, "dates", find_dates(doc.text, doc._.meeting_date))
        return doc
