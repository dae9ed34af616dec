"""The clause classifier: candidate cutting, training labels, reproducibility, the spaCy component."""
from __future__ import annotations

import pytest
import spacy
from collections import Counter

from extractors.classifier import (DEFAULT_MODEL_PATH, ClauseClassifierComponent, Scored, add_model_records,
                                   is_repeat, select)
from extractors.records import Resolution
from extractors.spans import records_of, set_records
from models.candidates import cut_candidates, label_style, strip_lead
from models.clauses import (extra_examples, fit, frame, label_candidates, load, save,
                            training_examples)
from tests.conftest import corpus_text

# Quoted from corpora/text/cambs-ahc-2022-01-13-agenda-pack.txt (minute 46).
CAMBS_RESOLVED = (
    "It was resolved unanimously to:\n\n"
    "- a) Note the findings of the self-assessment.\n"
    "- b) Approve the public facing 'Local Account' for publication.\n\n"
    "47. Day Opportunities for Older People and Physical Disabilities\n\n"
    "The Committee received a report that detailed the Service's planned offer for activities for older "
    "people and those with physical disabilities in their local communities.\n"
)
# Quoted from corpora/pdfs/kent-cabinet-2025-01-30-budget-monitoring-report.pdf as converted (wrapped lines).
KENT_RECOMMENDATIONS = (
    "4. Recommendation(s)\n"
    "Cabinet is asked to:\n"
    "a) NOTE the forecast revenue overspend of £23.3m (excluding Schools).\n"
    "b) NOTE the forecast overspend on Schools' Delegated Budgets of £30.4m.\n"
    "f) NOTE the Reserves, Treasury Management and Prudential Indicators Monitoring\n"
    "5. Contact details\n"
    "Report Author\tRelevant Director\n"
)


def by_text(candidates):
    return {c.text: c for c in candidates}


# -- candidates ------------------------------------------------------------------------------

def test_list_items_carry_their_lead_in_and_lose_their_labels():
    cands = by_text(cut_candidates(CAMBS_RESOLVED))
    note = cands["Note the findings of the self-assessment."]
    assert "resolved unanimously" in note.context
    assert CAMBS_RESOLVED[note.char_start:note.char_end] == "Note the findings of the self-assessment."
    assert "resolved" in cands["Approve the public facing 'Local Account' for publication."].context


def test_narrative_after_the_decision_does_not_inherit_the_lead_in():
    cands = by_text(cut_candidates(CAMBS_RESOLVED))
    narrative = next(c for t, c in cands.items() if t.startswith("The Committee received a report"))
    assert "resolved" not in narrative.context


def test_a_new_list_style_ends_the_lead_in():
    cands = by_text(cut_candidates(KENT_RECOMMENDATIONS))
    assert "asked to" in cands["NOTE the forecast revenue overspend of £23.3m (excluding Schools)."].context
    # Wrapped PDF line of item f) is one clause; "5. Contact details" is the report's next section.
    assert "asked to" in cands["NOTE the Reserves, Treasury Management and Prudential Indicators Monitoring"].context
    assert "asked to" not in cands["Contact details"].context


def test_resolved_that_moves_to_context():
    # Kent Cabinet minutes, 9 January 2025, minute 82.
    (cand,) = cut_candidates("4. RESOLVED that Cabinet note the report.")
    assert cand.text == "Cabinet note the report."
    assert "RESOLVED that" in cand.context


def test_strip_lead_keeps_a_clause_that_has_no_lead_in():
    assert strip_lead("The Chair agreed to discuss with officers how a combined approach could be used.") == 0
    assert label_style("b) Approve the public facing 'Local Account'") == "alpha"
    assert label_style("2.1 That the Board notes") == "decimal"
    assert label_style("The Board received an update") == ""


def test_capital_headings_are_not_candidates():
    assert cut_candidates("CHESHIRE EAST PLACE PARTNERSHIP UPDATE\n") == []


# -- training labels -------------------------------------------------------------------------

def test_the_resolved_copy_is_the_resolution_and_the_quoted_motion_is_left_out():
    # Kent minute 83: the motion is quoted, then RESOLVED with the same words.
    text = ("the Leader put forward the motion that Cabinet consider the following proposal to:\n"
            "(a) Agree to request that the Minister consider postponing county elections scheduled for May 2025.\n\n"
            "The meeting adjourned for lunch.\n\n"
            "7. RESOLVED that Cabinet:\n"
            "3. Agree to request that the Minister consider postponing County elections scheduled for May 2025\n")
    cands = cut_candidates(text)
    gold = {"resolutions": [{"text": "Agree to request that the Minister consider postponing County elections "
                                     "scheduled for May 2025"}]}
    labels = label_candidates(cands, gold)
    resolved, = (i for i, c in enumerate(cands) if "RESOLVED that Cabinet:" in c.context)
    motion, = (i for i, c in enumerate(cands) if "proposal to:" in c.context)
    lunch, = (i for i, c in enumerate(cands) if c.text == "The meeting adjourned for lunch.")
    assert cands[resolved].context.startswith("3. |")
    assert (labels[resolved], labels[motion], labels[lunch]) == ("resolution", None, "other")


def test_extra_examples_cover_every_label():
    counts = Counter(e.label for e in extra_examples())
    assert set(counts) == {"recommendation", "resolution", "action", "other"}
    assert min(counts.values()) >= 5


# -- reproducibility -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_training_set():
    return training_examples(["cheshire-east-hwb-2021-01-26-agenda-pack"])


def test_same_seed_same_model(small_training_set, tmp_path):
    probe = frame(cut_candidates(CAMBS_RESOLVED + KENT_RECOMMENDATIONS))
    a, b = fit(small_training_set, seed=0), fit(small_training_set, seed=0)
    assert a.predict_proba(probe).tolist() == b.predict_proba(probe).tolist()
    from models.clauses import Artifact
    first = save(Artifact(a, 0, ["x"]), tmp_path / "a.joblib").read_bytes()
    second = save(Artifact(b, 0, ["x"]), tmp_path / "b.joblib").read_bytes()
    assert first == second


def test_training_labels_come_from_gold(small_training_set):
    resolutions = [e.text for e in small_training_set if e.label == "resolution" and e.source != "extra"]
    assert "That the update be noted." in resolutions
    others = [e.text for e in small_training_set if e.label == "other"]
    assert "There were no public speakers." in others


@pytest.mark.slow
def test_train_command_writes_a_loadable_artifact(tmp_path):
    from click.testing import CliRunner
    from flows.cli import cli

    out = tmp_path / "clf.joblib"
    result = CliRunner().invoke(cli, ["train", "--out", str(out), "--seed", "0"])
    assert result.exit_code == 0, result.output
    artifact = load(out)
    assert artifact.seed == 0 and artifact.label_counts["resolution"] > 20


# -- the shipped model on clear phrasings ----------------------------------------------------

@pytest.fixture(scope="module")
def shipped():
    artifact = load(DEFAULT_MODEL_PATH)
    assert artifact is not None, "models/clause_classifier.joblib missing: run `minutebook train`"
    return artifact.estimator


def predicted(estimator, text: str) -> list[str]:
    return list(estimator.predict(frame(cut_candidates(text))))


@pytest.mark.parametrize("text, label", [
    ("RESOLVED: That the Clerk renews the insurance policy with Zurich Municipal.", "resolution"),
    ("It was resolved by a majority to:\n\na) approve the allotment rents for 2026.", "resolution"),
    ("The Board is asked to:\n\na) approve the Quality Account for publication.", "recommendation"),
    ("Recommendation: That the Committee approves the fees and charges for 2025/26.", "recommendation"),
    ("Clerk to write to the highways authority about the flooding on Mill Lane.", "action"),
])
def test_clear_phrasings(shipped, text, label):
    assert predicted(shipped, text)[-1] == label


@pytest.mark.parametrize("text", [
    "The working party hoped to resolve the dispute over the allotment boundary before the spring.",
    "Healthwatch recommended that the trust should publish its waiting times every month.",
    "There were no questions from members of the public.",
])
def test_narrative_resolve_and_recommend_are_other(shipped, text):
    assert predicted(shipped, text) == ["other"]


# -- the component ---------------------------------------------------------------------------

def nlp_with(model_path: str, threshold: float = 0.85):
    nlp = spacy.blank("en")
    nlp.add_pipe("minutebook_clause_classifier", config={"model_path": model_path, "threshold": threshold})
    return nlp


def test_pipeline_runs_on_rules_alone_without_the_artifact(tmp_path):
    from extractors.pipeline import COMPONENTS, build_nlp, run_components

    assert "minutebook_clause_classifier" in COMPONENTS
    doc = nlp_with(str(tmp_path / "absent.joblib"))(CAMBS_RESOLVED)
    assert all(not records_of(doc, kind) for kind in ("recommendations", "resolutions", "actions"))
    nlp = build_nlp()
    nlp.replace_pipe("minutebook_clause_classifier", "minutebook_clause_classifier",
                     config={"model_path": str(tmp_path / "absent.joblib")})
    doc = run_components(nlp, corpus_text("cheshire-east-hwb-2021-01-26-agenda-pack.txt"))
    assert all(r.method == "rules" for r in records_of(doc, "resolutions"))


def test_component_adds_model_records_only_where_rules_found_nothing(shipped):
    nlp = spacy.blank("en")
    doc = nlp.make_doc(CAMBS_RESOLVED)
    first = CAMBS_RESOLVED.index("Note the findings")
    rule = Resolution(text="Note the findings of the self-assessment.", char_start=first,
                      char_end=first + len("Note the findings of the self-assessment."))
    set_records(doc, "resolutions", [rule])
    added = add_model_records(doc, shipped, threshold=0.85)
    texts = [r.text for r in records_of(doc, "resolutions")]
    assert texts.count("Note the findings of the self-assessment.") == 1
    assert [r.text for r in added["resolutions"]] == ["Approve the public facing 'Local Account' for publication."]
    assert added["resolutions"][0].method == "model"
    assert records_of(doc, "resolutions")[0] is rule


def test_select_threshold_overlap_and_repeats():
    scored = [Scored("note the report.", 0, 16, "resolution", 0.99),
              Scored("approve the budget.", 20, 39, "resolution", 0.80),            # below threshold
              Scored("agree the plan for winter services.", 40, 75, "recommendation", 0.95),
              Scored("Agree the plan for winter services", 90, 124, "recommendation", 0.95),  # repeat
              Scored("The Chair welcomed everyone.", 130, 158, "other", 0.99)]
    chosen = select(scored, taken=[(0, 10)], found={}, threshold=0.85)
    assert [s.char_start for s in chosen] == [40]


def test_repeats_with_trivial_differences():
    def bag(t):
        return Counter(t.lower().replace(".", "").split())
    assert is_repeat(bag("NOTE the forecast revenue overspend of £23.3m (excluding Schools)."),
                     bag("NOTE the forecast revenue overspend of £23.3m (excluding Schools) and the actions "
                         "being taken to mitigate it"))
    assert not is_repeat(bag("note the report"), bag("note the report of the auditor on the pension fund"))


def test_component_loads_the_artifact_once(shipped):
    a = ClauseClassifierComponent(DEFAULT_MODEL_PATH, 0.85)
    b = ClauseClassifierComponent(DEFAULT_MODEL_PATH, 0.85)
    assert a.artifact is b.artifact


def test_kinds_only_where_they_can_be():
    from extractors.classifier import in_place
    from extractors.records import Part

    parts = [Part("d", "p1", "minutes", char_start=0, char_end=100),
             Part("d", "p2", "report", char_start=100, char_end=200)]
    # Kent call-in report: a report narrating another meeting's decision is not a resolution.
    narrated = Scored("Members agreed to refer the decision to full Council.", 120, 170, "resolution", 0.9)
    minuted = Scored("That the update be noted.", 10, 35, "resolution", 0.9)
    asked = Scored("note the progress of the developing Integrated Care System.", 130, 190, "recommendation", 0.99)
    quoted = Scored("County Council is asked to reject the proposal.", 40, 80, "recommendation", 0.99)
    assert in_place([narrated, minuted, asked, quoted], parts, "agenda") == [minuted, asked]
    # A document with no parts and an unknown type: every kind may be anywhere.
    assert in_place([narrated, asked], [], "other") == [narrated, asked]


def test_a_numbered_heading_ends_the_lead_in_and_is_no_clause():
    # Parish-style minutes: items numbered like the resolution's own list.
    text = ("5. Finance\nRESOLVED:\n1. That the payments listed be approved.\n"
            "6. Planning Applications\nMembers considered the applications below.\n")
    cands = cut_candidates(text)
    assert [c.text for c in cands] == ["That the payments listed be approved.",
                                       "Members considered the applications below."]
    assert "RESOLVED" in cands[0].context and cands[1].context == ""


def test_model_records_take_the_rules_verb_convention():
    from extractors.classifier import make_record

    # Cheshire East HWB pack, recommendation 2.1.
    rec = make_record(Scored("That the Cheshire East Health and Wellbeing Board note the proposals and consider "
                             "the implications for the Cheshire East health and care system.", 0, 10,
                             "recommendation", 0.99))
    assert (rec.verb, rec.method) == ("note", "model")
    action = make_record(Scored("Clerk to write to the highways authority.", 0, 10, "action", 0.9))
    assert (action.source, action.method, action.owner) == ("sentence", "model", "Clerk")


def test_a_model_action_needs_an_owner_and_a_task():
    from extractors.classifier import make_record

    # An appeal with no one to do it, and a report of what has already happened: not actions.
    assert make_record(Scored("Residents were encouraged to respond to the consultation by the end of May.",
                              0, 10, "action", 0.995)) is None
    assert make_record(Scored("The Treasurer has arranged for the auditor to visit in June.",
                              0, 10, "action", 0.995)) is None
    kept = make_record(Scored("The Chair agreed to contact the bus operator about the timetable.",
                              0, 10, "action", 0.995))
    assert kept is not None and kept.owner == "Chair"


def test_a_quoted_motion_is_covered_and_never_becomes_a_model_resolution(shipped):
    from extractors.records import Motion

    text = ("24/034 Finance\nCllr Brown proposed and Cllr Patel seconded that the payments be approved. "
            "It was RESOLVED unanimously to approve the payments.\n")
    doc = spacy.blank("en").make_doc(text)
    start = text.index("Cllr Brown")
    end = text.index("approved.") + len("approved.")
    set_records(doc, "motions", [Motion(text=text[start:end], char_start=start, char_end=end)])
    added = add_model_records(doc, shipped, threshold=0.0)
    assert not any(r.char_start < end and start < r.char_end for r in added["resolutions"])


@pytest.mark.parametrize("text", [
    "Grant applications.",                                          # a sub-item heading
    "Proposed Cllr Bellamy, seconded Cllr Quinn, all in favour.",   # a vote note, no decision in it
    "of the internal audit report asked the service to improve route planning.",   # a broken line's tail
])
def test_headings_vote_notes_and_fragments_are_never_added(text):
    from extractors.classifier import not_a_clause

    assert not_a_clause(text)


def test_real_clauses_pass_the_clause_check():
    from extractors.classifier import not_a_clause

    assert not not_a_clause("Approve the public facing 'Local Account' for publication.")
    assert not not_a_clause("Proposed Cllr A, seconded Cllr B, that the payments list be approved.")


def test_a_summary_restating_the_found_recommendations_is_not_added():
    from extractors.classifier import _tokens, restates

    found = [_tokens("approve the revised Primary Care Access Recovery Plan"),
             _tokens("note the progress made on cloud-based telephony across practices")]
    summary = _tokens("APPROVE the revised Primary Care Access Recovery Plan and NOTE the progress made")
    assert restates(summary, found)
    assert not restates(_tokens("approve the Winter Resilience Plan and the additional community investment"), found)
