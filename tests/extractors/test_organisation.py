"""Organisation and body identity, and a paper's own meeting date (issue 18, Build 1 and 2).

Every text here is written for the test, in the phrasings of council, parish
and NHS papers: a letterhead, a minutes heading, a report cover, a decision
record, officers' e-mail addresses.
"""
from __future__ import annotations

from datetime import date

import pytest

from extractors.organisation import (body_key, canonical_body, council_kind, decision_date_text, decision_maker,
                                     domain_of, find_organisation, organisation_key, organisation_names, tidy_case)
from extractors.structure import analyse, find_body, find_meeting_date

# -- organisation ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, organisation", [
    # a letterhead line
    ("NORTHSHIRE COUNTY COUNCIL\nCABINET\nMINUTES of a meeting of the Cabinet held on Monday, 3 March 2025.\n",
     "Northshire County Council"),
    # a minutes heading that names a parish council
    ("MINUTES OF THE LOWER WENDLEY PARISH COUNCIL MEETING\nHELD IN THE CHURCH ROOM\nON 4th June 2024\n",
     "Lower Wendley Parish Council"),
    # a decision record's title
    ("NORTHSHIRE COUNTY COUNCIL – RECORD OF DECISION\nDECISION TO BE TAKEN BY:\n", "Northshire County Council"),
    # a council without a kind word, and an NHS trust
    ("Eastvale Council\nAudit Committee\nAgenda\n", "Eastvale Council"),
    ("Greater Wessex NHS Foundation Trust\nBoard of Directors (Public)\n", "Greater Wessex NHS Foundation Trust"),
    # "<kind> of <place>"
    ("LONDON BOROUGH OF HILLFORD\nCabinet\nAgenda\n", "London Borough of Hillford"),
])
def test_organisation_from_a_heading(text, organisation):
    assert find_organisation(text) == organisation


def test_the_author_of_a_report_is_not_its_organisation():
    # the "From:" field (and the line it wraps onto) names the author's employer
    text = ("Joining up care in the Vale\n\nTo: Health Scrutiny Committee\n\nMeeting Date: 2 May 2024\n\n"
            "From: Sam Smith, Chief Officer, Vale and\n\nRiverside Clinical Commissioning Group\n\n"
            "Key decision: No\n\nFor more information contact sam.smith@westmere.gov.uk\n"
            "The Westmere County Council response is attached.\n")
    assert find_organisation(text) == "Westmere County Council"


def test_organisation_from_e_mail_domain_when_the_paper_prints_no_name():
    text = ("From: Finance Director\nTo: Cabinet, 5 June 2025\nSubject: Outturn\n"
            "Contact: a.jones@northshire.gov.uk\nTel: 0300 000000\nb.khan@northshire.gov.uk\n"
            "See www.ons.gov.uk and england.legislation@nhs.net for the national figures.\n")
    assert find_organisation(text) == "northshire.gov.uk"
    assert organisation_key("northshire.gov.uk") == organisation_key("Northshire County Council") == "northshire"


def test_running_text_naming_a_neighbour_names_no_organisation():
    text = ("From: The Leader\nTo: County Council – 9th January 2025\nSubject: Joint working\n"
            "Summary:\nThe Council will work with Riverside Council and Dale Borough Council on this.\n")
    assert find_organisation(text) == ""


@pytest.mark.parametrize("address, domain", [
    ("westmere.gov.uk", "westmere.gov.uk"),
    ("www.westmere.gov.uk", "westmere.gov.uk"),
    ("data.gov.uk", ""), ("gov.uk", ""), ("england.nhs.uk", ""), ("assets.publishing.service.gov.uk", ""),
    ("gmail.com", ""),
])
def test_national_and_private_domains_belong_to_no_organisation(address, domain):
    assert domain_of(address) == domain


def test_organisation_names_in_a_line_skip_generic_words():
    assert organisation_names("The Budget County Council in February") == []
    assert organisation_names("joint work with Riverside Council and Dale Borough Council") == [
        "Riverside Council", "Dale Borough Council"]
    assert organisation_names("THE LOWER WENDLEY PARISH COUNCIL MEETING") == ["Lower Wendley Parish Council"]


# -- bodies ------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["County Council", "Full Council", "Council", "The Council",
                                  "Northshire County Council", "NORTHSHIRE COUNTY COUNCIL"])
def test_every_name_of_the_full_council_is_one_body(body):
    assert canonical_body(body, "Northshire County Council") == "County Council"
    assert body_key(canonical_body(body, "Northshire County Council")) == "council"


def test_a_body_prefixed_with_its_place_is_the_body():
    assert canonical_body("Eastvale Health and Wellbeing Board", "Eastvale Council") == "Health and Wellbeing Board"
    assert canonical_body("Health and Wellbeing Board", "Eastvale Council") == "Health and Wellbeing Board"
    assert canonical_body("Lower Wendley Parish Council", "Lower Wendley Parish Council") == "Parish Council"
    assert council_kind("Eastvale Council") == "Council" and council_kind("Greater Wessex NHS Trust") == ""


def test_cabinet_stays_cabinet_whatever_the_organisation():
    # the organisation keeps two councils' cabinets apart; the body's name is the same
    assert canonical_body("CABINET", "Northshire County Council") == "Cabinet"
    assert body_key("The Cabinet") == body_key("CABINET") == "cabinet"


def test_tidy_case_title_cases_a_heading_in_capitals_only():
    assert tidy_case("AUDIT PANEL – 10th December 2024") == "Audit Panel – 10th December 2024"
    assert tidy_case("MINUTES of a meeting of the Cabinet") == "MINUTES of a meeting of the Cabinet"


def test_body_of_a_panel_whose_heading_carries_its_date():
    text = ("AUDIT PANEL – 10th December 2024\nMINUTES of the meeting held in the Blue Room, Civic Centre.\n"
            "PRESENT: A Smith (Chair), B Jones\n")
    assert find_body(text) == "Audit Panel"


# -- decision records -------------------------------------------------------------------------

DECISION_RECORD = (
    "NORTHSHIRE COUNTY COUNCIL – RECORD OF DECISION\n"
    "DECISION TO BE TAKEN BY:\tDECISION NUMBER:\n25/00017\n"
    "Ms Pat Green, Cabinet Member for Highways and\nTransport\n"
    "Key decision: YES\n"
    "Decision:\nAs Cabinet Member I agree to APPROVE the new road safety scheme from 1 April 2026.\n"
    "Any interest declared when the decision was taken: None.\n"
    "4/2/2025\n"
    ".............................\t.........................\n"
    "signed\tdate\n")


def test_a_decision_record_is_taken_by_its_decision_maker_on_the_date_it_was_signed():
    assert decision_maker(DECISION_RECORD) == "Cabinet Member for Highways and Transport"
    assert "4/2/2025" in decision_date_text(DECISION_RECORD)
    found = analyse(DECISION_RECORD, "record.txt")
    assert found.doc_type == "decision"
    assert found.body == "Cabinet Member for Highways and Transport"
    assert found.organisation == "Northshire County Council"
    assert found.meeting_date == date(2025, 2, 4)       # not 1 April 2026 of the decision's text


def test_a_decision_date_field():
    text = "RECORD OF DECISION\nDecision maker: Leader of the Council\nDate of decision: 12 May 2025\n"
    assert decision_maker(text) == "Leader of the Council"
    assert find_meeting_date(text, "decision") == date(2025, 5, 12)


# -- the paper's own meeting date ---------------------------------------------------------------

def test_minutes_approving_earlier_minutes_keep_their_own_date():
    text = ("AUDIT PANEL – 10th December 2024\nMINUTES of the meeting held in the Blue Room, Civic Centre.\n"
            "PRESENT: A Smith (Chair), B Jones\n"
            "Apologies\n(Item 1)\nNone.\n"
            "Minutes of the meeting held on 29 October 2024\n(Item 3)\n"
            "RESOLVED that the minutes of the meeting held on 29 October 2024 are correctly recorded.\n")
    assert find_meeting_date(text) == date(2024, 12, 10)
    assert analyse(text, "panel.txt").meeting_date == date(2024, 12, 10)


def test_an_item_heading_naming_earlier_minutes_is_not_the_meeting():
    text = "Minutes of the meeting held on 29 October 2024\n(Item 3)\nRESOLVED that they be signed.\n"
    assert find_meeting_date(text) is None


def test_a_date_in_the_running_text_of_minutes_is_not_the_meeting():
    text = ("MINUTES OF THE LOWER WENDLEY PARISH COUNCIL MEETING\nHELD IN THE CHURCH ROOM\nON 27th February 2025\n"
            "Present: Cllr A Smith (Chair), Cllr B Jones\n"
            "02.25.06 Correspondence\nThe landlord asked to use the car park on 18th March, when a wake will be "
            "held in the pub.\n")
    assert find_meeting_date(text) == date(2025, 2, 27)


def test_a_report_goes_to_the_meeting_of_its_cover_not_a_date_in_its_summary():
    text = ("From: Director of Finance\nTo: Cabinet – 4th March 2025\nSubject: Late budget changes\n"
            "Summary:\nSince the budget meeting held on 13th February 2025 some grants have changed.\n")
    assert find_meeting_date(text) == date(2025, 3, 4)


@pytest.mark.parametrize("name, domain", [
    ("London Borough of Hillford", "hillford.gov.uk"),
    ("NHS Westshire Integrated Care Board", "westshire.icb.nhs.uk"),
    ("Northtown City Council", "www.northtown.gov.uk"),
])
def test_an_organisations_name_and_domain_share_a_key(name, domain):
    assert organisation_key(name) == organisation_key(domain_of(domain)) != ""


def test_a_boroughs_full_council_is_its_council():
    assert canonical_body("Full Council", "London Borough of Hillford") == "Council"
    assert canonical_body("Council", "London Borough of Hillford") == "Council"


@pytest.mark.parametrize("cover", [
    "Report dated 2 March 2025\nReport to: Planning Committee – 12 March 2025\nAuthor: Head of Planning\n",
    "Last updated 3 March 2025\nMeeting: Planning Committee, 12 March 2025\n",
    "Published 1 March 2025\nReport to: Planning Committee\nDate of meeting: 12 March 2025\n",
])
def test_a_report_cover_names_its_meeting(cover):
    text = cover + "Title: Land at Mill Lane\nSummary:\nThe application was received on 4 January 2025.\n"
    assert find_meeting_date(text) == date(2025, 3, 12)
