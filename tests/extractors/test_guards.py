"""Guarded patterns find exactly what their plain forms find: a guard only makes `re` give up sooner.

A guard that leaves out a place where a match can start (a lower-case body name,
a line start) would silently drop decisions; these tests catch that on the corpus
texts and on every phrasing the extractor tests quote, as written, in lower case and
in upper case.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import extractors.pipeline  # noqa: F401  (imports every component, so every guarded pattern registers)
import models.candidates  # noqa: F401  (the classifier imports it only when it runs)
from extractors.guards import GUARDED, NEEDS, finditer, guarded, needing
from tests.conftest import TEXTS

PAIRS = sorted(GUARDED.items(), key=lambda pair: pair[1].pattern)


def _matches(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_costly_patterns_are_guarded():
    from extractors.decisions import context, recommendations

    assert context._MINUTES_MARK in GUARDED and recommendations._ASKED in GUARDED
    assert len(GUARDED) >= 10


def test_a_guard_changes_no_match_of_an_example():
    # "MINUTES of a meeting of the Cabinet" (Kent minutes) starts a match; "3. Minutes of
    # the meeting held on ..." (an agenda item) does not, guarded or not.
    plain = r"(?<!\d\.\s)\bMINUTES\s+(?i:of)\b|(?<!\d\.\s)\bMinutes\s+of\b"
    fast = guarded(r"(?=MINUTES|Minutes)", plain)
    assert GUARDED.pop(fast).pattern == plain      # registered with its plain form (taken out again)
    text = "MINUTES of a meeting of the Cabinet\n3. Minutes of the meeting held on 9 January 2025\n"
    assert _matches(fast, text) == _matches(re.compile(plain), text) == [((0, 10), ())]


@pytest.mark.parametrize("name", sorted(p.name for p in TEXTS.glob("*.txt")))
def test_guarded_patterns_find_the_same_in_the_corpus(name):
    text = (TEXTS / name).read_text(encoding="utf-8")
    for fast, plain in PAIRS:
        assert _matches(fast, text) == _matches(plain, text), plain.pattern[:80]


def _phrases() -> list[str]:
    """Every string the extractor tests quote (corpus sentences and the guidelines' phrasings)."""
    phrases = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 3:
                phrases.append(node.value)
    return phrases


def test_guarded_patterns_find_the_same_in_every_quoted_phrasing():
    # Lower and upper case too: "members agreed that ..." must not be skipped because
    # a guard only knew "Members".
    phrases = _phrases()
    assert len(phrases) > 300
    for phrase in phrases:
        for text in (phrase, phrase.lower(), phrase.upper(), "1. " + phrase.replace("\n", "\n2. ")):
            for fast, plain in PAIRS:
                assert _matches(fast, text) == _matches(plain, text), (plain.pattern[:80], text)


# --- patterns that need a word (guards.NEEDS): a text without the word has no match ---

def test_the_triggers_need_their_words():
    from extractors import dates, decisions

    assert all(p in NEEDS for _trigger, p in decisions.COMPILED)
    assert dates._ISO in NEEDS and dates._QUARTER in NEEDS and dates._NUMERIC_DM in NEEDS


def test_a_date_pattern_needs_its_piece():
    # "Q4 2021/22" holds a quarter; "1/4/2022" holds a numeric date; "Quarterly report" neither.
    from extractors import dates

    assert NEEDS[dates._QUARTER].search("Q4 2021/22") and not NEEDS[dates._QUARTER].search("Quarterly report")
    assert NEEDS[dates._NUMERIC].search("on 1/4/2022") and not NEEDS[dates._NUMERIC].search("2022/23")
    assert [m.group(0) for m in finditer(dates._QUARTER, "Quarterly report for Q4 of 2021/22.")] == ["Q4 of 2021/22"]


def test_a_text_without_the_word_is_not_scanned():
    # Kent Cabinet minutes print "RESOLVED that"; a report without "voted" has no "voted to" trigger.
    pattern = needing(re.compile(r"\bvoted\s+to\b"), "voted")
    try:
        assert list(finditer(pattern, "The Committee voted to approve the plan.")) != []
        assert list(finditer(pattern, "The Committee resolved to approve the plan.")) == []
        assert NEEDS[pattern].search("Members voted to defer.")
    finally:
        del NEEDS[pattern]


def _texts_to_check() -> list[str]:
    texts = [(TEXTS / p.name).read_text(encoding="utf-8") for p in sorted(TEXTS.glob("*.txt"))]
    for phrase in _phrases():
        texts += [phrase, phrase.lower(), phrase.upper()]
    return texts


def test_every_match_holds_the_word_its_pattern_needs():
    # Checked on every match, not on whole texts: a corpus text holds "resolved"
    # somewhere, but each match of a "resolved" trigger must hold it itself (or, as
    # "The Board NOTED", look ahead at it: the verb stays in the decided text).
    checked = 0
    for text in _texts_to_check():
        for pattern, need in NEEDS.items():
            for m in pattern.finditer(text):
                assert need.search(text[m.start():m.end() + 20]), (pattern.pattern[:80], m.group(0))
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("word", ["resolved", "agreed", "voted", "seconded", "recommend", "kept", "item"])
def test_caseless_matches_what_ignorecase_matches(word):
    from extractors.guards import caseless

    fast, plain = re.compile(caseless(word)), re.compile(word, re.I)
    first = word[0]
    # Every character re.IGNORECASE lets stand for the first letter, over all of Unicode.
    folds = [chr(x) for x in range(0x110000) if plain.fullmatch(chr(x) + word[1:])]
    assert folds == [chr(x) for x in range(0x110000) if fast.fullmatch(chr(x) + word[1:])]
    assert not fast.fullmatch("x" + word[1:]) and fast.fullmatch(first.upper() + word[1:].upper())
    assert fast.pattern.startswith("[")
