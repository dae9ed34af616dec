"""The clause classifier's fitted features, applied without scikit-learn's per-call overhead.

`models/clauses.py` fits a `ColumnTransformer` of TF-IDF blocks (word n-grams
of the clause, char_wb n-grams of the clause, word n-grams of its lead-in)
feeding a logistic regression.  Applying that pipeline to a document's few
hundred candidate clauses spent most of its time in scikit-learn's pure-Python
counting: every char n-gram of every word of every clause, generated and looked
up afresh (about 0.3 ms per clause, the largest cost of extraction).

`CompiledScorer` computes the same matrix from the fitted vectorizers' own
vocabularies, idf weights and analyzers, but counts char_wb n-grams per
distinct word, remembered across clauses and documents (a committee paper
repeats its words; a word's char_wb n-grams never depend on its neighbours).
The TF-IDF arithmetic (sublinear tf, idf, l2 norm, block weight) and the
logistic regression are scikit-learn's own, so the probabilities are the
pipeline's (tests/extractors/test_clause_scoring.py compares them).

A pipeline of another shape (other vectorizer settings) is not compiled:
`compile_scorer` returns None and the caller uses the estimator itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

# Distinct words remembered per char block; past this the memo starts afresh,
# so a very long run's memory stays bounded (a 500-page pack has ~20,000).
MAX_REMEMBERED_WORDS = 200_000


@dataclass
class Block:
    """One fitted TF-IDF vectorizer of the ColumnTransformer and where its columns go."""
    vectorizer: object
    column: str                  # "text" or "context"
    offset: int                  # first column of this block in the stacked matrix
    weight: float                # the ColumnTransformer's transformer weight
    per_word: bool               # char_wb: features counted per whitespace-separated word
    analyze: object = None       # word blocks: the vectorizer's own analyzer
    preprocess: object = None    # char_wb blocks: its preprocessor (lower-casing)
    words: dict = field(default_factory=dict)   # char_wb: word -> vocabulary indices of its n-grams

    def columns(self, texts: list[str]) -> tuple[np.ndarray, list[int]]:
        """Vocabulary indices of every feature of every text, concatenated, and how many per text."""
        vocabulary = self.vectorizer.vocabulary_
        lengths: list[int] = []
        if not self.per_word:
            flat: list[int] = []
            for text in texts:
                before = len(flat)
                flat.extend(vocabulary[f] for f in self.analyze(text) if f in vocabulary)
                lengths.append(len(flat) - before)
            return np.asarray(flat, dtype=np.int64), lengths
        pieces: list[np.ndarray] = []
        memo = self.words
        for text in texts:
            n = 0
            for word in self.preprocess(text).split():
                found = memo.get(word)
                if found is None:
                    if len(memo) >= MAX_REMEMBERED_WORDS:
                        memo.clear()
                    # The vectorizer's own n-gram cutter on one word: the n-grams it cuts in context.
                    found = np.asarray([vocabulary[g] for g in self.vectorizer._char_wb_ngrams(word)
                                        if g in vocabulary], dtype=np.int64)
                    memo[word] = found
                pieces.append(found)
                n += len(found)
            lengths.append(n)
        return (np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)), lengths

    def matrix(self, texts: list[str]) -> sp.csr_matrix:
        """The block's TF-IDF rows for `texts`, as the fitted vectorizer's `transform` makes them."""
        from sklearn.preprocessing import normalize

        vec = self.vectorizer
        width = len(vec.vocabulary_)
        columns, lengths = self.columns(texts)
        # One entry per feature occurrence; scipy sums the repeats into counts (in C, row by row).
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        X = sp.csr_matrix((np.ones(len(columns)), columns, indptr), shape=(len(texts), width))
        X.sum_duplicates()
        if vec.sublinear_tf:
            np.log(X.data, X.data)
            X.data += 1.0
        X.data *= vec.idf_[X.indices]
        X = normalize(X, norm="l2", copy=False)
        if self.weight != 1.0:
            X.data *= self.weight
        return X


class CompiledScorer:
    """`predict_proba` of a fitted clause pipeline, for lists of candidates (text, context)."""

    def __init__(self, estimator, blocks: list[Block]):
        self.estimator = estimator
        self.classifier = estimator.named_steps["classifier"]
        self.classes = list(self.classifier.classes_)
        self.blocks = blocks

    def probabilities(self, candidates) -> list[list[float]]:
        if not candidates:
            return []
        texts = {"text": [c.text for c in candidates], "context": [c.context for c in candidates]}
        X = sp.hstack([block.matrix(texts[block.column]) for block in self.blocks], format="csr")
        return self.classifier.predict_proba(X).tolist()


def compile_scorer(estimator) -> CompiledScorer | None:
    """A CompiledScorer for a pipeline of the shape `models.clauses.build_estimator` fits, else None."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        features = estimator.named_steps["features"]
        weights = features.transformer_weights or {}
        slices = features.output_indices_
        blocks = []
        for name, vectorizer, column in features.transformers_:
            if vectorizer == "drop" or (name == "remainder" and slices[name].stop == slices[name].start):
                continue
            if not (isinstance(vectorizer, TfidfVectorizer) and isinstance(column, str)
                    and vectorizer.analyzer in ("word", "char_wb") and vectorizer.norm == "l2"
                    and vectorizer.use_idf and not vectorizer.binary and vectorizer.input == "content"):
                return None
            block = Block(vectorizer, column, slices[name].start, float(weights.get(name, 1.0)),
                          per_word=vectorizer.analyzer == "char_wb")
            if block.per_word:
                block.preprocess = vectorizer.build_preprocessor()
            else:
                block.analyze = vectorizer.build_analyzer()
            blocks.append(block)
        blocks.sort(key=lambda b: b.offset)
        end = 0
        for block in blocks:           # the blocks must tile the classifier's columns in order
            if block.offset != end:
                return None
            end += len(block.vectorizer.vocabulary_)
        if end != estimator.named_steps["classifier"].coef_.shape[1]:
            return None
        return CompiledScorer(estimator, blocks)
    except (AttributeError, KeyError, TypeError):
        return None
