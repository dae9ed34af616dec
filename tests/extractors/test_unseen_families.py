"""Families that papers of unseen organisations showed missing (issue 17, generalisation).

Each test writes its own example of the family (not the wording of any document in
tests/data/unseen or the corpus): a "DECIDED:" label, a motion whose own sentence
carries its result, labelled sub-items that open a batch approval or a proposed and
seconded decision, a vote printed for one sub-item not leaking into the next,
pipe-separated action tables whose owner column comes first, and an owner cell that
the converter ran into the due date.
"""
from __future__ import annotations

from datetime import date

from extractors.actions import find_actions, log_actions, piped_cells
from extractors.decisions import TRIGGERS, find_motions, find_resolutions

MEETING = date(2031, 6, 12)


def _res(text):
    return find_resolutions(text, doc_type="minutes")[0]


def test_decided_label_is_a_trigger_row():
    assert "decided-label" in {t.name for t in TRIGGERS}


def test_decided_label_opens_the_decision_and_takes_the_substantive_vote_not_the_amendment():
    text = """Present: Councillors A, B and C.

12. LIBRARY HOURS REVIEW
Councillor Abbot moved that the Saturday hours at the branch library be extended.
An amendment to delay the change until the autumn was put and LOST (2 for, 8 against).
The motion was then put and CARRIED (6 for, 4 against, 0 abstentions).
DECIDED: That the Saturday opening hours at the branch library be extended to 5pm from July.

13. CLOSE
"""
    res = _res(text)
    assert [r.text for r in res] == ["the Saturday opening hours at the branch library be extended to 5pm from July."]
    assert res[0].vote == "majority" and res[0].minute == "12"


def test_decided_lower_case_label_with_dash():
    text = "Present: the Chair and four members.\n\n4. Bus shelter\nDecided – to ask the county for a replacement shelter.\n"
    assert [r.text for r in _res(text)] == ["to ask the county for a replacement shelter."]


def test_motion_whose_sentence_ends_with_its_result_is_carried_and_recorded():
    text = """Present: Cllrs D, E, F, G, H.

31/07 Village green bench
It was moved by Cllr Dunmore and seconded by Cllr Eske that a memorial bench be placed by the pond, and upon being put to the vote it was carried (4 for, 1 against).

31/08 Next meeting
"""
    motions = find_motions(text)
    assert len(motions) == 1
    assert motions[0].text == "a memorial bench be placed by the pond"
    assert motions[0].outcome == "carried" and (motions[0].votes_for, motions[0].votes_against) == (4, 1)
    res = _res(text)
    assert [(r.text, r.vote) for r in res] == [("a memorial bench be placed by the pond", "majority")]


def test_a_vote_in_one_sub_item_does_not_reach_the_next_sub_item():
    text = """Present: Cllrs J, K, L, M, N.

9. Finance
(a) A donation to the youth club: proposed by Cllr Jarvis and seconded by Cllr Kell that £150 be donated. Carried by 3 votes to 2.
(b) Audit: it was RESOLVED that the internal auditor be reappointed for a further year.
"""
    res = {r.text: r for r in _res(text)}
    assert res["£150 be donated."].vote == "majority"
    assert res["the internal auditor be reappointed for a further year."].vote == ""


def test_batch_approval_opening_a_labelled_sub_item():
    text = "Present: Cllrs P, Q, R.\n\n5. Accounts\n(b) The following invoices were authorised:\nHall hire £40\nMowing £180\n"
    assert [r.text for r in _res(text)] == ["The following invoices were authorised"]


def test_proposed_seconded_agreed_opening_a_labelled_sub_item():
    text = ("Present: Cllrs S, T, U.\n\n6. Membership\n"
            "ii) Proposed by Cllr Sallow, seconded by Cllr Tamsin and unanimously agreed that the council joins "
            "the rural transport forum.\n")
    res = _res(text)
    assert [(r.text, r.vote, r.minute) for r in res] == [
        ("the council joins the rural transport forum.", "unanimous", "6")]


def test_pipe_rows_become_tab_cells_of_the_same_length():
    row = "Treasurer | Renew the insurance policy | July"
    assert piped_cells(row).split("\t") == ["Treasurer ", " Renew the insurance policy ", " July"]
    assert len(piped_cells(row)) == len(row)
    assert piped_cells("Costs rose (a|b) this year") == "Costs rose (a|b) this year"


def test_pipe_table_with_owner_column_first_gives_one_action_per_row():
    text = """Minutes of the meeting

Action points
Who | What | By when
Treasurer | Renew the insurance policy with the broker | July
| 7 | Secretary | Write to the landowner about the footpath |
"""
    found = log_actions(text, MEETING)
    assert [(a.text, a.owner) for a in found] == [("Renew the insurance policy with the broker", "Treasurer")]


def test_markdown_table_with_item_who_what_columns():
    text = """Note of the meeting

Actions agreed
| Item | Who | What |
|---|---|---|
| 3 | RB | Ask the school about parking at pick-up time |
| 6 | Secretary | Book the hall for the open day |
"""
    found = log_actions(text, MEETING)
    assert [(a.minute, a.owner, a.text) for a in found] == [
        ("3", "RB", "Ask the school about parking at pick-up time"),
        ("6", "Secretary", "Book the hall for the open day")]


def test_owner_cell_run_into_the_due_date_is_split():
    text = ("Action log\nRef\tAction\tOwner\tDue\tStatus\n"
            "A/12\tReview the grounds maintenance contract\tHead of Facilities September 2031\t\tOpen\n"
            "A/13\tPublish the annual report\tComms Lead\t30/07/2031\tOpen\n")
    found = log_actions(text, MEETING)
    assert [(a.owner, a.due_date) for a in found] == [("Head of Facilities", "2031-09-30"),
                                                     ("Comms Lead", "2031-07-30")]


def test_table_row_and_the_inline_task_it_repeats_are_one_action():
    text = """Minutes of the meeting of the parish council
Present: Cllrs V, W, X.

14. Noticeboard
The board is rotten. Cllr Vane to get a quote for a new noticeboard.

Actions
Who | What | When
CV | Get a quote for a new noticeboard | Next meeting
"""
    found = find_actions(text, MEETING, doc_type="minutes")
    assert [(a.text, a.owner) for a in found] == [("Get a quote for a new noticeboard", "CV")]


# --- second batch: families the fire authority, ICB, panel form and town council showed ---

def test_vote_in_brackets_with_voting_counts_is_the_triggers_own_vote():
    text = ("Present: Cllrs A, B, C, D, E, F, G.\n\nT/31/12 Allotments\n"
            "RESOLVED (5 voting FOR, 2 against) that the allotment rents rise by £4 a plot.\n")
    res = _res(text)
    assert [(r.text, r.vote) for r in res] == [("that the allotment rents rise by £4 a plot.", "majority")]


def test_decision_taken_heading_with_a_blank_line_before_the_lead_in():
    text = """Decision recording form
Item 3 - Annual report

Decision taken

The Committee:
1. Approved the annual report for publication.
2. Asked officers to translate the summary into two community languages.

Item 4 - Close
"""
    res = find_resolutions(text, doc_type="decision")[0]
    assert [r.text for r in res] == ["Approved the annual report for publication.",
                                     "Asked officers to translate the summary into two community languages."]


def test_to_note_line_under_a_lettered_minute_reference_with_slashes():
    text = ("Present: Cllrs H, I, J.\n\nTC/31/07 FINANCE\n"
            "a) To note the quarterly budget monitoring statement. Noted.\n")
    assert [r.text for r in _res(text)] == ["note the quarterly budget monitoring statement."]


def test_body_approved_lower_case_sentence_is_a_resolution_in_minutes_only():
    minutes = ("Present: Cllrs K, L, M.\n\n8. Grounds\n"
               "b) Members approved the revised grass cutting schedule for the cemetery.\n")
    assert [r.text for r in _res(minutes)] == [
        "Members approved the revised grass cutting schedule for the cemetery."]
    earlier = ("Present: Cllrs K, L, M.\n\n8. Grounds\n"
               "Members approved the grass cutting schedule at the last meeting and it is now in place.\n")
    assert _res(earlier) == []
    report = ("Report to the Environment Committee\n1. Background\n"
              "1.1 Members approved the strategy and officers have since drafted the plan.\n")
    assert find_resolutions(report, doc_type="report")[0] == []


def test_body_approved_is_a_trigger_row():
    assert "body-approved" in {t.name for t in TRIGGERS}


# --- probes after the second batch -------------------------------------------------------

def test_owner_alone_in_a_spaced_right_margin_of_plain_text():
    text = """Minutes of the allotment society committee
Present: the Chair, the Secretary and three members.

3. Water troughs
Two troughs on the lower site leak badly. Replacement troughs will be priced
and ordered in time for the spring season.                                        PW

4. Any other business
None.
"""
    found = find_actions(text, MEETING, doc_type="minutes")
    assert [(a.owner, a.text) for a in found] == [
        ("PW", "Replacement troughs will be priced and ordered in time for the spring season.")]


def test_a_lost_motions_count_is_not_the_vote_of_the_resolution_after_it():
    text = ("Present: Cllrs A, B, C, D, E, F, G.\n\n6. Pavilion\n"
            "A proposal to sell the pavilion was LOST 2-5.\n"
            "The Council RESOLVED:\n1. That the pavilion roof be repaired.\n")
    res = _res(text)
    assert [(r.text, r.vote) for r in res] == [("That the pavilion roof be repaired.", "")]
    counted = ("Present: Cllrs A, B, C, D, E, F, G.\n\n6. Pavilion\n"
               "The vote was 5 for, 2 against.\nThe Council RESOLVED:\n1. That the pavilion roof be repaired.\n")
    assert [r.vote for r in _res(counted)] == ["majority"]
