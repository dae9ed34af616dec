"""Monetary amounts: "£2.1 million" -> Decimal("2100000"), exactly.

Papers write money as "£1,338,620", "£2.1 million", "£250m", "£686k",
"£2.2million", "£0.65 per hour", "2 million pounds", "45p", "(£1.2m)" and
ranges "£2m–£3m".  Finance tables print bare figures under a scale header
("2022/23 (£000)", "£'000"): those cells become amounts too, with the scale
applied and `source` = "table", so analysts can keep or drop them.

Values are `Decimal` throughout and written as exact decimal strings
(`decimal_text`): no float ever touches a value.  The parsing rules are small
pure functions (`parse_number`, `scale_of`, `period_after`, `fiscal_year_near`,
`is_negative_bracket`, `scale_header`, ...) that the tests call directly.
"""
from __future__ import annotations

import re
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Span

from .dates import fiscal_year_label, fiscal_year_start
from .guards import finditer, guarded, needing
from .records import Amount
from .spans import set_records

for _name in ("value_gbp", "period", "fiscal_year"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

SCALES = {
    "k": Decimal(1000), "thousand": Decimal(1000), "000": Decimal(1000), "'000": Decimal(1000),
    "m": Decimal(1000000), "mn": Decimal(1000000), "million": Decimal(1000000),
    "bn": Decimal(1000000000), "b": Decimal(1000000000), "billion": Decimal(1000000000),
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A scale word: "million"/"bn" may follow a space; a bare letter must touch
# the number ("£250m", "£686k") so "£5 more" stays £5.
_SCALE = r"(?:\s{0,3}(?i:million|billion|thousand)|[^\S\n]?(?:bn|BN|mn|m|M|k|K)|b)(?![A-Za-z0-9²])"
_SIGN = r"[-−–]"
# "£2.1 million", "-£5k", "£-5k", "(£1.2m)", "£(1.2)m" (finance tables' negative),
# "£2–3m" (the first borrows the second's scale).
_POUND = re.compile(
    rf"(?=[-−–(£])(?P<neg>(?<![\w£.,)\-−–]){_SIGN})?(?P<open>\((?=[^\S\n]?£))?£[^\S\n]?(?P<neg2>{_SIGN})?"
    rf"(?P<iopen>\((?=[\d.,]+\)))?(?P<num>{_NUM})(?(iopen)\))(?P<scale>{_SCALE})?(?P<close>\))?"
    rf"(?:[^\S\n]?(?P<join>-|–|—|to)[^\S\n]?(?P<num2>{_NUM})(?P<scale2>{_SCALE}))?")
# "2 million pounds", "500 pounds", "GBP 1.5m", "1,000 GBP".
_WORD = guarded(
    r"(?=[\dG])",          # what both alternatives start with, checked once (extractors/guards.py)
    rf"(?=[\dG])(?<![\w£.,])(?P<num>{_NUM})(?P<scale>{_SCALE})?[^\S\n]+(?:pounds(?:[^\S\n]+sterling)?|GBP)\b"
    rf"|\bGBP[^\S\n]?(?P<num_b>{_NUM})(?P<scale_b>{_SCALE})?")
# Pence: "45p", "-15p", "12 pence".
# Not a time or a percentage: "7.30p.m.", "10p.c.".
_PENCE = re.compile(rf"(?=[-−–\d])(?<![\w£.,])(?P<neg>{_SIGN})?(?P<num>\d+(?:\.\d+)?)(?:p|[^\S\n]?pence)\b"
                    r"(?!\.\d|\.[^\S\n]?[a-zA-Z]\.)")
# Most papers write neither "pounds"/"GBP" nor pence: each then costs one quick search (guards.needing).
needing(_WORD, r"pounds|GBP")
needing(_PENCE, r"\d(?:p|[^\S\n]?pence)\b")

_PERIOD_AFTER = [
    ("per_hour", re.compile(r"^[^\S\n]*(?:(?:per|an?|each|every|/)[^\S\n]*(?:hour|hr)s?\b|ph\b|p/h\b|hourly\b)", re.I)),
    ("per_week", re.compile(r"^[^\S\n]*(?:(?:per|an?|each|every|/)[^\S\n]*(?:week|wk)s?\b|pw\b|p/w\b|weekly\b)", re.I)),
    ("per_month", re.compile(r"^[^\S\n]*(?:(?:per|an?|each|every|/)[^\S\n]*(?:calendar[^\S\n]+)?(?:month|mth)s?\b|pcm\b|pm\b(?![^\S\n]*\d)|monthly\b)", re.I)),
    ("per_annum", re.compile(r"^[^\S\n]*(?:(?:per|an?|each|every|/)[^\S\n]*(?:annum|year|yr)s?\b|p\.?a\.?(?![\w])|annually\b|yearly\b|a[^\S\n]+year\b)", re.I)),
]
_PERIOD_BEFORE = [
    ("per_hour", re.compile(r"\bhourly\b[\w\s]{0,25}$", re.I)),
    ("per_week", re.compile(r"\bweekly\b[\w\s]{0,25}$", re.I)),
    ("per_month", re.compile(r"\bmonthly\b[\w\s]{0,25}$", re.I)),
    ("per_annum", re.compile(r"\b(?:annual|yearly|per annum)\b[\w\s]{0,25}$", re.I)),
]
_BRACKET_NEGATIVE_BEFORE = re.compile(
    r"(?:^|\t|[:=]|\b(?:of|is|was|be|at|by|to|from|totalling|total|variance|balance))[^\S\n]*$", re.I)
_FY_TEXT = re.compile(
    r"(?=[F\d])(?<![\w/.\-£])(?:FY[^\S\n]?)?(?P<y1>(?:19|20)?\d\d)[^\S\n]?[/\-–][^\S\n]?(?P<y2>(?:19|20)?\d\d)(?![\d%]|[./\-]\d)")
_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n|<p>|</p>|•")


# ---------------------------------------------------------------- pure rules

def parse_number(text: str) -> Decimal:
    """ "1,338,620" -> Decimal("1338620"); "1,005,449.65" -> Decimal("1005449.65")."""
    return Decimal(text.replace(",", ""))


def scale_of(word: str | None) -> Decimal:
    """The multiplier a scale word or letter stands for: "m" -> 1000000, "" -> 1."""
    if not word:
        return Decimal(1)
    return SCALES[word.strip().lower()]


def decimal_text(value: Decimal) -> str:
    """An exact plain decimal string: 2100000.0 -> "2100000", 0.650 -> "0.65", no exponent."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def amount_value(number: str, scale: str | None = None, negative: bool = False, pence: bool = False) -> Decimal:
    value = parse_number(number) * scale_of(scale)
    if pence:
        value = value / Decimal(100)
    return -value if negative else value


def period_after(following: str, preceding: str = "") -> str:
    """per_hour / per_week / per_month / per_annum when the words around say so, else one_off."""
    for period, cue in _PERIOD_AFTER:
        if cue.match(following):
            return period
    for period, cue in _PERIOD_BEFORE:
        if cue.search(preceding[-60:]):
            return period
    return "one_off"


def is_negative_bracket(preceding: str) -> bool:
    """A bracketed amount is negative where accounts put it (a table cell, "a
    variance of (£1.2m)"), not where brackets gloss the words before them
    ("3.8% of budget (£1,468k)")."""
    return bool(_BRACKET_NEGATIVE_BEFORE.search(preceding[-40:]))


def fiscal_years_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each financial year written in `text` ("2022/23", "22-23")."""
    out = []
    for m in _FY_TEXT.finditer(text):
        start = fiscal_year_start(m.group("y1"), m.group("y2"))
        if start is not None:
            out.append((m.start(), m.end(), fiscal_year_label(start)))
    return out


def fiscal_year_near(sentence: str, start: int, end: int, reach: int = 60) -> str:
    """The financial year a sentence ties to the amount at [start, end): the
    nearest one written within `reach` characters, else ""."""
    best, best_distance = "", reach + 1
    for fy_start, fy_end, label in fiscal_years_in(sentence):
        distance = fy_start - end if fy_start >= end else start - fy_end
        if 0 <= distance < best_distance:
            best, best_distance = label, distance
    return best


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line, or table cell) holding [start, end)."""
    left = max(0, start - 400)
    for m in _SENTENCE_END.finditer(text, left, start):
        left = m.end()
    right_match = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    right = right_match.start() if right_match else min(len(text), end + 400)
    return left, right


# ---------------------------------------------------------------- inline amounts

def _inline(text: str) -> list[Amount]:
    found: list[Amount] = []
    for m in _POUND.finditer(text):
        num = m.group("num")
        if num == "000" and not m.group("scale"):
            continue          # "£000" is a column header, not an amount
        bracketed = bool(m.group("open") and m.group("close"))
        negative = bool(m.group("neg") or m.group("neg2") or m.group("iopen"))
        if bracketed and is_negative_bracket(text[max(0, m.start() - 40):m.start()]):
            negative = True
        if m.group("num2"):
            _range_pair(text, m, negative, found)
            continue
        start = m.start() if (m.group("neg") or bracketed and negative) else m.start() + (1 if m.group("open") else 0)
        end = m.end() if bracketed and negative else m.end("scale") if m.group("scale") else \
            m.end("num") + (1 if m.group("iopen") else 0)
        found.append(Amount(text=text[start:end], char_start=start, char_end=end,
                            value_gbp=decimal_text(amount_value(num, m.group("scale"), negative))))
    for m in finditer(_WORD, text):
        num, scale = (m.group("num"), m.group("scale")) if m.group("num") else (m.group("num_b"), m.group("scale_b"))
        found.append(Amount(text=m.group(0), char_start=m.start(), char_end=m.end(),
                            value_gbp=decimal_text(amount_value(num, scale))))
    for m in finditer(_PENCE, text):
        found.append(Amount(text=m.group(0), char_start=m.start(), char_end=m.end(),
                            value_gbp=decimal_text(amount_value(m.group("num"), None, bool(m.group("neg")), pence=True))))
    return found


def _range_pair(text: str, m: re.Match, negative: bool, found: list[Amount]) -> None:
    """ "£2–3m": two amounts, the first taking the second's scale when it has none."""
    scale1 = m.group("scale") or m.group("scale2")
    end1 = m.end("scale") if m.group("scale") else m.end("num")
    start1 = m.start("neg") if m.group("neg") else m.start() + (1 if m.group("open") else 0)
    first = Amount(text=text[start1:end1], char_start=start1, char_end=end1, role="range_start",
                   value_gbp=decimal_text(amount_value(m.group("num"), scale1, negative)))
    second = Amount(text=text[m.start("num2"):m.end("scale2")], char_start=m.start("num2"),
                    char_end=m.end("scale2"), role="range_end",
                    value_gbp=decimal_text(amount_value(m.group("num2"), m.group("scale2"))))
    found += [first, second]


_RANGE_JOIN = re.compile(r"^[^\S\n]*(?:-|–|—|to|and)[^\S\n]*$", re.I)


def _mark_ranges(text: str, amounts: list[Amount]) -> None:
    """ "£2m–£3m", "£2m to £3m", "between £2m and £3m": range_start and range_end."""
    for a, b in zip(amounts, amounts[1:]):
        if a.role or b.role or a.source != "text" or b.source != "text":
            continue
        between = text[a.char_end:b.char_start]
        if not _RANGE_JOIN.match(between):
            continue
        if between.strip().lower() == "and" and not re.search(r"\bbetween\s*$", text[max(0, a.char_start - 20):a.char_start], re.I):
            continue
        a.role, b.role = "range_start", "range_end"


# ---------------------------------------------------------------- table cells

_SCALE_HEADER = re.compile(
    r"(?<![\w£])\(?£[^\S\n]?\(?(?P<unit>'?000(?:'?s)?|k|m|million|bn)\)?(?![\w])", re.I)   # "£(000)" too
_CELL_NUMBER = re.compile(r"^\(?(?P<neg>[-−–])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\)?\*?$")


_POUNDS_HEADER = re.compile(r"(?:^|\s)\(?£\)?$")


def scale_header(cell: str) -> Decimal | None:
    """The scale a table header cell declares: "2022/23 (£000)" -> 1000, "£m" -> 1000000,
    "Amount £" (a parish payments list) -> 1."""
    m = _SCALE_HEADER.search(cell)
    if not m:
        return Decimal(1) if _POUNDS_HEADER.search(cell) else None
    unit = m.group("unit").lower().replace("'", "").rstrip("s")
    return scale_of(unit)


def _cells(line: str, offset: int) -> list[tuple[str, int, int]]:
    """Tab-separated cells of a line as (stripped text, char_start, char_end)."""
    out, pos = [], offset
    for raw in line.split("\t"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append((stripped, pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return out


def _header_columns(cells) -> list[tuple[Decimal | None, str]]:
    columns = []
    for cell, _s, _e in cells:
        fys = fiscal_years_in(cell)
        columns.append((scale_header(cell), fys[0][2] if fys else ""))
    return columns


def table_amounts(text: str) -> list[Amount]:
    """Bare figures in tab-separated tables under a scale header, scaled.

    A header is a tabbed line with a scale cell ("2022/23 (£000)", "£'000").
    The table runs on over tabbed lines and short label lines; it ends at a
    line of prose, at a second blank line, or at a tabbed line of prose that
    does not have the header's shape (a numbered paragraph "2.4<TAB>The ...").
    Row cells map to header columns by position, right-aligned when a row has
    fewer cells (labels that wrapped onto their own line).
    """
    out: list[Amount] = []
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((line, offset))
        offset += len(line) + 1
    i = 0
    while i < len(lines):
        line, off = lines[i]
        if "\t" not in line and not _SCALE_HEADER.search(line):
            i += 1
            continue
        header = _cells(line, off)
        columns = _header_columns(header)
        if not any(scale for scale, _ in columns) or any(_CELL_NUMBER.match(c) for c, _s, _e in header if c):
            i += 1
            continue
        blanks = 0
        j = i + 1
        while j < len(lines):
            row_line, row_off = lines[j]
            if not row_line.strip():
                blanks += 1
                if blanks >= 2:
                    break
                j += 1
                continue
            blanks = 0
            if "\t" not in row_line:
                if len(row_line.strip()) > 60 or _SCALE_HEADER.search(row_line):
                    break
                j += 1
                continue
            row = _cells(row_line, row_off)
            if any(scale_header(c) for c, _s, _e in row):
                break             # the next table's header
            if len(row) != len(header) and any(len(c.split()) >= 8 for c, _s, _e in row):
                break             # a numbered paragraph, not a row
            out += _row_amounts(row, columns)
            j += 1
        i = j
    return out


def _row_amounts(row, columns) -> list[Amount]:
    out = []
    shift = len(columns) - len(row)      # rows and headers that differ in width align on the right
    for k, (cell, start, end) in enumerate(row):
        col = k + shift
        if not 0 <= col < len(columns) or not columns[col][0]:
            continue
        m = _CELL_NUMBER.match(cell)
        if not m:
            continue
        negative = bool(m.group("neg")) or cell.startswith("(")
        core_end = start + len(cell.rstrip("*"))
        scale, fiscal_year = columns[col]
        value = parse_number(m.group("num")) * scale
        out.append(Amount(text=text_of(cell), value_gbp=decimal_text(-value if negative else value),
                          fiscal_year=fiscal_year, source="table", char_start=start, char_end=core_end))
    return out


def text_of(cell: str) -> str:
    return cell.rstrip("*")


# ---------------------------------------------------------------- all together

def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in `text`, inline and in scaled tables, in order."""
    amounts = _dedupe(_inline(text))
    for amount in amounts:
        amount.period = period_after(text[amount.char_end:amount.char_end + 30],
                                     text[max(0, amount.char_start - 60):amount.char_start])
        s, e = sentence_bounds(text, amount.char_start, amount.char_end)
        amount.fiscal_year = fiscal_year_near(text[s:e], amount.char_start - s, amount.char_end - s)
    _mark_ranges(text, amounts)
    taken = [(a.char_start, a.char_end) for a in amounts]
    table = [a for a in table_amounts(text)
             if not any(s < a.char_end and a.char_start < e for s, e in taken)]
    found = sorted(amounts + table, key=lambda a: (a.char_start, a.char_end))
    for amount in found:
        amount.text = " ".join(amount.text.split())     # "£9\nmillion" as the gold folds it
    return found


def _dedupe(amounts: list[Amount]) -> list[Amount]:
    """One amount per stretch of text: where two patterns matched overlapping
    text ("£5 GBP" is both "£5" and "5 GBP"), the earlier, longer match wins."""
    amounts.sort(key=lambda a: (a.char_start, -(a.char_end - a.char_start)))
    out: list[Amount] = []
    for a in amounts:
        if not out or a.char_start >= out[-1].char_end:
            out.append(a)
    return out


# ---------------------------------------------------------------- component

@Language.factory("minutebook_amounts", default_config={"tables": True})
def make_amounts(nlp: Language, name: str, tables: bool):
    return AmountsComponent(tables=tables)


class AmountsComponent:
    """Puts one span per amount in doc.spans["amounts"], with the record on
    span._.record and the normalised values on span._.value_gbp (Decimal),
    span._.period and span._.fiscal_year.  `tables=False` leaves out the
    scaled table cells."""

    def __init__(self, tables: bool = True):
        self.tables = tables

    def __call__(self, doc):
        amounts = find_amounts(doc.text)
        if not self.tables:
            amounts = [a for a in amounts if a.source == "text"]
        set_records(doc, "amounts", amounts)
        for span in doc.spans["amounts"]:
            record = span._.record
            span._.value_gbp = Decimal(record.value_gbp)
            span._.period = record.period
            span._.fiscal_year = record.fiscal_year
        return doc
