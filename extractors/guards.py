"""Guarded patterns: a cheap check in front of a costly pattern, so `re` gives up hopeless positions at once.

Python's `re` tries a pattern at every position of the text.  A pattern that opens
with lookbehinds, `\\b`, an optional word or a long alternation of names pays for all
of it at every character of a 500-page pack, though it can only start at a few
places: a line start, after whitespace, at a capital letter or one of a few words.
A guard is a lookahead or lookbehind that every match satisfies where it starts, put
in front of the pattern: it changes no match, only how soon `re` moves on.

    _ASKED = guarded(r"(?=[A-Z&]|the|and|...)", r"...the pattern as it was...")

`GUARDED` keeps each guarded pattern with its plain form, so a test can check that
both find exactly the same matches (tests/extractors/test_guards.py).
"""
from __future__ import annotations

import re

GUARDED: dict[re.Pattern, re.Pattern] = {}


def guarded(guard: str, pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled with `guard` (a zero-width check every match passes at its start) in front."""
    fast = re.compile(f"{guard}(?:{pattern})", flags)
    GUARDED[fast] = re.compile(pattern, flags)
    return fast


# A costly pattern whose every match holds a word ("resolved", "voted", "seconded") that
# many texts never print: one quick search for the word answers "no match" for the whole
# text without trying the pattern at each of its positions.  NEEDS keeps each pattern with
# its word so a test can check that every match holds it.
NEEDS: dict[re.Pattern, re.Pattern] = {}


def needing(pattern: re.Pattern, word: str, flags: int = 0) -> re.Pattern:
    """`pattern`, registered as finding nothing in a text where `word` (a regex) finds nothing."""
    NEEDS[pattern] = re.compile(word, flags)
    return pattern


def finditer(pattern: re.Pattern, text: str):
    """`pattern.finditer(text)`, skipped at once where the word the pattern needs is absent."""
    need = NEEDS.get(pattern)
    if need is not None and need.search(text) is None:
        return iter(())
    return pattern.finditer(text)


# What re.IGNORECASE lets a letter match besides its two cases (Python's own folding rules:
# dotted and dotless i, the long s, the Kelvin sign).  tests/extractors/test_guards.py
# checks these classes against `re` over every code point.
_FOLDS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def caseless(word: str) -> str:
    """`(?i:word)` with its first letter as an explicit class ("[Ss\u017f](?i:econded)"):
    the same matches, but `re` can skip to that letter instead of trying every position."""
    first = word[0]
    cases = first.lower() + first.upper() + _FOLDS.get(first.lower(), "")
    return f"[{cases}](?i:{word[1:]})"
