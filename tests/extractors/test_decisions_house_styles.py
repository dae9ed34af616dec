"""A small held-out check: short papers in house styles the rules were not written from.

Each text below was written for this test in the manner of a kind of body the
dev documents do not cover (a city council on the committee system, a combined
authority, a community council, a parish council, a library board's report),
and each test lists every decision a reader would record from it, clause by
clause, with its vote, as the guidelines (v1.3) define them.
"""
from __future__ import annotations

from extractors.decisions import find_recommendations, find_resolutions

CITY = """MINUTES OF THE MEETING OF THE HOUSING AND COMMUNITIES COMMITTEE
held on Tuesday 10 February 2026 at 6.00 pm
Present: Councillor Okafor (Chair), Councillors Begum, Carr, Doyle, Evans, Fisher, Grant
57 Housing Allocations Policy
The Director of Housing introduced the report, which proposed changes to the banding scheme.
Councillor Carr moved and Councillor Doyle seconded an amendment to retain band D for
applicants with a local connection.
On being put to the vote the amendment was LOST 2-5.
The original recommendations were then put to the vote.
For 5, Against 0, Abstentions 2
RESOLVED - That
(a) the revised Housing Allocations Policy at Appendix 1 be approved, to take effect from 1 April 2026;
(b) the Director of Housing be authorised to make minor changes to the policy in consultation with
the Chair; and
(c) a review of the policy's first year be reported to the Committee in 2027.
58 Empty Homes Grant
It was AGREED that the empty homes grant be increased to £15,000 per property (6 voting FOR, 1 against).
59 Minutes of the previous meeting
The minutes of the meeting held on 13 January 2026 were confirmed as a correct record.
"""


def test_city_committee_minutes():
    found, motions = find_resolutions(CITY, doc_type="minutes")
    assert [(r.minute, r.label, r.vote, r.text) for r in found] == [
        ("57", "a", "unanimous",
         "the revised Housing Allocations Policy at Appendix 1 be approved, to take effect from 1 April 2026"),
        ("57", "b", "unanimous",
         "the Director of Housing be authorised to make minor changes to the policy in consultation with the Chair"),
        ("57", "c", "unanimous", "a review of the policy's first year be reported to the Committee in 2027."),
        ("58", "", "majority", "the empty homes grant be increased to £15,000 per property"),
        ("59", "", "", "The minutes of the meeting held on 13 January 2026 were confirmed as a correct record."),
    ]
    assert (found[0].votes_for, found[0].votes_against, found[0].votes_abstain) == (5, 0, 2)
    assert (found[3].votes_for, found[3].votes_against) == (6, 1)
    assert not any("band D" in r.text for r in found)      # the amendment is not a resolution


COMBINED = """Minutes of the meeting of the Combined Authority Board held on 20 March 2026
Present: Mayor A Lindqvist (Chair), Cllr R Patel, Cllr S Moore, Cllr T Walsh
Item 6 Adult Skills Fund allocations
Decision taken
The Combined Authority Board:
1. Approved the Adult Skills Fund allocations for 2026/27 set out in Table 2.
2. Delegated authority to the Director of Skills to vary allocations by up to 10%.
3. Noted the outcome of the provider market engagement.
Item 7 Bus franchising consultation
Decision taken
The Combined Authority Board:
1. Agreed to launch a twelve-week public consultation on the franchising scheme.
2. Requested a report on the consultation responses in September.
Summary of decisions
1. Approved the Adult Skills Fund allocations for 2026/27 set out in Table 2.
2. Delegated authority to the Director of Skills to vary allocations by up to 10%.
3. Noted the outcome of the provider market engagement.
"""


def test_combined_authority_decision_form():
    found, _ = find_resolutions(COMBINED, doc_type="minutes")
    assert [(r.text, r.vote) for r in found] == [
        ("Approved the Adult Skills Fund allocations for 2026/27 set out in Table 2.", ""),
        ("Delegated authority to the Director of Skills to vary allocations by up to 10%.", ""),
        ("Noted the outcome of the provider market engagement.", ""),
        ("Agreed to launch a twelve-week public consultation on the franchising scheme.", ""),
        ("Requested a report on the consultation responses in September.", ""),
    ]


COMMUNITY = """Ardlochan Community Council
Minutes of the meeting held in the village hall on 4 June 2026
Present: Mr D Fraser (Chair), Ms E Innes (Secretary), Mrs F Munro, Mr G Ross
Item 4 Windfarm community benefit fund
Two applications had been received. It was agreed that the playgroup receive £1,200 towards
new flooring. Proposed: Mrs Munro. Seconded: Mr Ross. Carried unanimously.
Item 5 Path network
The CC agreed to write to the council's access officer about the broken stile at Allt Beag.
Item 6 Hall heating
All present were in agreement that the old boiler should be replaced before winter.
Secretary to obtain two quotes.
"""


def test_community_council_minutes():
    found, _ = find_resolutions(COMMUNITY, doc_type="minutes")
    assert [(r.minute, r.vote, r.text) for r in found] == [
        ("4", "unanimous", "the playgroup receive £1,200 towards new flooring."),
        ("5", "", "write to the council's access officer about the broken stile at Allt Beag."),
        ("6", "unanimous", "All present were in agreement that the old boiler should be replaced before winter."),
    ]
    assert (found[0].proposer, found[0].seconder) == ("Mrs Munro", "Mr Ross")


PARISH = """MINUTES OF THE MEETING OF LOWER WYCHCOMBE PARISH COUNCIL
HELD ON THURSDAY 16 APRIL 2026
Present: Cllrs Harper (Chair), Ibbotson, Jacques, Kaur, Lister
26/041 Planning
Application 26/00318/FUL, rear extension at 4 Mill Row: Resolved: no objection.
26/042 Finance
The following payments were authorised: Cllr Kaur proposed, Cllr Lister seconded
Payee\tDescription\tAmount
A Clerk\tSalary April\t£412.50
Wychcombe Village Hall\tRoom hire\t£36.00
26/043 Play area
Cllr Jacques proposed and Cllr Ibbotson seconded that the council obtain quotes for new safety
surfacing. This was carried.
26/044 Speed watch
The council noted the speed watch figures for March.
"""


def test_parish_council_minutes():
    found, _ = find_resolutions(PARISH, doc_type="minutes")
    assert [(r.minute, r.text) for r in found] == [
        ("26/041", "no objection."),
        ("26/042", "The following payments were authorised"),
        ("26/043", "the council obtain quotes for new safety surfacing."),
        ("26/044", "The council noted the speed watch figures for March."),
    ]


LIBRARY_REPORT = """Report to the Library Board
Meeting date: 14 May 2026
Subject: Opening hours and the mobile library
1. Purpose
1.1 To set out options for opening hours.
2. Recommendations
Members are recommended to agree:
(i) option B for branch opening hours from September 2026;
(ii) the replacement mobile library vehicle at a cost of up to £180,000; and
(iii) note the consultation summary at Appendix A.
3. Background
3.1 The Board asked for options at its last meeting.
"""


def test_library_board_report_recommendations():
    recs = find_recommendations(LIBRARY_REPORT)
    assert [(r.label, r.verb, r.text) for r in recs] == [
        ("i", "agree", "option B for branch opening hours from September 2026"),
        ("ii", "agree", "the replacement mobile library vehicle at a cost of up to £180,000"),
        ("iii", "note", "note the consultation summary at Appendix A."),
    ]
    assert find_resolutions(LIBRARY_REPORT, doc_type="report")[0] == []


BILINGUAL = """Cyngor Cymuned Llanfair / Llanfair Community Council
Cofnodion / Minutes of the meeting held on 12 May 2026
Yn bresennol / Present: Cyng. Jones (Cadeirydd / Chair), Cyng. Evans, Cyng. Price
45. Meinciau / Benches
Cytunwyd / Agreed: to buy two new benches for the playing field.
46. Cyllid / Finance
Penderfynwyd / Resolved: that the annual return be approved and signed.
"""


def test_bilingual_community_council_minutes():
    found, _ = find_resolutions(BILINGUAL, doc_type="minutes")
    assert [(r.minute, r.text) for r in found] == [
        ("45", "to buy two new benches for the playing field."),
        ("46", "the annual return be approved and signed."),
    ]
