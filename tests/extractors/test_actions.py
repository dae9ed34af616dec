"""Actions: action-log rows, marked minute sentences, "<owner> to <verb>" sentences.

Sentences quoted from the corpus (cambs-ahc-2022-01-13-agenda-pack.txt, the
Kent Cabinet minutes, the C&P ICS development plan) and, for the parish
phrasings the corpus lacks, from gold/GUIDELINES.md ("Clerk to write to ...",
"AB to speak to the contractor", "CD to obtain quotes").
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors.actions import (column_role, find_actions, log_actions, marked_actions,
                                normalise_status, read_header, role_of, same_action, sentence_actions,
                                task_owner)
from extractors.records import Item, Part

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "text"
MEETING = date(2022, 1, 13)

# The action log of the Cambridgeshire Adults and Health Committee pack (lines 474-485).
LOG_HEADER = "Minute No.\tReport Title\tAction to be taken by\tAction\tComments\tStatus\tReview Date"
CAMBS_LOG = "\n".join([
    "ADULTS AND HEALTH COMMITTEE MINUTES-ACTION LOG",
    "",
    "Meeting 24 June 2021\t\t\t\t\t\t",
    LOG_HEADER,
    "11\tHealthy Weight\tVal Thomas\tConcerns that other weight problems such as anorexia and the need to "
    "look at these in future.\tThis will come back as part of an update on Healthy Weight to a future Adult "
    "& Health Committee meeting.\tIn progress\tTBC",
    "",
    "Meeting 22 September 2021\t\t\t\t\t\t",
    LOG_HEADER,
    "22.\tUse of Assistive Technology in Social Care\tGrace Clark\tRequested that Members visited the Smart "
    "Flat when it was up and running.\tWe are liaising with chorus homes to write new contracts and risk "
    "assess safety of flat prior to renovations\tClosed\t",
    "27.\tFinance Monitoring Report\tJustine Hartley\tDiscussed the use of the Public Health reserves. "
    "Officers to update in the next monitoring report to address these concerns.\tThe position on Public "
    "Health reserves is being reviewed as part of Business Planning\tClosed\t",
    "",
    "35.\tThe provision of NHS Dental Services in Cambridgeshire\tKate Parker\t<p>Raised concerns that it "
    "was difficult to get urgent dental care.</p>\t<p>NHS England Officers have been contacted to remind them "
    "of the data updates requested.</p> <p>NHS England to provide further information. They have been chased "
    "twice now.</p>\tIn progress\t",
    "-----\t--\t-------------\t---\t---\t-------------\t--",
    "",
    "COVID-19 Update",
])


# ---------------------------------------------------------------- log tables

def test_header_cells_name_their_columns():
    assert column_role("Minute No.") == "minute"
    assert column_role("Action to be taken by") == "owner"
    assert column_role("Action") == "action"
    assert column_role("Status") == "status"
    assert column_role("Review Date") == "due"
    assert column_role("Report Title") == ""
    assert column_role("Comments") == ""


def test_tables_without_an_action_column_are_not_action_logs():
    # The agenda plan and the ICS workplan have an owner or a deadline but no action column.
    assert read_header("Committee date\tAgenda item\tLead officer\tReference if key decision\t"
                       "Deadline for reports\tAgenda despatch date") is None
    assert read_header("Theme:\tWorkstream\tOwner\tExisting C&P timeline (actions and deadlines)") is None
    assert read_header(LOG_HEADER) is not None


def test_each_log_row_is_an_action_with_owner_status_and_minute():
    rows = log_actions(CAMBS_LOG, MEETING)
    assert [a.minute for a in rows] == ["11", "22", "27", "35"]
    assert [a.owner for a in rows] == ["Val Thomas", "Grace Clark", "Justine Hartley", "Kate Parker"]
    assert [a.status for a in rows] == ["in progress", "closed", "closed", "in progress"]
    assert rows[0].status_text == "In progress"
    assert rows[1].text == "Requested that Members visited the Smart Flat when it was up and running."
    assert all(a.source == "log" for a in rows)


def test_log_cells_lose_the_converters_html_and_review_date_tbc_is_no_date():
    rows = log_actions(CAMBS_LOG, MEETING)
    assert rows[3].text == "Raised concerns that it was difficult to get urgent dental care."
    assert rows[0].due_date == ""           # "TBC"


def test_log_span_is_the_action_cell():
    row = log_actions(CAMBS_LOG, MEETING)[1]
    assert CAMBS_LOG[row.char_start:row.char_end] == row.text


def test_section_rows_and_rules_are_not_actions():
    texts = [a.text for a in log_actions(CAMBS_LOG, MEETING)]
    assert not any(t.startswith("Meeting ") or t.startswith("---") for t in texts)


def test_sentences_inside_a_log_row_are_not_actions_of_their_own():
    # "Officers to update ..." and "NHS England to provide ..." sit in cells of the log.
    found = find_actions(CAMBS_LOG, MEETING)
    assert len(found) == 4
    assert not any(a.source == "sentence" for a in found)


def test_actions_from_previous_meeting_table_keeps_action_number_and_due_date():
    # v1.1: rows of "Actions from previous meeting" with the action number in `minute`.
    text = ("Actions from previous meeting\n"
            "Action No.\tAction\tWho\tBy when\tStatus\n"
            "Jun23.02\tClerk to obtain quotes for the replacement bench\tClerk\t31 July 2023\tCompleted\n"
            "Jun23.03\tCF to speak to the contractor about the hedge\tCF\t\tOutstanding\n")
    rows = log_actions(text, date(2023, 9, 12))
    assert [(a.minute, a.owner, a.status) for a in rows] == [
        ("Jun23.02", "Clerk", "closed"), ("Jun23.03", "CF", "outstanding")]
    assert rows[0].owner_role == "Clerk" and rows[1].owner_role == ""
    assert rows[0].due_date == "2023-07-31"


def test_status_is_normalised_with_precedence():
    assert normalise_status("Completed") == "closed"
    assert normalise_status("Ongoing") == "in progress"
    assert normalise_status("Not complete") == "outstanding"
    assert normalise_status("Partially complete") == "in progress"
    assert normalise_status("Open") == "open"
    assert normalise_status("TBC") == ""


# ---------------------------------------------------------------- marked lines

def test_action_marker_takes_the_sentence_it_closes():
    text = ("- Queried at what stage should councils make representations to Government about going back "
            "to virtual meetings. The Director of Public Health stated that these representations should be "
            "made now.\n"
            "- Requested that Covid 19 Updates were scheduled on to the agenda plan for future meetings due "
            "to the current situation. **ACTION**\n")
    [action] = marked_actions(text, MEETING)
    assert action.text == ("Requested that Covid 19 Updates were scheduled on to the agenda plan for "
                           "future meetings due to the current situation.")
    assert action.owner == "" and action.source == "marked"


def test_marked_sentence_names_its_owner():
    text = ("also stated that spokes meetings could also be used to raise issues in private. The Chair agreed "
            "to discuss with officers how a combined approach could be used in the future. **ACTION**\n")
    [action] = marked_actions(text, MEETING)
    assert action.text.startswith("The Chair agreed to discuss with officers")
    assert (action.owner, action.owner_role) == ("Chair", "Chair")


def test_action_colon_with_owner_initials_after_the_sentence():
    text = "The contractor has not cut the verges this month. Action: AB\n"
    [action] = marked_actions(text)
    assert action.text == "The contractor has not cut the verges this month."
    assert action.owner == "AB"


def test_action_colon_before_the_task_and_wrapped_over_two_lines():
    text = "Action: Clerk to write to the Highways department about the potholes in\nChurch Lane.\n\nNext item\n"
    [action] = marked_actions(text)
    assert action.text == "Clerk to write to the Highways department about the potholes in Church Lane."
    assert action.owner == "Clerk"


def test_actions_heading_over_a_list():
    text = "Actions:\n- AB to speak to the contractor\n- CD to obtain quotes\n\nThe meeting closed at 9pm.\n"
    found = marked_actions(text)
    assert [(a.owner, a.text) for a in found] == [("AB", "AB to speak to the contractor"),
                                                   ("CD", "CD to obtain quotes")]


def test_action_words_that_are_not_markers():
    for line in ["ADULTS AND HEALTH COMMITTEE MINUTES-ACTION LOG",
                 "- Minutes of previous meeting and Action Log",
                 "Chris Hart, Cheshire East Social Action Partnership",
                 "- To develop a plan of action in collaboration with key partners that will deliver "
                 "sustainable and measurable change"]:
        assert marked_actions(line + "\n") == [], line


# ---------------------------------------------------------------- "<owner> to <verb>"

def test_owner_to_verb_sentences_from_the_guidelines():
    assert task_owner("Clerk to write to the Highways department.") == ("Clerk", "write")
    assert task_owner("AB to speak to the contractor") == ("AB", "speak")
    assert task_owner("CD to obtain quotes") == ("CD", "obtain")
    assert task_owner("Cllr Smith to report back to the next meeting.") == ("Cllr Smith", "report")


def test_agenda_business_and_phrases_are_not_tasks():
    assert task_owner("Members to note the report.") == ("", "")
    # Kent Cabinet minutes: a resolution clause and a line broken mid-sentence.
    assert task_owner("Agree to submit a request to government jointly with Medway Council") == ("", "")
    assert task_owner("Education Directorate to the Adult Social Care and Health Directorate from 1") == ("", "")
    # Cambridgeshire ICS paper: a participle opening a sentence.
    assert task_owner("Seeking to ensure place-based partnerships at local level") == ("", "")


def test_sentence_actions_take_due_date_from_by():
    text = "The bench on the green is broken.\nClerk to obtain three quotes for a replacement by 31 March 2023.\n"
    [action] = sentence_actions(text, date(2023, 3, 1))
    assert action.owner == "Clerk" and action.owner_role == "Clerk"
    assert action.due_date == "2023-03-31"
    assert action.source == "sentence"


def test_a_wrapped_pdf_line_does_not_start_a_sentence():
    # Kent Cabinet minutes 2025-01-30, minute 90.
    text = ("transfer of workforce in services, from the Children Young People and\n"
            "Education Directorate to the Adult Social Care and Health Directorate from 1\n")
    assert sentence_actions(text) == []


def test_running_text_commitment_is_not_an_action():
    text = ("Officers stated that the data in the report was 6 months behind and that they would follow up "
            "with the Committee when they had up to date figures.\n")
    assert find_actions(text, MEETING) == []


def test_owner_to_verb_only_in_minutes():
    text = "AGENDA\n\nClerk to report on the play area inspection.\n\nMINUTES\n\nClerk to order new signs.\n"
    parts = [Part(doc_id="", part_id="a", part_type="agenda", char_start=0, char_end=text.index("MINUTES")),
             Part(doc_id="", part_id="m", part_type="minutes", char_start=text.index("MINUTES"),
                  char_end=len(text))]
    assert [a.text for a in find_actions(text, parts=parts)] == ["Clerk to order new signs."]


# ---------------------------------------------------------------- together

def test_same_action_in_minute_text_and_log_is_kept_once_from_the_row():
    text = ("5. Play area\nCD to obtain quotes for the repair of the swings.\n\n"
            "Action list summary\nRef\tAction\tOwner\tStatus\n"
            "5\tCD to obtain quotes for the repair of the swings\tCD\tOpen\n")
    found = find_actions(text)
    assert len(found) == 1
    assert found[0].source == "log" and found[0].status == "open"


def test_minute_comes_from_the_item_the_action_sits_in():
    text = "45. Update on Enhanced Response Area Status\n- Requested that updates were scheduled. **ACTION**\n"
    items = [Item(doc_id="", item_id="i45", number="45", title="Update on Enhanced Response Area Status",
                  char_start=0, char_end=len(text))]
    [action] = find_actions(text, MEETING, items=items)
    assert action.minute == "45"


def test_roles():
    assert role_of("the Clerk") == "Clerk"
    assert role_of("RFO") == "RFO"
    assert role_of("Director of Public Health") == "Director of Public Health"
    assert role_of("Lisa Sparks") == ""
    assert role_of("CF") == ""


@pytest.mark.skipif(not (CORPUS / "cambs-ahc-2022-01-13-agenda-pack.txt").exists(), reason="corpus text absent")
def test_component_on_the_cambridgeshire_pack():
    from extractors.pipeline import build_nlp
    from extractors.spans import records_of

    nlp = build_nlp(("minutebook_structure", "minutebook_actions"))
    doc = nlp((CORPUS / "cambs-ahc-2022-01-13-agenda-pack.txt").read_text(encoding="utf-8"))
    found = records_of(doc, "actions")
    # The gold (shared/gold/dev): two ACTION markers in minutes 45 and 47 and five log rows.
    assert sorted(a.minute for a in found) == sorted(["45", "47", "10", "11", "22", "27", "35"])
    chair = next(a for a in found if a.minute == "47")
    assert chair.owner == "Chair" and chair.source == "marked"


# ---------------------------------------------------------------- more phrasings

def test_borderless_header_wrapped_over_two_lines():
    # How the converter reads the borderless action log (tests/flows/data/cambs-action-log-borderless.pdf).
    text = ("Minute\tReport Title\tAction to be\tAction\tComments\tStatus\tReview Date\n"
            "No.\ttaken by\n"
            "11\tHealthy Weight\tVal Thomas\tConcerns that other weight problems such as anorexia and the need "
            "to look at these in future.\tThis will come back as part of an update on Healthy Weight.\t"
            "In progress\tTBC\n")
    [row] = log_actions(text)
    assert (row.minute, row.owner, row.status) == ("11", "Val Thomas", "in progress")


@pytest.mark.parametrize("name", ["bordered", "borderless"])
def test_action_log_pdfs(name):
    from flows.reading import convert

    pdf = Path(__file__).resolve().parents[1] / "flows" / "data" / f"cambs-action-log-{name}.pdf"
    found = find_actions(convert(pdf).text)
    # The five rows of the gold action log, with their printed owners.
    assert [(a.minute, a.owner) for a in found] == [
        ("10", "Lisa Sparks"), ("11", "Val Thomas"), ("22", "Grace Clark"),
        ("27", "Justine Hartley"), ("35", "Kate Parker")]


def test_action_and_owner_table_in_a_report_is_its_plan_not_a_log():
    text = "Delivery plan\nAction\tLead\tTimescale\nRefresh the digital strategy\tSP/AR\tQ2 2021/22\n"
    parts = [Part(doc_id="", part_id="r", part_type="report", char_start=0, char_end=len(text))]
    assert find_actions(text, parts=parts) == []
    minutes = [Part(doc_id="", part_id="m", part_type="minutes", char_start=0, char_end=len(text))]
    assert [a.owner for a in find_actions(text, parts=minutes)] == ["SP/AR"]


def test_marker_without_colon_needs_an_owner_after_a_full_stop():
    [action] = marked_actions("The website needs a new page for the allotments. ACTION JS\n")
    assert action.owner == "JS"
    assert marked_actions("ACTION PLAN\n\nThe plan was discussed.\n") == []


def test_cover_sheet_action_lines_are_not_tasks():
    for line in ["Action: For decision", "Action required: To note", "Action required: For information",
                 "The report was received. Action: Noted",
                 "Summary of Action: The Board is asked to note the report."]:
        assert find_actions(line + "\n") == [], line


def test_action_required_with_a_task():
    [action] = marked_actions("Action required: Clerk to write to the landowner about the hedge.\n")
    assert (action.owner, action.text) == ("Clerk", "Clerk to write to the landowner about the hedge.")


def test_owner_and_due_date_after_the_marker():
    [action] = marked_actions("The noticeboard glass is cracked. Action: Clerk by 30 June 2023\n",
                              date(2023, 6, 1))
    assert (action.owner, action.due_date) == ("Clerk", "2023-06-30")


def test_owners_joined():
    assert task_owner("Cllrs Smith and Jones to inspect the footpath") == ("Cllrs Smith and Jones", "inspect")
    assert task_owner("Clerk and Chair to meet the contractor on site") == ("Clerk and Chair", "meet")


def test_minutes_printed_with_an_action_column_of_owners():
    text = ("Minute\tDescription\tAction\n"
            "12\tThe bench on the green is broken and quotes are to be obtained.\tClerk\n"
            "13\tThe precept was discussed.\t\n")
    [row] = log_actions(text)
    assert (row.minute, row.owner) == ("12", "Clerk")
    assert row.text == "The bench on the green is broken and quotes are to be obtained."


def test_marker_in_brackets_mid_paragraph():
    text = "The Clerk will write to the owner of the hedge (Action: Clerk). The meeting moved on to planning.\n"
    [action] = find_actions(text)
    assert action.owner == "Clerk"
    assert action.text == "The Clerk will write to the owner of the hedge"


def test_numbered_paragraph_split_at_its_label_is_text():
    text = "14.\tClerk to write to KCC Highways about the potholes.\n"
    [action] = find_actions(text)
    assert (action.source, action.owner) == ("sentence", "Clerk")
    assert text[action.char_start:action.char_end] == "Clerk to write to KCC Highways about the potholes."


def test_plan_table_with_ref_and_status_in_a_report_is_not_a_log_unless_titled():
    table = "Ref\tAction\tLead\tStatus\n1.1\tRefresh the digital strategy\tSP/AR\tOn track\n"
    report = [Part(doc_id="", part_id="r", part_type="report", char_start=0, char_end=1000)]
    assert find_actions("Delivery plan\n" + table, parts=report) == []
    [row] = find_actions("Actions from previous meeting\n" + table, parts=report)
    assert (row.minute, row.owner) == ("1.1", "SP/AR")


PARISH_MINUTES = """MINUTES OF THE MEETING OF LITTLE MARDEN PARISH COUNCIL
held on Tuesday 12 September 2023 at 7.30pm in the Village Hall

Present: Cllr A Brown (Chair), Cllr C Davies, Cllr E Fox
In attendance: Mrs J Smith (Clerk)

23/46 Minutes of the previous meeting
The minutes of the meeting held on 11 July 2023 were agreed as a true record and signed by the Chair.

23/47 Highways
Cllr Davies reported that the potholes in Church Lane had not been repaired.
Clerk to write to KCC Highways again.
The bench on the green is broken. CD to obtain quotes for a replacement by 31 October 2023.

23/48 Play area
The annual inspection report was received. The Chair would speak to the contractor about the swings.
ACTION: Chair

Actions from previous meeting
Action No.\tAction\tOwner\tStatus
Jul23.02\tClerk to renew the play area insurance\tClerk\tCompleted
Jul23.05\tEF to check the defibrillator pads\tEF\tOngoing

The meeting closed at 9.05pm.
"""


def test_component_on_parish_minutes_shaped_by_the_guidelines():
    # A parish council's minutes in the phrasings gold/GUIDELINES.md v1.1 names; not a corpus document.
    from extractors.pipeline import build_nlp
    from extractors.spans import records_of

    doc = build_nlp(("minutebook_structure", "minutebook_actions"))(PARISH_MINUTES)
    found = [(a.source, a.minute, a.owner, a.status, a.due_date) for a in records_of(doc, "actions")]
    assert found == [
        ("sentence", "23/47", "Clerk", "", ""),
        ("sentence", "23/47", "CD", "", "2023-10-31"),
        ("marked", "23/48", "Chair", "", ""),
        ("log", "Jul23.02", "Clerk", "closed", ""),
        ("log", "Jul23.05", "EF", "in progress", ""),
    ]
    # "The minutes ... were agreed" and "Cllr Davies reported ..." are not actions.
    assert not any("reported" in a.text or "agreed" in a.text for a in records_of(doc, "actions"))


# Constructed examples of the guideline phrasings (NHS committee minutes with a RAG action
# log and an "Actions arising" list), written for the generalisation probe of brief J.
NHS_QUALITY_MINUTES = """Minutes of the meeting held on Tuesday 8 October 2024

2. Minutes and actions from the previous meeting
The committee reviewed the action log; see the table below.

Minute\tAction\tOwner\tDue\tRAG
QSC/24/35\tWrite to the provider about the rise in pressure ulcer incidents\tMO\tSep-24\tRed
QSC/24/36\tAdd the mental health out of area placements risk to the corporate risk register\tLB\tDec-24\tAmber

4. Infection prevention and control
Action: LB to circulate the C. difficile post-infection review themes before the next meeting.

Actions arising
- JS to circulate the revised terms of reference to members by 31 October 2024.
- GT and MO to meet the provider's chief nurse about the pressure ulcer incidents.
"""


def test_a_different_task_sharing_common_words_with_a_log_row_is_kept():
    found = find_actions(NHS_QUALITY_MINUTES, date(2024, 10, 8))
    owners = {a.owner: a for a in found}
    assert owners["GT and MO"].text.startswith("GT and MO to meet the provider's chief nurse")
    assert owners["MO"].source == "log" and owners["MO"].status_text == "Red"
    assert owners["JS"].due_date == "2024-10-31"
    assert len(found) == 5


def test_same_action_ignores_the_words_every_action_shares():
    assert not same_action("GT and MO to meet the provider's chief nurse about the pressure ulcer incidents.",
                           "Write to the provider about the rise in pressure ulcer incidents")
    assert same_action("Chief Nurse to include international recruitment retention figures in the next report.",
                       "Include international recruitment retention figures in safe staffing report")


def test_marked_sentence_starts_after_the_marker_that_closed_the_one_before():
    # Constructed example (audit committee minutes, two marked lines in a row).
    text = ("ARC 24/34 Internal audit progress report\n"
            "EF to invite the Chief Pharmacist to the September meeting to explain the delays. ACTION: EF\n"
            "The committee requested that the payroll overpayments review be followed up within six months. "
            "Action: RS\n")
    found = {a.owner: a for a in marked_actions(text)}
    assert found["RS"].text == ("The committee requested that the payroll overpayments review be followed up "
                                "within six months.")
    assert found["EF"].text.startswith("EF to invite the Chief Pharmacist")


def test_parish_matters_arising_log_with_issue_and_progress_columns():
    # Constructed example of a parish "Matters arising / action log" table.
    text = ("Min 48/24 Matters arising / action log\n\n"
            "Minute ref\tIssue\tAction by\tProgress\n"
            "32/24\tOvergrown hedge at the bus stop on Wyre Road\tClerk\tLandowner contacted; cut on 2 July. Closed.\n"
            "38/24\tReplacement bench for the green\tCllr Lister\tQuotes awaited\n")
    found = log_actions(text)
    assert [(a.minute, a.owner, a.status) for a in found] == [("32/24", "Clerk", "closed"), ("38/24", "Cllr Lister", "")]
    assert found[1].status_text == "Quotes awaited"


def test_a_table_of_issues_without_an_owner_status_or_minute_is_not_a_log():
    assert read_header("Issue\tDescription\tImpact") is None


# Constructed example: NHS board minutes printed as a table "Item | Minute | Action".
TABLE_MINUTES = ("Minutes of the Board of Directors meeting held in public on 28 March 2024\n\n"
                 "Item\tMinute\tAction\n"
                 "24/31\tThe minutes of the meeting held on 25 January 2024 were approved as a true record.\t\n"
                 "24/32\tFinance report. The Board discussed agency spend, which remains above the cap. RO to "
                 "provide an analysis of agency spend by staff group to the May meeting.\tRO\n"
                 "24/33\tOut of area placements. The number of patients placed out of area has fallen to 11. "
                 "The Board asked for a trajectory to eliminate inappropriate placements.\tTV\n")


def test_table_minutes_action_is_the_owners_sentence_of_the_minute_cell():
    found = {a.owner: a for a in log_actions(TABLE_MINUTES)}
    assert found["RO"].text == "RO to provide an analysis of agency spend by staff group to the May meeting."
    assert found["TV"].text == "The Board asked for a trajectory to eliminate inappropriate placements."
    ro = found["RO"]
    assert TABLE_MINUTES[ro.char_start:ro.char_end] == ro.text
    assert (ro.minute, ro.source) == ("24/32", "log")


def test_action_marker_opening_a_sentence_after_a_full_stop():
    # Constructed example: the marker follows the minute's narrative on the same line.
    text = ("TC24/07 CORRESPONDENCE\nA letter from a resident about dog fouling was noted. ACTION: Town Clerk "
            "to ask the district council's enforcement team to patrol the area.\n")
    (action,) = marked_actions(text)
    assert (action.owner, action.text) == (
        "Town Clerk", "Town Clerk to ask the district council's enforcement team to patrol the area.")


def test_action_word_inside_narrative_is_still_not_a_marker():
    text = "The working group discussed the action: to be confirmed at a later date by the Board.\n"
    assert marked_actions(text) == []


def test_lines_of_splits_each_text_once_and_never_mixes_texts():
    from extractors.actions import lines_of

    first = "ACTION: Clerk to write to the Highways department.\nThe meeting closed at 9pm."
    second = "Cllr Smith will contact the contractor (Action: Cllr Smith).\n"
    lines = lines_of(first)
    assert [(line.text, line.start) for line in lines] == [
        ("ACTION: Clerk to write to the Highways department.", 0), ("The meeting closed at 9pm.", first.index("The meeting"))]
    assert lines_of(first) is lines                     # the same text object: split once
    other = lines_of(second)
    assert [line.text for line in other] == ["Cllr Smith will contact the contractor (Action: Cllr Smith).", ""]
    assert [line.text for line in lines_of(first)] == [line.text for line in lines]


def test_marked_actions_need_an_action_marker():
    # Without "ACTION"/"Action" there is no marker; with one the same sentence is an action.
    text = "The Clerk to write to the Highways department about the verge.\n"
    assert marked_actions(text) == []
    found = marked_actions("ACTION: Clerk to write to the Highways department about the verge.\n")
    assert [a.owner for a in found] and "Highways" in found[0].text


# ---------------------------------------------------------------- issue 17, Build 5: more layouts
# Texts written for these tests, in three house styles: a city committee, an NHS
# board committee, parish and community councils.

def _actions(text, meeting=date(2029, 3, 12)):
    from extractors.structure import analyse
    found = analyse(text)
    return find_actions(text, meeting, found.items, found.parts, found.doc_type)


CITY_MINUTES = "\n".join([
    "CITY OF ASHBOURNE COUNCIL",
    "Minutes of the Environment Committee held on 12 March 2029",
    "Present: Councillors Ferris (Chair), Omondi and Patel",
    "14. Street trees",
    "The Committee discussed the replacement programme. Secretary to ask the tree contractor when the "
    "spring planting can start.",
    "15. Allotments",
    "The waiting list was reported. Ms Okafor to prepare a leaflet on shared plots for new tenants.",
    "16. River walk",
    "The Committee welcomed the litter pick. Councillor Patel to thank the volunteers in writing.",
    "",
    "ACTIONS",
    "Item\tWho\tWhat",
    "14\tSecretary\tWrite to contractor re planting dates",
    "15\tJ Okafor\tLeaflet on shared plots",
    "16\tChair\tInvite the river trust to the June meeting",
])


def test_an_end_of_minutes_action_table_gives_the_actions_once():
    found = _actions(CITY_MINUTES)
    rows = [a for a in found if a.source == "log"]
    assert [(a.minute, a.owner, a.text) for a in rows] == [
        ("14", "Secretary", "Write to contractor re planting dates"),
        ("15", "J Okafor", "Leaflet on shared plots"),
        ("16", "Chair", "Invite the river trust to the June meeting")]
    assert all(a.status == "" for a in rows)
    # The inline lines the table repeats (same item and owner, other words) are not listed again;
    # the one it does not repeat (another owner) still is.
    others = [(a.owner, a.text) for a in found if a.source != "log"]
    assert others == [("Councillor Patel", "Councillor Patel to thank the volunteers in writing.")]


def test_a_summary_table_repeats_an_action_under_its_items_heading_and_the_attendees_initials():
    text = "\n".join([
        "MINUTES OF THE MEETING OF HOLLYBROOK PARISH COUNCIL",
        "HELD ON 14th March 2029",
        "Present:",
        "Alan Ferris (AF) CHAIR",
        "Beth Omondi (BO) CLERK",
        "03.29.05 Churchyard wall",
        "The wall by the lychgate has moved again. Clerk to obtain a structural survey of the stones.",
        "03.29.06 Finance",
        "The accounts were approved.",
        "ACTION LIST SUMMARY",
        "No\tAction\tOwner",
        "Mar29.01\tChurchyard wall - Clerk to get the wall looked at\tBO",
    ])
    found = _actions(text, date(2029, 3, 14))
    assert [(a.owner, a.text, a.minute) for a in found] == [
        ("BO", "Churchyard wall - Clerk to get the wall looked at", "Mar29.01")]


def test_an_action_table_from_the_previous_meeting_does_not_swallow_new_actions():
    text = "\n".join([
        "MINUTES OF THE MEETING OF HOLLYBROOK PARISH COUNCIL",
        "HELD ON 14th March 2029",
        "03.29.02 Actions from previous meeting",
        "No\tAction\tOwner\tUpdate",
        "Feb29.01\tPlay area - AF to order new swing seats\tAF\tOrdered",
        "03.29.03 Play area",
        "The new seats are fitted. AF to order new swing chains as well.",
    ])
    found = _actions(text, date(2029, 3, 14))
    assert [(a.owner, a.source) for a in found] == [("AF", "log"), ("AF", "sentence")]
    assert found[0].status_text == "Ordered"


def test_a_log_table_broken_by_running_text_carries_on_when_its_rows_return():
    text = "\n".join([
        "MINUTES OF THE MEETING OF HOLLYBROOK PARISH COUNCIL",
        "03.29.02 Actions from previous meeting",
        "No\tAction\tOwner\tUpdate",
        "Drains at the ford - Action - AF will clear the grating and report back",
        "on the flow.",
        "It was noted that the county has no plans for the ford this year.",
        "Jan29.04\tFootpath sign - BO to ask the county for a new finger post\tBO\tOutstanding",
        "Jan29.05\tClerk to renew the hall insurance\tCF\tDone",
        "03.29.03 Correspondence",
        "Ref 7\tA letter about the fete\tAF\tNoted",
    ])
    found = _actions(text, date(2029, 3, 14))
    logs = [(a.minute, a.owner, a.status) for a in found if a.source == "log"]
    assert logs == [("Jan29.04", "BO", "outstanding"), ("Jan29.05", "CF", "closed")]
    marked = [(a.owner, a.text) for a in found if a.source == "marked"]
    assert marked == [("AF", "AF will clear the grating and report back on the flow.")]


def test_a_row_short_of_its_headers_empty_cell_keeps_its_owner_and_reference():
    header = "No\tAction\t\tOwner Update"
    text = "\n".join(["ACTION LIST SUMMARY", header,
                      "\tMay29.01 RT to measure the verge for the new planters\tRT",
                      "\tMay29.02 Clerk to book the hall for the annual assembly\tCF"])
    found = log_actions(text, MEETING)
    assert [(a.minute, a.owner, a.text) for a in found] == [
        ("May29.01", "RT", "RT to measure the verge for the new planters"),
        ("May29.02", "CF", "Clerk to book the hall for the annual assembly")]


def test_an_owner_printed_in_the_right_hand_margin():
    text = "\n".join([
        "Minutes of the Quality Committee of Brackenfield Hospitals NHS Trust",
        "Held on 4 June 2029",
        "Q29/61 Infection control report",
        "The Director of Nursing presented the quarterly report. Hand hygiene audits had improved on\tDoN",
        "all wards but two. An audit of the remaining wards will be brought to the July meeting.",
        "Q29/62 Estates",
        "The hedge by the staff car park has grown over the footway and needs cutting back.\tEstates Lead",
        "Q29/63 Staffing",
        "The committee noted the vacancy figures and the agency spend for the quarter.",
        "Signed ..............................\tChair",
    ])
    found = _actions(text, date(2029, 6, 4))
    assert [(a.owner, a.text) for a in found] == [
        ("DoN", "An audit of the remaining wards will be brought to the July meeting."),
        ("Estates Lead", "The hedge by the staff car park has grown over the footway and needs cutting back.")]
    assert [a.minute for a in found] == ["Q29/61", "Q29/62"]


def test_an_attendance_list_in_two_columns_is_not_margin_owners():
    text = "\n".join(["Minutes of the Meeting of Hollybrook Parish Council held on 14 March 2029",
                      "Present:\tIn attendance:", "Alan Ferris (AF)\tCllr Gwen Tudor", "Beth Omondi (BO)\tPC Dan Reilly",
                      "1. Apologies", "There were none."])
    assert _actions(text) == []


def test_an_inline_action_with_initials_in_brackets():
    text = ("Minutes of the Meeting of Llanfair Community Council held on 9 May 2029\n"
            "7. Footpaths\n"
            "The sign at the mill lane stile is missing and will be reported to the county (ACTION: JB). "
            "Members then discussed the grit bins.\n"
            "The bench by the bus shelter needs a new slat (ACTION: JB/TW)\n")
    found = _actions(text, date(2029, 5, 9))
    assert [(a.owner, a.text) for a in found] == [
        ("JB", "The sign at the mill lane stile is missing and will be reported to the county"),
        ("JB/TW", "The bench by the bus shelter needs a new slat")]


def test_heading_dash_owner_to_verb_lines():
    text = ("Minutes of the Meeting of Hollybrook Parish Council held on 14 March 2029\n"
            "8. Village matters\n"
            "Noticeboard - RT to replace the broken glass before the summer fete\n"
            "Defibrillator – Clerk to renew the pads before they expire.\n"
            "Speeding on the hill – residents to be surveyed\n"
            "The fete – a great success this year and to be repeated\n")
    found = _actions(text)
    assert [(a.owner, a.text) for a in found] == [
        ("RT", "Noticeboard - RT to replace the broken glass before the summer fete"),
        ("Clerk", "Defibrillator – Clerk to renew the pads before they expire.")]


def test_an_actions_summary_of_owner_lines():
    text = "\n".join([
        "Minutes of the Meeting of Hollybrook Parish Council held on 14 March 2029",
        "9. Other matters",
        "RT will ask the school about a crossing patrol. The meeting closed at 9pm.",
        "Actions Summary",
        "RT will ask the school about a crossing patrol.",
        "Clerk will renew the play area insurance before",
        "it lapses in April.",
        "AF/BO to walk the footpaths and list the broken stiles.",
        "",
        "Next meeting: 11 April 2029",
    ])
    found = _actions(text)
    assert [(a.owner, a.text) for a in found] == [
        ("RT", "RT will ask the school about a crossing patrol."),
        ("Clerk", "Clerk will renew the play area insurance before it lapses in April."),
        ("AF/BO", "AF/BO to walk the footpaths and list the broken stiles.")]


def test_an_unmarked_will_sentence_is_not_an_action():
    # GUIDELINES: commitments in running text that are not marked as actions are not actions.
    text = ("Minutes of the Meeting of Hollybrook Parish Council held on 14 March 2029\n"
            "5. Land by the brook\nAF met the owner. AF will study the deeds before the next meeting.\n")
    assert _actions(text) == []


def test_narrative_reports_are_not_actions_even_when_marked():
    text = ("Minutes of the Meeting of Hollybrook Parish Council held on 14 March 2029\n"
            "4. Clerk's report\n"
            "I have received the insurance renewal and circulated it to members. ACTION: Clerk\n"
            "The Chair has arranged for the hall to be cleaned. ACTION\n"
            "We received three quotes for the mowing. ACTION: Clerk\n"
            "The Chair has agreed to write to the landowner. ACTION\n")
    assert [(a.owner, a.text) for a in _actions(text)] == [
        ("Chair", "The Chair has agreed to write to the landowner.")]


def test_owners_that_are_one_person():
    from extractors.actions import attendees, same_owner
    known = attendees("Present:\nAlan Ferris (AF) CHAIR\nBeth Omondi (BO) Clerk\n")
    assert same_owner("the Clerk", "Clerk")
    assert same_owner("J Okafor", "Ms Okafor")
    assert same_owner("JO", "Jane Okafor")
    assert same_owner("BO", "Clerk", known) and same_owner("Chair", "AF", known)
    assert not same_owner("BO", "Chair", known)
    assert not same_owner("Clerk", "Chair") and not same_owner("AF", "")


def test_a_line_that_ends_with_its_marker_closes_its_sentence():
    # Scottish community council style: "Action: <owner>" ends each paragraph, no blank line between.
    text = ("Minutes of the Meeting of Glenbrae Community Council held on 9 May 2029\n"
            "4. Roads\n"
            "Potholes on the B road were reported again. The Secretary will write to the roads department. "
            "Action: Secretary\n"
            "Members agreed to buy two new planters for the square. ACTION: All\n"
            "The grit bin at the school is empty. Action: Cllr Jones\n")
    found = _actions(text, date(2029, 5, 9))
    assert [(a.owner, a.text) for a in found] == [
        ("Secretary", "The Secretary will write to the roads department."),
        ("All", "Members agreed to buy two new planters for the square."),
        ("Cllr Jones", "The grit bin at the school is empty.")]
