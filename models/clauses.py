"""The clause classifier: training data, estimator, training and the saved artifact.

    from models.clauses import train, save
    artifact = train(seed=0)            # ~the gold documents + models/extra_examples.jsonl
    save(artifact, "models/clause_classifier.joblib")

Training data are candidate clauses (models/candidates.py) cut from the gold
documents' texts.  A candidate whose text matches a gold recommendation,
resolution or action (the scorer's token F1 threshold) gets that kind; every
other candidate is "other".  Hand-labelled phrasings from the guidelines
(models/extra_examples.jsonl) are added.  See models/CLAUSE_CLASSIFIER.md.
"""
from __future__ import annotations

import json
import platform
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from flows.evaluate import TEXT_THRESHOLDS, token_f1

from .candidates import Candidate, cut_candidates

ROOT = Path(__file__).resolve().parent.parent
MODELS = Path(__file__).resolve().parent
DEFAULT_ARTIFACT = MODELS / "clause_classifier.joblib"
EXTRA_EXAMPLES = MODELS / "extra_examples.jsonl"
GOLD_DIR = ROOT / "corpora" / "gold" / "dev"
TEXT_DIRS = (ROOT / "corpora" / "text", ROOT / "corpora" / "pdfs")

# Gold kind (table name) -> classifier label
LABELS = {"recommendations": "recommendation", "resolutions": "resolution", "actions": "action"}
OTHER = "other"
FORMAT_VERSION = 1
CONTEXT_WEIGHT = 2.0


@dataclass
class Example:
    text: str
    context: str
    label: str
    source: str = ""          # document stem or "extra"


@dataclass
class Artifact:
    """What `minutebook train` saves: the fitted estimator and how it was made."""
    estimator: Pipeline
    seed: int
    trained_on: list[str]                       # document stems (+ "extra")
    label_counts: dict[str, int] = field(default_factory=dict)
    sklearn_version: str = sklearn.__version__
    python_version: str = platform.python_version()
    format_version: int = FORMAT_VERSION
    # No timestamps or timings: the same seed and data give a byte-identical file.


def build_estimator(seed: int = 0, C: float = 4.0, context_weight: float = CONTEXT_WEIGHT) -> Pipeline:
    """Word 1-2grams and char n-grams of the clause, word n-grams of its lead-in -> logistic regression.

    The lead-in is weighted up: "note the report" is a recommendation after
    "is asked to" and a resolution after "resolved to", and the clause's own
    two feature blocks would otherwise outvote its one.
    """
    features = ColumnTransformer([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True), "text"),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                  max_features=30000), "text"),
        ("context", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True), "context"),
    ], transformer_weights={"words": 1.0, "chars": 1.0, "context": context_weight})
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
    return Pipeline([("features", features), ("classifier", classifier)])


def frame(rows) -> pd.DataFrame:
    """The estimator's input: one row per clause, columns text and context."""
    return pd.DataFrame({"text": [r.text for r in rows], "context": [r.context for r in rows]},
                        columns=["text", "context"])


# -- training data ---------------------------------------------------------------------------

def source_for(stem: str) -> Path:
    """The document a gold file annotates: its .txt seed, else its PDF."""
    for folder in TEXT_DIRS:
        for suffix in (".txt", ".pdf"):
            path = folder / f"{stem}{suffix}"
            if path.exists():
                return path
    raise FileNotFoundError(f"no text or PDF for gold file {stem}")


def document_text(stem: str) -> str:
    from flows.reading import convert

    return convert(source_for(stem)).flow().text   # what the pipeline's components read


def label_candidates(candidates: list[Candidate], gold: dict) -> list[str | None]:
    """A label per candidate: the gold kind it matches, "other", or None (a duplicate to leave out).

    Matching is one-to-one, best token F1 first, ties to the later candidate
    (minutes quote a motion, then record the resolution after it).  A
    candidate that also reaches the threshold for an object matched to
    another candidate is a copy of it ("the motion", "the cover sheet"):
    left out rather than taught as "other".
    """
    scored = []
    near: set[int] = set()
    for kind, label in LABELS.items():
        threshold = TEXT_THRESHOLDS[kind]
        for gi, obj in enumerate(gold.get(kind, [])):
            for ci, cand in enumerate(candidates):
                s = token_f1(obj["text"], cand.text)
                if s >= threshold:
                    scored.append((s, ci, kind, gi))
                    near.add(ci)
    scored.sort(key=lambda t: (-t[0], -t[1]))
    labels: list[str | None] = [OTHER] * len(candidates)
    used_gold, used_cand = set(), set()
    for _s, ci, kind, gi in scored:
        if (kind, gi) in used_gold or ci in used_cand:
            continue
        used_gold.add((kind, gi))
        used_cand.add(ci)
        labels[ci] = LABELS[kind]
    for ci in near - used_cand:
        labels[ci] = None
    return labels


def document_examples(stem: str, gold: dict, text: str | None = None) -> list[Example]:
    text = document_text(stem) if text is None else text
    candidates = cut_candidates(text)
    return [Example(c.text, c.context, label, stem)
            for c, label in zip(candidates, label_candidates(candidates, gold)) if label is not None]


def extra_examples(path: Path = EXTRA_EXAMPLES) -> list[Example]:
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Example(r["text"], r.get("context", ""), r["label"], "extra") for r in rows]


def gold_files(gold_dir: Path = GOLD_DIR) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}


def training_examples(stems: list[str] | None = None, gold_dir: Path = GOLD_DIR,
                      texts: dict[str, str] | None = None, extra: bool = True) -> list[Example]:
    """Examples from the gold documents named (all by default), plus the hand-labelled extras."""
    golds = gold_files(gold_dir)
    texts = texts or {}
    examples: list[Example] = []
    for stem in (stems if stems is not None else sorted(golds)):
        examples += document_examples(stem, golds[stem], texts.get(stem))
    if extra:
        examples += extra_examples()
    return examples


# -- training and the artifact ---------------------------------------------------------------

def fit(examples: list[Example], seed: int = 0) -> Pipeline:
    estimator = build_estimator(seed)
    estimator.fit(frame(examples), [e.label for e in examples])
    _canonicalise(estimator)
    return estimator


def _canonicalise(estimator: Pipeline) -> None:
    """Make the fitted vectorizers pickle the same way every time, and small.

    `stop_words_` (features cut by max_features) is only for introspection and
    bloats the file; `_stop_words_id` is an id(), different every run; `vocabulary_`'s key order can differ between runs of the
    same data, so it is rebuilt in column order: same seed, byte-identical file.
    """
    for _name, vectorizer, _cols in estimator.named_steps["features"].transformers_:
        if hasattr(vectorizer, "stop_words_"):
            vectorizer.stop_words_ = None
        # id() of the stop-word list, a cache key sklearn re-derives when absent: differs every run.
        vars(vectorizer).pop("_stop_words_id", None)
        if hasattr(vectorizer, "vocabulary_"):
            # Fresh key strings too: a key that happened to be the very object of
            # another attribute would pickle as a back-reference in one run only.
            vectorizer.vocabulary_ = {term.encode().decode(): index for term, index
                                      in sorted(vectorizer.vocabulary_.items(), key=lambda kv: kv[1])}


def train(seed: int = 0, gold_dir: Path = GOLD_DIR) -> Artifact:
    examples = training_examples(gold_dir=gold_dir)
    estimator = fit(examples, seed)
    counts: dict[str, int] = {}
    for e in examples:
        counts[e.label] = counts.get(e.label, 0) + 1
    return Artifact(estimator=estimator, seed=seed, trained_on=sorted({e.source for e in examples}),
                    label_counts=dict(sorted(counts.items())))


def save(artifact: Artifact, path: str | Path = DEFAULT_ARTIFACT) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    joblib.dump(artifact, tmp, compress=3)
    tmp.replace(path)
    return path


def load(path: str | Path = DEFAULT_ARTIFACT) -> Artifact | None:
    """The saved artifact, or None when it is absent (the pipeline then runs on rules alone)."""
    path = Path(path)
    if not path.exists():
        return None
    artifact = joblib.load(path)
    if getattr(artifact, "format_version", None) != FORMAT_VERSION:
        return None
    return artifact


def probabilities(estimator: Pipeline, rows) -> tuple[list[str], list[list[float]]]:
    """Class names and one probability row per clause."""
    if not rows:
        return list(estimator.classes_), []
    return list(estimator.classes_), estimator.predict_proba(frame(rows)).tolist()
