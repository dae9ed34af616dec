"""The assembled pipeline (extractors/pipeline.py): what `extract` returns and what it keeps."""
import spacy

from extractors.paged import PagedText
from extractors.pipeline import build_nlp, extract
from tests.conftest import corpus_text

CAMBS = corpus_text("cambs-ahc-2022-01-13-agenda-pack.txt")


def _rows(found):
    return {kind: [(r.text, r.char_start, r.char_end) for r in records] for kind, records in found.records.items()}


def test_records_do_not_depend_on_lexical_attributes():
    # The pipeline skips English's per-word lexical attributes (like_num, shape, ...)
    # because no component reads them: with them computed, every record is the same.
    ours = build_nlp()
    english = build_nlp()
    english.vocab.lex_attr_getters = dict(spacy.blank("en").vocab.lex_attr_getters)
    assert english.vocab.lex_attr_getters and not ours.vocab.lex_attr_getters
    paged = PagedText.from_pages(CAMBS.split("\f"))
    a, b = extract(paged, "0123456789abcdef", nlp=ours), extract(paged, "0123456789abcdef", nlp=english)
    assert _rows(a) == _rows(b)
    assert sum(len(rows) for rows in _rows(a).values()) > 100


def test_a_documents_words_leave_the_vocabulary_with_it():
    # A worker reads thousands of papers a night; their names and numbers must not pile up.
    nlp = build_nlp()
    paged = PagedText.from_pages(CAMBS.split("\f"))
    extract(paged, "0123456789abcdef", nlp=nlp)
    before = len(nlp.vocab.strings)
    extract(PagedText.from_pages(["RESOLVED: That Councillor Zebedee Quorndon-Pike pays £98,765.43 by 3 March 2031."]),
            "fedcba9876543210", nlp=nlp)
    assert len(nlp.vocab.strings) == before
    assert "Quorndon-Pike" not in nlp.vocab.strings
