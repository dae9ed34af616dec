"""No extractor raises on any text (issue 21, Build 8).

Property-based: hypothesis writes documents out of pieces of committee-paper
wording (written for this test), random text and the noise OCR adds --
spaces dropped ("29thMay"), O/0 and l/1 swapped, lines split mid-word, the
heading's date missing -- and every component must return, never raise.
When a component does raise on a document, the document keeps the other
components' rows and the failure is named (`component_errors`).
"""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extractors.actions import find_actions
from extractors.dates import find_dates, nearest_year, valid_day
from extractors.money import find_amounts
from extractors.paged import PagedText
from extractors.pipeline import build_nlp, default_nlp, extract
from extractors.structure import analyse

# Pieces of the kinds of lines papers print, in several house styles.
PIECES = [
    "MINUTES OF THE MEETING OF HOLLYBROOK PARISH COUNCIL", "HELD ON 14th March 2029",
    "Minutes of the Trust Board meeting held on Thursday 3 May 2029",
    "Planning Committee", "Present: Cllr A Ferris (Chair), Cllr B Omondi",
    "29.03.04 Apologies for absence", "291. Declarations of interest", "12/24 Finance",
    "Minute 7.2 Highways", "5a Correspondence", "ITEM 4 - QUESTIONS",
    "RESOLVED: That the report be noted.", "It was AGREED that the grant be paid.",
    "The Board is asked to: a) note the update b) approve the plan",
    "(12 voting FOR, 3 against)", "LOST 4-9", "proposed by AF, seconded by BO and unanimously agreed",
    "Clerk to write to the highways authority.", "AF to obtain three quotes (ACTION: AF)",
    "Verges - BO to speak to the contractor", "ACTION: Clerk", "Action - CD will inspect the swings.",
    "Item\tWho\tWhat", "3\tClerk\tOrder a new bench", "Ref\tOwner\tDue\tDescription\tStatus",
    "A17\tDirector of Nursing\t31/07/29\tReview staffing\tOpen",
    "£1,250", "£2.1 million", "45p", "£250k per annum", "(£000)",
    "on 18/12", "sent 29/09.", "by 31st June", "by June 31", "Feb 30", "25th September", "January 2030",
    "Meeting dates for 2030: 24 Jan, 28 Feb, 27 Mar", "2029/30", "Q3 2029/30", "Jun29.02",
    "Signed ........................ Chair", "Page 3 of 14", "\f",
]


def _noise(text: str, data) -> str:
    """OCR-style damage, each kind drawn or not."""
    if data.draw(st.booleans()):
        text = text.replace("th ", "th").replace("st ", "st")          # "29thMay"
    if data.draw(st.booleans()):
        text = text.replace("O", "0").replace("l", "1")                 # O/0, l/1
    if data.draw(st.booleans()):
        text = text.replace("0", "O").replace("1", "l")
    if data.draw(st.booleans()) and len(text) > 2:
        cut = data.draw(st.integers(1, len(text) - 1))                  # a line split mid-word
        text = text[:cut] + "\n" + text[cut:]
    if data.draw(st.booleans()):
        text = text.replace(" ", "")                                    # a line with no spaces
    return text


@st.composite
def documents(draw):
    lines = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=25))
    text = "\n".join(_noise(line, draw(st.data())) for line in lines)
    if draw(st.booleans()):
        text = text.replace("14th March 2029", "").replace("3 May 2029", "")   # no heading date
    return text


MEETING_DATES = st.one_of(st.none(), st.dates(min_value=date(1995, 1, 1), max_value=date(2060, 12, 31)))
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=documents(), meeting=MEETING_DATES)
def test_dates_never_raise(text, meeting):
    for mention in find_dates(text, meeting):
        assert mention.start_date <= mention.end_date
        assert 0 <= mention.char_start < mention.char_end <= len(text)


@SETTINGS
@given(text=documents())
def test_amounts_and_structure_never_raise(text):
    for amount in find_amounts(text):
        assert 0 <= amount.char_start < amount.char_end <= len(text)
    analyse(text)


@SETTINGS
@given(text=documents(), meeting=MEETING_DATES)
def test_actions_never_raise(text, meeting):
    for action in find_actions(text, meeting):
        assert action.text.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents())
def test_no_component_of_the_pipeline_raises(text):
    found = extract(PagedText.from_pages(text.split("\f")), "0123456789abcdef", nlp=default_nlp())
    assert found.component_errors == ""


def test_a_day_month_with_no_meeting_date_and_no_such_day_is_no_date():
    # Once a crash (TypeError from valid_day(nearest_year(...))): "June 31" far from a
    # 2022 meeting reads as a day, and no year puts a 31st of June anywhere.
    assert nearest_year(6, 31, date(2022, 3, 1)) is None
    assert valid_day(None, 6, 31) is None
    assert find_dates("The skip was booked for June 31.", date(2022, 3, 1)) == []
    assert find_dates("The skip was booked for 31 June.", None) == []
    assert [m.start_date for m in find_dates("Grass cut on 3rd June.", date(2029, 3, 1))] == ["2029-06-03"]


@Language.factory("test_robustness_boom")
def _make_boom(nlp, name):
    def boom(doc):
        raise TypeError("'NoneType' object cannot be interpreted as an integer")
    return boom


def test_a_failing_component_costs_the_document_only_its_own_rows():
    text = ("MINUTES OF THE MEETING OF HOLLYBROOK PARISH COUNCIL\nHELD ON 14th March 2029\n"
            "4. Finance\nThe council paid £1,250 to the grass contractor on 2 March 2029.\n"
            "Clerk to write to the contractor about the April cut.\n")
    nlp = build_nlp()
    nlp.add_pipe("test_robustness_boom", after="minutebook_dates")
    found = extract(PagedText.from_pages([text]), "0123456789abcdef", nlp=nlp)
    assert found.component_errors.startswith("test_robustness_boom: TypeError: 'NoneType'")
    assert [a.text for a in found.records["amounts"]] == ["£1,250"]
    assert "2 March 2029" in [d.text for d in found.records["dates"]]
    assert [a.owner for a in found.records["actions"]] == ["Clerk"]
    assert found.meeting_date == "2029-03-14"


def test_every_component_runs_clean_on_ordinary_minutes():
    text = "MINUTES OF THE MEETING OF HOLLYBROOK PARISH COUNCIL\nHELD ON 14th March 2029\n"
    assert extract(PagedText.from_pages([text]), "0123456789abcdef").component_errors == ""


@pytest.mark.parametrize("text", ["", "\n\n\n", "\t\t", "\f\f", "£", "29thMay", "3l/O2/2O29", "ACTION:"])
def test_degenerate_texts(text):
    found = extract(PagedText.from_pages(text.split("\f")), "0123456789abcdef")
    assert found.component_errors == ""
