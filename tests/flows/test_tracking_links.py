"""Linking recommendations to the resolutions that decided them (issue 18, Build 1-4).

The papers are written for the test: small frames of documents, parts and
clauses as the extractors make them, for a county council, its cabinet and a
neighbouring council's cabinet.
"""
from __future__ import annotations

import pandas as pd
import pytest

from extractors.records import Document, Motion, Page, Part, Recommendation, Resolution, make_id
from flows.evaluate import evaluate_links, format_links
from flows.tables import build_frames
from flows.tracking import add_tracking

AS_OF = "2025-06-30"
ORG = "Northshire County Council"


class Paper:
    """One document with its text; clauses are found in the text by their words."""

    def __init__(self, doc_id, path, doc_type, body, when, organisation="", title="", part_type=None):
        self.doc_id, self.text, self.rows = doc_id, "", {"recommendations": [], "resolutions": [], "motions": []}
        self.doc = Document(doc_id=doc_id, source_path=path, doc_type=doc_type, body=body, meeting_date=when,
                            organisation=organisation, title=title, pages=1)
        self.part = Part(doc_id=doc_id, part_id=f"{doc_id}-p", part_type=part_type or doc_type, title=title,
                         meeting_date=when, page_start=1, page_end=1)

    def _add(self, text):
        start = len(self.text)
        self.text += text + "\n"
        return start, start + len(text)

    def rec(self, text, label=""):
        s, e = self._add(text)
        self.rows["recommendations"].append(Recommendation(
            text=text, label=label, verb=text.split()[0].lower(), char_start=s, char_end=e, doc_id=self.doc_id,
            part_id=self.part.part_id, page=1, rec_id=make_id(self.doc_id, "rec", s, e)))
        return self

    def res(self, text, minute, heading, **kw):
        s, e = self._add(text)
        self.rows["resolutions"].append(Resolution(
            text=text, verb=text.split()[0].lower(), minute=minute, item_title=heading, char_start=s, char_end=e,
            doc_id=self.doc_id, part_id=self.part.part_id, page=1, res_id=make_id(self.doc_id, "res", s, e), **kw))
        return self

    def amendment(self, text, minute, outcome="carried"):
        s, e = self._add(text)
        self.rows["motions"].append(Motion(text=text, kind="amendment", minute=minute, outcome=outcome,
                                           char_start=s, char_end=e, doc_id=self.doc_id, page=1,
                                           motion_id=make_id(self.doc_id, "motion", s, e)))
        return self


def track(*papers: Paper) -> dict[str, pd.DataFrame]:
    tables: dict[str, list] = {"documents": [], "pages": [], "parts": [], "recommendations": [],
                               "resolutions": [], "motions": []}
    for p in papers:
        p.doc.chars = len(p.text)
        p.part.char_end = len(p.text)
        tables["documents"].append(p.doc)
        tables["pages"].append(Page(doc_id=p.doc_id, page=1, char_start=0, char_end=len(p.text), text=p.text))
        tables["parts"].append(p.part)
        for name, rows in p.rows.items():
            tables[name] += rows
    return add_tracking(build_frames(tables), as_of=AS_OF)


def rows_for(decisions: pd.DataFrame, words: str) -> pd.DataFrame:
    return decisions[decisions["recommendation"].str.contains(words, regex=False)]


def report(doc_id="rep", body="County Council", when="2025-01-09", organisation="", title="Local Transport Plan"):
    return Paper(doc_id, f"{doc_id}.pdf", "report", body, when, organisation, title)


def minutes(doc_id="min", body=ORG, when="2025-01-09", organisation=ORG):
    return Paper(doc_id, f"{doc_id}.pdf", "minutes", body, when, organisation, "MINUTES")


# -- Build 1: one meeting, whatever the spelling ------------------------------------------------

def test_a_report_to_full_council_and_the_councils_minutes_are_one_meeting():
    rep = report(body="Full Council").rec("Approve the Local Transport Plan 2025-2030.")
    mins = minutes().res("Approves the Local Transport Plan 2025-2030.", "12", "Local Transport Plan")
    out = track(rep, mins)
    m = out["meetings"]
    assert len(m) == 1
    meeting = m.iloc[0]
    assert (meeting.organisation, meeting.body, meeting.meeting_date) == (ORG, "County Council", "2025-01-09")
    d = out["decisions"].iloc[0]
    assert d.basis == "matched" and d.outcome == "agreed as recommended" and d.meeting_id == meeting.meeting_id
    assert d.organisation == ORG


def test_two_councils_cabinets_on_one_day_are_two_meetings():
    ours = report("rep", "Cabinet", "2025-02-06", ORG).rec("Agree the Bus Service Improvement Plan.")
    theirs = minutes("other", "Cabinet", "2025-02-06", "Southshire County Council").res(
        "Agree the Bus Service Improvement Plan.", "7", "Bus Service Improvement Plan")
    out = track(ours, theirs)
    assert len(out["meetings"]) == 2
    d = rows_for(out["decisions"], "Bus Service").iloc[0]
    assert d.res_id == "" and d.outcome == "awaiting minutes"   # our cabinet's minutes are not in


def test_a_domain_only_paper_takes_its_organisations_printed_name():
    rep = report("rep", "Cabinet", "2025-02-06", "northshire.gov.uk").rec("Agree the Bus Plan.")
    mins = minutes("min", "Cabinet", "2025-02-06", ORG).res("Agree the Bus Plan.", "7", "Bus Plan")
    out = track(rep, mins)
    assert list(out["meetings"]["organisation"]) == [ORG]
    assert out["decisions"].iloc[0].basis == "matched"


# -- Build 3: linking -------------------------------------------------------------------------

def test_each_recommendation_meets_the_clause_that_restates_it():
    rep = (report(title="Revenue Budget Monitoring")
           .rec("NOTE the forecast overspend of £12.1m.", "a")
           .rec("AGREE the capital budget changes.", "b")
           .rec("NOTE the reserves monitoring.", "c"))
    mins = (minutes()
            .res("Note the forecast overspend of £12.1m.", "41", "25/00012 - Revenue Budget Monitoring")
            .res("Agree the capital budget changes.", "41", "25/00012 - Revenue Budget Monitoring")
            .res("Note the reserves monitoring.", "41", "25/00012 - Revenue Budget Monitoring"))
    d = track(rep, mins)["decisions"]
    for words in ("forecast overspend", "capital budget", "reserves"):
        row = rows_for(d, words).iloc[0]
        assert words.split()[-1] in row.resolution
        # asked to note, and noted: agreed as recommended
        assert row.outcome == "agreed as recommended" and row.matched_by == "wording"
    assert len(d) == 3


def test_the_recommendations_be_agreed_decides_every_recommendation():
    rep = report(title="Library Opening Hours").rec("Approve the new opening hours.").rec(
        "Delegate the timetable to the Director of Libraries.")
    mins = minutes().res("That the recommendations in the report be agreed.", "15", "Library Opening Hours")
    d = track(rep, mins)["decisions"]
    assert len(d) == 2
    assert set(d["outcome"]) == {"agreed as recommended"} and set(d["matched_by"]) == {"all recommendations"}
    assert d["res_id"].nunique() == 1


def test_agree_the_proposed_decision_is_decided_by_every_clause_of_its_minute():
    rep = report(body="Cabinet", organisation=ORG, title="Northshire Carers Strategy").rec(
        "consider and agree to the proposed decision, as detailed in the attached PROD.")
    mins = (minutes(body="Cabinet")
            .res("Adopt the Carers Strategy on behalf of the Council", "60", "25/00031 - Northshire Carers Strategy")
            .res("Delegate authority to the Director of Adult Care to revise the Strategy", "60",
                 "25/00031 - Northshire Carers Strategy")
            .res("Agree the school term dates for 2026-27", "61", "School Term Dates"))
    d = track(rep, mins)["decisions"]
    linked = d[d["rec_id"] != ""]
    assert len(linked) == 2 and set(linked["minute"]) == {"60"}
    assert set(linked["matched_by"]) == {"proposed decision"}
    assert set(linked["outcome"]) == {"agreed as recommended"}
    assert d[d["minute"] == "61"].iloc[0].basis == "minutes only"


def test_a_specific_proposed_decision_meets_only_its_own_clause():
    rep = (report(title="Devolution")
           .rec("Endorse the proposed decision by the Leader to apply for the devolution programme")
           .rec("Note that the programme will commit the county to a mayoral election"))
    mins = (minutes()
            .res("Endorses the proposed decision by the Leader to apply for the devolution programme", "9",
                 "Devolution")
            .res("Notes that the programme will commit the county to a mayoral election", "9", "Devolution")
            .res("Expects the process to be open to the public.", "9", "Devolution"))
    d = track(rep, mins)["decisions"]
    endorse = rows_for(d, "Endorse the proposed")
    assert len(endorse) == 1 and endorse.iloc[0].resolution.startswith("Endorses")
    assert d[d["resolution"].str.startswith("Expects")].iloc[0].basis == "minutes only"


def test_a_carried_amendment_that_rewords_a_recommendation_makes_it_amended():
    rep = report(title="Home to School Transport").rec("Approve the award of the contract of £1,250,000.", "a").rec(
        "Note the consultation responses.", "b")
    mins = (minutes()
            .amendment("In the recommendation, after \"£1,250,000\" insert \", subject to no challenge being "
                       "received within ten days\"", "22")
            .res("Approve the award of the contract of £1,250,000, subject to no challenge being received within "
                 "ten days.", "22", "Home to School Transport")
            .res("Note the consultation responses.", "22", "Home to School Transport"))
    d = track(rep, mins)["decisions"]
    assert rows_for(d, "award").iloc[0].outcome == "agreed with amendment"
    assert rows_for(d, "consultation").iloc[0].outcome == "agreed as recommended"


def test_an_amendment_adding_a_clause_leaves_the_recommendations_agreed():
    rep = report(title="Devolution").rec("Endorse the joint work on devolution.").rec(
        "Note the timetable for reorganisation.")
    restated = ("County Council is asked to: (1) Endorse the joint work on devolution. (2) Note the timetable for "
                "reorganisation. (3) Expects as much openness as possible.")
    mins = (minutes().amendment(restated, "285")
            .res("Endorses the joint work on devolution.", "285", "Devolution")
            .res("Notes the timetable for reorganisation.", "285", "Devolution")
            .res("Expects as much openness as possible.", "285", "Devolution"))
    d = track(rep, mins)["decisions"]
    assert set(d[d["rec_id"] != ""]["outcome"]) == {"agreed as recommended"}


def test_an_amendment_that_was_lost_changes_nothing():
    rep = report(title="Parking Charges").rec("Approve the parking charges of £2.50 an hour.", "c")
    mins = (minutes().amendment("Delete recommendation c) and replace with a freeze.", "30", outcome="lost")
            .res("Approve the parking charges of £2.50 an hour.", "30", "Parking Charges"))
    assert track(rep, mins)["decisions"].iloc[0].outcome == "agreed as recommended"


@pytest.mark.parametrize("clause, outcome", [
    ("That the report be noted.", "noted"),
    ("That the item be deferred to the next meeting.", "deferred"),
])
def test_a_minute_that_only_notes_or_defers_the_item(clause, outcome):
    rep = report(title="Leisure Centre Options").rec("Approve option 2 for the leisure centre.")
    mins = minutes().res(clause, "18", "Leisure Centre Options")
    d = track(rep, mins)["decisions"].iloc[0]
    assert d.outcome == outcome and d.matched_by == "agenda item" and d.minute == "18"


def test_minutes_found_without_a_decision_is_kept_apart_from_minutes_not_in():
    rep = report(title="Coastal Path").rec("Agree the route of the coastal path.")
    other_item = minutes().res("Agree the annual audit letter.", "3", "Annual Audit Letter")
    d = track(rep, other_item)["decisions"]
    row = rows_for(d, "coastal").iloc[0]
    assert row.outcome == "no decision found" and row.minutes_found
    alone = track(report(title="Coastal Path").rec("Agree the route of the coastal path."))["decisions"].iloc[0]
    assert alone.outcome == "awaiting minutes" and not alone.minutes_found


def test_minutes_and_a_decision_record_of_one_meeting_each_get_a_link():
    rep = report("rep", "Planning Committee", "2025-03-20", ORG, "Land at Mill Lane").rec(
        "Grant planning permission for 40 homes at Mill Lane.")
    mins = minutes("min", "Planning Committee", "2025-03-20").res(
        "Grant planning permission for 40 homes at Mill Lane.", "5", "Land at Mill Lane")
    record = Paper("dec", "dec.pdf", "decision", "Planning Committee", "2025-03-20", ORG, "Decision notice").res(
        "Grant planning permission for 40 homes at Mill Lane, with conditions.", "", "Land at Mill Lane")
    d = track(rep, mins, record)["decisions"]
    linked = d[d["rec_id"] != ""]
    assert set(linked["res_file"]) == {"min.pdf", "dec.pdf"}


# -- Build 4: evidence -------------------------------------------------------------------------

def test_each_link_carries_its_minute_heading_page_and_scores():
    rep = report(title="Local Transport Plan").rec("Approve the Local Transport Plan 2025-2030.")
    mins = minutes().res("Approves the Local Transport Plan 2025-2030.", "12", "12/25 Local Transport Plan")
    d = track(rep, mins)["decisions"].iloc[0]
    assert d.minute == "12" and d.minute_heading == "12/25 Local Transport Plan"
    assert d.res_file == "min.pdf" and d.res_page == 1 and d.rec_file == "rep.pdf" and d.rec_page == 1
    assert d.report_title == "Local Transport Plan"
    assert 0.7 <= d.similarity <= 1 and d.item_similarity >= 0.5
    assert "Approves the Local Transport Plan" in d.evidence


# -- the scorer's link rules (flows/evaluate.py) ---------------------------------------------------

def test_links_are_scored_as_the_shared_scorer_scores_them(tmp_path):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir(), pred.mkdir()
    (gold / "links.tsv").write_text(
        "report\trecommendation\tminutes\tresolution\toutcome\n"
        "rep\tApprove the plan for the new library\tmin\tApproves the plan for the new library\tagreed\n"
        "rep\tNote the spending on the old library\tmin\tNotes the spending on the old library\tagreed\n",
        encoding="utf-8")
    pd.DataFrame([
        {"rec_file": "x/rep.pdf", "recommendation": "Approve the plan for the new library", "file": "x/min.pdf",
         "resolution": "Approves the plan for the new library", "outcome": "agreed as recommended"},
        {"rec_file": "x/rep.pdf", "recommendation": "Note the spending on the old library", "file": "x/min.pdf",
         "resolution": "Agree the school term dates", "outcome": "agreed"},
    ]).to_csv(pred / "decisions.csv", index=False)
    links = evaluate_links(gold, pred)
    assert (links["found"], links["wrong"], links["outcome_accuracy"]) == (1, 1, 1.0)
    assert format_links(links) == "links: 1/2 found (recall 0.50), 1 wrong, outcome_accuracy=1.00"
    assert evaluate_links(pred, pred) is None      # no links.tsv: no line


def test_a_persons_name_or_a_sentence_is_no_minute_heading():
    rep = report(title="Fostering Update").rec("Note the fostering recruitment figures.")
    mins = (minutes()
            .res("the update was noted.", "4", "Jo Bloggs, Service Manager Fostering and Adoption")
            .res("the work programme was noted.", "5", "In response to comments and questions it was said:"))
    d = track(rep, mins)["decisions"]
    assert set(d["minute_heading"]) == {""}
    # with no heading to go by, a few shared words are not enough to link
    assert rows_for(d, "fostering").iloc[0].res_id == ""


@pytest.mark.parametrize("rec, res, outcome", [
    ("Refuse planning permission for the extension.", "Refused planning permission for the extension.",
     "agreed as recommended"),
    ("Grant planning permission for the extension.", "Refused planning permission for the extension.", "not agreed"),
    ("Defer the decision on the depot until the survey is back.",
     "That the decision on the depot be deferred until the survey is back.", "agreed as recommended"),
    ("Approve the sale of the depot.", "That the sale of the depot be deferred.", "deferred"),
])
def test_a_meeting_doing_what_the_report_recommends_agreed_it(rec, res, outcome):
    from flows.tracking import decision_outcome, pair_score
    from flows.tracking.context import Context

    score, generic = pair_score({"text": rec, "doc_id": "r"}, {"text": res, "doc_id": "m"}, Context({}))
    assert decision_outcome(rec, {"text": res, "verb": res.split()[0].lower()}, score or 1.0, generic) == outcome
