"""minutebook's tokenizer: tokens that rebuild the text exactly, and a Doc that keeps its text."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from extractors.pipeline import build_nlp, run_components
from extractors.tokens import TextDoc, split_words
from tests.conftest import corpus_text

# Quoted from corpora/text/cambs-ahc-2022-01-13-agenda-pack.txt (minute 46) and the Kent budget report.
CAMBS = ("It was resolved unanimously to:\n\n"
         "- a) Note the findings of the self-assessment.\n"
         "- b) Approve the public facing 'Local Account' for publication.\n")
KENT = "a) NOTE the forecast revenue overspend of £23.3m (excluding Schools).\nDecision Number:\t24/00115\n"


def words_of(text: str) -> list[str]:
    return split_words(text)[0]


def test_words_and_symbols_split_like_spacy_english():
    assert words_of("overspend of £23.3m (excluding Schools).") == [
        "overspend", "of", "£", "23.3m", "(", "excluding", "Schools", ")", "."]


def test_numbers_dates_and_references_stay_one_token():
    assert words_of("Demand 10,036 on 29/02/24 ref 24/00115") == [
        "Demand", "10,036", "on", "29/02/24", "ref", "24/00115"]


def test_whitespace_other_than_one_space_is_a_token():
    words, spaces = split_words("Number:\t24/00115\n\nNext  line")
    assert words == ["Number", ":", "\t", "24/00115", "\n\n", "Next", " ", "line"]
    assert spaces == [False, False, False, False, False, True, False, False]


@pytest.mark.parametrize("text", [CAMBS, KENT, "  leading and trailing  \n", "", "£", "a\u00a0b\r\nc"])
def test_tokens_rebuild_the_text(text):
    doc = build_nlp(()).make_doc(text)
    assert Doc.text.__get__(doc) == text       # what spaCy rebuilds from the tokens
    assert doc.text == text


def test_tokens_rebuild_a_whole_corpus_document():
    text = corpus_text("cheshire-east-hwb-2021-01-26-agenda-pack.txt")
    doc = build_nlp(()).make_doc(text)
    assert isinstance(doc, TextDoc)
    assert Doc.text.__get__(doc) == text
    # about one token per word or symbol, as spaCy's English tokenizer cuts
    assert len(text.split()) < len(doc) < len(text) / 3


def test_record_spans_cover_their_records():
    nlp = build_nlp(("minutebook_structure", "minutebook_amounts"))
    doc = run_components(nlp, KENT)
    span = doc.spans["amounts"][0]
    assert span.text == "£23.3m"
    assert span._.record.char_start == span.start_char


def test_a_plain_doc_still_rebuilds_its_text():
    doc = TextDoc(build_nlp(()).vocab, words=["Clerk", "to", "write"], spaces=[True, True, False])
    assert doc.text == "Clerk to write"
