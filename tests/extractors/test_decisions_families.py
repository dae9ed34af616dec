"""Decision families (issue 17): each family of phrasing in wording written for these tests.

None of these sentences comes from a corpus document: each test writes its own
example of a family the guidelines (v1.3) name, so the rules are checked on the
family and not on one council's wording.
"""
from __future__ import annotations

import pytest

from extractors.decisions import (TRIGGERS, find_recommendations, find_resolutions, lead_verb,
                                  named_vote, opener_items, recorded_vote, vote_of)
from extractors.clauses import clean_clause


def _res(text, doc_type="minutes"):
    return find_resolutions(text, doc_type=doc_type)[0]


def _texts(records):
    return [r.text for r in records]


# --- 1. decision lists as structure ---------------------------------------------------------

BUDGET_REPORT = """Report to Full Council
Purpose of report
To set the budget for the coming year.
Recommendations
The Council is asked to agree the following:
(a) The net revenue budget requirement of £412.6m for 2026-27.
(b) The council tax band D charge of £1,702.44, an increase of 4.99%.
Capital
(c) The capital programme of £96.1m over three years as set out in Appendix B.

(d) Note the risks to the medium term plan set out in section 7.
2. Background
2.1 The budget was consulted on over the autumn.
"""


def test_lead_in_items_are_records_and_noun_phrases_take_the_lead_in_verb():
    recs = find_recommendations(BUDGET_REPORT)
    assert _texts(recs) == [
        "The net revenue budget requirement of £412.6m for 2026-27.",
        "The council tax band D charge of £1,702.44, an increase of 4.99%.",
        "The capital programme of £96.1m over three years as set out in Appendix B.",
        "Note the risks to the medium term plan set out in section 7.",
    ]
    assert [r.verb for r in recs] == ["agree", "agree", "agree", "note"]
    assert [r.label for r in recs] == ["a", "b", "c", "d"]


def test_a_lead_in_alone_is_never_a_record():
    text = "Recommendations\nThe Board is asked to approve the following:\n\n3. Financial implications\nNone.\n"
    assert find_recommendations(text) == []


def test_nested_sub_items_stay_in_their_item_and_the_list_ends_at_the_next_minute():
    text = ("MINUTES of the meeting of the Resources Committee\nPresent: Cllr Amos (Chair)\n"
            "14. Fees and charges\n"
            "RESOLVED that the Committee agree:\n"
            "(a) the fees and charges schedule for 2026-27, subject to:\n"
            "(i) parking charges rising by no more than 3%; and\n"
            "(ii) allotment rents being frozen;\n"
            "(b) the removal of the cheque payment option from April.\n"
            "15. Staffing update\n"
            "The Head of HR gave an update on recruitment.\n")
    found = _res(text)
    assert [r.label for r in found] == ["a", "b"]
    assert "allotment rents being frozen" in found[0].text
    assert found[1].text == "the removal of the cheque payment option from April."
    assert [r.minute for r in found] == ["14", "14"]
    assert [r.verb for r in found] == ["agree", "agree"]


def test_decimal_and_bulleted_items():
    text = ("Minutes of the meeting of the Licensing Panel held on 3 March 2026\nPresent: Cllr Rowe\n"
            "6. Street trading policy\n"
            "RESOLVED:\n"
            "6.1 That the revised street trading policy be adopted.\n"
            "6.2 That the consent fee be set at £310 per year.\n"
            "7. Any other business\nNone.\n")
    assert _texts(_res(text)) == ["That the revised street trading policy be adopted.",
                                  "That the consent fee be set at £310 per year."]
    bullets = ("Minutes of the meeting of the Harbour Board held on 3 March 2026\nPresent: Mr Kerr\n"
               "It was agreed that:\n"
               "• the mooring fees rise by 2% from April;\n"
               "• the slipway repair be tendered.\n"
               "Signed ........ Chair\n")
    assert _texts(_res(bullets)) == ["the mooring fees rise by 2% from April", "the slipway repair be tendered."]


def test_a_list_continues_over_a_page_break():
    page_one = ("Minutes of the meeting of the Planning Committee held on 9 April 2026\nPresent: Cllr Shaw\n"
                "22. Local plan\nRESOLVED that:\n(a) the draft local plan be published for consultation;\n")
    page_two = "(b) the consultation run for eight weeks; and\n(c) the results be reported in September.\n"
    text = page_one + "\n\n" + page_two + "23. Date of next meeting\n"
    assert [r.label for r in _res(text)] == ["a", "b", "c"]


def test_lead_verb():
    assert lead_verb("The County Council is asked to agree the following:") == "agree"
    assert lead_verb("RESOLVED that County Council agree:") == "agree"
    assert lead_verb("As Portfolio Holder I agree to:") == "agree"
    assert lead_verb("RESOLVED that the following be approved:") == "approve"
    assert lead_verb("Members are recommended to:") == ""


# --- 2. records of executive decision and decision recording forms ----------------------------

EXECUTIVE = """RECORD OF DECISION
Decision number: 26/00417
Decision:
As Portfolio Holder for Environment and Waste I agree to:
APPROVE the award of the kerbside recycling contract to the preferred bidder for seven years
from 1 October 2026.
DELEGATE authority to the Director of Environment to finalise the contract terms, in
consultation with the Head of Legal Services.
AGREE that the food waste trial in two wards continues until March 2027.
Reason(s) for decision:
The current contract ends in September and a new one must be in place.
"""


def test_record_of_executive_decision_gives_one_resolution_per_upper_case_verb():
    found = _res(EXECUTIVE, doc_type="decision")
    assert [r.text.split()[0] for r in found] == ["APPROVE", "DELEGATE", "AGREE"]
    assert found[1].text.endswith("in consultation with the Head of Legal Services.")
    assert all(r.vote == "" for r in found)
    assert not any("I agree to" in r.text for r in found)


def test_executive_decision_without_a_decision_label():
    text = ("Subject: Library opening hours\n"
            "As Cabinet Member for Communities, I agree to:\n"
            "APPROVE the revised opening hours for the six branch libraries.\n"
            "NOTE the equality impact assessment.\n"
            "Signed: Cabinet Member\n")
    assert _texts(_res(text, doc_type="decision")) == [
        "APPROVE the revised opening hours for the six branch libraries.",
        "NOTE the equality impact assessment."]


FORM = """Decision recording form
Meeting: Housing Scrutiny Board, 4 February 2026
Item 5: Tenancy strategy
Decision taken
1. Approved the draft tenancy strategy for consultation.
2. Authorised the Head of Housing to make minor drafting changes before publication.
3. Noted the feedback from the tenants' forum.
Item 6: Void properties
Decision taken
Noted the void turnaround figures for the third quarter.
Requested a report on contractor performance in June.
Reasons for the decision
To keep the strategy on track.
"""


def test_decision_recording_form_past_tense_items():
    found = _res(FORM, doc_type="decision")
    assert _texts(found) == [
        "Approved the draft tenancy strategy for consultation.",
        "Authorised the Head of Housing to make minor drafting changes before publication.",
        "Noted the feedback from the tenants' forum.",
        "Noted the void turnaround figures for the third quarter.",
        "Requested a report on contractor performance in June.",
    ]
    assert {r.vote for r in found} == {""}


# --- 3. small councils -------------------------------------------------------------------------

PARISH = """Minutes of the Meeting of Brackley End Parish Council held on 14 May 2026
Present: Cllrs Ames (Chair), Bryce, Carter, Dunn
26.05.07 Village green
The bench by the pond has rotted through.
All were in agreement that the bench should be replaced before the summer fete
Quotes to be sought by the Clerk.
26.05.08 Finance - The following invoices were approved for payment: DA proposed RB seconded
Payee\tDetail\tAmount
Green Cuts Ltd\tGrass cutting April\t240.00
26.05.09 Defibrillator
The PC agreed to fund a replacement battery for the defibrillator at the village hall.
26.05.10 Planters
Cllr Ames proposed the purchase of two planters for the bus stop, seconded by Cllr Bryce and unanimously agreed.
"""


def test_small_council_decisions():
    found = _res(PARISH)
    assert [(r.minute, r.text) for r in found] == [
        ("26.05.07", "All were in agreement that the bench should be replaced before the summer fete"),
        ("26.05.08", "The following invoices were approved for payment"),
        ("26.05.09", "fund a replacement battery for the defibrillator at the village hall."),
        ("26.05.10", "Cllr Ames proposed the purchase of two planters for the bus stop"),
    ]
    assert [r.vote for r in found] == ["unanimous", "", "", "unanimous"]


def test_decisions_in_a_table_row_take_the_row_minute():
    text = ("Minutes of the meeting of Glenmore Community Council held on 2 June 2026\n"
            "Present: Ms Reid, Mr Lowe\n"
            "Item\tDiscussion\tDecision\n"
            "4/26\tPath lighting\tAgreed: that the council ask the roads department for two new lamps.\n"
            "5/26\tHall lease\tIt was agreed to renew the hall lease for one year.\n")
    found = _res(text)
    assert [(r.minute, r.text) for r in found] == [
        ("4/26", "the council ask the roads department for two new lamps."),
        ("5/26", "renew the hall lease for one year."),
    ]


def test_to_note_items_in_minutes_are_not_recommendations():
    text = ("Minutes of the meeting of Hollins Town Council held on 8 July 2026\nPresent: Cllr Moss\n"
            "12. Clerk's report\nTo note the Clerk's report on the footpath survey.\n"
            "13. Correspondence\nA letter from the county council about gritting was read.\n")
    assert find_recommendations(text) == []
    assert _texts(_res(text)) == ["note the Clerk's report on the footpath survey."]


# --- 4. votes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, counts, vote", [
    ("It was AGREED that the lease be renewed (9 voting FOR, 2 against).", (9, 2, None), "majority"),
    ("The motion was LOST 3-7.", (3, 7, None), "majority"),
    ("Carried 8-0.", (8, 0, None), "unanimous"),
    ("For 12, Against 0, Abstentions 2", (12, 0, 2), "unanimous"),
    ("For: Cllrs Ames, Bryce and Carter\nAgainst: none\nAbstained: Cllr Dunn", (3, 0, 1), "unanimous"),
    ("For (3)\nMr Hale, Mrs Ince, Dr Jay\nAgainst (2)\nMs Kay, Mr Lund\nAbstain (1)\nMr Moor",
     (3, 2, 1), "majority"),
    ("For\nMr Hale, Mrs Ince, Dr Jay, Ms Kay\nAgainst\nMr Lund\nMotion carried.", (4, 1, None), "majority"),
])
def test_recorded_votes(text, counts, vote):
    assert recorded_vote(text) == counts
    assert vote_of(text) == vote


def test_named_vote_needs_both_sides():
    assert named_vote("For the avoidance of doubt, the plan stands.") == (None, None, None)


def test_it_was_approved_and_committee_resolved_over_numbered_items():
    text = ("Minutes of the meeting of the Transport Committee held on 1 May 2026\nPresent: Cllr Price\n"
            "8. Bus shelters\nIt was APPROVED that the shelter programme be extended to the ring road.\n"
            "9. Cycle lanes\nThe Committee RESOLVED:\n1. That the consultation results be noted.\n"
            "2. That the scheme proceed to detailed design.\n10. Any other business\n")
    found = _res(text)
    assert [(r.minute, r.text) for r in found] == [
        ("8", "the shelter programme be extended to the ring road."),
        ("9", "That the consultation results be noted."),
        ("9", "That the scheme proceed to detailed design."),
    ]


def test_the_amendment_vote_is_kept_apart_from_the_substantive_motion():
    text = ("Minutes of the meeting of the City Council held on 5 March 2026\nPresent: the Lord Mayor\n"
            "41. Budget\n"
            "Cllr Webb moved and Cllr Oates seconded an amendment to delete the parking increase.\n"
            "For (20)\nCllr Webb, Cllr Oates, Cllr Price, Cllr Quinn, Cllr Rhodes, Cllr Sands, Cllr Toms, Cllr Vane,"
            " Cllr Wood, Cllr Yates, Cllr Abel, Cllr Burr, Cllr Cole, Cllr Dale, Cllr Eden, Cllr Ford, Cllr Gale,"
            " Cllr Hart, Cllr Irwin, Cllr Jones\n"
            "Against (31)\nCllr Kerr and 30 others\n"
            "Amendment lost.\n"
            "The substantive motion was then put and agreed unanimously.\n"
            "RESOLVED that the budget for 2026-27 be approved.\n")
    found = _res(text)
    assert [(r.text, r.vote) for r in found] == [("the budget for 2026-27 be approved.", "unanimous")]


def test_a_summary_that_repeats_the_decisions_does_not_double_them():
    text = ("Minutes of the meeting of the Audit Committee held on 2 April 2026\nPresent: Cllr Lamb\n"
            "5. Internal audit plan\nRESOLVED that:\n(a) the internal audit plan for 2026-27 be approved;\n"
            "(b) the charter be reviewed in October.\n"
            "6. Summary of decisions\nRESOLVED that:\n(a) the internal audit plan for 2026-27 be approved;\n"
            "(b) the charter be reviewed in October.\n")
    assert len(_res(text)) == 2


# --- 7. phrasings as data ---------------------------------------------------------------------

def test_every_trigger_row_is_named_once_and_declares_what_it_yields_and_where():
    names = [t.name for t in TRIGGERS]
    assert len(names) == len(set(names))
    assert {t.yields for t in TRIGGERS} <= {"clauses", "sentence"}
    assert {t.scope for t in TRIGGERS} <= {"any", "minutes", "unnarrated"}


def test_opener_items_stop_at_a_heading():
    text = "APPROVE the plan.\nNOTE the risks.\nReasons for decision:\nThe plan is needed.\n"
    assert [clean_clause(text[c.char_start:c.char_end]) for c in opener_items(text, 0)] == [
        "APPROVE the plan.", "NOTE the risks."]


def test_third_person_upper_case_verbs_under_a_resolved():
    text = ("Minutes of the meeting of the Executive held on 6 May 2026\nPresent: Cllr Noor (Leader)\n"
            "31. Leisure centre contract\n"
            "RESOLVED that the Executive:\n"
            "APPROVES the extension of the leisure management contract for two years;\n"
            "NOTES the improvement plan agreed with the operator.\n"
            "32. Any other business\n")
    assert _texts(_res(text)) == ["APPROVES the extension of the leisure management contract for two years",
                                  "NOTES the improvement plan agreed with the operator."]


def test_a_subheading_before_the_first_item_of_a_decision_form():
    text = ("Decision taken\nRevenue\n1. Approved the revenue budget of £3.2m.\n"
            "2. Approved the fees and charges schedule.\nReasons for the decision\nTo set a budget.\n")
    assert [r.label for r in _res(text, doc_type="decision")] == ["1", "2"]


def test_a_page_number_between_two_pages_of_a_list_does_not_end_it():
    text = ("Minutes of the meeting of the Scrutiny Board held on 2 July 2026\nPresent: Cllr Vale\n"
            "9. Waste strategy\nRESOLVED that:\n(a) the draft waste strategy be endorsed;\n\n7\n\n"
            "(b) the board's comments be sent to the Executive.\n10. Work programme\n")
    assert [r.label for r in _res(text)] == ["a", "b"]


@pytest.mark.parametrize("text, counts", [
    ("The vote was 8-3 in favour.", (8, 3, None)),
    ("Vote: 6 for, 1 against, 0 abstentions", (6, 1, 0)),
    ("The motion was carried by 7 votes to 2.", (7, 2, None)),
])
def test_more_recorded_vote_forms(text, counts):
    assert recorded_vote(text) == counts


def test_a_recorded_count_inside_the_decision_gives_its_vote():
    text = ("Minutes of the meeting of Eastfold Town Council held on 11 June 2026\nPresent: Cllr Yeo\n"
            "44. Christmas lights\n"
            "It was AGREED that the lights contract be renewed for three years (7 voting FOR, 2 against).\n")
    (res,) = _res(text)
    assert (res.vote, res.votes_for, res.votes_against) == ("majority", 7, 2)


def test_members_noted_in_the_debate_is_not_a_decision():
    # A bullet of the debate reports what members said; only the meeting's own record counts.
    text = ("Minutes of the meeting of the Health Scrutiny Committee held on 3 June 2026\nPresent: Cllr Ward\n"
            "12. Ambulance handovers\n"
            "• Members noted the delays at the hospital's front door in January.\n"
            "RESOLVED that the report be noted.\n")
    assert _texts(_res(text)) == ["the report be noted."]


def test_narrative_in_a_report_is_not_a_decision():
    text = ("Report to Cabinet\nPurpose of the report\n"
            "1.1 In 2024 the Council agreed to review its leisure estate, and the following contracts were "
            "approved by the Executive at that time.\n"
            "2. Recommendations\nCabinet is asked to note the review.\n")
    assert find_resolutions(text, doc_type="report")[0] == []
    assert _texts(find_recommendations(text)) == ["note the review."]


def test_adding_a_phrasing_is_one_row(monkeypatch):
    # A phrasing no row knows ("The meeting concurred that ...") becomes a decision by adding
    # one Trigger row to the table: no other code names or indexes the triggers.
    from extractors.decisions import triggers
    from extractors.guards import NEEDS

    text = ("Minutes of the meeting of the Allotments Forum held on 8 August 2026\nPresent: Mr Abbott\n"
            "3. Water troughs\nThe meeting concurred that two troughs be moved to the lower field.\n")
    assert _res(text) == []
    row = triggers.Trigger("meeting-concurred", r"\b(?:[Tt]he\s+)?meeting\s+concurred\s+that\b",
                           needs="concurred", scope="minutes")
    pattern = row.compile()
    try:
        monkeypatch.setattr(triggers, "COMPILED", triggers.COMPILED + ((row, pattern),))
        (res,) = _res(text)
        assert (res.minute, res.text) == ("3", "two troughs be moved to the lower field.")
    finally:
        del NEEDS[pattern]


BUDGET_PAPER = """7. Recommendations
County Council is asked to agree the following:
Revenue budget
(a) The net revenue budget requirement of £1,456.2m for 2026-27.
(b) The directorate revenue budgets as set out in Appendix E.
Capital
(c) The capital investment proposals of £1.0bn over the next ten years, subject to:
(i) approval of the individual schemes by the relevant Cabinet Member; and
(ii) the funding assumptions in section 6 holding.


(d) The Treasury Management Strategy as set out in Appendix K.
Council tax
(e) A total council tax requirement of £910.9m to be raised through precepts.
(f) Note the Director of Finance's assessment of the robustness of the estimates.
8. Background documents
None.
"""


def test_budget_paper_list_with_subheadings_nesting_and_a_page_break():
    recs = find_recommendations(BUDGET_PAPER)
    assert [(r.label, r.verb) for r in recs] == [
        ("a", "agree"), ("b", "agree"), ("c", "agree"), ("d", "agree"), ("e", "agree"), ("f", "note")]
    assert "funding assumptions in section 6 holding" in recs[2].text
    assert not any(r.text.startswith(("Revenue budget", "Capital", "Council tax")) for r in recs)
    assert not any(r.text.endswith(("Capital", "Council tax")) for r in recs)


def test_the_minutes_that_decide_a_budget_paper():
    text = ("MINUTES of a meeting of the County Council held on 19 February 2026\nPresent: Mr Quayle (Chair)\n"
            "12. Revenue and capital budget 2026-27\n"
            "(9) RESOLVED that County Council agree:\n"
            "Revenue budget\n"
            "(a) the net revenue budget requirement of £1,456.2m for 2026-27;\n"
            "(b) the directorate revenue budgets as set out in Appendix E;\n"
            "Council tax\n"
            "(c) a total council tax requirement of £910.9m.\n"
            "13. Treasury management\n")
    found = _res(text)
    assert [(r.minute, r.label, r.verb) for r in found] == [("12", "a", "agree"), ("12", "b", "agree"),
                                                           ("12", "c", "agree")]


def test_an_amendment_takes_its_named_vote_and_the_motion_keeps_its_own():
    names = ", ".join(f"Cllr {n}" for n in ("Abel", "Burr", "Cole", "Dale", "Eden", "Ford", "Gale", "Hart",
                                             "Irwin", "Jones", "Kerr", "Lowe", "Moss", "Nash"))
    text = ("Minutes of the meeting of the City Council held on 5 March 2026\nPresent: the Lord Mayor\n"
            "41. Budget\n"
            "Cllr Webb proposed and Cllr Oates seconded the following amendment:\n"
            "\"Delete the increase in parking charges.\"\n"
            "The amendment was put to the vote and the voting was as follows:\n"
            f"For (3)\nCllr Webb, Cllr Oates, Cllr Price\nAgainst (14)\n{names}\nAbstain (1)\nCllr Quinn\n"
            "Amendment lost.\n"
            "The substantive motion was put to the vote: For 15, Against 2, Abstentions 1.\n"
            "RESOLVED that the budget for 2026-27 be approved.\n")
    resolutions, motions = find_resolutions(text, doc_type="minutes")
    (amendment,) = motions
    assert (amendment.kind, amendment.outcome) == ("amendment", "lost")
    assert (amendment.votes_for, amendment.votes_against, amendment.votes_abstain) == (3, 14, 1)
    (res,) = resolutions
    assert (res.vote, res.votes_for, res.votes_against) == ("majority", 15, 2)


def test_a_summary_repeating_single_decisions_does_not_double_them():
    text = ("Minutes of the meeting of the Planning Committee held on 7 May 2026\nPresent: Cllr Pike\n"
            "8. Land at Mill Lane\nRESOLVED that planning permission be granted subject to the conditions in "
            "the report and a legal agreement securing affordable housing.\n"
            "9. Summary of decisions\nRESOLVED that planning permission be granted subject to the conditions in "
            "the report and a legal agreement securing affordable housing.\n")
    assert len(_res(text)) == 1


def test_a_proposal_carried_by_all_in_favour_is_a_resolution():
    text = ("Minutes of the meeting of Penhallow Community Council held on 9 June 2026\nPresent: Cllr Ames\n"
            "5. Standing orders\n"
            "It was proposed by Cllr Ames and seconded by Cllr Bryce that the council adopts the revised "
            "standing orders. All in favour.\n"
            "6. Correspondence\nNone.\n")
    (res,) = _res(text)
    assert (res.minute, res.text, res.vote) == ("5", "the council adopts the revised standing orders.", "unanimous")


def test_resolved_over_unlabelled_that_paragraphs():
    text = ("Minutes of the meeting of the Finance Committee held on 2 June 2026\nPresent: Cllr Hale\n"
            "7. Annual accounts\nRESOLVED:\n"
            "That the annual accounts for 2025-26 be approved.\n"
            "That the Chair sign the annual governance statement.\n"
            "8. Insurance renewal\n")
    assert _texts(_res(text)) == ["That the annual accounts for 2025-26 be approved.",
                                  "That the Chair sign the annual governance statement."]


@pytest.mark.parametrize("text, expected", [
    ("Recommendation to Council:\nThat the precept for 2026-27 be set at £48,500.\n\nBackground\n",
     ["That the precept for 2026-27 be set at £48,500."]),
    ("Report of the Planning Officer\nOfficers recommend that the Committee grants permission subject to the "
     "conditions below.\n", ["grants permission subject to the conditions below."]),
])
def test_more_recommendation_lead_ins(text, expected):
    assert _texts(find_recommendations(text)) == expected


def test_to_note_lines_of_minutes_without_a_present_heading():
    # Minutes headed "Attendees:" (or classified as minutes) record "To note ..." as decisions.
    text = ("Kilbride Community Council\nAttendees: Ms Reid, Mr Lowe\n"
            "3. Treasurer's report\nTo note the balance of £4,210 at the end of May.\n")
    assert find_recommendations(text) == []
    assert _texts(_res(text, doc_type="")) == ["note the balance of £4,210 at the end of May."]
    plain = "3. Treasurer's report\nTo note the balance of £4,210 at the end of May.\n"
    assert find_recommendations(plain, doc_type="minutes") == []
    assert find_recommendations(plain) != []     # an agenda's item: a recommendation


def test_a_decision_reported_from_an_earlier_meeting_is_not_taken_again():
    text = ("Minutes of the meeting of Hollins Town Council held on 8 July 2026\nPresent: Cllr Moss\n"
            "14. Play equipment\nThe following schemes were approved at the last meeting and are now complete.\n"
            "The council noted the update by the Executive in 2025 on the park.\n")
    assert _res(text) == []


def test_a_decision_column_of_minutes_printed_as_a_table():
    text = ("Minutes of the meeting of Tormore Community Council held on 1 July 2026\nPresent: Mr Bain\n"
            "Item\tSubject\tDiscussion\tDecision\n"
            "6/26\tBus shelter\tThe shelter glass is broken again.\tSecretary to report it to the council; "
            "replacement to be requested\n"
            "7/26\tWebsite\tNo update.\tN/A\n"
            "8/26\tGrant fund\tThree bids.\tAll three bids funded in full (unanimous)\n"
            "Date of next meeting: 5 August 2026\n")
    found = _res(text)
    assert [(r.minute, r.text, r.vote) for r in found] == [
        ("6/26", "Secretary to report it to the council; replacement to be requested", ""),
        ("8/26", "All three bids funded in full", "unanimous"),
    ]


@pytest.mark.parametrize("head", [
    "MEMBERS PRESENT: Cllr Ames, Cllr Bryce",
    "Minutes of the Parish Council held on 14 May 2026",
    "Notes of the meeting of the Village Hall Trustees held on 14 May 2026",
    "MINUTES",
    "Sederunt: Mr Fraser (Chair), Ms Innes",
])
def test_minutes_headings_of_other_house_styles(head):
    text = f"{head}\n4. Footpaths\nIt was agreed to ask the landowner to clear the stile.\n"
    assert _texts(_res(text, doc_type="")) == ["ask the landowner to clear the stile."]


def test_resolved_to_verb_the_following_over_bullets():
    text = ("Minutes of the meeting of Fenby Town Council held on 3 March 2026\nPresent: Cllr Reed\n"
            "19. Grants\nCouncil RESOLVED to approve the following:\n"
            "• £500 to the youth club for a minibus trip;\n"
            "• £250 to the allotment society.\n"
            "20. Correspondence\n")
    found = _res(text)
    assert [(r.minute, r.verb, r.text) for r in found] == [
        ("19", "approve", "£500 to the youth club for a minibus trip"),
        ("19", "approve", "£250 to the allotment society."),
    ]


def test_unanimously_resolved_with_inline_numbered_clauses():
    text = ("Minutes of the meeting of the Licensing Committee held on 3 March 2026\nPresent: Cllr Reed\n"
            "4. Taxi fares\nUnanimously RESOLVED that (1) the fare tariff be increased by 4%; and "
            "(2) the new tariff be advertised for 14 days.\n")
    found = _res(text)
    assert [(r.label, r.vote) for r in found] == [("1", "unanimous"), ("2", "unanimous")]


def test_the_component_declares_what_it_requires_and_assigns():
    from spacy.language import Language

    import extractors.decisions  # noqa: F401  (registers the factory)

    meta = Language.get_factory_meta("minutebook_decisions")
    assert "doc.spans" in meta.assigns
    assert {"doc._.doc_type", "doc._.meeting_date"} <= set(meta.requires)


def test_another_bodys_initials_are_not_the_meeting():
    text = ("Minutes of the meeting of Oakley Parish Council held on 5 May 2026\nPresent: Cllr Dunn\n"
            "7. Surgery\nThe ICB agreed to fund a new nurse post at the surgery.\n"
            "8. Verges\nThe PC agreed to cut the verges twice this year.\n")
    assert _texts(_res(text)) == ["cut the verges twice this year."]


def test_agreed_alone_on_a_line_over_its_decision():
    text = ("Minutes of the Board of Governors held on 9 July 2026\nPresent: Dr Yates\n"
            "5. Estates strategy\nThe Board received the draft estates strategy.\nAGREED\n"
            "That the estates strategy be approved for consultation.\n6. Any other business\n")
    assert _texts(_res(text)) == ["That the estates strategy be approved for consultation."]


@pytest.mark.parametrize("text, expected", [
    ("Cover sheet\nDecision required:\nTo approve the library strategy for 2026-2030.\n\nSummary\n",
     ["To approve the library strategy for 2026-2030."]),
    ("Recommended: That the Panel notes the annual complaints report.\n\n1. Introduction\n",
     ["That the Panel notes the annual complaints report."]),
    ("Board members are asked to note the progress on the digital archive.\n",
     ["note the progress on the digital archive."]),
])
def test_cover_sheet_and_label_forms_of_recommendation(text, expected):
    assert _texts(find_recommendations(text)) == expected


def test_executive_decision_paragraphs_continue_over_a_page_break():
    text = ("Decision:\nAs Leader of the Council, I have decided to:\n"
            "APPROVE the disposal of the former depot at Brook Street.\n\n\n"
            "DELEGATE authority to the Head of Property to agree the final terms.\n"
            "Reason(s) for decision:\nThe site is surplus to requirements.\n")
    assert [r.text.split()[0] for r in _res(text, doc_type="decision")] == ["APPROVE", "DELEGATE"]
