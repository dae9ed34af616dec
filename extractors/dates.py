"""Dates in UK order, normalised to ISO start and end dates.

Committee papers write dates every way a clerk can: "Thursday 9 December
2021", "26 th January 2021", "1/4/2022", "05.01.22", "Apr-21", "Sep22",
"October 2021/22" (a month inside a financial year), "24 December" (year from
the meeting date), financial years "2022/23" and quarters "Q4 of 2021/22".

`find_dates(text, meeting_date)` returns one `DateMention` per date written.
The parsing rules are small pure functions (`month_number`, `expand_year`,
`fiscal_year_bounds`, `quarter_bounds`, `nearest_year`, `role_before`, ...)
that the tests call directly.  Things that look like dates but are not --
times ("10:00"), clause numbers ("5.8.10"), minute numbers ("02.25.03"),
phone numbers, URLs, action codes ("Jun23.02") -- are rejected by the guards
next to each pattern.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Span

from .guards import finditer, guarded, needing
from .memo import per_text
from .records import DateMention
from .spans import set_records

for _name in ("start_date", "end_date", "granularity", "date_role"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                  "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3,
                          "thurs": 3, "fri": 4, "sat": 5, "sun": 6}


def _cased(words) -> str:
    """Title-case and upper-case variants only: "may" and "march" in lower case are verbs."""
    variants = sorted({v for w in words for v in (w.title(), w.upper())}, key=len, reverse=True)
    return "(?:" + "|".join(variants) + ")"


# Full names first so "September" is not read as "Sep"; only abbreviations take a dot.
_MON = "(?:" + _cased(MONTHS) + "|" + _cased(_ABBREVIATIONS) + r"\.?)"
_WD = "(?:" + _cased(WEEKDAYS) + "|" + _cased(_WEEKDAY_ABBREVIATIONS) + r"\.?)"
# Whitespace inside a date: justified PDF text doubles spaces, and a line may
# break inside a date, but never a blank line.
_S = r"[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*"
_SP = rf"(?:{_S})"
# Ordinal suffixes; headings in capitals print "TUESDAY 12TH NOVEMBER 2024".
_SUFFIX = r"(?:st|nd|rd|th|ST|ND|RD|TH)"
_ORD = rf"(?:[^\S\n]?{_SUFFIX}\b)?"
# Between a day and its month: spaces (and "of"), or nothing after an ordinal when a
# converter or OCR dropped the space ("29thMay").
_ORD_GAP = rf"(?:{_ORD}(?:{_SP}of)?{_SP}|[^\S\n]?{_SUFFIX}(?=[A-Z]))"
_YEAR4 = r"(?:19|20)\d\d"
# A two-digit year that ends the date ("12 Nov 24", "w/e 18 Oct 24."): never one
# that runs into more words ("5 May 24 hour") or a time ("28 October 10:00").
_YEAR2_END = r"\d\d(?=[^\S\n]*(?:\n|\Z|[,.;:)](?!\d)))"

# Where a date written in words can start (extractors/guards.py): a day's digit, or the
# capital of a weekday (Mon Tue Wed Thu Fri Sat Sun) or of a month (Jan Feb Mar Apr May
# Jun Jul Aug Sep Oct Nov Dec); other capitals ("Council", "Report") are passed at once.
_DAY_FIRST = r"(?=[0-9FMSTW])"            # an optional weekday, then the day
_WEEKDAY_OR_MONTH = r"(?=[ADFJMNOSTW])"   # an optional weekday, then the month
_MONTH_FIRST = r"(?=[ADFJMNOS])"          # the month
# Day month year: "Thursday, 13 January 2022", "26 th January 2021", "1st of April 2022".
_DMY = guarded(
    _DAY_FIRST,
    rf"(?=[A-Z0-9])(?:(?P<wd>{_WD}),?{_SP})?(?P<d>[0-3]?\d){_ORD_GAP}(?P<m>{_MON}),?{_SP}(?P<y>{_YEAR4}|{_YEAR2_END})\b"
    rf"(?![/\-]\d)")
# Spreadsheet style: "5-Jan-22", "05-Jan-2022", "05/Jan/2022".
_DMY_SHEET = re.compile(
    r"(?=\d)(?<![\w./:\-])(?P<d>[0-3]?\d)(?P<sep>[-/])(?P<m>" + _cased(MONTHS) + "|" + _cased(_ABBREVIATIONS)
    + r")(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)(?![\w]|[./:\-]\d)")
# Month day year: "January 13, 2022", "January 13th 2022".
_MDY = guarded(
    _WEEKDAY_OR_MONTH,
    rf"(?=[A-Z])(?:(?P<wd>{_WD}),?{_SP})?(?P<m>{_MON}){_SP}(?P<d>[0-3]?\d)(?:[^\S\n]?{_SUFFIX}\b,?|,){_SP}(?P<y>{_YEAR4})\b")
# Day ranges in one month: "13-14 January 2022", "1st to 3rd March".
# Weekdays may name both days: "Monday 2 - Friday 6 December 2024", "2nd/3rd December".
_DAY_RANGE = guarded(
    _DAY_FIRST,
    rf"(?=[A-Z0-9])(?:{_WD},?{_SP})?(?<![\d./])(?P<d1>[0-3]?\d)(?P<o1>{_ORD})[^\S\n]*(?:-|–|to|and|&|/)[^\S\n]*"
    rf"(?P<wd2>{_WD},?{_SP})?(?P<d2>[0-3]?\d){_ORD}{_SP}"
    rf"(?P<m>{_MON})(?:,?{_SP}(?P<y>{_YEAR4})\b)?")
# Day and month without a year: "24 December", "Thursday 28 October", "17th January".
_DM = guarded(
    _DAY_FIRST,
    rf"(?=[A-Z0-9])(?:(?P<wd>{_WD}),?{_SP})?(?<![\d./])(?P<d>[0-3]?\d)(?:{_ORD_GAP}|-(?=[A-Z]))(?P<m>{_MON})(?![A-Za-z]|-\d)")
# Month and ordinal day without a year: "January 17th".
_MD = guarded(_WEEKDAY_OR_MONTH, rf"(?=[A-Z])(?:(?P<wd>{_WD}),?{_SP})?(?P<m>{_MON}){_SP}(?P<d>[0-3]?\d){_SUFFIX}\b")
# A month in a financial year: "October 2021/22".
_MONTH_FY = guarded(_MONTH_FIRST, rf"(?=[A-Z])(?P<m>{_MON}){_SP}(?P<y1>{_YEAR4})[/\-](?P<y2>\d\d)(?![\d/])")
# Month and year: "April 2022", "Apr-21", "Mar 23", "Sep22", "October 21".
# Not an action code ("Jun23.02") nor a day ("March 22nd", handled by _MD).
_MONTH_YEAR = guarded(
    _MONTH_FIRST,
    rf"(?=[A-Z])(?P<m>{_MON})(?:,?{_SP}|-)?[’']?(?P<y>{_YEAR4}|\d\d)(?![\d]|[./]\d|[^\S\n]?{_SUFFIX}\b)")
# Two months sharing a year: "October/Nov 2021", "March-April 2022", "June and July 2021".
_MONTH_PAIR = guarded(
    _MONTH_FIRST,
    rf"(?=[A-Z])(?P<m1>{_MON})[^\S\n]*(?P<sep>/|-|–|and|&|to)[^\S\n]*(?P<m2>{_MON})(?:,?{_SP}|-)[’']?(?P<y>{_YEAR4}|\d\d)\b(?![/\-.]\d)")
# Numeric UK dates: "1/4/2022", "13/01/22", "05.01.22", "01-04-2022".
_NUMERIC = re.compile(
    r"(?=\d)(?<![\w./:\-])(?P<d>[0-3]?\d)(?P<sep>[/.\-])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d|\d\d)"
    r"(?![\w]|[./:\-]\d|[/\-][A-Za-z])")   # not a planning reference "21/0123/FUL"
# Numeric day and month with no year ("a visit booked for 14/11", "Mon 4/11"):
# only after a word that introduces a date, since "7/8" and "3/4" are
# otherwise votes and fractions.
_NUMERIC_DM = guarded(
    r"(?<!\w)(?=[A-Za-z])",      # a word's first letter (extractors/guards.py)
    rf"(?:\b(?i:on|by|from|until|till|before|after|dated|due|commencing|ending|w/[ce]|"
    rf"(?:booked|scheduled|planned|arranged|set|fixed|made|requested|confirmed|organi[sz]ed|moved|"
    rf"postponed|deferred|changed)[^\S\n]+(?:for|to|until)|"
    # a participle of something done on a day: "Email sent 29/09.", "invoice paid 14/01"
    rf"sent|received|paid|issued|signed|returned|submitted|posted|delivered|completed|fitted|installed|"
    rf"visited|emailed|e-mailed|replied|chased|reported|inspected|held)|(?<![\w/]){_WD},?)[^\S\n]+"
    r"(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?![\w/%]|[.,:]\d)"
    # What follows a date is punctuation, a time or a little word ("on 14/11 at 7pm",
    # "by 14/11 the Clerk"); a noun follows a fraction ("2/10 wards", "1/2 day").
    r"(?=[^\S\n]*(?:$|[^\w\s]|\d|(?i:at|and|or|to|until|till|the|for|with|when|in|from|by|as|was|is|"
    r"will|would|if|but|then|a|an)\b))", re.M)
# ISO dates: "2024-01-15".
_ISO = re.compile(r"(?=\d)(?<![\w./:\-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w]|[./:\-]\d)")
# Financial years: "2022/23", "2022-23", "FY 2022/23", "2021/2022", "22/23".
_FY = guarded(
    r"(?=[F\d])(?<![\w/.\-£$])",   # what both alternatives start with, checked once
    r"(?=[F\d])(?<![\w/.\-£$])(?:FY[^\S\n]?)?(?P<y1>(?:19|20)\d\d)[^\S\n]?[/\-–][^\S\n]?(?P<y2>(?:19|20)?\d\d)(?![\d%]|[./\-]\d)"
    r"|(?=[F\d])(?<![\w/.\-£$])(?:FY[^\S\n]?(?P<s1>\d\d)[/\-]|(?P<t1>\d\d)/)(?P<t2>\d\d)(?![\d%]|[./\-]\d)")
# Quarters: "Q4 2021/22", "Q4 of 2021/22", "Quarter 3 2022-23", "2021/22 Q4".
_FY_TEXT = r"(?:FY[^\S\n]?)?(?:19|20)?\d\d[/\-–](?:19|20)?\d\d"
_QUARTER = guarded(
    r"(?=[QF\d])(?<!\w)",
    rf"(?=[QF\d])(?<!\w)(?:Q|Quarter[^\S\n]?)(?P<q>[1-4])(?:{_SP}of|,)?{_SP}(?:the{_SP})?(?P<fy>{_FY_TEXT})(?![\d]|[./]\d)"
    rf"|(?<![\w/])(?P<fy2>{_FY_TEXT}){_SP}(?:Q|Quarter[^\S\n]?)(?P<q2>[1-4])\b")

# The shortest piece every match of a pattern holds, searched for first (guards.needing):
# most papers print no ISO date, no "5-Jan-22", no "Q4"; each such pattern then costs
# one quick search, not an attempt at every capital and digit of the text.  Each piece
# starts with a digit or a letter, which `re` skips to without trying the rest.
for _pattern, _piece in (
        (_DMY_SHEET, rf"\d[-/](?:{_cased(MONTHS)}|{_cased(_ABBREVIATIONS)})[-/]\d"),
        (_MDY, rf"\d(?:[^\S\n]?{_SUFFIX}\b,?|,)\s+{_YEAR4}\b"),
        (_DAY_RANGE, rf"\d{_ORD}[^\S\n]*(?:-|–|to|and|&|/)[^\S\n]*(?:{_WD},?{_SP})?[0-3]?\d{_ORD}{_SP}{_MON}"),
        (_MONTH_FY, rf"{_YEAR4}[/\-]\d\d(?![\d/])"),
        (_NUMERIC, r"\d([/.\-])\d{1,2}\1\d\d"),
        (_NUMERIC_DM, r"[^\S\n][0-3]?\d/[01]?\d(?![\w/%]|[.,:]\d)"),   # not "24/00115", "2022/23"
        (_ISO, rf"{_YEAR4}-[01]\d-[0-3]\d"),
        (_QUARTER, r"Q(?:uarter[^\S\n]?)?[1-4]")):
    needing(_pattern, _piece)

_URLISH = re.compile(r"https?:|www\.|@|\.(?:uk|com|org|net|gov|nhs)\b|/[A-Za-z][\w\-]*/", re.I)
_PAGE_BEFORE = re.compile(
    r"\b(?:(?:page|pages|p|pp|para|paragraph|section|minute|min|item|ref)\.?|no\.)[^\S\n]*$", re.I)


# ---------------------------------------------------------------- pure rules

def month_number(name: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept", "APR", "March."), else None."""
    key = name.strip().rstrip(".").lower()
    return MONTHS.get(key) or _ABBREVIATIONS.get(key)


def weekday_number(name: str) -> int | None:
    key = name.strip().rstrip(".").lower()
    found = WEEKDAYS.get(key)
    return found if found is not None else _WEEKDAY_ABBREVIATIONS.get(key)


def expand_year(text: str) -> int:
    """A printed year as four digits: "21" -> 2021, "99" -> 1999, "2021" -> 2021."""
    year = int(text)
    if len(text) <= 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def fiscal_year_start(first: str, second: str) -> int | None:
    """The calendar year a UK financial year starts in, or None when the two
    halves are not consecutive years ("2022-27" is a plan period, not a year)."""
    y1 = expand_year(first)
    y2 = int(second)
    if len(second) <= 2:
        ok = y2 == (y1 + 1) % 100
    else:
        ok = y2 == y1 + 1
    return y1 if ok else None


def fiscal_year_label(start_year: int) -> str:
    """2022 -> "2022/23" (the form the amounts table uses)."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def fiscal_year_bounds(start_year: int) -> tuple[date, date]:
    """A UK financial year runs 1 April to 31 March."""
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def quarter_bounds(quarter: int, fy_start_year: int) -> tuple[date, date]:
    """Q1 is April-June of the financial year's first year; Q4 is January-March of its second."""
    first_month = 4 + 3 * (quarter - 1)
    year = fy_start_year
    if first_month > 12:
        first_month -= 12
        year += 1
    start = date(year, first_month, 1)
    end = month_bounds(year, first_month + 2)[1]
    return start, end


def month_in_fiscal_year(month: int, fy_start_year: int) -> int:
    """The calendar year of a month named inside a financial year ("October 2021/22" -> 2021)."""
    return fy_start_year if month >= 4 else fy_start_year + 1


def nearest_year(month: int, day: int, reference: date, weekday: int | None = None) -> int | None:
    """The year that puts day/month nearest to `reference`; a printed weekday
    ("Tuesday 15 February") picks the year it falls on when one nearby does."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if matching:
            candidates = matching
    return min(candidates, key=lambda d: abs((d - reference).days)).year


_ROLE_CUES = [
    ("meeting", re.compile(
        r"(?:\b(?:held|meeting|meet|meets)\b[^.\n]{0,80}?\bon|\bdate of (?:the )?(?:next )?meeting|"
        r"\bmeeting date|^\W*date)\s*[:\-–]?\s*$", re.I)),
    ("deadline", re.compile(
        r"\b(?:by|before|no later than|not later than|deadline(?: of| is| date)?|due(?: by| on| date)?|"
        r"by the end of|by end of|in time for)\s*[:\-–]?\s*(?:the\s+)?$", re.I)),
    ("effective", re.compile(
        r"\b(?:from|with effect from|effective(?: from| on)?|w\.?e\.?f\.?|commencing(?: on)?|"
        r"starting(?: on| from)?|as from|backdated to)\s*[:\-–]?\s*(?:the\s+)?$", re.I)),
    ("period", re.compile(
        r"\b(?:during|throughout|for the (?:period|year|month|quarter)(?: of| to| ending)?|"
        r"(?:period|year|quarter|month)s? (?:of|to|ending|ended)|over|in the (?:period|year|month|quarter)"
        r"(?: of| to| ending)?)\s*[:\-–]?\s*(?:the\s+)?$", re.I)),
]


def role_before(preceding: str) -> str:
    """The role the words just before a date give it: meeting, deadline, effective, period or ""."""
    line = preceding[preceding.rfind("\n") + 1:][-120:]
    for role, cue in _ROLE_CUES:
        if cue.search(line):
            return role
    return ""


_RANGE_JOIN = re.compile(r"^[^\S\n]*(?:-|–|—|to|until|till|through|and)[^\S\n]*$", re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)


def is_range_join(between: str, before_first: str) -> bool:
    """True when two dates are the ends of one range: "X to Y", "X-Y", "between X and Y"."""
    if not _RANGE_JOIN.match(between):
        return False
    if between.strip().lower() == "and":
        return bool(_BETWEEN.search(before_first))
    return True


def reads_as_day(number: str, written: str, year: int, reference: date | None) -> bool:
    """ "Month NN" is a month and two-digit year ("October 21", "Mar 22") unless
    that year is far from the meeting and NN can be a day: "by June 30" in a
    2022 paper is 30 June, not June 2030."""
    if reference is None or len(number) != 2 or not 1 <= int(number) <= 31:
        return False
    if re.search(r"[-’'\d]\d\d$", written) and not re.search(r"\s\d\d$", written):
        return False          # "Apr-21", "Sep22", "Mar ’22": always a year
    return abs(year - reference.year) > 3


def valid_day(year: int | None, month: int | None, day: int) -> date | None:
    """The date, or None when there is none: no year known (`nearest_year` found
    none, no meeting date), or a day the month lacks ("31 June", OCR's "3l/02")."""
    if year is None or month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- matching

@dataclass
class _Found:
    start: int
    end: int
    mentions: list[DateMention]
    priority: int = 0
    yearless: bool = False     # a day and month whose year was not printed


def _day(text: str, start: int, end: int, d: date) -> DateMention:
    return DateMention(text=text, start_date=d.isoformat(), end_date=d.isoformat(),
                       granularity="day", char_start=start, char_end=end)


def _month(text: str, start: int, end: int, year: int, month: int) -> DateMention:
    first, last = month_bounds(year, month)
    return DateMention(text=text, start_date=first.isoformat(), end_date=last.isoformat(),
                       granularity="month", char_start=start, char_end=end)


def _span(m: re.Match, group: int | str = 0) -> tuple[str, int, int]:
    return m.group(group), m.start(group), m.end(group)


def _weekday(m: re.Match) -> int | None:
    wd = m.groupdict().get("wd")
    return weekday_number(wd) if wd else None


# A heading that gives the year of the dates listed under it: "Meeting dates
# for 2027", "2027 Calendar of meetings", "Meetings in 2027".  A year that ends
# a full date ("held on 9 December 2021") is not such a heading.
_YEAR_HEADING = re.compile(
    r"^[^\S\n]*(?:[^\n]{0,40}\b(?:dates|calendar|schedule|timetable|programme|diary)\b|[^\n]{0,30}\bmeetings)"
    r"[^\n]{0,20}?\b(?:for|in|of|during)?[^\S\n]*((?:19|20)\d\d)\b(?![/\-]\d)[^\S\n]*:?[^\S\n]*$"
    r"|^[^\S\n]*((?:19|20)\d\d)\b(?![/\-]\d)[^\S\n]+(?:[^\n]{0,20}\b)?(?:dates|calendar|schedule|timetable|programme|meetings)\b[^\n]{0,20}$",
    re.I | re.M)


def year_from_heading(text: str, pos: int, window: int = 600) -> int | None:
    """The year a nearby heading gives dates below it ("Meeting dates for 2027")."""
    found = None
    for m in _YEAR_HEADING.finditer(text, max(0, pos - window), pos):
        found = int(m.group(1) or m.group(2))
    return found


# A number that counts months or is glued to a letter is not a day: "Month 9
# December 2014" is December (NHS finance reports' period), "M6 September 2024" too.
_NOT_A_DAY_BEFORE = re.compile(r"(?:\bmonth[^\S\n]*|[A-Za-z])\Z", re.I)


def counts_months(text: str, day_start: int) -> bool:
    return bool(_NOT_A_DAY_BEFORE.search(text[max(0, day_start - 12):day_start]))


def _candidates(text: str, reference: date | None) -> list[_Found]:
    out: list[_Found] = []

    def add(m: re.Match, mentions: list[DateMention], priority: int = 0, yearless: bool = False):
        mentions = [x for x in mentions if x is not None]
        if mentions:
            out.append(_Found(m.start(), m.end(), mentions, priority, yearless))

    for m in finditer(_DMY, text):
        if counts_months(text, m.start("d")):
            continue
        if len(m.group("y")) == 2 and not re.fullmatch(r",? ", text[m.end("m"):m.start("y")]):
            continue          # "28 October<TAB>10": a table's next cell, not '10

        month = month_number(m.group("m"))
        d = valid_day(expand_year(m.group("y")), month, int(m.group("d")))
        if d:
            add(m, [_day(*_span(m), d)], 3)
    for m in finditer(_DMY_SHEET, text):
        d = valid_day(expand_year(m.group("y")), month_number(m.group("m")), int(m.group("d")))
        if d:
            add(m, [_day(*_span(m), d)], 3)
    for m in finditer(_MDY, text):
        d = valid_day(int(m.group("y")), month_number(m.group("m")), int(m.group("d")))
        if d:
            add(m, [_day(*_span(m), d)], 3)
    for m in finditer(_DAY_RANGE, text):
        if counts_months(text, m.start("d1")):
            continue
        month = month_number(m.group("m"))
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if not d1 < d2:
            continue
        if m.group("y"):
            year = int(m.group("y"))
        else:
            year = year_from_heading(text, m.start()) or (
                nearest_year(month, d1, reference) if reference else None)
        if not year:
            continue
        first, last = valid_day(year, month, d1), valid_day(year, month, d2)
        if first and last:
            a = _day(text[m.start():m.end("o1")], m.start(), m.end("o1"), first)
            second = m.start("wd2") if m.group("wd2") else m.start("d2")
            b = _day(text[second:m.end()], second, m.end(), last)
            a.role, b.role = "range_start", "range_end"
            add(m, [a, b], 4)
    for pattern in (_DM, _MD):
        for m in finditer(pattern, text):
            month = month_number(m.group("m"))
            day = int(m.group("d"))
            if pattern is _DM and counts_months(text, m.start("d")):
                continue
            if _PAGE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
                continue
            year = year_from_heading(text, m.start())
            if year is None and reference is not None:
                year = nearest_year(month, day, reference, _weekday(m))
            d = valid_day(year, month, day) if year else None
            if d:
                add(m, [_day(*_span(m), d)], 1, yearless=True)
    for m in finditer(_MONTH_FY, text):
        start = fiscal_year_start(m.group("y1"), m.group("y2"))
        if start is not None:
            month = month_number(m.group("m"))
            add(m, [_month(*_span(m), month_in_fiscal_year(month, start), month)], 2)
    for m in finditer(_MONTH_YEAR, text):
        month, year = month_number(m.group("m")), expand_year(m.group("y"))
        if reads_as_day(m.group("y"), m.group(0), year, reference):
            d = valid_day(nearest_year(month, int(m.group("y")), reference), month, int(m.group("y")))
            if d:
                add(m, [_day(*_span(m), d)], 1)
            continue
        add(m, [_month(*_span(m), year, month)], 1)
    for m in finditer(_MONTH_PAIR, text):
        m1, m2, year = month_number(m.group("m1")), month_number(m.group("m2")), expand_year(m.group("y"))
        first = _month(*_span(m, "m1"), year if m1 <= m2 else year - 1, m1)
        second = _month(text[m.start("m2"):m.end()], m.start("m2"), m.end(), year, m2)
        if m.group("sep") in ("-", "–", "to"):
            first.role, second.role = "range_start", "range_end"
        add(m, [first, second], 2)
    for m in finditer(_NUMERIC, text):
        mention = _numeric_date(text, m, reference)
        if mention:
            add(m, [mention], 2)
    for m in finditer(_NUMERIC_DM, text):
        month, day = int(m.group("m")), int(m.group("d"))
        if looks_like_fraction(m.group(0).split()[0], day, month):
            continue
        year = year_from_heading(text, m.start())
        if year is None and reference is not None and 1 <= month <= 12:
            year = nearest_year(month, day, reference)
        d = valid_day(year, month, day) if year else None
        if d:
            out.append(_Found(m.start("d"), m.end(), [_day(text[m.start("d"):m.end()], m.start("d"), m.end(), d)], 1,
                              yearless=True))
    for m in finditer(_ISO, text):
        d = valid_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if d:
            add(m, [_day(*_span(m), d)], 2)
    for m in finditer(_QUARTER, text):
        fy_text = m.group("fy") or m.group("fy2")
        y1, y2 = re.split(r"[/\-–]", fy_text.replace("FY", "").strip())
        start = fiscal_year_start(y1, y2)
        if start is None:
            continue
        first, last = quarter_bounds(int(m.group("q") or m.group("q2")), start)
        add(m, [DateMention(text=m.group(0), start_date=first.isoformat(), end_date=last.isoformat(),
                            granularity="quarter", char_start=m.start(), char_end=m.end())], 3)
    for m in finditer(_FY, text):
        if m.group("y1"):
            start = fiscal_year_start(m.group("y1"), m.group("y2"))
        else:
            start = fiscal_year_start(m.group("s1") or m.group("t1"), m.group("t2"))
        if start is None or _URLISH.search(_token_around(text, m.start(), m.end())):
            continue
        if _PAGE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue          # "pages 22/23", "para 12/13"
        if not m.group("y1") and reference and abs(start - reference.year) > 15:
            continue          # "12/13" in a 2022 paper is a score or a fraction, not 2012/13
        first, last = fiscal_year_bounds(start)
        add(m, [DateMention(text=m.group(0), start_date=first.isoformat(), end_date=last.isoformat(),
                            granularity="fiscal_year", char_start=m.start(), char_end=m.end())], 1)
    return out


def looks_like_fraction(cue: str, day: int, month: int) -> bool:
    """ "reduced by 1/2", "from 2/3": after a word of quantity, a small proper
    fraction is a fraction; after "on", a weekday or "booked for" it is a date."""
    return cue.lower() in ("by", "from", "after", "before", "until", "till") and day < month <= 8


def _token_around(text: str, start: int, end: int) -> str:
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _numeric_date(text: str, m: re.Match, reference: date | None) -> DateMention | None:
    """A numeric date in UK order, unless it is a clause, minute number, URL or version."""
    d_text, m_text, y_text, sep = m.group("d"), m.group("m"), m.group("y"), m.group("sep")
    if sep in ".-" and len(y_text) == 2 and (len(d_text) != 2 or len(m_text) != 2):
        return None          # "5.8.10" is a clause number; dotted dates pad: "05.01.22"
    if _URLISH.search(_token_around(text, m.start(), m.end())):
        return None
    if _PAGE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
        return None
    year = expand_year(y_text)
    d = valid_day(year, int(m_text), int(d_text))
    if d is None:
        return None
    if sep == "." and len(y_text) == 2 and reference and abs(year - reference.year) > 10:
        return None          # "02.12.03" far from the meeting: a minute number, not 2003
    if sep == "." and len(y_text) == 2 and is_minute_number(text, m.start(), m.end(), reference):
        return None
    return _day(m.group(0), m.start(), m.end(), d)


# A minute number opens its heading: "25.10.03 Planning applications".
_HEADING_AFTER = re.compile(r"[^\S\n]+[A-Z‘'\"(][^\n]{2,}")


def is_minute_number(text: str, start: int, end: int, reference: date | None = None) -> bool:
    """Is a dotted "nn.nn.nn" a minute number (yy.mm.nn) rather than a date?

    It is when it opens a line and a heading follows it, when the document heads
    other lines with the same yy.mm prefix, or when its first two parts are the
    meeting's year and month ("25.10.03" in minutes of October 2025).
    """
    number = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and _HEADING_AFTER.match(text, end):
        return True
    first, second = number.split(".")[:2]
    if reference is not None and int(first) == reference.year % 100 and int(second) == reference.month:
        return True
    return (first, second) in _minute_prefixes(text)


_MINUTE_HEAD = re.compile(r"(?m)^[^\S\n]*(\d\d)\.(\d\d)\.\d{1,3}[^\S\n]+[A-Z]")


@per_text
def _minute_prefixes(text: str) -> frozenset[tuple[str, str]]:
    """The "yy.mm" (or "mm.yy") of every line a three-part minute number heads."""
    return frozenset(m.groups() for m in _MINUTE_HEAD.finditer(text)) if "." in text else frozenset()


def _select(found: list[_Found], yearless: set[int] | None = None) -> list[DateMention]:
    """Non-overlapping matches, earliest first; at one start the longest, then the most specific.
    The ids of the mentions whose year was not printed go into `yearless`."""
    found.sort(key=lambda f: (f.start, -(f.end - f.start), -f.priority))
    chosen: list[_Found] = []
    last_end = -1
    for f in found:
        if f.start >= last_end:
            chosen.append(f)
            last_end = f.end
    if yearless is not None:
        yearless.update(id(x) for f in chosen if f.yearless for x in f.mentions)
    return [mention for f in chosen for mention in f.mentions]


# What separates the dates of one list: "27th March, 24th April and 29 May".
_LIST_GAP = re.compile(r"^[^\S\n]*(?:[,;/&][^\S\n]*|\n[^\S\n]*|and[^\S\n]+)*[,;]?[^\S\n]*(?:and[^\S\n]+)?$")
_FUTURE_CUE = re.compile(r"\b(?:next|future|forthcoming|coming|proposed|provisional)\b[^.\n]{0,40}"
                         r"\b(?:meetings?|dates?)\b[^.]{0,60}$", re.I)


def _move_year(mention: DateMention, years: int) -> bool:
    start = date.fromisoformat(mention.start_date)
    moved = valid_day(start.year + years, start.month, start.day)
    if moved is None:
        return False
    mention.start_date = mention.end_date = moved.isoformat()
    return True


def order_lists(text: str, mentions: list[DateMention], yearless: set[int],
                reference: date | None) -> None:
    """The year of days and months printed without one, from the text around them
    (GUIDELINES v1.2: the year the text gives, else the nearest to the meeting).

    A list runs forward in time: "Dates of next meetings: 27th March, ...,
    25th September, 30th October" in February minutes puts each day after the
    one before it (the nearest-year rule alone would put September in the year
    before); a list of next or proposed meeting dates starts on or after the
    meeting; and a day soon after a date of another era ("In January 2019 ...
    On 25th February ...") carries on that story's year.
    """
    previous: DateMention | None = None
    anchor: DateMention | None = None      # the last date printed with its year
    for mention in mentions:
        in_list = (previous is not None and previous.granularity == "day"
                   and _LIST_GAP.match(text[previous.char_end:mention.char_start]) is not None)
        if id(mention) in yearless and mention.granularity == "day":
            if in_list:
                if mention.start_date < previous.start_date:
                    _move_year(mention, 1)
            elif (reference is not None and mention.start_date < reference.isoformat()
                  and _FUTURE_CUE.search(text[max(0, mention.char_start - 120):mention.char_start])):
                _move_year(mention, 1)
            elif anchor is not None:
                _narrative_year(text, mention, anchor)
        elif mention.granularity in ("day", "month"):
            anchor = mention
        previous = mention


def _narrative_year(text: str, mention: DateMention, anchor: DateMention) -> None:
    """"In January 2019 the Clerk circulated ... On 25th February ...": a day and month
    soon after a dated one in the same paragraph carries on its story, in its year."""
    between = text[anchor.char_end:mention.char_start]
    if len(between) > 250 or "\n\n" in between:
        return
    start = date.fromisoformat(anchor.start_date)
    ours = date.fromisoformat(mention.start_date)
    story = valid_day(start.year, ours.month, ours.day)
    # Only a story set away from the meeting's time: when the year nearest the meeting is
    # within a year of the dated mention, that nearest year stands (it is the usual case).
    if story is None or story.year == ours.year or abs((ours - start).days) <= 400 \
            or not 0 <= (story - start).days <= 366:
        return
    mention.start_date = mention.end_date = story.isoformat()


def _assign_roles(text: str, mentions: list[DateMention]) -> None:
    for i, mention in enumerate(mentions):
        if mention.role:
            continue
        if i + 1 < len(mentions) and not mentions[i + 1].role:
            nxt = mentions[i + 1]
            before = text[max(0, mention.char_start - 40):mention.char_start]
            if is_range_join(text[mention.char_end:nxt.char_start], before):
                mention.role, nxt.role = "range_start", "range_end"
                continue
        mention.role = role_before(text[max(0, mention.char_start - 160):mention.char_start])


def find_dates(text: str, meeting_date: date | None = None) -> list[DateMention]:
    """Every date, month, financial year and quarter written in `text`, in order.

    A day and month without a year takes its year from a heading above it, or
    else the year nearest `meeting_date`; with no meeting date, the nearest
    full date written before it stands in.
    """
    reference = meeting_date
    if reference is None:
        reference = _first_full_date(text)
    yearless: set[int] = set()
    mentions = _select(_candidates(text, reference), yearless)
    order_lists(text, mentions, yearless, reference)
    _assign_roles(text, mentions)
    for mention in mentions:
        mention.text = " ".join(mention.text.split())   # "28  November  2024" from justified PDF text
    return mentions


def _first_full_date(text: str) -> date | None:
    for m in _DMY.finditer(text):
        if len(m.group("y")) == 4:      # a full date, not "12 Nov 24"
            return valid_day(int(m.group("y")), month_number(m.group("m")), int(m.group("d")))
    return None


# ---------------------------------------------------------------- component

@Language.factory("minutebook_dates")
def make_dates(nlp: Language, name: str):
    return DatesComponent()


class DatesComponent:
    """Puts one span per date in doc.spans["dates"], with the record on
    span._.record and the normalised values on span._.start_date / end_date
    (datetime.date), span._.granularity and span._.date_role."""

    def __call__(self, doc):
        set_records(doc, "dates", find_dates(doc.text, doc._.meeting_date))
        for span in doc.spans["dates"]:
            record = span._.record
            span._.start_date = date.fromisoformat(record.start_date)
            span._.end_date = date.fromisoformat(record.end_date)
            span._.granularity = record.granularity
            span._.date_role = record.role
        return doc
