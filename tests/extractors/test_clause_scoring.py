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


# -- the exported scorer: the same probabilities with numpy alone ---------------------------------

def test_exported_scorer_gives_the_pipelines_probabilities(artifact):
    from extractors.clause_scoring import PlainScorer, export_scorer

    arrays = export_scorer(artifact.estimator, "test")
    scorer = PlainScorer(arrays)
    candidates = cut_candidates(corpus_text("cheshire-east-hwb-2021-01-26-agenda-pack.txt"))
    candidates += [Candidate("Zyxwvut qqqq", "", 0, 1), Candidate("x", "", 0, 1)]   # unseen words, no features
    assert scorer.classes == list(artifact.estimator.classes_)
    np.testing.assert_allclose(np.array(scorer.probabilities(candidates)),
                               sklearn_probabilities(artifact.estimator, candidates), rtol=0, atol=1e-12)


def test_exported_arrays_are_used_only_for_their_own_artifact(artifact, tmp_path):
    from extractors.clause_scoring import export_scorer, load_plain

    path = tmp_path / "scorer.npz"
    np.savez(path, **export_scorer(artifact.estimator, "aaaa"))
    assert load_plain(path, "aaaa") is not None
    assert load_plain(path, "bbbb") is None            # a retrained artifact: export again
    assert load_plain(tmp_path / "absent.npz", "aaaa") is None


def test_a_retrained_artifact_is_exported_beside_it(artifact, tmp_path):
    import shutil

    from extractors.classifier import load_scorer, model_fingerprint, scoring_path
    from extractors.clause_scoring import PlainScorer, load_plain

    model = tmp_path / "clause_classifier.joblib"
    shutil.copy(DEFAULT_MODEL_PATH, model)
    scorer = load_scorer(str(model))
    assert isinstance(scorer, PlainScorer)
    assert load_plain(scoring_path(str(model)), model_fingerprint(str(model))) is not None
    assert load_scorer(str(tmp_path / "none.joblib")) is None      # no artifact: rules alone


@pytest.mark.slow
def test_extraction_does_not_import_scikit_learn(artifact):
    """The shipped exported arrays spare a run scikit-learn's import (~1 s, ~160 MB)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys\nfrom extractors.pipeline import extract\nfrom extractors.paged import PagedText\n"
            "text = open('corpora/text/cambs-ahc-2022-01-13-agenda-pack.txt').read()\n"
            "found = extract(PagedText.from_pages([text]), 'x')\n"
            "print('sklearn' in sys.modules, 'scipy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
