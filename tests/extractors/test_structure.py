"""Document structure on real committee papers: type, body, meeting date, parts, items."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.structure import (analyse, body_in, classify, find_body, find_items,
                                  find_meeting_date, find_parts, heading_type, is_item_title)
from tests.conftest import corpus_text

# Opening lines of kent-cabinet-2025-01-30-agenda.pdf as converted.
KENT_AGENDA = """AGENDA
CABINET
Thursday, 30th January, 2025, at 10.00 am Ask for:\tGeorgina Little
Council Chamber, Sessions House, Telephone: Tel: 03000 414043
County Hall, Maidstone\tEmail:
georgina.little@kent.gov.uk
UNRESTRICTED ITEMS
(During these items the meeting is likely to be open to the public)
1. Apologies
2. Declarations of Interest
3. Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)
4. Cabinet Member Updates
5. 24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25
(Pages 11 - 84)
6. Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35
and Treasury Management Strategy (Pages 85 - 276)
7. 24/00109 - Transfer the 18-25 section of the Strengthening Independence Service
from the Children Young People and Education Directorate to the Adult Social Care
and Health Directorate (Pages 277 - 326)
"""

# kent-cabinet-2025-01-09-minutes.pdf, page 1-2, as converted.
KENT_MINUTES = """KENT COUNTY COUNCIL
CABINET
MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions
House, County Hall, Maidstone on Thursday, 9 January 2025.
PRESENT: Mr R W Gough (Chairman), Mr N Baker, Mrs C Bell, Mrs S Chandler,
UNRESTRICTED ITEMS
78. Minutes of the Meeting held on 28 November 2024
(Item 3)
RESOLVED that the minutes of the meeting on 28 November 2024 were a correct
record and that they be signed by the Chair
79. Cabinet Member Updates
(Item 4)
Cabinet Member updates were deferred to the next meeting of the Cabinet
80. Provisional Local Government Finance Settlement 2025-26
(Item 5)
John Betts (Interim Corporate Director Finance) and Dave Shipton (Head of Finance
(Policy, Planning & Strategy) were in attendance for this item
1. Mr Shipton introduced the report that set out the detail in the Provisional Local
Government Finance Settlement (PLGFS) 2025-26 which was published on
18th December 2024.
2. Further to comments and questions from Members it was noted:
3. RESOLVED that Cabinet note the provisional settlement including the
additional grants and grant reductions compared to assumptions in the draft
"""

KENT_REPORT = """From:\tDeputy Leader and Cabinet Member for Finance, Corporate and
Traded Services, Peter Oakford
Interim Corporate Director Finance, John Betts
To:\tCabinet, 30 January 2025
Subject:\tRevenue and Capital Budget Monitoring Report – November 2024-25
Classification:\tUnrestricted
Summary:
The attached report sets out the revenue and capital budget monitoring position as at
November 2024-25.
1. Introduction
1.1 The Quarter 3 2024-25 budget monitoring report being presented sets out the revenue
and capital forecast position.
2 Revenue and Capital Budget Monitoring Report
2.1 The attached report sets out the overall forecast position as at Quarter 3 of 2024-25,
"""


# -- document type -----------------------------------------------------------------

def test_agenda_listing_previous_minutes_is_an_agenda():
    assert classify(KENT_AGENDA) == "agenda"


def test_minutes_under_a_council_letterhead():
    assert classify(KENT_MINUTES) == "minutes"


def test_report_cover_header_is_a_report():
    assert classify(KENT_REPORT) == "report"


def test_plan_title_and_decision_record():
    assert classify("Cambridgeshire and Peterborough ICS Joint Forward Plan Draft 09/05/23\nContents\n") == "plan"
    assert classify("RECORD OF DECISION\nDecision taken by: Cabinet Member for Adult Social Care\n") == "decision"


def test_file_name_is_the_last_resort():
    assert classify("Some text without any cue at all.", "2024-05-01-minutes.pdf") == "minutes"
    assert classify("Some text without any cue at all.") == "other"


@pytest.mark.parametrize("line, kind", [
    ("AGENDA", "agenda"),
    ("Cheshire East Health and Wellbeing Board Agenda", "agenda"),
    ("Adults and Health Committee Minutes", "minutes"),
    ("ADULTS AND HEALTH COMMITTEE MINUTES-ACTION LOG", "action_log"),
    ("Adults and Health Committee Training Plan 2021/22", "plan"),
    ("Adults and Health Policy and Service Committee Agenda Plan", "plan"),
    ("Reports Cover Sheet", "report"),
])
def test_paper_headings(line, kind):
    assert heading_type(line) == kind


@pytest.mark.parametrize("line", [
    "Forward Plan ref: Not applicable",                      # a field of a report's cover
    "- Minutes of previous meeting and Action Log",          # a standing agenda item in a plan
    "3. Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)",   # an agenda item
    "Agenda Item 5",                                         # a pack's stamp above a report
    "The minutes of the Adults and Health Committee meeting held on 14 October 2021 were agreed",
])
def test_lines_that_open_no_paper(line):
    assert heading_type(line) is None


# -- body ----------------------------------------------------------------------------

def test_body_from_meeting_of_the():
    assert find_body(KENT_MINUTES) == "Cabinet"
    text = ("CHESHIRE EAST COUNCIL\n\nMinutes of a virtual meeting of the\n"
            "Cheshire East Health and Wellbeing Board\nheld on Tuesday, 24th November, 2020\n")
    assert find_body(text) == "Cheshire East Health and Wellbeing Board"


def test_body_from_to_field_and_heading():
    assert find_body("COVID-19 Update\n\nTo: Adults and Health Committee\n\nMeeting Date: 13 January 2022\n") \
        == "Adults and Health Committee"
    assert find_body(KENT_AGENDA) == "Cabinet"
    assert find_body(KENT_REPORT) == "Cabinet"


def test_people_rooms_and_summaries_are_not_bodies():
    assert body_in("From: Deputy Leader and Cabinet Member for Finance, Corporate and") == ""
    assert body_in("Council Chamber, Sessions House, Telephone: Tel: 03000 414043") == ""
    assert body_in("Executive summary") == ""
    assert body_in("CHESHIRE EAST HEALTH AND WELLBEING BOARD") == "Cheshire East Health and Wellbeing Board"


# -- meeting date -----------------------------------------------------------------------

def test_meeting_date_is_the_meeting_not_the_minutes_it_lists():
    assert find_meeting_date(KENT_AGENDA) == date(2025, 1, 30)
    assert find_meeting_date(KENT_MINUTES) == date(2025, 1, 9)
    assert find_meeting_date(KENT_REPORT) == date(2025, 1, 30)


# -- items ------------------------------------------------------------------------------

def titles(text: str) -> list[tuple[str, str]]:
    return [(n, t) for n, t, _s, _e in find_items(text)]


def test_minute_headings_are_items_and_numbered_paragraphs_are_not():
    assert titles(KENT_MINUTES) == [
        ("78", "Minutes of the Meeting held on 28 November 2024"),
        ("79", "Cabinet Member Updates"),
        ("80", "Provisional Local Government Finance Settlement 2025-26"),
    ]


def test_item_titles_wrap_up_to_the_item_note():
    # kent-cabinet-2025-01-30-minutes.pdf p13
    text = ("90. 24/00109 - Transfer the 18-25 section of the Strengthening Independence\n"
            "Service from the Children Young People and Education Directorate to the Adult\n"
            "Social Care and Health Directorate\n(Item 7)\nSue Chandler (Cabinet Member) ...\n")
    assert titles(text) == [("90", "24/00109 - Transfer the 18-25 section of the Strengthening Independence "
                                   "Service from the Children Young People and Education Directorate to the "
                                   "Adult Social Care and Health Directorate")]


def test_agenda_titles_drop_page_references():
    assert titles(KENT_AGENDA) == [
        ("1", "Apologies"), ("2", "Declarations of Interest"),
        ("3", "Minutes of the Meeting held on 9th January 2025"), ("4", "Cabinet Member Updates"),
        ("5", "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25"),
        ("6", "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 "
              "and Treasury Management Strategy"),
        ("7", "24/00109 - Transfer the 18-25 section of the Strengthening Independence Service from the "
              "Children Young People and Education Directorate to the Adult Social Care and Health Directorate"),
    ]


def test_markdown_agenda_rows_and_upper_case_minutes():
    # cambs-ahc-2022-01-13-agenda-pack.txt and cheshire-east-hwb-2021-01-26-agenda-pack.txt
    text = ("- 2. Adults and Health Committee Minutes - 9 December 2021** **5 - 26**\n"
            "- 3. Petitions and Public Questions**\n"
            "| 6. | Adult Market Pressure Payments | 55 - 68 |\n"
            "| 8.a | Adults and Health Committee Agenda Plan - January 2022 | 77 - 80 |\n"
            "Date of Next Meeting\n\n17 March 2022\n")
    assert titles(text) == [("2", "Adults and Health Committee Minutes - 9 December 2021"),
                            ("3", "Petitions and Public Questions"),
                            ("6", "Adult Market Pressure Payments"),
                            ("8.a", "Adults and Health Committee Agenda Plan - January 2022")]
    assert titles("21 APOLOGIES FOR ABSENCE\n\nThere were no apologies.\n\n22 DECLARATIONS OF INTEREST\n") == \
        [("21", "APOLOGIES FOR ABSENCE"), ("22", "DECLARATIONS OF INTEREST")]


@pytest.mark.parametrize("title", [
    "Mr Shipton introduced the report that set out the detail in the Provisional Local",
    "RESOLVED that Cabinet note the report.",
    "Further to comments and questions from Members it was noted:",
    "March 2022",
])
def test_paragraph_openings_are_not_item_titles(title):
    assert not is_item_title(title)


def test_items_span_to_the_next_item():
    items = find_items(KENT_MINUTES)
    assert [e for _n, _t, _s, e in items[:-1]] == [s for _n, _t, s, _e in items[1:]]
    assert items[-1][3] == len(KENT_MINUTES)


# -- parts of a pack ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def cambs_pack():
    text = corpus_text("cambs-ahc-2022-01-13-agenda-pack.txt")
    return text, analyse(text, "cambs-ahc-2022-01-13-agenda-pack.txt")


def test_pack_splits_into_its_papers(cambs_pack):
    text, found = cambs_pack
    assert found.doc_type == "agenda"
    assert found.meeting_date == date(2022, 1, 13)
    assert [p.part_type for p in found.parts][:4] == ["agenda", "minutes", "action_log", "report"]
    assert {"plan"} <= {p.part_type for p in found.parts}
    # Parts tile the document.
    assert found.parts[0].char_start == 0 and found.parts[-1].char_end == len(text)
    assert all(a.char_end == b.char_start for a, b in zip(found.parts, found.parts[1:]))


def test_minutes_in_a_pack_belong_to_their_own_meeting(cambs_pack):
    text, found = cambs_pack
    minutes = next(p for p in found.parts if p.part_type == "minutes")
    assert minutes.meeting_date == "2021-12-09"
    assert text[minutes.char_start:minutes.char_end].startswith("Adults and Health Committee Minutes")
    agenda = found.parts[0]
    assert agenda.meeting_date == "2022-01-13"
    numbers = [i.number for i in found.items if minutes.char_start <= i.char_start < minutes.char_end]
    assert numbers[0] == "42" and numbers[-1] == "59"


def test_action_log_and_report_parts(cambs_pack):
    text, found = cambs_pack
    log = next(p for p in found.parts if p.part_type == "action_log")
    assert "Minute No.\tReport Title\tAction to be taken by" in text[log.char_start:log.char_end]
    reports = [p.title for p in found.parts if p.part_type == "report"]
    assert reports[:2] == ["COVID-19 Update",
                           "Integrated Care System (ICS) - Cambridgeshire County Council position paper"]
    # Report paragraphs ("1. Background") are not items.
    covid = next(p for p in found.parts if p.title == "COVID-19 Update")
    assert not [i for i in found.items if covid.char_start <= i.char_start < covid.char_end]


def test_cover_sheets_take_their_title_of_report():
    text = corpus_text("cheshire-east-hwb-2021-01-26-agenda-pack.txt")
    parts = find_parts(text, "agenda", date(2021, 1, 26))
    assert [p.part_type for p in parts] == ["agenda", "minutes", "report", "report", "report"]
    assert parts[1].meeting_date == "2020-11-24"
    assert parts[3].title == "Cheshire East Place Partnership update"


def test_a_single_report_is_one_part_without_items():
    found = analyse(KENT_REPORT, "kent-cabinet-2025-01-30-budget-monitoring-report.pdf")
    assert [(p.part_type, p.char_start, p.char_end) for p in found.parts] == [("report", 0, len(KENT_REPORT))]
    assert found.parts[0].title == "Revenue and Capital Budget Monitoring Report – November 2024-25"
    assert found.title == found.parts[0].title
    assert found.items == []


@pytest.mark.slow   # the whole spaCy pipeline on a 200-page pack
def test_every_row_gets_its_part():
    from extractors.paged import PagedText
    from extractors.pipeline import extract

    text = corpus_text("cambs-ahc-2022-01-13-agenda-pack.txt")
    result = extract(PagedText.from_pages([text]), doc_id="cambs", source_name="cambs-ahc-2022-01-13-agenda-pack.txt")
    part_ids = {p.part_id for p in result.parts}
    assert len(part_ids) == len(result.parts) and "" not in part_ids
    assert all(i.part_id in part_ids for i in result.items)
    for records in result.records.values():
        assert all(r.part_id in part_ids for r in records)
    minutes = next(p for p in result.parts if p.part_type == "minutes")
    agreed = [r for r in result.records["resolutions"] if "14 October 2021" in r.text]
    assert agreed and all(r.part_id == minutes.part_id for r in agreed)


def test_parish_minute_numbers_by_year():
    # Formats used by parish councils (not in the dev corpus): "45/23 Apologies", "Min. 47/23: ..."
    text = ("45/23 Apologies for absence\nCllr Smith sent apologies.\n"
            "46/23 – Minutes of the last meeting\nThe minutes were agreed as a true record.\n"
            "Min. 47/23: Planning applications\n1. The Clerk reported two applications.\n")
    assert titles(text) == [("45/23", "Apologies for absence"), ("46/23", "Minutes of the last meeting"),
                            ("47/23", "Planning applications")]


def test_numbering_must_continue():
    from extractors.structure import follows, number_key

    assert number_key("8.a") == (8, 1) and number_key("45/23") == (45, 23)
    assert follows(None, (76,))
    assert follows((8, 1), (8, 2)) and follows((8, 2), (9,)) and follows((23, 45), (23, 46))
    assert not follows((80,), (1,))        # "1. Mr Shipton introduced ..." inside minute 80
    assert not follows((59,), (17,))
    assert not follows((9,), (120,))       # a figure, not the next item


@pytest.mark.parametrize("title", [
    "The Clerk reported that the grass cutting contract had been",
    "Councillor Howell declared an interest in item 7, as he was a friend of the presenting",
    "Members were advised that the consultation would close on 12th",
])
def test_reporting_sentences_are_not_item_titles(title):
    assert not is_item_title(title)


@pytest.mark.parametrize("title", [
    "Minutes of the Meeting held on 28 November 2024",
    "To receive the Clerk's report",
    "Date of the Next Meeting - 13 January 2022",
    "Urgent Decision: Allocation of Infection Control, Rapid Testing, Vaccination and Workforce",
])
def test_item_titles(title):
    assert is_item_title(title)


def test_report_cover_in_the_style_of_other_councils():
    # "Report to: / Date of meeting: / Report of: / Title:" (a district council, not in the corpus)
    text = ("WESTFIELD DISTRICT COUNCIL\n\nReport to: Planning Committee\nDate of meeting: 5 May 2022\n"
            "Report of: Head of Planning\nTitle: Local Plan Review\n\n1. Purpose of report\n"
            "1.1 This report asks the Committee to approve the consultation.\n")
    found = analyse(text)
    assert (found.doc_type, found.body, found.meeting_date) == ("report", "Planning Committee", date(2022, 5, 5))
    assert [(p.part_type, p.title) for p in found.parts] == [("report", "Local Plan Review")]
    assert found.items == []


def test_parish_minutes_heading():
    text = ("LITTLE SNORING PARISH COUNCIL\n"
            "Minutes of the Parish Council Meeting held on Tuesday 4th July 2023 at 7.30pm in the Village Hall\n"
            "Present: Cllrs A Brown (Chair), C Davies, E Evans\n"
            "45/23 Apologies for absence\nCllr Smith sent apologies.\n"
            "46/23 Minutes of the last meeting\nThe minutes were agreed as a true record.\n")
    found = analyse(text)
    assert (found.doc_type, found.body, found.meeting_date) == \
        ("minutes", "Little Snoring Parish Council", date(2023, 7, 4))
    assert [i.number for i in found.items] == ["45/23", "46/23"]


def test_empty_and_headless_texts_still_have_one_part():
    for text in ("", "x", "\n\n\n"):
        found = analyse(text)
        assert len(found.parts) == 1 and found.parts[0].char_end == len(text)


# --- Generalisation probe (brief K): constructed examples in the phrasings of
# papers from councils, parish councils and NHS trusts outside the corpus.
# The wording is ours, modelled on real papers; expected values are read off
# the text by hand.

def test_meeting_date_on_a_line_of_its_own_under_the_body():
    # A cabinet report's title block: the date line starts with the day number,
    # which is not an agenda item's number.
    text = ("WESTSHIRE COUNTY COUNCIL\nCABINET\n15 October 2024\n"
            "Budget Monitoring Report 2024/25 Quarter 2\n\n"
            "Report of the Executive Director of Resources\n\n1.\tSummary\n")
    assert find_meeting_date(text) == date(2024, 10, 15)
    assert classify(text, "cabinet.txt") == "report"


def test_agenda_line_listing_earlier_minutes_is_still_not_the_meeting_date():
    text = ("AGENDA\n1. Apologies\n3. Minutes of the meeting held on 21st October 2024\n"
            "Meeting to be held on Monday 18th November 2024 at 7pm\n")
    assert find_meeting_date(text) == date(2024, 11, 18)


def test_parish_minutes_heading_in_capitals():
    text = ("WESTON PARISH COUNCIL\nMINUTES OF THE ORDINARY MEETING OF THE PARISH COUNCIL HELD ON "
            "TUESDAY 12TH NOVEMBER 2024 AT 7PM IN THE VILLAGE HALL\n\nPRESENT: Cllrs A Smith, B Jones\n")
    found = analyse(text, "weston.txt")
    assert found.doc_type == "minutes"
    assert found.meeting_date == date(2024, 11, 12)


def test_minutes_of_a_long_parish_name_meeting():
    text = ("Minutes of Little Barford Parish Council Meeting\n"
            "held at the Village Hall on Monday 4th November 2024 at 7.30pm\n\nPresent: Cllr A Smith\n")
    assert classify(text) == "minutes"
    assert find_body(text) == "Little Barford Parish Council"


@pytest.mark.parametrize("text, body", [
    ("Greater Wessex NHS Foundation Trust\nBoard of Directors (Public)\nThursday 14 November 2024\n",
     "Board of Directors"),
    ("Meeting of the Board of Directors in Public\nDate: 14th November 2024\n", "Board of Directors"),
    ("COUNCIL OF GOVERNORS\nMinutes of the meeting held on Wednesday 6 November 2024 at 2pm\n",
     "Council of Governors"),
])
def test_nhs_trust_bodies(text, body):
    assert find_body(text) == body


def test_report_of_needs_a_line_of_its_own():
    # "report of" inside a sentence does not make a paper a report.
    text = "NOTES\nThe group considered the report of the auditor and agreed to circulate it.\n"
    assert classify(text) != "report"


def test_nhs_minute_references_with_the_boards_letters():
    text = ("Trust Board meeting in public\nMinutes of the meeting held on Thursday 14 November 2024\n"
            "Present: Chair\nTB24/112 Chair's welcome and apologies\nThe Chair welcomed everyone.\n"
            "TB24/113 Declarations of interest\nNone.\nTB24/114 Chief Executive's report\n"
            "The Board noted the report.\n")
    assert [(n, t) for n, t, _s, _e in find_items(text)] == [
        ("TB24/112", "Chair's welcome and apologies"), ("TB24/113", "Declarations of interest"),
        ("TB24/114", "Chief Executive's report")]


@pytest.mark.parametrize("title, expected", [
    ("Clerk's Report", True),
    ("Chair's announcements", True),
    ("Clerk reported that the bins had been emptied", False),
    ("The Chair welcomed all present", False),
])
def test_possessive_titles_are_item_titles(title, expected):
    assert is_item_title(title) is expected


def test_the_parish_council_of_the_heading_is_the_letterhead_council():
    text = ("WESTON PARISH COUNCIL\nMINUTES OF THE ORDINARY MEETING OF THE PARISH COUNCIL HELD ON "
            "TUESDAY 12TH NOVEMBER 2024 AT 7PM\n")
    assert find_body(text) == "Weston Parish Council"
    # A named committee is kept as it is.
    assert find_body("WESTON PARISH COUNCIL\nMinutes of the meeting of the Planning Committee held on "
                     "1 May 2024\n") == "Planning Committee"


def test_notes_of_a_meeting_are_minutes():
    text = "Notes of the Board meeting held 14 November 2024 via MS Teams\nPresent: A Smith (Chair)\n"
    assert classify(text) == "minutes"
    assert heading_type("Notes of thanks") is None


def test_nhs_board_paper_titled_as_a_report():
    text = ("Greater Wessex NHS Foundation Trust\nBoard of Directors (Public)\nThursday 14 November 2024\n\n"
            "Finance Report: Month 6 (M6) 2024/25\n\n1. Purpose\nThis report sets out the position.\n")
    found = analyse(text, "paper.txt")
    assert (found.doc_type, found.body, found.meeting_date) == ("report", "Board of Directors", date(2024, 11, 14))
    # "report" inside a sentence is not a title.
    assert classify("Westshire Council\nThe Chair gave her report.\n") == "other"


# ---------------------------------------------------------------- issue 17, Build 6
# Minute numbers in every common form, written for these tests.

@pytest.mark.parametrize("text, expected", [
    # year.month.number (or month.year.number), with a heading block's stray "1." above them
    ("1. Welcome by the Chair\nMINUTES OF THE PARISH COUNCIL\n29.03.01 Apologies\nNone were received.\n"
     "29.03.02 Declarations of interest\nThere were none.\n29.03.03 Finance - The accounts below were approved.\n",
     [("1", "Welcome by the Chair"), ("29.03.01", "Apologies"), ("29.03.02", "Declarations of interest"),
      ("29.03.03", "Finance")]),
    ("291. Apologies for absence\nApologies were received.\n292. Minutes of the last meeting\n"
     "293 Planning applications\n", [("291", "Apologies for absence"), ("292", "Minutes of the last meeting"),
                                     ("293", "Planning applications")]),
    ("12/24 Public forum\nNo members of the public attended.\n13/24 Highways\n",
     [("12/24", "Public forum"), ("13/24", "Highways")]),
    ("5 Correspondence\nA letter from the school.\n5a Grit bins\nThe bins are full.\n6 Finance\n",
     [("5", "Correspondence"), ("5a", "Grit bins"), ("6", "Finance")]),
    ("Minute 7.1 Apologies\nNone.\nMinute 7.2 Highways\nThe potholes were discussed.\n",
     [("7.1", "Apologies"), ("7.2", "Highways")]),
    ("Q29/61 Infection control report\nThe report was noted.\nQ29/62 Estates\n",
     [("Q29/61", "Infection control report"), ("Q29/62", "Estates")]),
])
def test_minute_number_forms(text, expected):
    assert titles(text) == expected


def test_a_sentence_after_a_stray_number_is_not_an_item():
    # "81 Bus - ..." inside a minute is a bus route, not item 81.
    text = ("10.29.06 Correspondence\nA letter about buses.\n81 Bus - Numbers are falling on the route.\n"
            "10.29.07 Highways\n")
    assert [n for n, _t in titles(text)] == ["10.29.06", "10.29.07"]


def test_minutes_are_not_split_by_an_agenda_word_in_their_own_text():
    text = ("MINUTES of a meeting of the Hollybrook Town Council held on 14 March 2029\n"
            "Present: Cllr A Ferris (Chair)\n"
            "41. Declarations of Interests in items on the agenda\n"
            "None were declared.\n"
            "42. Items for the next agenda\n"
            "Speed watch.\n"
            "Items for the next Agenda\n"
            "- Footpaths\n")
    found = analyse(text)
    assert found.doc_type == "minutes"
    assert [p.part_type for p in found.parts] == ["minutes"]
    assert [i.number for i in found.items] == ["41", "42"]


def test_an_agenda_bound_into_minutes_with_its_notice_is_still_a_part():
    text = ("MINUTES of a meeting of the Hollybrook Town Council held on 14 March 2029\n"
            "41. Apologies\nNone.\n42. Planning\nNo objection.\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
            "AGENDA\nA meeting of the Council will be held on 11 April 2029 at 7pm\n1. Apologies\n")
    assert [p.part_type for p in analyse(text).parts] == ["minutes", "agenda"]


@pytest.mark.parametrize("heading", [
    "Minutes of the Environment Committee held on 12 March 2029",
    "Minutes of the Quality Committee of Brackenfield Hospitals NHS Trust",
])
def test_minutes_of_a_named_committee(heading):
    assert classify(heading + "\nPresent: Cllr A Ferris\n1. Apologies\n") == "minutes"


def test_minutes_of_a_committee_in_a_sentence_is_no_heading():
    assert heading_type("Minutes of the Planning Committee held on 3 May were approved") is None
