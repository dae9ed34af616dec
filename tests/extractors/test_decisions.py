"""Recommendations, resolutions and motions on sentences quoted from the corpus,
plus the phrasings the guidelines name for councils outside it (parish councils,
executive decisions, recorded votes) and the narrative uses that must not count.
"""
from __future__ import annotations

import pytest

from extractors.decisions import (find_motions, find_recommendations, find_resolutions, in_minutes,
                                  mover_of, outcome_of, recorded_vote, vote_of)
from tests.conftest import corpus_text

# --- votes, movers, outcomes ----------------------------------------------------------


@pytest.mark.parametrize("text, vote", [
    ("It was resolved unanimously to:", "unanimous"),
    ("It was resolved by majority to:", "majority"),
    ("the Committee resolved, with a unanimous vote, to refer", "unanimous"),
    ("Proposed Cllr Green, seconded Cllr White, all in favour.", "unanimous"),
    ("renew the insurance policy (nem con)", "unanimous"),
    ("For 31, Against 0, Abstentions 3", "unanimous"),       # v1.2: nobody against
    ("For 20, Against 4, Abstentions 1", "majority"),
    ("It was resolved to:", ""),
    ("AB proposed CD seconded and it was RESOLVED to", ""),  # a plain proposal states no vote
])
def test_vote_of(text, vote):
    assert vote_of(text) == vote


def test_recorded_vote_counts():
    assert recorded_vote("For 31, Against 0, Abstentions 3") == (31, 0, 3)
    assert recorded_vote("This was carried with 5 votes for, 2 against and 1 abstention.") == (5, 2, 1)
    assert recorded_vote("For: 7  Against: 2") == (7, 2, None)
    assert recorded_vote("It was resolved unanimously to:") == (None, None, None)


@pytest.mark.parametrize("text, movers", [
    ("AB proposed CD seconded and it was RESOLVED to accept the quote", ("AB", "CD")),
    ("Mr A Smith proposed and Mrs B Jones seconded", ("Mr A Smith", "Mrs B Jones")),
    ("Councillor Boden proposed an amendment to recommendation c which was seconded by Councillor Corney",
     ("Councillor Boden", "Councillor Corney")),
    ("Proposed: Cllr Green; Seconded: Cllr White", ("Cllr Green", "Cllr White")),
    # titles with a full stop, and the titles action owners share (extractors/names.py)
    ("Mr. A Smith proposed and Revd Jones seconded", ("Mr. A Smith", "Revd Jones")),
    ("Cllrs. Green proposed and Dr. White seconded", ("Cllrs. Green", "Dr. White")),
    ("the Leader proposed and Mr Oakford, Deputy Leader and Cabinet Member for Finance, Corporate and "
     "Traded Services, seconded the above motion", ("the Leader", "Mr Oakford")),
    ("It was resolved unanimously to:", ("", "")),
])
def test_mover_of(text, movers):
    assert mover_of(text) == movers


def test_outcome_of():
    assert outcome_of("In putting the amendment to the vote the amendment fell.") == "lost"
    assert outcome_of("In putting the amendment to the vote it was passed unanimously.") == "carried"
    assert outcome_of("The motion was withdrawn.") == "withdrawn"
    assert outcome_of("The Committee received a report.") == ""


# --- resolutions ----------------------------------------------------------------------

CAMBS_MINUTES = """46. Adult Social Care Self-Assessment

The Committee considered a report that provided an overview of the Self-Assessment for Adult Social Care.

It was resolved unanimously to:

- a) Note the findings of the self-assessment.
- b) Approve the public facing 'Local Account' for publication.

47. Day Opportunities for Older People and Physical Disabilities

In putting the amendment to the vote it was passed unanimously.

Debating the report, individual Members raised the following points:

- Highlighted the importance of the Caring Together work.

It was resolved to:

Award a 12-month contract to an existing provider, at a total cost of £1,622,790.

56. a) Healthwatch Primary Care Intelligence

It was resolved to note the contents of the report.

58. East of England Ambulance Service Report

The Committee resolved to note and comment on the report.
"""


def test_resolutions_cambridgeshire_minutes():
    resolutions, _ = find_resolutions(CAMBS_MINUTES)
    got = [(r.minute, r.label, r.vote, r.text) for r in resolutions]
    assert got == [
        ("46", "a", "unanimous", "Note the findings of the self-assessment."),
        ("46", "b", "unanimous", "Approve the public facing 'Local Account' for publication."),
        # the amendment vote earlier in the minute is not this resolution's vote
        ("47", "", "", "Award a 12-month contract to an existing provider, at a total cost of £1,622,790."),
        ("56", "", "", "note the contents of the report."),
        ("58", "", "", "note and comment on the report."),
    ]
    assert resolutions[0].item_title == "Adult Social Care Self-Assessment"
    for r in resolutions:
        assert CAMBS_MINUTES[r.char_start:r.char_end].strip()


def test_resolutions_cheshire_numbered_clauses_and_correct_record():
    text = corpus_text("cheshire-east-hwb-2021-01-26-agenda-pack.txt")
    resolutions, motions = find_resolutions(text)
    by_minute = {}
    for r in resolutions:
        by_minute.setdefault(r.minute, []).append(r)
    assert by_minute["23"][0].text == "That the minutes of the meeting held on 22 September 2020 be approved as a correct record."
    assert by_minute["23"][0].minutes_of == "2020-09-22"
    assert [r.label for r in by_minute["27"]] == ["1", "2"]
    assert by_minute["27"][0].text == "the Annual Report of Safeguarding Adults Board 2019/20 be received and noted"
    # The partnership MoU bundled in the pack ("Decision-Making and Resolving Disagreements")
    # holds no decisions of the meeting.
    assert set(by_minute) == {"23", "25", "26", "27", "28", "29"}
    assert motions == []


KENT_MINUTES = """78. Minutes of the Meeting held on 28 November 2024
(Item 3)
RESOLVED that the minutes of the meeting on 28 November 2024 were a correct
record and that they be signed by the Chair
83. English Devolution White Paper
(Item 8)
1. Mr Gough introduced the report.
5. Mr Love suggested and the Leader and Cabinet agreed to the following
amendment (as set out in paragraph 2) to the proposal set out by the Leader
at the start of the item:
1. Agree to submit a request to Government, jointly with Medway Council, for
Kent and Medway to be included in the Devolution Priority Programme
2. Note that acceptance onto the Devolution Priority Programme will commit
Kent and Medway to elections to a new Mayoral Strategic Authority (MSA)
6. Following the debate, the Leader proposed and Mr Oakford, Deputy Leader
and Cabinet Member for Finance, Corporate and Traded Services, seconded
the above motion that Cabinet.
1. Agree to submit a request to Government, jointly with Medway Council, for
Kent and Medway to be included in the Devolution Priority Programme
2. Note that acceptance onto the Devolution Priority Programme will commit
Kent and Medway to elections to a new Mayoral Strategic Authority (MSA)
7. RESOLVED that Cabinet:
1. Agree to submit a request to Government, jointly with Medway Council, for
Kent and Medway to be included in the Devolution Priority Programme;
2. Note that acceptance onto the Devolution Priority Programme will commit
Kent and Medway to elections to a new Mayoral Strategic Authority (MSA)
84. Other business
"""


def test_kent_pdf_minutes_resolutions_not_motions():
    resolutions, motions = find_resolutions(KENT_MINUTES)
    assert [(r.minute, r.label) for r in resolutions] == [("78", ""), ("83", "1"), ("83", "2")]
    assert resolutions[0].text == ("the minutes of the meeting on 28 November 2024 were a correct record "
                                   "and that they be signed by the Chair")
    assert resolutions[0].minutes_of == "2024-11-28"
    assert resolutions[1].text.endswith("Devolution Priority Programme")      # no trailing ";"
    assert resolutions[1].item_title == "English Devolution White Paper"
    # The amendment and the motion put to the meeting are motions, not resolutions.
    assert [(m.kind, m.proposer, m.seconder, m.outcome) for m in motions] == [
        ("amendment", "Mr Love", "", "carried"), ("motion", "the Leader", "Mr Oakford", "")]


PARISH = """MINUTES OF THE MEETING OF LITTLE SNORING PARISH COUNCIL
Present: Cllr A Brown (Chair), Cllr B Green, Cllr C White

23/102 Minutes of the previous meeting
The minutes of the meeting held on 12th March 2024 were approved as a true record and signed by the Chairman. Proposed Cllr Green, seconded Cllr White, all in favour.

23/103 Planning
a) 24/00123/FUL 12 High Street. AB proposed CD seconded and it was RESOLVED to make no objection.
b) Cllr Brown proposed and Cllr Green seconded that the Council object to application 24/00456. This was carried with 5 votes for, 2 against and 1 abstention.

23/104 Finance
It was agreed to obtain three quotes for the bus shelter repair. Clerk to write to the contractor.
The Council agreed to renew the insurance policy for 3 years (nem con).

23/105 Motion on climate emergency
Cllr Green proposed an amendment: "delete 'declares' and insert 'recognises'". On being put to the vote the amendment was lost (For 2, Against 4, Abstentions 1).
The substantive motion was then put to the vote. For 6, Against 0, Abstentions 1.
RESOLVED: That this Council declares a climate emergency.

23/106 Village hall
The Chair hoped to resolve the dispute with the tenant. The issue had been resolved by the end of March.
"""


def test_parish_council_phrasings():
    resolutions, motions = find_resolutions(PARISH)
    got = {r.text: r for r in resolutions}
    record = got["The minutes of the meeting held on 12th March 2024 were approved as a true record and signed by the Chairman."]
    assert (record.minute, record.minutes_of, record.vote) == ("23/102", "2024-03-12", "unanimous")
    assert (record.proposer, record.seconder) == ("Cllr Green", "Cllr White")
    quote = got["make no objection."]
    assert (quote.proposer, quote.seconder, quote.vote) == ("AB", "CD", "")
    carried = got["the Council object to application 24/00456."]
    assert (carried.vote, carried.votes_for, carried.votes_against, carried.votes_abstain) == ("majority", 5, 2, 1)
    assert got["obtain three quotes for the bus shelter repair."].minute == "23/104"   # the action is cut off
    assert got["renew the insurance policy for 3 years"].vote == "unanimous"
    emergency = got["this Council declares a climate emergency."]   # "RESOLVED: That" drops "That"
    assert (emergency.vote, emergency.votes_for, emergency.votes_against) == ("unanimous", 6, 0)
    assert not any("dispute" in r.text or "end of March" in r.text for r in resolutions)
    amendment = [m for m in motions if m.kind == "amendment"][0]
    assert (amendment.text, amendment.outcome, amendment.votes_against) == (
        "delete 'declares' and insert 'recognises'", "lost", 4)
    assert not any(r.text.startswith("delete") for r in resolutions)


def test_executive_decision_record():
    text = ("RECORD OF DECISION\nDECISION: As Cabinet Member for Highways, I agree to:\n"
            "(a) approve the scheme for the A21 junction; and\n"
            "(b) delegate authority to the Director of Highways to award the contract.\n"
            "Reason(s): the junction is unsafe.\n")
    resolutions, _ = find_resolutions(text)
    assert [(r.label, r.text, r.vote) for r in resolutions] == [
        ("a", "approve the scheme for the A21 junction", ""),
        ("b", "delegate authority to the Director of Highways to award the contract.", "")]


def test_agreed_in_a_report_is_narrative():
    # Kent ICS delivery plan report: "agreed" in a report is not a decision of a meeting.
    text = ("Purpose of report\n1.2.4 The plan and priority actions were agreed by the Corporate Management\n"
            "Team in November 2024. It was agreed that the work would benefit from wide\npolitical sign up.\n")
    assert find_resolutions(text)[0] == []
    assert not in_minutes(text, text.index("It was agreed"))


def test_proposed_amendments_inside_a_resolution_are_not_motions():
    text = ("4. RESOLVED that Cabinet considered the proposed amendments from Cabinet\n"
            "Committees and endorsed the draft budget to be presented to County Council\n"
            "on 13th February for final decisions.\n")
    resolutions, motions = find_resolutions(text)
    assert len(resolutions) == 1 and motions == []


def test_find_motions_amendment_with_replacement_wording():
    text = ("Councillor Boden proposed an amendment to recommendation c which was seconded by Councillor "
            "Corney, as follow:\n\nDelete recommendation c) and replace with:\n\n\"c) to bring a report on "
            "the procurement process back to the earliest available meeting.\"\n\n"
            "In putting the amendment to the vote the amendment fell.\n")
    motions = find_motions(text)
    assert len(motions) == 1
    assert motions[0].text.startswith("Delete recommendation c) and replace with:")
    assert "earliest available meeting" in motions[0].text
    assert (motions[0].proposer, motions[0].seconder, motions[0].outcome) == (
        "Councillor Boden", "Councillor Corney", "lost")


# --- recommendations ------------------------------------------------------------------

def test_recommendation_cover_sheet_inline_and_lettered():
    text = ("Outcome: Committee are being asked to agree to the proposed approach to managing market pressures.\n\n"
            "Recommendation: The Adults and Health Committee is being asked to:\n\n"
            "- a) agree to the implementation of the proposed approach to managing market pressures with "
            "budget implications for 2022/23 and beyond to be built into the Business Plan; and\n"
            "- b) Agree to the proposed use of the Workforce Development Grant Round 2.\n\n"
            "Officer contact:\n")
    recs = find_recommendations(text)
    assert [(r.label, r.verb) for r in recs] == [("a", "agree"), ("b", "agree")]
    assert recs[0].text.endswith("to be built into the Business Plan")
    assert not any("market pressures." in r.text for r in recs)     # the Outcome line is not one


def test_recommendation_it_is_recommended_that():
    text = ("Recommendation: It is recommended that the Adults and Health Committee note the\n\n"
            "progress of the developing Integrated Care System (ICS).\n\nOfficer contact:\n")
    recs = find_recommendations(text)
    assert [r.text for r in recs] == ["note the progress of the developing Integrated Care System (ICS)."]


def test_recommendations_numbered_section_and_cover_sheet_cell():
    text = corpus_text("cheshire-east-hwb-2021-01-26-agenda-pack.txt")
    recs = [r.text for r in find_recommendations(text)]
    assert "That the Board notes and discusses the local implications of NHS England’s proposals regarding " \
           "Integrated Care Systems (ICS) and the draft Memorandum of Understanding of the Cheshire and " \
           "Merseyside ICS." in recs
    assert "That the Cheshire East Health and Wellbeing Board note the proposals and consider the " \
           "implications for the Cheshire East health and care system." in recs
    # Agenda items ask the Board to do something; the declarations item does not.
    assert "To approve the minutes of the meeting held on 24 November 2020." in recs
    assert "To receive a verbal update on Test, Trace, Contain, Enable." in recs
    assert not any(r.startswith("To provide an opportunity") for r in recs)
    # Cover-sheet questions that mention recommendations are not recommendations.
    assert not any(r in ("No", "N/A") or "residents benefit" in r for r in recs)
    assert len(recs) == len(set(recs))


def test_narrative_recommend_is_not_a_recommendation():
    text = ("5.8.5 The LGA together with NHS Clinical Commissioners also recommend that ICS bodies should "
            "adopt a 'subsidiarity' principle, in which decision-making is as close to communities as possible.\n"
            "- 3.2. In September 2019, NHSEI made a number of recommendations for an NHS Bill.\n"
            "- Members were being asked to endorse for approval by Strategy and Resources Committee, the "
            "transfer of £2m.\n")
    assert find_recommendations(text) == []


def test_repeated_recommendation_list_is_listed_once():
    # Kent budget monitoring report: the summary list and section 4 differ only trivially.
    text = ("Recommendation(s):\nCabinet is asked to:\n"
            "a) NOTE the forecast revenue overspend of £23.3m (excluding Schools) and the actions\n"
            "being taken to mitigate the forecast overspend\n"
            "b) NOTE the forecast overspend on Schools’ Delegated Budgets of £30.4m.\n"
            "c) AGREE the Capital budget changes.\n"
            "1.\tIntroduction\n1.1 The report sets out the forecast.\n"
            "4. Recommendation(s)\nCabinet is asked to:\n"
            "a) NOTE the forecast revenue overspend of £23.3m (excluding Schools).\n"
            "b) NOTE the forecast overspend on Schools’ Delegated Budgets of £30.4m.\n"
            "c) AGREE the Capital budget changes.\n"
            "5. Contact details\n")
    recs = find_recommendations(text)
    assert [r.label for r in recs] == ["a", "b", "c"]
    assert recs[2].verb == "agree"


def test_word_for_word_repeat_is_listed_once():
    text = ("Recommendations: Cabinet is asked to consider and agree to the proposed\n"
            "decision, as detailed in the attached PROD.\n1.\tSummary of Approach\n\n"
            "12. Recommendation(s):\n12.1 Cabinet is asked to consider and agree to the proposed decision, as detailed\n"
            "in the attached PROD.\n13. Appendices\n")
    recs = find_recommendations(text)
    assert [r.text for r in recs] == ["consider and agree to the proposed decision, as detailed in the attached PROD."]


def test_roman_numbered_recommendations_and_bullets():
    text = ("Recommendations\nThe Committee is recommended to:\ni. approve the budget for 2024/25;\n"
            "ii. note the risks in section 4; and\niii. agree the precept of £45,000.\n2. Background\n\n"
            "Recommendation:\nThe Board is asked to:\n• note the quality report\n"
            "• approve the revised risk appetite statement\nExecutive Summary\n")
    recs = find_recommendations(text)
    assert [(r.label, r.text) for r in recs] == [
        ("i", "approve the budget for 2024/25"), ("ii", "note the risks in section 4"),
        ("iii", "agree the precept of £45,000."), ("", "note the quality report"),
        ("", "approve the revised risk appetite statement")]


def test_agenda_to_verb_items_but_not_minutes_headings():
    agenda = ("AGENDA\n1. To receive apologies for absence\n2. To approve the minutes of the meeting held on "
              "5 February 2024\n3. Public participation\n")
    assert [r.verb for r in find_recommendations(agenda)] == ["receive", "approve"]
    minutes = ("MINUTES\n2. To approve the minutes of the meeting held on 5 February 2024\n"
               "RESOLVED: that the minutes be approved as a correct record.\n")
    assert find_recommendations(minutes) == []


def test_numbered_paragraph_introducing_a_lettered_list():
    text = ("Recommendations\n\n1.1 The Board is asked to:\n\na) note the performance report;\n"
            "b) approve the revised targets.\n\n2. Background\n"
            "Recommendation: That Cabinet:\n(i) approves the Local Plan for consultation; and\n"
            "(ii) notes the timetable.\n")
    recs = find_recommendations(text)
    assert [(r.label, r.verb, r.text) for r in recs] == [
        ("a", "note", "note the performance report"), ("b", "approve", "approve the revised targets."),
        ("i", "approve", "approves the Local Plan for consultation"), ("ii", "note", "notes the timetable.")]


def test_parish_minute_numbers_and_tabbed_resolved():
    text = ("MINUTES of the Parish Council meeting\nPresent: Cllr A\nMinute 23/101 – Apologies\n"
            "RESOLVED That the apologies of Cllr B be accepted.\nItem 7 - Planning\n"
            "Resolved\tThat no objection be raised.\n")
    resolutions, _ = find_resolutions(text)
    assert [(r.minute, r.item_title, r.text) for r in resolutions] == [
        ("23/101", "Apologies", "the apologies of Cllr B be accepted."),
        ("7", "Planning", "no objection be raised.")]


def test_unnumbered_that_paragraphs_in_a_recommendations_section():
    text = ("2. Recommendations\n\nThat the Committee notes the annual report.\n\n"
            "That the Committee approves the work programme for 2024/25.\n\n3. Background\n")
    assert [r.verb for r in find_recommendations(text)] == ["note", "approve"]


def test_table_rows_that_mention_recommendations_are_not_recommendations():
    text = ("Progress against audit recommendations\t5\t3\n"
            "Implementation of recommendations\tAll recommendations have been implemented by the team\n")
    assert find_recommendations(text) == []


def test_resolved_list_stops_at_the_next_minute_heading():
    text = ("MINUTES of the meeting\nPresent: Cllr A\n4. Grants\nRESOLVED:\n"
            "1. That the grant of £500 to the village hall be approved.\n"
            "2. That the grant of £250 to the scouts be approved.\n3. Finance Report\nThe report was noted.\n")
    resolutions, _ = find_resolutions(text)
    assert [(r.minute, r.label) for r in resolutions] == [("4", "1"), ("4", "2")]


def test_amendment_moved_by():
    text = ("5. Motion\nAn amendment was moved by Cllr Smith, seconded by Cllr Jones: to delete the second "
            "paragraph. The amendment was lost.\n")
    resolutions, motions = find_resolutions(text)
    assert resolutions == []
    assert [(m.kind, m.proposer, m.seconder, m.outcome, m.text) for m in motions] == [
        ("amendment", "Cllr Smith", "Cllr Jones", "lost", "to delete the second paragraph.")]


def test_agreed_counts_in_minutes_without_a_present_heading_when_classified_as_minutes():
    text = "7. Bus shelter\nIt was agreed to obtain three quotes for the repair.\n"
    assert find_resolutions(text)[0] == []
    resolutions, _ = find_resolutions(text, doc_type="minutes")
    assert [r.text for r in resolutions] == ["obtain three quotes for the repair."]
    assert in_minutes("MINUTES OF THE MEETING OF X PARISH COUNCIL\nIt was agreed", 50)


def test_proposed_record_of_decision_is_not_a_decision():
    text = ("12.1 Cabinet is asked to consider and agree to the proposed decision.\n"
            "Proposed Record of Decision (PROD)\nDECISION: As Leader of the Council, I agree to:\n"
            "(a) adopt the Integrated Care Strategy Delivery Plan; and\n(b) delegate authority to the Director.\n")
    assert find_resolutions(text)[0] == []


def test_to_receive_heading_in_minutes_is_not_a_recommendation():
    text = ("Minutes of the Meeting of Little Snoring Parish Council held on 5 March 2024\nPresent: Cllr A\n"
            "24/01 To receive apologies for absence\nApologies were received from Cllr B.\n")
    assert find_recommendations(text) == []


LONDON_STYLE = """MINUTES OF THE CABINET MEETING held on Monday 4 March 2024
PRESENT: Councillor Smith (Chair)

45.  REVENUE BUDGET 2024/25

RESOLVED – (1) That the revenue budget for 2024/25 be recommended to Council; (2) That the Council Tax increase of 4.99% be noted; and (3) That the Director of Finance be authorised to make minor changes.

47.  PLANNING APPLICATION 23/01234/FUL

Councillor Jones moved, and Councillor Patel seconded, that the application be refused. On being put to the vote, there voted 4 for and 6 against and the motion was LOST.

It was then moved by Councillor Brown, seconded by Councillor Lee and

RESOLVED (by 6 votes to 4) that planning permission be granted subject to conditions.
"""


def test_inline_numbered_clauses_and_votes_to():
    resolutions, motions = find_resolutions(LONDON_STYLE)
    assert [(r.minute, r.label) for r in resolutions] == [("45", "1"), ("45", "2"), ("45", "3"), ("47", "")]
    assert resolutions[1].text == "That the Council Tax increase of 4.99% be noted"
    granted = resolutions[3]
    assert granted.text == "that planning permission be granted subject to conditions."
    assert (granted.vote, granted.votes_for, granted.votes_against) == ("majority", 6, 4)
    assert (granted.proposer, granted.seconder) == ("Councillor Brown", "Councillor Lee")
    assert [(m.text, m.outcome, m.votes_for, m.votes_against, m.proposer, m.seconder) for m in motions] == [
        ("the application be refused.", "lost", 4, 6, "Councillor Jones", "Councillor Patel")]


def test_members_agreed_at_another_meeting_is_reported_not_decided():
    # Kent Cabinet minutes, a Cabinet Member's update on the Scrutiny Committee.
    text = ("MINUTES of a meeting of the Cabinet\nPRESENT: Mr R W Gough\n87. Cabinet Member Updates\n"
            "(a) At the Scrutiny Committee held on 29th January 2025, Members considered the call-in. "
            "At that meeting,\n\nMembers agreed to refer the decision to full Council. Mr Watts confirmed it.\n"
            "88. Budget\nMembers agreed that no further action was needed. The Chair thanked officers.\n")
    resolutions, _ = find_resolutions(text)
    assert [(r.minute, r.text) for r in resolutions] == [("88", "no further action was needed.")]


def test_report_narrating_another_committees_resolution():
    # Kent call-in report to Cabinet: the Scrutiny Committee's decision is narrated, not made here.
    text = ("By:\tAnna Taylor, Scrutiny Research Officer\nTo:\tCabinet – 4 March 2025\n"
            "Subject:\tCall-in of Decision 24/00093\n"
            "8. After the debate, the Committee resolved, with a unanimous vote, to refer the\n"
            "matter to full Council for review.\nRecommendation:\nThe Cabinet is asked to consider the comments of "
            "the Scrutiny Committee and\nconfirm, amend or rescind decision 24/00093.\n")
    assert find_resolutions(text)[0] == []
    assert [r.text for r in find_recommendations(text)] == [
        "consider the comments of the Scrutiny Committee and confirm, amend or rescind decision 24/00093."]


def test_scottish_committee_agreed_list():
    text = ("MINUTE of MEETING of the EDUCATION COMMITTEE\nPresent: Councillor A\n"
            "5. School Estate\nDecision\n\nThe Committee agreed:-\n\n(1) to note the report; and\n"
            "(2) to approve the consultation on the new primary school.\n")
    resolutions, _ = find_resolutions(text)
    assert [(r.minute, r.label, r.text) for r in resolutions] == [
        ("5", "1", "to note the report"), ("5", "2", "to approve the consultation on the new primary school.")]


def test_component_sets_records_on_spans_with_meeting_date():
    from extractors.pipeline import build_nlp, run_components
    from extractors.spans import records_of

    nlp = build_nlp(("minutebook_structure", "minutebook_decisions"))
    text = ("MINUTES of a meeting of the Cabinet held on Thursday, 9 January 2025.\nPRESENT: Mr R W Gough\n"
            "78. Minutes of the Meeting held on 28 November\n(Item 3)\n"
            "RESOLVED that the minutes of the meeting on 28 November were a correct\n"
            "record and that they be signed by the Chair\n")
    doc = run_components(nlp, text)
    resolutions = records_of(doc, "resolutions")
    assert len(resolutions) == 1
    assert resolutions[0].minutes_of == "2024-11-28"     # year from the meeting date
    span = doc.spans["resolutions"][0]
    assert span.start_char <= resolutions[0].char_start < resolutions[0].char_end <= span.end_char
    assert records_of(doc, "recommendations") == [] and records_of(doc, "motions") == []


# A parish-style record: the proposal and the meeting's resolution in one paragraph.
PARISH_FINANCE = (
    "24/034 Finance\n"
    "The Council considered the payments list for March totalling £3,412.50.\n"
    "Cllr Brown proposed and Cllr Patel seconded that the payments be approved. "
    "It was RESOLVED unanimously to approve the payments.\n\n"
    "24/036 Village Hall car park\n"
    "Cllr Green proposed an amendment that the work be deferred to the next financial year; "
    "the amendment was seconded by Cllr Smith. On being put to the vote the amendment was lost.\n"
    "It was RESOLVED by a majority to accept the quote of £12,400 (For 3, Against 1).\n"
)


def test_motion_ends_where_the_resolution_begins_and_lends_it_its_movers():
    resolutions, motions = find_resolutions(PARISH_FINANCE)
    motion = next(m for m in motions if m.kind == "motion")
    assert motion.text == "the payments be approved."
    assert motion.outcome == "carried"
    approve = next(r for r in resolutions if r.text.startswith("approve the payments"))
    assert (approve.proposer, approve.seconder, approve.vote) == ("Cllr Brown", "Cllr Patel", "unanimous")
    assert not any("proposed" in r.text for r in resolutions)


def test_amendment_seconded_in_a_trailing_clause():
    _resolutions, motions = find_resolutions(PARISH_FINANCE)
    amendment = next(m for m in motions if m.kind == "amendment")
    assert amendment.text == "the work be deferred to the next financial year"
    assert (amendment.proposer, amendment.seconder, amendment.outcome) == ("Cllr Green", "Cllr Smith", "lost")


# --- generalisation probes ---------------------------------------------------------------
# Constructed examples of the guideline phrasings for councils, parish councils and NHS
# boards outside the dev corpus (written for the probe of brief J, not copied from a seed).

PARISH_MINUTES = """Minutes of the Meeting of Ashcombe Parish Council held on Tuesday 12 March 2024

Present: Cllr P Hargreaves (Chair), Cllr D Okafor, Cllr S Whitlock

24/031 Apologies for absence
Apologies were received from Cllr K Ashdown (work commitments). Proposed Cllr Okafor, seconded Cllr Whitlock, all in favour, that the apologies be accepted.

24/035 Finance
c) Grant applications. After discussion it was RESOLVED to award grants as follows:
i) £250 to Ashcombe Pre-School towards new outdoor play equipment;
ii) £400 to the Village Hall Committee towards the replacement boiler;
iii) £150 to the Ashcombe Gardening Club for the spring show.
(For: 5 Against: 1 Abstain: 1)

24/036 Playing field
Members discussed the quotes obtained.
Resolution: to accept the quote from Playsafe Ltd of £2,850 plus VAT to replace the zip wire cable. Proposed Cllr Quinn, seconded Cllr Bellamy, carried nem con.
Cllr Whitlock to obtain two further quotes for resurfacing under the roundabout.
"""


def _by_text(resolutions):
    return {r.text.rstrip("."): r for r in resolutions}


def test_parish_proposal_with_a_vote_is_a_resolution():
    found = _by_text(find_resolutions(PARISH_MINUTES, doc_type="minutes")[0])
    res = found["the apologies be accepted"]
    assert (res.minute, res.vote, res.proposer, res.seconder) == ("24/031", "unanimous", "Cllr Okafor",
                                                                   "Cllr Whitlock")


def test_vote_note_on_the_line_after_a_list_gives_each_clause_its_vote():
    found = _by_text(find_resolutions(PARISH_MINUTES, doc_type="minutes")[0])
    grants = [r for t, r in found.items() if t.startswith("£")]
    assert len(grants) == 3
    assert {(r.vote, r.votes_for, r.votes_against) for r in grants} == {("majority", 5, 1)}


def test_resolution_label_and_its_nem_con_note():
    found = _by_text(find_resolutions(PARISH_MINUTES, doc_type="minutes")[0])
    res = found["to accept the quote from Playsafe Ltd of £2,850 plus VAT to replace the zip wire cable"]
    assert (res.minute, res.vote) == ("24/036", "unanimous")
    assert not any("Whitlock to obtain" in t for t in found)     # an action, not part of the decision


def test_a_proposal_without_a_vote_or_resolved_is_not_a_resolution():
    text = ("Minutes of the meeting of Ashcombe Parish Council held on 12 March 2024\n\n"
            "24/040 Correspondence\nProposed Cllr Okafor, seconded Cllr Whitlock. The Clerk circulated "
            "correspondence received since the last meeting.\n")
    assert find_resolutions(text, doc_type="minutes")[0] == []


NHS_MINUTES = """Minutes of the Public Board of Directors meeting held on Thursday 23 May 2024

Present:
Sarah Lindqvist\tChair

BoD/24/045\tChief Executive's report
The Chief Executive presented his report, highlighting the opening of the new discharge lounge.
The Board NOTED the Chief Executive's report.

BoD/24/047\tAnnual Plan 2024/25
The Chief Finance Officer presented the final Annual Plan.
The Board APPROVED:
a) the Annual Plan 2024/25 for submission to NHS England;
b) the capital programme of £28.4m; and
c) the delegation of final sign-off of the operational plan return to the Chief Executive.

BoD/24/048\tMaternity safety
The committee was ASSURED by the progress made and NOTED the report.
The committee agreed to request a deep dive into antimicrobial prescribing for its December meeting.
"""


def test_nhs_board_capitalised_decisions_keep_their_verb_and_minute_reference():
    found = _by_text(find_resolutions(NHS_MINUTES, doc_type="minutes")[0])
    noted = found["NOTED the Chief Executive's report"]
    assert (noted.minute, noted.verb) == ("BoD/24/045", "note")
    listed = [r for r in found.values() if r.minute == "BoD/24/047"]
    assert [r.label for r in listed] == ["a", "b", "c"]
    assert listed[1].text == "the capital programme of £28.4m"
    assert "NOTED the report" in found
    assert "request a deep dive into antimicrobial prescribing for its December meeting" in found


def test_capitalised_board_verbs_in_a_report_are_not_resolutions():
    text = ("Report to the Board\nPurpose of the report: to update the Board.\n"
            "The Audit Committee NOTED the internal audit plan at its meeting in March and asked for a "
            "follow-up report.\n")
    assert find_resolutions(text, doc_type="report")[0] == []


def test_recorded_vote_in_the_paragraph_before_a_numbered_resolved():
    text = ("MINUTES of a meeting of the County Council held on Thursday, 15 February 2024\n\n"
            "114. Revenue Budget 2024/25\n"
            "(4) The substantive motion was put to the vote. For 45, Against 20, Abstentions 1.\n"
            "(5) RESOLVED that:\n"
            "(a) the revenue budget requirement of £1,184.6m for 2024/25 be approved;\n"
            "(b) the Treasury Management Strategy be adopted.\n")
    found = find_resolutions(text, doc_type="minutes")[0]
    assert [(r.minute, r.vote, r.votes_for, r.votes_against) for r in found] == [("114", "majority", 45, 20)] * 2


def test_committee_voted_counts_then_to_verb():
    text = ("Minutes of a meeting of the Planning Committee held on Wednesday 10 April 2024\n\n"
            "PL.91 24/00301/HOU - THE OLD RECTORY, CHURCH STREET\n"
            "The Committee voted 9 in favour, 1 against with 1 abstention to approve the application "
            "subject to conditions.\n")
    (res,), _ = find_resolutions(text, doc_type="minutes")
    assert (res.text, res.vote, res.votes_for, res.minute) == (
        "approve the application subject to conditions.", "majority", 9, "PL.91")


def test_decision_for_the_following_reason_takes_the_reason():
    text = ("Minutes of a meeting of the Planning Committee held on Wednesday 10 April 2024\n\n"
            "PL.89 LAND NORTH OF STATION ROAD\n"
            "Upon being put to the vote, there voted 6 for the motion and 4 against.\n"
            "RESOLVED: That the application be REFUSED for the following reason:\n"
            "The proposed development would result in a severe residual cumulative impact on the highway "
            "network, contrary to Policy T1 of the Local Plan.\n\n"
            "PL.90 APPEALS\n")
    (res,), _ = find_resolutions(text, doc_type="minutes")
    assert res.text.endswith("contrary to Policy T1 of the Local Plan.")
    assert res.vote == "majority"


def test_correct_record_reads_the_vote_inside_its_sentence():
    text = ("MINUTES OF THE FULL COUNCIL MEETING HELD ON MONDAY 16 SEPTEMBER 2024\n\n"
            "FC/24/62 MINUTES\n"
            "The minutes of the Full Council meeting held on 15 July 2024 were agreed as a true record and "
            "signed by the Town Mayor (unanimous).\n")
    (res,), _ = find_resolutions(text, doc_type="minutes")
    assert (res.minute, res.vote) == ("FC/24/62", "unanimous")
    assert not res.text.endswith("(unanimous).")


def test_agenda_item_minutes_of_the_meeting_is_not_a_minutes_heading():
    text = ("AGENDA\n\n3. Minutes of the meeting held on 2 May 2024\n"
            "To approve the minutes of the previous meeting.\n"
            "4. Chief Executive's report\nTo note the report.\n")
    assert not in_minutes(text, text.index("To note"))
    assert [r.text for r in find_recommendations(text)] == ["To approve the minutes of the previous meeting.",
                                                           "To note the report."]


def test_summary_restating_the_numbered_recommendations_is_not_one_of_its_own():
    text = ("Report title: Primary Care Access Recovery Plan\n"
            "Recommendation: The Board is asked to APPROVE the revised Primary Care Access Recovery Plan and "
            "NOTE the progress made on cloud-based telephony.\n\n"
            "Recommendations\nThe Board is asked to:\n"
            "1. APPROVE the revised Primary Care Access Recovery Plan at Appendix A;\n"
            "2. NOTE the progress made on cloud-based telephony and online consultation tools;\n"
            "3. DELEGATE to the Primary Care Commissioning Committee oversight of delivery.\n")
    assert [r.label for r in find_recommendations(text)] == ["1", "2", "3"]


def test_a_single_recommendation_is_kept_when_no_list_restates_it():
    text = ("Recommendations:\tThe Board is invited to review the Board Assurance Framework and confirm that "
            "the risk scores reflect its view of the principal risks.\n")
    assert len(find_recommendations(text)) == 1


CABINET_MINUTES = """MINUTES of the meeting held on Monday 18 November 2024 at 7.00 pm

PRESENT: Councillor Amina Yusuf (Leader, in the Chair)

57. SCHOOL STREETS PROGRAMME - PHASE 3
Councillor Mensah introduced the report.
DECISION
That Cabinet:
(i) approves the implementation of twelve new school streets under experimental traffic orders from January 2025; and
(ii) notes the results of the phase 2 monitoring report.

Reasons for decision
The programme has reduced traffic outside schools.

58. QUARTER 2 FINANCIAL MONITORING 2024/25
Councillor Hartley introduced the report, which forecast an overspend of £6.8m on the General Fund.
Cabinet noted the report and agreed to ask all directorates to identify further in-year savings of £2m.
"""


def test_decision_heading_over_a_that_cabinet_lead_in_and_its_list():
    found = [r for r in find_resolutions(CABINET_MINUTES, doc_type="minutes")[0] if r.minute == "57"]
    assert [(r.label, r.verb) for r in found] == [("i", "approve"), ("ii", "note")]
    assert not any("Reasons" in r.text or "traffic outside" in r.text for r in found)


def test_noted_the_report_and_agreed_to():
    found = [r for r in find_resolutions(CABINET_MINUTES, doc_type="minutes")[0] if r.minute == "58"]
    assert [r.text for r in found] == ["ask all directorates to identify further in-year savings of £2m."]


def test_noted_and_agreed_in_a_report_is_narrative():
    text = ("Report to Cabinet\nPurpose of the report: to update Cabinet.\n"
            "Cabinet noted the report in July and agreed to ask all directorates to identify savings.\n")
    assert find_resolutions(text, doc_type="report")[0] == []


def test_committee_recommended_to_the_board_is_its_decision():
    # Constructed example: an NHS audit committee's decision on the annual accounts.
    text = ("Minutes of the meeting held on 20 June 2024\n\n"
            "ARC 24/35 Annual accounts 2023/24\n"
            "The External Audit Director reported that the audit was substantially complete.\n"
            "The Committee RECOMMENDED the annual accounts 2023/24 to the Board for approval, subject to the "
            "completion of the outstanding audit work.\n")
    (res,), _ = find_resolutions(text, doc_type="minutes")
    assert (res.minute, res.verb) == ("ARC 24/35", "recommend")
    assert res.text.startswith("RECOMMENDED the annual accounts 2023/24 to the Board")


def test_cover_sheet_decision_line_is_not_a_decision():
    # Constructed example of a county council report's cover sheet and background.
    text = ("Report to Cabinet - 5 September 2024\n\nTitle: Home to School Transport Policy 2025/26\n"
            "Key decision: Yes\nDecision: For approval\nDecision required: Yes\n\n"
            "Background\n1. In March 2023 the Cabinet resolved to review the policy for pupils above statutory "
            "school age.\n2. The Schools Forum NOTED the consultation proposals on 20 June 2024.\n")
    assert find_resolutions(text, doc_type="report")[0] == []


def test_decision_line_with_the_decision_itself_still_counts():
    text = "RECORD OF EXECUTIVE DECISION\n\nDecision: To approve the award of the grant to the Trust.\n"
    (res,), _ = find_resolutions(text, doc_type="decision")
    assert res.verb == "approve"


def test_pdf_wrapped_lead_in_page_footer_and_wrapped_vote_note():
    # Constructed example: parish minutes as PDF text, lines wrapped at ~80 columns and a
    # page footer between a list and its vote note.
    text = ("Minutes of the Meeting of Ashcombe Parish Council held on Tuesday 12 March 2024\n"
            "Present: Cllr P Hargreaves (Chair)\n"
            "24/035 Finance\n"
            "c) Grant applications. After discussion it was RESOLVED to award grants as\n"
            "follows:\n"
            "i) £250 to Ashcombe Pre-School towards new outdoor play equipment;\n"
            "ii) £400 to the Village Hall Committee towards the replacement boiler.\n"
            "Page 1 of 2\n"
            "(For: 5 Against: 1 Abstain: 1)\n"
            "24/036 Playing field\n"
            "Resolution: to accept the quote from Playsafe Ltd of £2,850 plus VAT to replace\n"
            "the zip wire cable and trolley. Proposed Cllr Quinn, seconded Cllr Bellamy,\n"
            "carried nem con.\n")
    found = find_resolutions(text, doc_type="minutes")[0]
    assert [(r.label, r.vote) for r in found] == [("i", "majority"), ("ii", "majority"), ("", "unanimous")]
    assert found[2].text.endswith("the zip wire cable and trolley.")


def test_recommended_label_over_that_the_council_and_its_list():
    # Constructed example of a district council report's "RECOMMENDED / That the Council:" form.
    text = ("COUNCIL TAX BASE 2025/26\n\nSummary\nThis report sets out the council tax base.\n\n"
            "RECOMMENDED\nThat the Council:\n"
            "1. approves the council tax base for 2025/26 of 41,872.6 Band D equivalent properties; and\n"
            "2. notes the estimated collection rate of 98.5%.\n")
    assert [(r.label, r.verb) for r in find_recommendations(text)] == [("1", "approve"), ("2", "note")]


def test_heading_above_is_asked_to_is_not_part_of_the_body_name():
    text = ("GAMBLING ACT 2005 STATEMENT OF PRINCIPLES\n\n"
            "The Council is recommended to RESOLVE that the revised Statement of Principles under the "
            "Gambling Act 2005 be adopted with effect from 31 January 2025.\n")
    (rec,) = find_recommendations(text)
    assert rec.verb == "resolve" and rec.text.startswith("RESOLVE that the revised Statement")


def test_inline_action_marker_is_not_part_of_the_decision():
    text = ("Minutes of the Parish Council Meeting held on 9 July 2024\n"
            "Min 49/24 Highways\n"
            "The Council discussed the condition of the footway on Mill Hill and agreed to ask the County "
            "Councillor to raise it with Highways (Action: Clerk).\n")
    (res,), _ = find_resolutions(text, doc_type="minutes")
    assert res.text == "ask the County Councillor to raise it with Highways."
    assert res.minute == "49/24"


def test_minutes_printed_as_a_table_take_the_minute_from_the_row():
    # Constructed example: NHS board minutes printed as a table "Item | Minute | Action".
    text = ("Minutes of the Board of Directors meeting held in public on 28 March 2024\n\n"
            "Item\tMinute\tAction\n"
            "24/31\tThe minutes of the meeting held on 25 January 2024 were approved as a true record.\t\n"
            "24/33\tOut of area placements. The Board asked for a trajectory.\tTV\n"
            "24/34\tResolved: the Board approved the revised Scheme of Delegation.\t\n")
    found = find_resolutions(text, doc_type="minutes")[0]
    assert [(r.minute, r.text) for r in found] == [
        ("24/31", "The minutes of the meeting held on 25 January 2024 were approved as a true record."),
        ("24/34", "the Board approved the revised Scheme of Delegation.")]


def test_annual_meeting_election_and_lower_case_members_agreed():
    # Constructed example of a town council's annual meeting minutes.
    text = ("MINUTES OF THE ANNUAL MEETING OF THE TOWN COUNCIL HELD ON MONDAY 20 MAY 2024\n\n"
            "TC24/01 ELECTION OF TOWN MAYOR\n"
            "RESOLVED unanimously that Cllr M Chen be elected Town Mayor for 2024/25. Cllr Chen signed the "
            "declaration of acceptance of office.\n\n"
            "TC24/06 ALLOTMENTS\n"
            "The Clerk reported that four plots were vacant. Following discussion, members agreed that the "
            "waiting list be re-opened. Deputy Clerk to advertise the vacant plots.\n")
    found = find_resolutions(text, doc_type="minutes")[0]
    assert [(r.minute, r.vote, r.text) for r in found] == [
        ("TC24/01", "unanimous", "that Cllr M Chen be elected Town Mayor for 2024/25."),
        ("TC24/06", "", "the waiting list be re-opened.")]


# --- cost: the paper markers are scanned once per text, not once per trigger -------------------


class _CountingPattern:
    """Wraps a compiled pattern and adds up how many characters its scans cover."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.scanned = 0

    def _span(self, text, pos, endpos):
        endpos = len(text) if endpos is None else min(endpos, len(text))
        self.scanned += max(0, endpos - pos)
        return pos, endpos

    def finditer(self, text, pos=0, endpos=None):
        return self.pattern.finditer(text, *self._span(text, pos, endpos))

    def search(self, text, pos=0, endpos=None):
        return self.pattern.search(text, *self._span(text, pos, endpos))

    def __getattr__(self, name):
        return getattr(self.pattern, name)


REPORT = ("Purpose of report\n1.2.4 The plan and priority actions were agreed by the Corporate Management\n"
          "Team in November 2024. It was agreed that the work would benefit from wide\npolitical sign up.\n\n")


def test_marker_scans_stay_linear_in_a_long_pack(monkeypatch):
    # An agenda pack of 30 sets of parish minutes, each followed by a report: every
    # "It was agreed" / "The Council agreed" asks whether it lies in minutes.  Rescanning
    # the markers from the top for every trigger made a 500-page pack quadratic.
    from extractors.decisions import context as decisions

    minutes_mark = _CountingPattern(decisions._MINUTES_MARK)
    paper_mark = _CountingPattern(decisions._PAPER_MARK)
    monkeypatch.setattr(decisions, "_MINUTES_MARK", minutes_mark)
    monkeypatch.setattr(decisions, "_PAPER_MARK", paper_mark)
    copies = 30
    pack = "".join(PARISH + REPORT for _ in range(copies))
    one = find_resolutions(PARISH + REPORT)[0]
    minutes_mark.scanned = paper_mark.scanned = 0

    resolutions = find_resolutions(pack)[0]

    assert len(resolutions) == copies * len(one)     # every copy's decisions, none of the reports'
    assert not any("benefit from wide" in r.text for r in resolutions)
    assert minutes_mark.scanned <= 2 * len(pack)
    assert paper_mark.scanned <= 2 * len(pack)
