"""The trained clause classifier, beside the rules: catches phrasings the rules miss.

Runs after the decisions and actions components.  It cuts candidate clauses
(models/candidates.py), leaves out every clause that overlaps a span the rules
already found (doc.spans "recommendations", "resolutions", "actions"), and
appends a record with `method="model"` for each remaining clause the model
puts in a kind with probability >= that kind's threshold (`thresholds`, else
`threshold`).  Rules stay primary: the model
only adds, never removes or relabels.

No artifact (models/clause_classifier.joblib absent or unreadable): the
component does nothing and the pipeline runs on rules alone.  The artifact is
loaded once per process and path.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from spacy.language import Language

from .artifacts import DEFAULT_MODEL_PATH, model_fingerprint  # noqa: F401  (re-exported)
from .records import Action, Recommendation, Resolution
from .spans import records_of, set_records

# Chosen by leave-one-document-out evaluation (models/loo.py, models/CLAUSE_CLASSIFIER.md),
# per kind: the lowest threshold at which rules + model is no worse than rules alone on that
# kind and the model alone keeps precision >= 0.9 on it.  Re-run `python -m models.loo`
# after retraining and copy its "thresholds" here.
DEFAULT_THRESHOLD = 0.95                      # a kind not listed below
# Chosen by leave-one-document-out (models/CLAUSE_CLASSIFIER.md); actions raised
# from LOO's 0.7 to 0.99 because LOO has no action for the model to find (every
# gold action is in one document) while probes of other councils' minutes showed
# its low-confidence actions were all wrong.
DEFAULT_THRESHOLDS = {"recommendation": 0.95, "resolution": 0.7, "action": 0.99}

KINDS = {"recommendation": ("recommendations", Recommendation),
         "resolution": ("resolutions", Resolution),
         "action": ("actions", Action)}
_WORD = re.compile(r"[a-z0-9£]+")
DUPLICATE_F1 = 0.9   # a clause this close to a found one of its kind is a repeat (cover sheet and body)

_CACHE: dict[str, object] = {}
_LOCK = threading.Lock()


def load_model(path: str):
    """The artifact at `path`, loaded once per process; None when absent or unreadable."""
    with _LOCK:
        if path not in _CACHE:
            try:
                from models.clauses import load
                _CACHE[path] = load(path)
            except Exception:   # a damaged or incompatible artifact must not stop extraction
                _CACHE[path] = None
        return _CACHE[path]


@dataclass
class Scored:
    """A candidate clause with the model's best kind and its probability."""
    text: str
    char_start: int
    char_end: int
    label: str
    probability: float


_PLAIN: dict[str, object] = {}


def scoring_path(model_path: str) -> Path:
    """Where the artifact's exported scorer lives (extractors/clause_scoring.py): beside it."""
    path = Path(model_path)
    return path.with_name(path.stem + ".scoring.npz")


def load_scorer(model_path: str):
    """A scorer for the artifact at `model_path`, once per process; None when there is no artifact.

    The exported arrays beside the artifact, when they were made from this very
    file (its fingerprint), need no scikit-learn; otherwise the artifact is
    loaded with scikit-learn and exported (written beside it if the folder is
    writable, so the next process reads the arrays).
    """
    with _LOCK:
        if model_path in _PLAIN:
            return _PLAIN[model_path]
    from .clause_scoring import export_scorer, load_plain

    fingerprint = model_fingerprint(model_path)
    scorer = None if fingerprint == "absent" else load_plain(scoring_path(model_path), fingerprint)
    if scorer is None:
        artifact = load_model(model_path)
        if artifact is not None:
            arrays = export_scorer(artifact.estimator, fingerprint)
            scorer = _save_plain(scoring_path(model_path), arrays) if arrays is not None else None
            scorer = scorer or artifact.estimator
    with _LOCK:
        return _PLAIN.setdefault(model_path, scorer)


def _save_plain(path: Path, arrays: dict):
    import os
    import tempfile

    import numpy as np

    from .clause_scoring import PlainScorer

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            np.savez_compressed(fh, **arrays)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError:        # a read-only install: use the arrays in memory
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    return PlainScorer(arrays)


_SCORERS: dict[int, object] = {}      # id(estimator) -> CompiledScorer, or None where it cannot compile


def scorer_for(estimator):
    """The estimator compiled for fast application (extractors/clause_scoring.py), once per estimator."""
    with _LOCK:
        key = id(estimator)
        entry = _SCORERS.get(key)
        if entry is None or entry[0] is not estimator:     # an id is reused only after its object is gone
            from .clause_scoring import compile_scorer

            entry = _SCORERS[key] = (estimator, compile_scorer(estimator))
        return entry[1]


def score_candidates(estimator, candidates) -> list[Scored]:
    """Best kind per candidate; `estimator` is the fitted pipeline or a scorer made from it."""
    scorer = estimator if hasattr(estimator, "probabilities") else scorer_for(estimator)
    if scorer is not None:
        classes, rows = scorer.classes, scorer.probabilities(candidates)
    else:
        from models.clauses import probabilities

        classes, rows = probabilities(estimator, candidates)
    out = []
    for cand, row in zip(candidates, rows):
        best = max(range(len(classes)), key=lambda i: row[i])
        out.append(Scored(cand.text, cand.char_start, cand.char_end, classes[best], row[best]))
    return out


def _tokens(text: str) -> Counter:
    return Counter(_WORD.findall(text.lower()))


def restates(tokens: Counter, found: list[Counter]) -> bool:
    """A clause of ten or more words nearly all taken from two or more clauses already found.

    "The Board is asked to APPROVE the plan and NOTE the progress made" beside the
    numbered recommendations it summarises is not a recommendation of its own
    (guidelines v1.2).
    """
    if len(found) < 2 or sum(tokens.values()) < 10:
        return False
    pool = sum(found, Counter())      # the found clauses' words together, repeats counted
    return sum((tokens & pool).values()) >= 0.85 * sum(tokens.values())


def is_repeat(a: Counter, b: Counter) -> bool:
    """Two clauses that are one recommendation printed twice (cover sheet and body).

    Near-equal token bags, or one of five or more words almost wholly inside
    the other ("NOTE the overspend of £23.3m." and "NOTE the overspend of
    £23.3m and the actions being taken"): the trivial differences the
    guidelines list once.
    """
    common = sum((a & b).values())
    if not common:
        return False
    na, nb = sum(a.values()), sum(b.values())
    f1 = 2 * common / (na + nb)
    return f1 >= DUPLICATE_F1 or (min(na, nb) >= 5 and common / min(na, nb) >= DUPLICATE_F1)


class Covered:
    """Spans the rules cover, asked "does [start, end) overlap any?" in log time.

    A 500-page pack has thousands of candidates and of records: checking every
    candidate against every span made the classifier quadratic.
    """

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end = list(accumulate((e for _, e in spans), max))   # the furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        # Of the spans starting before `end`, one overlaps iff the furthest-reaching ends after `start`.
        i = bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start


# What the model must never add, whatever its confidence: it has learnt from few
# papers and is over-confident on unseen layouts (a generalisation probe of other
# councils' minutes showed these as its only false positives).
_VOTE_NOTE = re.compile(r"\b(?:proposed|seconded|moved)\b.*\b(?:all\s+in\s+favour|unanimous(?:ly)?|carried|"
                        r"nem\.?\s*con|against|abstentions?)\b", re.I)
_FRAGMENT_START = re.compile(r"^(?:of|and|or|but|which|who|whose|with|for|from|by|in|on|at|as|than|the)\b")


def not_a_clause(text: str) -> bool:
    """A heading, a vote note, or the tail of a sentence broken across lines."""
    words = _WORD.findall(text.lower())
    if len(words) < 4:                       # "Grant applications."
        return True
    if _VOTE_NOTE.search(text) and not re.search(r"\b(?:that|to)\b", text):
        return True                          # "Proposed Cllr A, seconded Cllr B, all in favour."
    return bool(_FRAGMENT_START.match(text.strip()))   # "of the internal audit report asked ..."


def select(scored: list[Scored], taken: list[tuple[int, int]], found: dict[str, list[str]],
           threshold: float | dict[str, float]) -> list[Scored]:
    """The clauses to add: a kind above its threshold, clear of the rules' spans, not a repeat.

    `threshold` is one probability for every kind or a dict label -> probability
    (a label missing from it is never added).

    `taken` are the character spans the rules already cover; `found` the texts
    already found per label (rules' and model's), for the repeat check.
    """
    seen = {label: [_tokens(t) for t in texts] for label, texts in found.items()}
    covered = Covered(taken)
    chosen = []
    for s in scored:
        floor = threshold.get(s.label, 2.0) if isinstance(threshold, dict) else threshold
        if s.label not in KINDS or s.probability < floor:
            continue
        if covered.overlaps(s.char_start, s.char_end) or not_a_clause(s.text):
            continue
        tokens = _tokens(s.text)
        if any(is_repeat(tokens, other) for other in seen.setdefault(s.label, [])):
            continue
        if restates(tokens, seen[s.label]):
            continue
        seen[s.label].append(tokens)
        chosen.append(s)
    return chosen


# Where each kind can be (part_type of the part holding the clause, else the document's type):
# resolutions and actions are recorded in minutes, recommendations are put by papers.  A report
# narrating another meeting's decision ("Members agreed to refer the decision to full Council")
# is not a resolution.  Unknown or "other" places allow every kind.
PLACES = {"resolution": {"minutes", "decision"},
          "action": {"minutes", "action_log"},
          "recommendation": {"report", "agenda", "plan", "decision"}}
KNOWN_PLACES = set().union(*PLACES.values())


def place_of(offset: int, parts: list, doc_type: str) -> str:
    for part in parts:
        if part.char_start <= offset < part.char_end:
            return part.part_type
    return doc_type


def in_place(scored: list[Scored], parts: list, doc_type: str) -> list[Scored]:
    """The clauses whose kind fits the part of the document they are in."""
    out = []
    for s in scored:
        place = place_of(s.char_start, parts, doc_type)
        if s.label not in PLACES or place not in KNOWN_PLACES or place in PLACES[s.label]:
            out.append(s)
    return out


def make_record(s: Scored):
    """The record of a clause the model chose, or None for an action that names no owner or only
    reports what happened: a sentence is an action only with an owner and a task (issue 17)."""
    from .actions import is_narrative, subject_owner
    from .clauses import first_verb   # the rules' verb convention: "That the Board notes" -> "note"

    _kind, cls = KINDS[s.label]
    record = cls(text=s.text, char_start=s.char_start, char_end=s.char_end, method="model")
    if isinstance(record, (Recommendation, Resolution)):
        record.verb = first_verb(s.text)
        return record
    owner = subject_owner(s.text)
    if not owner or is_narrative(s.text):
        return None
    record.owner, record.source = owner, "sentence"
    return record


def add_model_records(doc, estimator, threshold: float | dict[str, float]) -> dict[str, list]:
    """Classify the clauses the rules did not cover and append the confident ones; returns what was added."""
    from models.candidates import cut_candidates

    # Motions count as covered too: a member's proposal quoted in the minutes is
    # not a resolution, however much its wording looks like one.
    covered = [kind for kind, _cls in KINDS.values()] + ["motions"]
    taken = [(r.char_start, r.char_end) for kind in covered for r in records_of(doc, kind)]
    found = {label: [r.text for r in records_of(doc, kind)] for label, (kind, _cls) in KINDS.items()}
    covered = Covered(taken)
    # What `select` would refuse whatever its score is not scored at all: most
    # candidates of a paper are headings and fragments.
    candidates = [c for c in cut_candidates(doc.text)
                  if not covered.overlaps(c.char_start, c.char_end) and not not_a_clause(c.text)]
    added: dict[str, list] = {kind: [] for kind, _cls in KINDS.values()}
    scored = in_place(score_candidates(estimator, candidates), records_of(doc, "parts"), doc._.doc_type)
    for s in select(scored, taken, found, threshold):
        record = make_record(s)
        if record is not None:
            added[KINDS[s.label][0]].append(record)
    for kind, records in added.items():
        if records:
            set_records(doc, kind, records_of(doc, kind) + records)
    return added


@Language.factory(
    "minutebook_clause_classifier",
    default_config={"model_path": DEFAULT_MODEL_PATH, "threshold": DEFAULT_THRESHOLD,
                    "thresholds": DEFAULT_THRESHOLDS},
)
def make_clause_classifier(nlp: Language, name: str, model_path: str, threshold: float,
                           thresholds: dict[str, float]):
    return ClauseClassifierComponent(model_path, {**{label: threshold for label in KINDS}, **thresholds})


class ClauseClassifierComponent:
    def __init__(self, model_path: str, threshold: float | dict[str, float]):
        self.model_path = model_path
        self.threshold = threshold

    @property
    def artifact(self):
        return load_model(self.model_path)

    @property
    def scorer(self):
        return load_scorer(self.model_path)

    def __call__(self, doc):
        scorer = self.scorer
        if scorer is not None:
            add_model_records(doc, scorer, self.threshold)
        return doc
