"""Dates: every written form from the corpus, the non-dates, and round trips.

Sentences are quoted from the corpus (`corpora/text/*.txt`, the Kent PDFs);
expected values are read off the printed dates by hand, not from the program.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from extractors.dates import (
    expand_year,
    find_dates,
    fiscal_year_bounds,
    fiscal_year_start,
    month_in_fiscal_year,
    month_number,
    nearest_year,
    quarter_bounds,
    role_before,
    year_from_heading,
)
from tests.conftest import TEXTS

CAMBS_MEETING = date(2022, 1, 13)
CHESHIRE_MEETING = date(2021, 1, 26)
KENT_MEETING = date(2025, 1, 30)


def spans(text: str, meeting: date | None = CAMBS_MEETING):
    return [(d.text, d.start_date, d.end_date) for d in find_dates(text, meeting) if d.granularity in ("day", "month")]


# (sentence as printed in the corpus, meeting date, [(text, start, end), ...])
WRITTEN_FORMS = [
    ("Thursday, 13 January 2022", CAMBS_MEETING,
     [("Thursday, 13 January 2022", "2022-01-13", "2022-01-13")]),
    ("Date of meeting:\t26 th January 2021", CHESHIRE_MEETING,
     [("26 th January 2021", "2021-01-26", "2021-01-26")]),
    ("Board held on Tuesday, 24th November, 2020 in the Virtual Meeting", CHESHIRE_MEETING,
     [("Tuesday, 24th November, 2020", "2020-11-24", "2020-11-24")]),
    ("is exempted for a period 15 months from 1/4/2022 to 30/6/2023 for a total value of £1,005,449.65.",
     CAMBS_MEETING, [("1/4/2022", "2022-04-01", "2022-04-01"), ("30/6/2023", "2023-06-30", "2023-06-30")]),
    ("Yes/No (email sent 05.01.22 awaiting confirmation)", CAMBS_MEETING,
     [("05.01.22", "2022-01-05", "2022-01-05")]),
    ("13/01/22\tIntegrated Care System (ICS) - Cambridgeshire County Council position paper", CAMBS_MEETING,
     [("13/01/22", "2022-01-13", "2022-01-13")]),
    ("Grant\tAllocation (October 21-Mar 22)", CAMBS_MEETING,
     [("October 21", "2021-10-01", "2021-10-31"), ("Mar 22", "2022-03-01", "2022-03-31")]),
    ("\tApr-21\tMay-21\tJun-21", CAMBS_MEETING,
     [("Apr-21", "2021-04-01", "2021-04-30"), ("May-21", "2021-05-01", "2021-05-31"),
      ("Jun-21", "2021-06-01", "2021-06-30")]),
    ("as at the end of October 2021/22.", CAMBS_MEETING,
     [("October 2021/22", "2021-10-01", "2021-10-31")]),
    ("since October/Nov 2021 (including a pandemic impact review)", CAMBS_MEETING,
     [("October", "2021-10-01", "2021-10-31"), ("Nov 2021", "2021-11-01", "2021-11-30")]),
    ("to run from June 2021 to June 2022.", CAMBS_MEETING,
     [("June 2021", "2021-06-01", "2021-06-30"), ("June 2022", "2022-06-01", "2022-06-30")]),
    # no year: the one nearest the meeting (13 January 2022)
    ("on the proposed top level ICB structure concluded on 3 December and we will shortly", CAMBS_MEETING,
     [("3 December", "2021-12-03", "2021-12-03")]),
    ("<p>Tuesday 15 February Virtual 2.00pm – 4.00pm</p>", CAMBS_MEETING,
     [("Tuesday 15 February", "2022-02-15", "2022-02-15")]),
    ("Thursday 28 October 10:00 - 11:00 Virtual Teams meeting", CAMBS_MEETING,
     [("Thursday 28 October", "2021-10-28", "2021-10-28")]),
    ("Domains\tPrevious score (Aug 2019)\tCurrent score (Nov 2020)", CAMBS_MEETING,
     [("Aug 2019", "2019-08-01", "2019-08-31"), ("Nov 2020", "2020-11-01", "2020-11-30")]),
    ("To April 21 there", CHESHIRE_MEETING, [("April 21", "2021-04-01", "2021-04-30")]),
    ("• Postural Stability – 6th November – 17th December 2024", KENT_MEETING,
     [("6th November", "2024-11-06", "2024-11-06"), ("17th December 2024", "2024-12-17", "2024-12-17")]),
    ("Meeting of the Scrutiny Committee held on 28  November  2024", KENT_MEETING,
     [("28 November 2024", "2024-11-28", "2024-11-28")]),
    ("the Scrutiny Committee meeting on\n29 January 2025", KENT_MEETING,
     [("29 January 2025", "2025-01-29", "2025-01-29")]),
    ("was due to be extended for 12 months from April 25 to ensure KCC had a", KENT_MEETING,
     [("April 25", "2025-04-01", "2025-04-30")]),
    # forms from other councils' papers: ISO dates, a quoted two-digit year, short UK dates
    ("data extracted on 2024-01-15 from the ledger", KENT_MEETING, [("2024-01-15", "2024-01-15", "2024-01-15")]),
    ("budget set in Mar ’22", KENT_MEETING, [("Mar ’22", "2022-03-01", "2022-03-31")]),
    ("The Clerk reported the meter was read on 8/1/24.", KENT_MEETING, [("8/1/24", "2024-01-08", "2024-01-08")]),
    ("Monday 8th January 2024 at 7.30pm in the Village Hall", KENT_MEETING,
     [("Monday 8th January 2024", "2024-01-08", "2024-01-08")]),
    ("Date raised\t5-Jan-22\t21-Apr", CAMBS_MEETING,
     [("5-Jan-22", "2022-01-05", "2022-01-05"), ("21-Apr", "2022-04-21", "2022-04-21")]),
    ("returns are due by June 30 each year", CAMBS_MEETING, [("June 30", "2022-06-30", "2022-06-30")]),
    ("the Mar/Apr 22 figures", CAMBS_MEETING,
     [("Mar", "2022-03-01", "2022-03-31"), ("Apr 22", "2022-04-01", "2022-04-30")]),
    ("Sep22 and Sept 2021", KENT_MEETING,
     [("Sep22", "2022-09-01", "2022-09-30"), ("Sept 2021", "2021-09-01", "2021-09-30")]),
]


@pytest.mark.parametrize("sentence,meeting,expected", WRITTEN_FORMS, ids=[s[:40] for s, _, _ in WRITTEN_FORMS])
def test_written_forms(sentence, meeting, expected):
    assert spans(sentence, meeting) == expected


def test_quoted_sentences_are_from_the_corpus():
    corpus = "".join(p.read_text(encoding="utf-8") for p in TEXTS.glob("*.txt"))
    for sentence in ("Yes/No (email sent 05.01.22 awaiting confirmation)", "Grant\tAllocation (October 21-Mar 22)",
                     "since October/Nov 2021 (including a pandemic impact review)",
                     "Date of meeting:\t26 th January 2021", "To April 21 there"):
        assert sentence in corpus


NOT_DATES = [
    "Time: 10.00 am – 16.00 pm",                                   # times
    "Part 2 – 14.00pm – 16.00pm – Health Scrutiny",
    "10:00",
    "5.2.1 The Cambridgeshire & Peterborough ICB will",            # clause numbers
    "5.8.10 applies",
    "Minute 02.25.03 was noted",                                   # minute number
    "Tel: 01223 706398",                                           # phone numbers
    "Tel: 01223714867",
    "https://www.england.nhs.uk/wp-content/uploads/2021/06/B0664-ics-design-framework.pdf",
    "see Page 5",
    "in September the board",                                      # month with neither day nor year
    "action Jun23.02 and Nov22.05",                                # action codes
    "we may 21 times",                                             # lower-case "may" is a verb
    "22 DECLARATIONS OF INTEREST",
    "a 2019 baseline",                                             # a bare year
    "the Business Plan for 2022-27",                               # a plan period, not a financial year
    "planning application 21/0123/FUL and 22/00123/HH",            # planning references
    "Minute 23/24 was noted",                                      # a minute reference, not 2023/24
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert find_dates(text, CAMBS_MEETING) == []


def test_fiscal_years_and_quarters_are_their_own_rows():
    text = ("Our ambition is to launch our ICS in shadow form during Q4 of 2021/22 before the new ICS "
            "establishment is formalised in Q1 2022/23.")
    found = [(d.text, d.granularity, d.start_date, d.end_date) for d in find_dates(text, date(2021, 3, 31))]
    assert found == [("Q4 of 2021/22", "quarter", "2022-01-01", "2022-03-31"),
                     ("Q1 2022/23", "quarter", "2022-04-01", "2022-06-30")]
    rows = find_dates("pressures arising in 2022-23 and beyond, budget for 22/23 onwards, FY 2019/2020",
                      CAMBS_MEETING)
    assert [(d.text, d.granularity, d.start_date, d.end_date) for d in rows] == [
        ("2022-23", "fiscal_year", "2022-04-01", "2023-03-31"),
        ("22/23", "fiscal_year", "2022-04-01", "2023-03-31"),
        ("FY 2019/2020", "fiscal_year", "2019-04-01", "2020-03-31"),
    ]


def test_ranges_have_roles():
    found = find_dates("exempted for a period 15 months from 1/4/2022 to 30/6/2023 for a total", CAMBS_MEETING)
    assert [d.role for d in found] == ["range_start", "range_end"]
    found = find_dates("between 10/12/2021 and 31/03/2022.", CAMBS_MEETING)
    assert [d.role for d in found] == ["range_start", "range_end"]
    found = find_dates("workshops on 13-14 January 2022", CAMBS_MEETING)
    assert [(d.start_date, d.role) for d in found] == [("2022-01-13", "range_start"), ("2022-01-14", "range_end")]


@pytest.mark.parametrize("before,role", [
    ("MINUTES of a meeting of the Cabinet held in the Council Chamber on ", "meeting"),
    ("Date of meeting:\t", "meeting"),
    ("Comments to be returned no later than ", "deadline"),
    ("The Clerk to report back by ", "deadline"),
    ("with effect from ", "effective"),
    ("The proposal is to increase the hourly rate by £0.65 per hour, backdated to ", "effective"),
    ("funding to be utilised during ", "period"),
    ("The Committee noted the report of ", ""),
])
def test_role_before(before, role):
    assert role_before(before) == role


def test_roles_in_text():
    found = find_dates("Comments to be returned no later than 31 March 2022, with effect from 1 April 2022.",
                       CAMBS_MEETING)
    assert [d.role for d in found] == ["deadline", "effective"]


# ------------------------------------------------------------ pure rules

def test_month_number():
    assert month_number("Sept") == 9
    assert month_number("APR") == 4
    assert month_number("March.") == 3
    assert month_number("Smarch") is None


def test_expand_year():
    assert expand_year("21") == 2021
    assert expand_year("2021") == 2021
    assert expand_year("99") == 1999


def test_fiscal_year_rules():
    assert fiscal_year_start("2022", "23") == 2022
    assert fiscal_year_start("22", "23") == 2022
    assert fiscal_year_start("2021", "2022") == 2021
    assert fiscal_year_start("2022", "27") is None
    assert fiscal_year_bounds(2021) == (date(2021, 4, 1), date(2022, 3, 31))
    assert quarter_bounds(4, 2021) == (date(2022, 1, 1), date(2022, 3, 31))
    assert quarter_bounds(1, 2022) == (date(2022, 4, 1), date(2022, 6, 30))
    assert month_in_fiscal_year(10, 2021) == 2021
    assert month_in_fiscal_year(2, 2021) == 2022


def test_nearest_year():
    # "a meter fitted on 3rd December" in March minutes is last December
    assert nearest_year(12, 3, date(2022, 3, 10)) == 2021
    # "a visit booked for 14/11" in October minutes is this November
    assert nearest_year(11, 14, date(2022, 10, 5)) == 2022
    # the weekday decides when printed: Tuesday 15 February is 2022, not 2021
    assert nearest_year(2, 15, date(2021, 8, 20), weekday=1) == 2022
    assert nearest_year(2, 29, date(2021, 6, 1)) is None or nearest_year(2, 29, date(2021, 6, 1)) in (2020, 2024)


def test_year_from_heading():
    text = "Meeting dates for 2027\nThursday 14 January\nThursday 11 March\n"
    assert year_from_heading(text, text.index("Thursday 11")) == 2027
    text = "The meeting held on 9 December 2021 noted it.\nThe next meeting is on 3 February."
    assert year_from_heading(text, text.index("3 February")) is None
    assert spans(text) == [("9 December 2021", "2021-12-09", "2021-12-09"), ("3 February", "2022-02-03", "2022-02-03")]


def test_without_meeting_date_structure_still_finds_full_dates():
    head = "MINUTES of a meeting of the Cabinet held on Thursday, 9 January 2025 at 10.00 am"
    found = find_dates(head)
    assert [(d.text, d.start_date, d.role) for d in found] == [("Thursday, 9 January 2025", "2025-01-09", "meeting")]


def test_whole_corpus_document_has_no_time_or_clause_dates():
    text = (TEXTS / "cambs-ahc-2022-01-13-agenda-pack.txt").read_text(encoding="utf-8")
    texts = {d.text for d in find_dates(text, CAMBS_MEETING)}
    assert not any(":" in t for t in texts)
    assert not {"10.00", "5.2.1", "2.19.1"} & texts


# ------------------------------------------------------------ round trips

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2049, 12, 31))


def day_forms(d: date) -> list[str]:
    month = MONTH_NAMES[d.month - 1]
    return [
        f"{d.day} {month} {d.year}",
        f"{d.day}{ORDINAL.get(d.day, 'th')} {month} {d.year}",
        f"{WEEKDAY_NAMES[d.weekday()]}, {d.day} {month} {d.year}",
        f"{d.day} {month[:3]} {d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{month} {d.day}, {d.year}",
        f"{d.day}-{month[:3]}-{d.year % 100:02d}",
        f"{d.day:02d}-{month[:3]}-{d.year}",
        f"{d.year}-{d.month:02d}-{d.day:02d}",
    ]


@given(days, st.integers(min_value=0, max_value=11))
def test_days_round_trip(d, form):
    written = day_forms(d)[form]
    found = find_dates(f"The meeting was on {written} in the Chamber.", d)
    assert [(x.start_date, x.end_date, x.granularity) for x in found] == [(d.isoformat(), d.isoformat(), "day")]


@given(days, st.integers(min_value=0, max_value=5))
def test_months_round_trip(d, form):
    month = MONTH_NAMES[d.month - 1]
    fy_start = d.year if d.month >= 4 else d.year - 1
    written = [f"{month} {d.year}", f"{month[:3]}-{d.year % 100:02d}", f"{month[:3]} {d.year % 100:02d}",
               f"{month[:3]}{d.year % 100:02d}", f"{month.upper()} {d.year}",
               f"{month} {fy_start}/{(fy_start + 1) % 100:02d}"][form]
    found = find_dates(f"Progress as at {written}, reported to the Board.", None)
    first = date(d.year, d.month, 1)
    last = (date(d.year + (d.month == 12), d.month % 12 + 1, 1) - timedelta(days=1))
    assert [(x.start_date, x.end_date, x.granularity) for x in found] == [
        (first.isoformat(), last.isoformat(), "month")]


@given(days, st.integers(min_value=-150, max_value=150))
def test_day_without_year_is_nearest_the_meeting(d, offset):
    meeting = d + timedelta(days=offset)
    found = find_dates(f"a visit booked for {d.day} {MONTH_NAMES[d.month - 1]} with the provider", meeting)
    assert [x.start_date for x in found] == [d.isoformat()]


@given(st.integers(min_value=2000, max_value=2048), st.integers(min_value=1, max_value=4),
       st.sampled_from(["Q{q} {y}/{yy}", "Q{q} of {y}/{yy}", "Q{q} {y}-{yy}", "Quarter {q} {y}/{yy}"]))
def test_quarters_round_trip(year, quarter, pattern):
    written = pattern.format(q=quarter, y=year, yy=f"{(year + 1) % 100:02d}")
    found = find_dates(f"delivery in {written} as planned", None)
    start, end = quarter_bounds(quarter, year)
    assert [(x.start_date, x.end_date, x.granularity) for x in found] == [
        (start.isoformat(), end.isoformat(), "quarter")]


# ------------------------------------------------------------ spaCy component

def test_component_uses_the_meeting_date_and_sets_span_values():
    import spacy

    import extractors.dates  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("minutebook_dates")
    doc = nlp.make_doc("The consultation concluded on 3 December; interviews are planned for February 2022.")
    doc._.meeting_date = CAMBS_MEETING          # set by minutebook_structure in the full pipeline
    doc = nlp.get_pipe("minutebook_dates")(doc)
    spans = list(doc.spans["dates"])
    assert [(s.text, s._.start_date, s._.end_date, s._.granularity) for s in spans] == [
        ("3 December", date(2021, 12, 3), date(2021, 12, 3), "day"),
        ("February 2022", date(2022, 2, 1), date(2022, 2, 28), "month"),
    ]
    assert spans[0]._.record.start_date == "2021-12-03"


# --- Generalisation probe (brief K): constructed examples in the phrasings of
# papers outside the corpus (parish headings in capitals, NHS board papers).

def test_capitalised_ordinals_in_a_parish_heading():
    text = "MINUTES OF THE MEETING HELD ON TUESDAY 12TH NOVEMBER 2024 AT 7PM"
    found = [(d.text, d.start_date, d.end_date) for d in find_dates(text)]
    assert found == [("TUESDAY 12TH NOVEMBER 2024", "2024-11-12", "2024-11-12")]


def test_capitalised_ordinal_without_a_year():
    found = find_dates("THE NEXT MEETING IS ON 10TH DECEMBER", date(2024, 11, 12))
    assert [(d.text, d.start_date) for d in found] == [("10TH DECEMBER", "2024-12-10")]


def test_nhs_paper_date_forms():
    text = ("The recovery plan will be presented w/c 14 October and again on 14-Oct-24. "
            "The review started 14/10/24 and data was refreshed 2024-10-14.")
    found = [(d.text, d.start_date) for d in find_dates(text, date(2024, 11, 14))]
    assert found == [("14 October", "2024-10-14"), ("14-Oct-24", "2024-10-14"),
                     ("14/10/24", "2024-10-14"), ("2024-10-14", "2024-10-14")]


def test_month_numbers_minute_refs_times_and_phones_are_not_dates():
    text = ("The position at month 6 (M6) was reported. Min 24/112 refers; ref 24/01234/FUL; "
            "clause 4.2.1; the meeting closed at 9.15pm; telephone 01234 567890.")
    assert [d.text for d in find_dates(text, date(2024, 11, 12)) if d.granularity != "fiscal_year"] == []


def test_list_of_meeting_dates_takes_the_headings_year():
    text = "Meeting dates for 2025: 14 January, 11 February, 11 March."
    found = [d.start_date for d in find_dates(text, date(2024, 11, 12))]
    assert found == ["2025-01-14", "2025-02-11", "2025-03-11"]


def test_numeric_day_and_month_after_a_date_word():
    # Guidelines v1.2: "a visit booked for 14/11" in October minutes is this November.
    october = date(2024, 10, 12)
    assert [(d.text, d.start_date) for d in find_dates("a visit booked for 14/11", october)] == [
        ("14/11", "2024-11-14")]
    assert [d.start_date for d in find_dates("Audit on Mon 4/11 and Tuesday 12/11.", october)] == [
        "2024-11-04", "2024-11-12"]


@pytest.mark.parametrize("text", [
    "The motion was carried, voted 7/8 in favour.",
    "Agreed for 3/4 of members.",
    "The budget was cut by 1/2 the amount.",
    "Staff held 1-2-1 meetings on 2/10 wards.",
    "The surgery has a Wednesday 1/2 day closing.",
])
def test_votes_and_fractions_are_not_day_and_month(text):
    assert find_dates(text, date(2024, 10, 12)) == []


def test_day_ranges_with_weekdays_and_slashes():
    found = find_dates("The office is closed Monday 2 - Friday 6 December 2024.")
    assert [(d.text, d.start_date, d.role) for d in found] == [
        ("Monday 2", "2024-12-02", "range_start"), ("Friday 6 December 2024", "2024-12-06", "range_end")]
    assert [d.start_date for d in find_dates("Hall booked 2nd/3rd December 2024.")] == [
        "2024-12-02", "2024-12-03"]


def test_two_digit_year_after_a_month_name_ends_the_date():
    assert [(d.text, d.start_date) for d in find_dates("Data refreshed 12 Nov 24, see annex.")] == [
        ("12 Nov 24", "2024-11-12")]
    # A time after the month is not a year.
    found = find_dates("Thursday 28 October 10:00 - 11:00 Virtual Teams meeting", date(2021, 10, 1))
    assert [(d.text, d.start_date) for d in found] == [("Thursday 28 October", "2021-10-28")]


def test_a_month_count_before_a_month_is_not_a_day():
    # NHS finance reports name their period "Month 9 December 2014", "M6 September 2024".
    found = [(d.text, d.start_date, d.granularity)
             for d in find_dates("Reporting period: Month 9 December 2014; M6 September 2024 position.")]
    assert found == [("December 2014", "2014-12-01", "month"), ("September 2024", "2024-09-01", "month")]
    # A day written with a spaced ordinal stays a day.
    assert [d.start_date for d in find_dates("Trust Board - Thursday 2 nd July 2015")] == ["2015-07-02"]


# ---------------------------------------------------------------- issue 17, Build 6: by family
# Texts written for these tests.

def _found(text, meeting=None):
    return [(m.text, m.start_date) for m in find_dates(text, meeting)]


@pytest.mark.parametrize("text, expected", [
    ("The skip hire was made for 18/12 at the depot.", [("18/12", "2028-12-18")]),
    ("Invoice paid 14/01. Quote received 03/02, accepted.", [("14/01", "2029-01-14"), ("03/02", "2029-02-03")]),
    ("Email sent 29/09. A reply is awaited.", [("29/09", "2028-09-29")]),
    ("The hall is requested for 02/04 for the count.", [("02/04", "2029-04-02")]),
])
def test_a_numeric_day_and_month_after_a_verb_of_doing_or_booking(text, expected):
    assert _found(text, date(2029, 3, 1)) == expected


@pytest.mark.parametrize("text", ["Members voted 7/2 in favour.", "The grant was reduced by 1/2 this year.",
                                  "Scores were 3/4 and 2/10 wards reported."])
def test_fractions_and_votes_stay_numbers(text):
    assert _found(text, date(2029, 3, 1)) == []


@pytest.mark.parametrize("text, expected", [
    ("The fete is on 29thMay.", [("29thMay", "2029-05-29")]),
    ("Meet on 3rdJune 2029 at the hall.", [("3rdJune 2029", "2029-06-03")]),
])
def test_an_ordinal_glued_to_its_month(text, expected):
    assert _found(text, date(2029, 3, 1)) == expected


def test_a_list_of_next_meeting_dates_runs_forward():
    text = ("Dates of next meetings: second Tuesday, 7pm:\n"
            "11th March, 8th April, 13th May, 10th June, 8th July,\n9th September, 14th October and 11th November")
    found = _found(text, date(2029, 2, 20))
    assert [d for _t, d in found] == ["2029-03-11", "2029-04-08", "2029-05-13", "2029-06-10", "2029-07-08",
                                      "2029-09-09", "2029-10-14", "2029-11-11"]


def test_a_next_meeting_date_is_not_in_the_past():
    assert _found("Date of next meeting: 9th September", date(2029, 2, 20)) == [("9th September", "2029-09-09")]
    # without the cue, the nearest year stands (a meter fitted last September)
    assert _found("A meter was fitted on 9th September.", date(2029, 2, 20)) == [("9th September", "2028-09-09")]


def test_a_day_month_in_a_story_from_another_year_takes_that_year():
    text = "In March 2021 the school wrote to the council. On 14th April the council replied."
    assert _found(text, date(2029, 2, 20)) == [("March 2021", "2021-03-01"), ("14th April", "2021-04-14")]
    # a story within a year of the meeting keeps the nearest year
    text = "The consultation closed on 8 January 2029. A response was sent on 8th December."
    assert _found(text, date(2029, 1, 26))[-1] == ("8th December", "2028-12-08")


@pytest.mark.parametrize("text, meeting", [
    ("29.03.04 Planning applications\nNo objection.", date(2029, 3, 14)),
    ("25.10.03 Finance\nThe accounts were approved.", None),
    ("The item at 29.03.05 was deferred.", date(2029, 3, 14)),          # the meeting's yy.mm
    ("29.02.11 Apologies\nNone.\nSee also 29.02.12 for the accounts.", None),   # the document's own numbering
])
def test_minute_numbers_in_yy_mm_nn_are_not_dates(text, meeting):
    assert _found(text, meeting) == []


def test_a_dotted_date_in_running_text_is_still_a_date():
    assert _found("The hedge was cut on 24.12.28 by the contractor.", date(2029, 3, 14)) == [
        ("24.12.28", "2028-12-24")]
