"""Tracking across meetings: meetings, decisions, action_history and action_tracks."""
from __future__ import annotations

from datetime import date

import pytest

from flows.similarity import similarity
from flows.tracking import (action_state, add_tracking, body_key, decision_outcome, heading_date,
                            minute_key)
from tests.flows.tracking_corpus import corpus_frames

AS_OF = "2022-06-30"


@pytest.fixture(scope="module")
def tracked():
    return add_tracking(corpus_frames(), as_of=AS_OF)


def _one(df, **where):
    rows = df
    for col, value in where.items():
        rows = rows[rows[col] == value]
    assert len(rows) == 1, f"expected one row where {where}, got {len(rows)}"
    return rows.iloc[0]


# ---------------------------------------------------------------- rules
def test_state_from_printed_status():
    assert action_state("Completed") == "closed"
    assert action_state("Closed") == "closed"
    assert action_state("In progress") == "open"
    assert action_state("Ongoing") == "open"
    assert action_state("Not yet complete") == "open"
    assert action_state("") == "open"
    assert action_state("Action complete - removed from log") == "closed"
    assert action_state("Incomplete") == "open"
    assert action_state("N/A") == "open"             # not applicable says nothing about being done


def test_minute_and_body_keys():
    assert minute_key("45.") == minute_key("45") == "45"
    assert minute_key("Min 5.2") == "5.2"
    assert body_key("CABINET") == body_key("The Cabinet") == "cabinet"
    assert body_key("Adults & Health Committee") == body_key("Adults and Health Committee")
    assert body_key("Cabinet") != body_key("Full Council")


def test_log_block_heading_gives_the_meeting_an_action_arose_at():
    assert heading_date("ACTION LOG\nMeeting 24 June 2021\t\t\t\nMinute No.\tReport Title\n10\t") == "2021-06-24"
    assert heading_date("Meeting 24 June 2021\n10\t...\nMeeting 22 September 2021\n22.\t") == "2021-09-22"
    assert heading_date("Committee date: 14/10/2021\n") == "2021-10-14"
    # a sentence that mentions a meeting is not a heading
    assert heading_date("Members agreed at the meeting on 9 December 2021 to ...") == ""


def test_similarity_pairs_a_log_rewording_but_not_another_action():
    minute = ("Requested that Covid 19 Updates were scheduled on to the agenda plan for future meetings due to "
              "the current situation.")
    assert similarity(minute, "Covid 19 Updates to be scheduled on to the agenda plan for future meetings.") > 0.55
    assert similarity(minute, "Requested that Members visited the Smart Flat when it was up and running.") < 0.3


def test_outcome_rules_on_corpus_wordings():
    rec = "AGREE the Capital budget changes."
    assert decision_outcome(rec, {"text": "Agree the Capital budget changes.", "verb": "agree"}, 1.0) \
        == "agreed as recommended"
    assert decision_outcome(rec, None, None) == "no decision found"
    assert decision_outcome(rec, {"text": "This item was deferred.", "verb": ""}, 0.4) == "deferred"
    # asked to note, and noted: agreed as recommended (GUIDELINES v1.3 "decision links")
    assert decision_outcome("NOTE the forecast capital underspend of £111.6m.",
                            {"text": "Note the forecast capital underspend of £111.6m.", "verb": "note"}, 1.0) \
        == "agreed as recommended"
    # asked to decide, and only noted
    assert decision_outcome("APPROVE the capital budget changes.",
                            {"text": "Noted the capital budget changes.", "verb": "note"}, 0.8) == "noted"
    assert decision_outcome("approve the proposals", {"text": "approve the proposals as amended", "verb": "approve"},
                            0.9) == "agreed with amendment"


# ---------------------------------------------------------------- meetings
def test_kent_cabinet_meetings_are_one_body_linked_in_order(tracked):
    m = tracked["meetings"]
    jan9 = _one(m, meeting_date="2025-01-09")
    jan30 = _one(m, meeting_date="2025-01-30")
    assert body_key(jan9.body) == body_key(jan30.body) == "cabinet"
    assert jan9.next_meeting_id == jan30.meeting_id
    assert jan30.previous_meeting_id == jan9.meeting_id
    assert jan30.sequence == jan9.sequence + 1
    assert "minutes" in jan30.part_types and "report" in jan30.part_types
    assert "minutes approved" in jan9.part_types      # the 30 January minutes speak of it


def test_embedded_minutes_make_their_own_meeting(tracked):
    m = tracked["meetings"]
    dec9 = _one(m, meeting_date="2021-12-09")
    jan13 = _one(m, meeting_date="2022-01-13")
    assert dec9.next_meeting_id == jan13.meeting_id
    assert dec9.part_types == "minutes" and "action_log" in jan13.part_types
    assert not (m["body"].map(body_key) == "cabinet").loc[m["meeting_date"] == "2021-12-09"].any()


# ---------------------------------------------------------------- decisions
def test_approval_of_previous_minutes_is_a_decision(tracked):
    d = tracked["decisions"]
    row = _one(d, minutes_of="2025-01-09")
    assert row.basis == "minutes only" and row.outcome == "agreed"
    assert row.minutes_of_meeting_id == _one(tracked["meetings"], meeting_date="2025-01-09").meeting_id
    assert row.file.endswith("kent-cabinet-2025-01-30-minutes.pdf") and row.page == 1
    assert "correct record" in row.evidence


def test_report_recommendations_meet_their_resolutions(tracked):
    d = tracked["decisions"]
    agree = _one(d, recommendation="AGREE the Capital budget changes.")
    assert agree.resolution == "Agree the Capital budget changes."
    assert agree.outcome == "agreed as recommended" and agree.similarity >= 0.8
    note = d[d["recommendation"].str.startswith("NOTE the forecast revenue overspend")].iloc[0]
    assert note.resolution.startswith("Note the forecast revenue overspend")
    assert note.outcome == "agreed as recommended"          # asked to note it, and noted it
    # the minutes excerpt does not resolve clause f: no decision, and not matched to another clause
    missing = d[d["recommendation"].str.startswith("NOTE the Reserves")].iloc[0]
    assert missing.outcome == "no decision found" and missing.res_id == ""
    assert missing.basis == "report only" and missing.file.endswith("budget-monitoring-report.pdf")
    assert missing.minutes_found              # the 30 January minutes are in: the decision is missing from them


def test_unrecommended_resolution_stands_alone(tracked):
    d = tracked["decisions"]
    row = d[d["resolution"].str.contains("Commissioning Plan for Education")].iloc[0]
    assert row.basis == "minutes only" and row.rec_id == ""


def test_every_tracking_row_carries_file_page_and_evidence(tracked):
    for name in ("decisions", "action_history", "action_tracks"):
        df = tracked[name]
        assert len(df)
        assert (df["file"] != "").all(), name
        assert df["page"].notna().all(), name
        assert (df["evidence"].str.len() > 10).all(), name


# ---------------------------------------------------------------- actions
def test_every_action_row_is_a_sighting(tracked):
    h = tracked["action_history"]
    assert len(h) == 5
    marked = _one(h, minute="45", source="marked")
    assert marked.meeting_date == "2021-12-09" and "**ACTION**" in marked.evidence
    assert set(h[h["doc_id"] == "cambsjan"]["minute"]) == {"45", "22.", "35."}


def test_minute_45_is_followed_to_its_closing_log(tracked):
    h, t = tracked["action_history"], tracked["action_tracks"]
    marked = _one(h, minute="45", source="marked")
    later = _one(h, minute="45.", source="log")
    assert later.track_id == marked.track_id and later.sequence == 2 and later.match == "minute+text"
    track = _one(t, track_id=marked.track_id)
    assert track.first_raised == "2021-12-09" and track.last_seen == "2022-03-17"
    assert track.state == "closed" and track.closed_on == "2022-03-17"
    assert track.days_open == 98 and not track.overdue
    assert track.owner == "Jyoti Atri" and track.sightings == 2


def test_open_action_past_due_is_overdue(tracked):
    t = tracked["action_tracks"]
    dental = t[t["text"].str.startswith("Raised concerns that it was difficult")].iloc[0]
    assert dental.sightings == 2 and dental.state == "open"
    assert dental.due_date == "2022-01-31" and dental.overdue
    # first seen in the 13 January 2022 log, under its "Meeting 22 September 2021" heading
    assert dental.first_raised == "2021-09-22"
    assert dental.days_open == (date(2022, 6, 30) - date(2021, 9, 22)).days


def test_two_rows_of_one_log_stay_two_actions(tracked):
    h = tracked["action_history"]
    jan_log = h[h["part_id"] == "jan-log"]
    assert jan_log["track_id"].nunique() == len(jan_log) == 2
    smart_flat = _one(tracked["action_tracks"], minute="22.")
    assert smart_flat.sightings == 1 and smart_flat.state == "closed"


def test_same_minute_number_of_another_body_is_another_action():
    frames = corpus_frames(with_kent=False)
    docs = frames["documents"].copy()
    docs.loc[docs["doc_id"] == "cambsmar", "body"] = "Cheshire East Health and Wellbeing Board"
    tracked = add_tracking({**frames, "documents": docs}, as_of=AS_OF)
    h = tracked["action_history"]
    assert h[h["minute"].isin(["45", "45."])]["track_id"].nunique() == 2


# ---------------------------------------------------------------- pairing rules (corpus sentences)
def _rec(text, **kw):
    return {"text": text, "doc_id": "r", "item_id": "", "part_id": "", **kw}


def test_minutes_of_different_meetings_never_pair():
    from flows.tracking import Context, pair_score

    ctx = Context({})
    rec = _rec("To approve the minutes of the meeting held on 24 November 2020.")
    other = _rec("That the minutes of the meeting held on 22 September 2020 be approved as a correct record.")
    same = _rec("That the minutes of the meeting held on 24th November 2020 be approved as a correct record.")
    assert pair_score(rec, other, ctx)[0] == 0.0
    assert pair_score(rec, same, ctx)[0] > 0.45


def test_few_shared_words_without_a_shared_topic_do_not_pair():
    from flows.tracking import Context, pair_score

    ctx = Context({})
    rec = _rec("support the principles and priorities set out in section 5.4.")
    res = _rec("Procuring transport provider in line with the recommended option as set out in paragraph 2",
               item_title="Adult Social Care Transport Tendering")
    assert pair_score(rec, res, ctx)[0] == 0.0
    # a short resolution pairs when its minute's title is what the recommendation is about
    rec = _rec("To receive an update on the Cheshire East Place Partnership.")
    res = _rec("That the update be received.", item_title="Cheshire East Place Partnership Update")
    score, _generic = pair_score(rec, res, ctx)
    assert score > 0
    assert decision_outcome(rec["text"], {**res, "verb": "receive"}, score) == "noted"


def test_carried_amendment_under_the_minute_means_agreed_with_amendment():
    rec = "Approve the award of a contract to the existing provider of £1,622,790."
    res = {"text": "Approve the award of a contract to the existing provider of £1,622,790.", "verb": "approve"}
    assert decision_outcome(rec, res, 1.0) == "agreed as recommended"
    assert decision_outcome(rec, res, 1.0, amended=True) == "agreed with amendment"


def test_a_report_asking_for_its_proposed_decision_pairs_by_subject():
    """Kent's ICS report asks Cabinet "to consider and agree to the proposed decision"; minute 91 of the
    30 January 2025 minutes, titled as the report's Subject line, records what was agreed."""
    import pandas as pd

    from flows.tracking import Context, pair_score

    # The structure extractor makes a report's Subject line its part's title.
    ctx = Context({"documents": pd.DataFrame([{"doc_id": "ics", "doc_type": "report", "title": "From: Roger Gough,"}]),
                   "parts": pd.DataFrame([{"doc_id": "ics", "part_id": "p", "part_type": "report",
                                           "title": "Kent County Council Integrated Care Strategy (KCC ICS)"}])})
    rec = {"text": "consider and agree to the proposed decision, as detailed in the attached PROD.",
           "doc_id": "ics", "item_id": "", "part_id": "p"}
    assert ctx.topic(rec) == "Kent County Council Integrated Care Strategy (KCC ICS)"
    adopt = {"text": "Adopt the Integrated Care Strategy Delivery Plan on behalf of Kent County Council",
             "item_title": "24/00115 - Kent County Council Integrated Care Strategy (KCC ICS)", "doc_id": "m"}
    budget = {"text": "Cabinet considered the proposed amendments from Cabinet Committees and endorsed the draft "
                      "budget to be presented to County Council on 13th February for final decisions.",
              "item_title": "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme", "doc_id": "m"}
    assert pair_score(rec, adopt, ctx)[1] is True
    assert pair_score(rec, budget, ctx)[0] == 0.0


def test_comment_resolutions_are_noted_not_agreed():
    text = ("Review and comment on the relevant sections of the People and Communities and Public Health "
            "Finance Monitoring Report")
    assert decision_outcome("", {"text": text, "verb": "review"}, 1.0) == "noted"
    endorse = ("Review the current position on Public Health reserves and endorse, for approval by Strategy and "
               "Resources Committee")
    assert decision_outcome("", {"text": endorse, "verb": "review"}, 1.0) == "agreed as recommended"
    budget = ("Cabinet considered the proposed amendments from Cabinet Committees and endorsed the draft budget "
              "to be presented to County Council on 13th February for final decisions.")
    assert decision_outcome("", {"text": budget, "verb": "consider"}, 1.0) == "agreed as recommended"


def test_a_resolution_quoted_in_a_report_is_not_the_reports_meeting():
    """The 4 March 2025 call-in report quotes the Scrutiny Committee's 29 January resolution."""
    from extractors.records import Document, Resolution
    from flows.tables import build_frames

    text = "RESOLVED that the Scrutiny Committee refer the matter to full Council for review."
    frames = build_frames({
        "documents": [Document(doc_id="callin", source_path="corpora/pdfs/kent-cabinet-2025-03-04-call-in-report.pdf",
                               doc_type="report", body="Cabinet", meeting_date="2025-03-04")],
        "resolutions": [Resolution(text="refer the matter to full Council for review.", doc_id="callin",
                                   res_id="r1", page=1, char_start=text.index("refer"), char_end=len(text))]})
    d = add_tracking(frames, as_of=AS_OF)["decisions"].iloc[0]
    assert d.meeting_id == "" and d.meeting_date == "" and d.basis == "minutes only"


def test_minutes_restating_an_action_under_a_new_minute_number_continue_it():
    from extractors.records import Action, Document
    from flows.tables import build_frames

    said = ("Requested that Covid 19 Updates were scheduled on to the agenda plan for future meetings due to "
            "the current situation.")
    again = "Covid 19 Updates were scheduled on to the agenda plan for future meetings."
    smart = "Requested that Members visited the Smart Flat when it was up and running."
    docs = [Document(doc_id=d, source_path=f"{d}.txt", doc_type="minutes", body="Adults and Health Committee",
                     meeting_date=when) for d, when in (("dec", "2021-12-09"), ("jan", "2022-01-13"))]
    acts = [Action(text=said, minute="45", source="marked", doc_id="dec", action_id="a1", page=1),
            Action(text=again, minute="53", source="marked", doc_id="jan", action_id="a2", page=1),
            Action(text=smart, minute="54", source="marked", doc_id="jan", action_id="a3", page=1)]
    h = add_tracking(build_frames({"documents": docs, "actions": acts}), as_of=AS_OF)["action_history"]
    track = dict(zip(h["sighting_id"], h["track_id"]))
    assert track["a1"] == track["a2"] and track["a3"] != track["a1"]


def test_a_fault_in_tracking_never_costs_the_extracted_tables(tmp_path, monkeypatch, capsys):
    import flows.tracking.hooks as tracking

    def broken(*_args, **_kw):
        raise RuntimeError("boom")

    monkeypatch.setattr(tracking, "add_tracking", broken)
    frames = tracking.prepare_tables(corpus_frames(), tmp_path)
    assert len(frames["actions"]) == 5 and len(frames["action_tracks"]) == 0
    assert list(frames["decisions"].columns)[0] == "decision_id"
    assert "tracking tables left empty: RuntimeError: boom" in capsys.readouterr().err


@pytest.mark.slow
def test_cambridgeshire_pack_minute_45_and_every_log_row_are_in_action_history(tmp_path):
    """Acceptance (issue 7): the Covid-updates action of minute 45 and each row of the action log of the
    13 January 2022 Cambridgeshire pack appear in action_history, each with file, page and evidence."""
    import pandas as pd

    from flows.pipeline import run_local
    from tests.conftest import TEXTS

    run_local([TEXTS / "cambs-ahc-2022-01-13-agenda-pack.txt"], tmp_path)
    h = pd.read_csv(tmp_path / "action_history.csv", dtype=str).fillna("")
    covid = h[h["text"].str.contains("Covid 19 Updates were scheduled on to the agenda plan")]
    assert len(covid) == 1 and covid.iloc[0].meeting_date == "2021-12-09"
    log = h[h["part_type"] == "action_log"]
    assert {m.rstrip(".") for m in log["minute"]} >= {"10", "11", "22", "27", "35"}
    assert (h["file"] != "").all() and (h["page"] != "").all() and (h["evidence"].str.len() > 20).all()
    t = pd.read_csv(tmp_path / "action_tracks.csv", dtype=str).fillna("")
    smart_flat = t[t["text"].str.startswith("Requested that Members visited the Smart Flat")].iloc[0]
    assert smart_flat.state == "closed" and smart_flat.first_raised == "2021-09-22"
