"""One text's derived value, computed once however many readers ask for it.

Several components read the same document text and derive the same thing
from it (its lines, where its markers are): `per_text` remembers the value for
the text last asked about, keyed on the str object itself (an `is` check, not
a hash of a 500-page pack).  The (text, value) pair is one tuple, replaced
whole, so a thread extracting another document at the same time never pairs
one text with another's value.  Callers must not modify what they get.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

T = TypeVar("T")


def per_text(derive: Callable[[str], T]) -> Callable[[str], T]:
    last: tuple[str, T] | None = None

    @wraps(derive)
    def cached(text: str) -> T:
        nonlocal last
        seen = last                      # read once: another thread may replace it meanwhile
        if seen is not None and seen[0] is text:
            return seen[1]
        value = derive(text)
        last = (text, value)
        return value

    return cached
