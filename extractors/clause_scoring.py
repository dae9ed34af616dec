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

    def matrix(self, texts: list[str]):
        """The block's TF-IDF rows for `texts` (CSR), as the fitted vectorizer's `transform` makes them."""
        import scipy.sparse as sp
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
        import scipy.sparse as sp

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


# ------------------------------------------------------------ without scikit-learn at run time
#
# Importing scikit-learn (with the scipy.stats and pandas it pulls in) costs a
# process ~1 s and ~160 MB of RSS: more than the rest of extraction.  The
# fitted pipeline is a vocabulary, idf weights and coefficients per block, so
# `export_scorer` writes those as plain arrays (an .npz next to the joblib
# artifact, tied to it by the artifact's fingerprint) and `PlainScorer`
# applies them with numpy alone.  Same features, same arithmetic; the
# logistic regression's multinomial softmax is one line.

FORMAT = 1
CHUNK = 256                     # clauses scored at once
_TOKEN_PATTERN_DEFAULT = r"(?u)\b\w\w+\b"


def export_scorer(estimator, fingerprint: str) -> dict | None:
    """The arrays of a compilable pipeline, for `np.savez`; None if it cannot be applied without sklearn."""
    compiled = compile_scorer(estimator)
    if compiled is None:
        return None
    classifier = compiled.classifier
    if len(classifier.classes_) < 3 or getattr(classifier, "multi_class", "auto") not in ("auto", "multinomial", None):
        return None       # binary or one-vs-rest: not the softmax PlainScorer computes
    out = {"format": np.array(FORMAT), "fingerprint": np.array(fingerprint),
           "classes": np.array([str(c) for c in classifier.classes_]),
           "coef": classifier.coef_.astype(np.float64), "intercept": classifier.intercept_.astype(np.float64),
           "blocks": np.array(len(compiled.blocks))}
    for i, block in enumerate(compiled.blocks):
        vec = block.vectorizer
        if vec.strip_accents is not None or vec.preprocessor is not None or vec.tokenizer is not None \
                or vec.stop_words is not None or (vec.analyzer == "word" and vec.token_pattern is None):
            return None
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        out[f"b{i}_terms"] = np.array(terms)
        out[f"b{i}_idf"] = vec.idf_.astype(np.float64)
        out[f"b{i}_meta"] = np.array([block.column, vec.analyzer, vec.token_pattern or "",
                                      str(vec.ngram_range[0]), str(vec.ngram_range[1]), str(int(vec.lowercase)),
                                      str(int(vec.sublinear_tf)), repr(block.weight)])
    return out


def count_keys(keys: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(keys, return_counts=True)` for non-negative keys below `bound`, quicker.

    Below 2**31 the keys are sorted as int32, where numpy's stable sort is a radix sort;
    equal integers are indistinguishable, so the sorted keys and counts are np.unique's."""
    keys = np.sort(keys.astype(np.int32) if bound < 2 ** 31 else keys, kind="stable")
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys)))
    return keys[starts].astype(np.int64), counts


class PlainBlock:
    """One TF-IDF block from exported arrays: features of a text -> (columns, values) of its l2-normed row."""

    def __init__(self, terms, idf, meta):
        column, analyzer, pattern, low, high, lowercase, sublinear, weight = [str(m) for m in meta]
        self.column, self.analyzer = column, analyzer
        self.vocabulary = {str(t): i for i, t in enumerate(terms)}
        self.idf = idf
        self.ngram_range = (int(low), int(high))
        self.lowercase, self.sublinear = lowercase == "1", sublinear == "1"
        self.weight = float(weight)
        import re

        self.pattern = re.compile(pattern or _TOKEN_PATTERN_DEFAULT)
        self.words: dict[str, np.ndarray] = {}

    def char_wb_ngrams(self, word: str) -> list[str]:
        """scikit-learn's `_char_wb_ngrams` of one word."""
        low, high = self.ngram_range
        w = " " + word + " "
        out = []
        for n in range(low, high + 1):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:
                break
        return out

    def word_ngrams(self, text: str) -> list[str]:
        """scikit-learn's word analyzer (token pattern, then n-grams) without stop words."""
        tokens = self.pattern.findall(text)
        low, high = self.ngram_range
        out = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            if n == 2:      # the usual bigrams, without a slice per pair
                out += [a + " " + b for a, b in zip(tokens, tokens[1:])]
            else:
                out += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return out

    def columns(self, texts: list[str]) -> tuple[np.ndarray, list[int]]:
        """Vocabulary indices of every feature of every text, concatenated, and how many per text.

        One array for the whole slice of texts, not one per text: the per-text numpy calls
        cost more than the counting on a paper's short clauses."""
        vocabulary = self.vocabulary
        lengths: list[int] = []
        if self.analyzer != "char_wb":
            lookup = vocabulary.get
            flat: list[int] = []
            for text in texts:
                before = len(flat)
                flat += [c for c in map(lookup, self.word_ngrams(text.lower() if self.lowercase else text))
                         if c is not None]
                lengths.append(len(flat) - before)
            return np.asarray(flat, dtype=np.int64), lengths
        pieces: list[np.ndarray] = []
        memo = self.words
        for text in texts:
            if self.lowercase:
                text = text.lower()
            n = 0
            for word in text.split():
                found = memo.get(word)
                if found is None:
                    if len(memo) >= MAX_REMEMBERED_WORDS:
                        memo.clear()
                    found = np.asarray([vocabulary[g] for g in self.char_wb_ngrams(word) if g in vocabulary],
                                       dtype=np.int64)
                    memo[word] = found
                pieces.append(found)
                n += len(found)
            lengths.append(n)
        return (np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)), lengths

    def add_decision(self, texts: list[str], coef: np.ndarray, decision: np.ndarray) -> None:
        """Add this block's share of the linear decision function for `texts` to `decision`."""
        n, width = len(texts), len(self.vocabulary)
        columns, lengths = self.columns(texts)
        if not len(columns):
            return
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys, counts = count_keys(rows * width + columns, n * width)
        rows, cols = keys // width, keys % width
        tf = counts.astype(np.float64)
        if self.sublinear:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, values * values, minlength=n))
        values *= self.weight / norms[rows]
        for k in range(coef.shape[0]):
            # One class's coefficients of this block, a contiguous slice: a 1-D take is quicker than coef[:, cols].
            block_coef = coef[k, self.offset:self.offset + width].take(cols)
            decision[:, k] += np.bincount(rows, block_coef * values, minlength=n)


class PlainScorer:
    """The exported pipeline's probabilities with numpy only (no scikit-learn, no scipy)."""

    def __init__(self, arrays):
        self.classes = [str(c) for c in arrays["classes"]]
        self.coef, self.intercept = arrays["coef"], arrays["intercept"]
        self.blocks, offset = [], 0
        for i in range(int(arrays["blocks"])):
            block = PlainBlock(arrays[f"b{i}_terms"], arrays[f"b{i}_idf"], arrays[f"b{i}_meta"])
            block.offset = offset
            offset += len(block.vocabulary)
            self.blocks.append(block)
        if offset != self.coef.shape[1]:
            raise ValueError("exported blocks do not match the coefficients")

    def probabilities(self, candidates) -> list[list[float]]:
        # In slices: a 500-page pack has thousands of clauses, and the feature arrays of all of
        # them at once would take ~200 MB.
        out: list[list[float]] = []
        for start in range(0, len(candidates), CHUNK):
            out += self._probabilities(candidates[start:start + CHUNK])
        return out

    def _probabilities(self, candidates) -> list[list[float]]:
        if not candidates:
            return []
        decision = np.tile(self.intercept, (len(candidates), 1))
        texts = {"text": [c.text for c in candidates], "context": [c.context for c in candidates]}
        for block in self.blocks:
            block.add_decision(texts[block.column], self.coef, decision)
        decision -= decision.max(axis=1, keepdims=True)
        np.exp(decision, out=decision)
        decision /= decision.sum(axis=1, keepdims=True)
        return decision.tolist()


def load_plain(path, fingerprint: str) -> PlainScorer | None:
    """The exported scorer at `path` if it was made from the artifact with this fingerprint."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            if int(arrays["format"]) != FORMAT or str(arrays["fingerprint"]) != fingerprint:
                return None
            return PlainScorer({k: arrays[k] for k in arrays.files})
    except (OSError, KeyError, ValueError):
        return None
