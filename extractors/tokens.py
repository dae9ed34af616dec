"""minutebook's tokenizer: words and punctuation by one regex, on a Doc that keeps its text.

The extractors read `doc.text` with regular expressions; spaCy tokens only
carry the spans their records ride on (extractors/spans.py).  Two costs of the
blank English pipeline bought nothing here, measured over the corpus PDFs:
- its tokenizer (prefix/suffix/infix rules, exceptions) was 18% of extraction,
  2.2 ms per page; one regex over the text, and `Doc(words, spaces)`, is ~8x
  cheaper and cuts nearly the same tokens (a run of word characters, with
  inner ".,'/:-" as in "2.1", "24/00115", "10,036"; each other symbol alone;
  each run of whitespace other than one trailing space);
- `Doc.text` is rebuilt from every token each time it is read, and the
  components read it seven times per document: `TextDoc` keeps the text it
  was made from.

The tokens reproduce the text exactly (each word's trailing space is its
`whitespace_`), so `TextDoc.text` is what `Doc.text` would build.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

# A word (with inner joiners) or one symbol, and the single space after it; else a whitespace run.
TOKEN = re.compile(r"(\w+(?:[.,'\u2019/:-]\w+)*|[^\w\s])( ?)|(\s+)")


class TextDoc(Doc):
    """A spaCy Doc that returns the text it was made from instead of rebuilding it from its tokens."""

    @property
    def text(self) -> str:
        kept = self.user_data.get(TEXT_KEY)
        return kept if kept is not None else Doc.text.__get__(self)

    # spaCy's `text_with_ws` of a Doc is its text too.
    text_with_ws = text


TEXT_KEY = "minutebook_text"


def split_words(text: str) -> tuple[list[str], list[bool]]:
    """spaCy `words` and `spaces` that rebuild `text` exactly."""
    # findall's tuples give '' for a group that did not take part: a word is never
    # empty, so `word or run` is the token and only a word has a space after it.
    found = TOKEN.findall(text)
    return [word or run for word, _space, run in found], [space == " " for _word, space, _run in found]


class WordTokenizer:
    """Callable tokenizer for `nlp.tokenizer`: text -> TextDoc."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> TextDoc:
        words, spaces = split_words(text)
        doc = TextDoc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    # spaCy serialises a pipeline's tokenizer with the pipeline; this one has no state.
    def to_bytes(self, **_kwargs) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs) -> "WordTokenizer":
        return self

    def to_disk(self, _path, **_kwargs) -> None:
        pass

    def from_disk(self, _path, **_kwargs) -> "WordTokenizer":
        return self


TOKENIZER = "minutebook.WordTokenizer.v1"


@registry.tokenizers(TOKENIZER)
def create_word_tokenizer():
    def create(nlp) -> WordTokenizer:
        return WordTokenizer(nlp.vocab)

    return create
