"""The compiled clause scorer gives the fitted pipeline's own probabilities, faster."""
from __future__ import annotations

import numpy as np
import pytest

from extractors.classifier import DEFAULT_MODEL_PATH, load_model, score_candidates, scorer_for
from extractors.clause_scoring import compile_scorer
from models.candidates import Candidate, cut_candidates
from models.clauses import Example, build_estimator, fit, frame
from tests.conftest import corpus_text

# Phrasings quoted from the corpus (Cambridgeshire minute 46, Kent budget report, a parish-style action).
EXAMPLES = [
    Example("Note the findings of the self-assessment.", "It was resolved unanimously to:", "resolution"),
    Example("Approve the public facing 'Local Account' for publication.", "It was resolved unanimously to:",
            "resolution"),
    Example("NOTE the forecast revenue overspend of £23.3m (excluding Schools).", "Cabinet is asked to:",
            "recommendation"),
    Example("NOTE the forecast overspend on Schools' Delegated Budgets of £30.4m.", "Cabinet is asked to:",
            "recommendation"),
    Example("Clerk to write to the Highways department about the potholes in Church Lane.", "", "action"),
    Example("The Committee received a report that detailed the Service's planned offer.", "", "other"),
    Example("The contractor has not cut the verges this month.", "", "other"),
]


def sklearn_probabilities(estimator, candidates):
    return estimator.predict_proba(frame(candidates))


@pytest.fixture(scope="module")
def artifact():
    found = load_model(DEFAULT_MODEL_PATH)
    if found is None:
        pytest.skip("no clause classifier artifact")
    return found


def test_same_probabilities_as_the_pipeline_on_a_corpus_pack(artifact):
    candidates = cut_candidates(corpus_text("cambs-ahc-2022-01-13-agenda-pack.txt"))
    assert len(candidates) > 100
    scorer = compile_scorer(artifact.estimator)
    assert scorer is not None
    fast = np.array(scorer.probabilities(candidates))
    np.testing.assert_allclose(fast, sklearn_probabilities(artifact.estimator, candidates), rtol=0, atol=1e-12)
    # a second pass reads the remembered words: still the same
    np.testing.assert_allclose(np.array(scorer.probabilities(candidates[:50])), fast[:50], rtol=0, atol=1e-12)


def test_unseen_words_and_empty_context_score_like_the_pipeline(artifact):
    candidates = [Candidate("Zyxwvut qqqq the Parish Clerk's £1,250.00 grant", "", 0, 10),
                  Candidate("RESOLVED", "RESOLVED:", 0, 8),
                  Candidate("x", "", 0, 1)]
    fast = np.array(compile_scorer(artifact.estimator).probabilities(candidates))
    np.testing.assert_allclose(fast, sklearn_probabilities(artifact.estimator, candidates), rtol=0, atol=1e-12)


def test_score_candidates_uses_the_compiled_scorer(artifact):
    assert scorer_for(artifact.estimator) is scorer_for(artifact.estimator) is not None
    assert score_candidates(artifact.estimator, []) == []


def test_a_small_fitted_pipeline_compiles_to_the_same_probabilities():
    estimator = fit(EXAMPLES)
    scorer = compile_scorer(estimator)
    candidates = [Candidate(e.text, e.context, 0, 1) for e in EXAMPLES]
    np.testing.assert_allclose(np.array(scorer.probabilities(candidates)),
                               sklearn_probabilities(estimator, candidates), rtol=0, atol=1e-12)


def test_a_pipeline_of_another_shape_is_not_compiled():
    estimator = build_estimator()
    estimator.set_params(features__chars__binary=True)
    estimator.fit(frame(EXAMPLES), [e.label for e in EXAMPLES])
    assert compile_scorer(estimator) is None
    # ... and scoring falls back to the pipeline itself
    scored = score_candidates(estimator, [Candidate(EXAMPLES[4].text, "", 0, 5)])
    assert scored[0].label in {"action", "other", "recommendation", "resolution"}


def test_an_unfitted_pipeline_is_not_compiled():
    assert compile_scorer(build_estimator()) is None
