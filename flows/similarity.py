"""Text similarity for following one decision or action across papers.

The same action is re-typed in log after log ("Requested that Covid 19
Updates were scheduled on to the agenda plan" in the minutes, "Covid 19
Updates to be scheduled on the agenda plan" in the next log), and a report's
recommendation is re-worded a little in the minutes that resolve it.  A
bag-of-content-words Dice score with a crude stem is enough to pair them and
is cheap, deterministic and explainable ("0.82 of the words are shared").
"""
from __future__ import annotations

import re
import unicodedata

_STOP = frozenset("""
a an and are as at be been being by for from had has have he her his i in into is it its
of on or our she that the their them then there these they this those to was we were which
who will with would shall should may might can could do does did not no so such than too
very also upon under over about after before all any each other same own more most some
""".split())
_WORD = re.compile(r"[a-z0-9£]+")


def stem(word: str) -> str:
    """Strip the commonest English endings so "scheduled" meets "schedule"."""
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def content_words(text: str) -> set[str]:
    text = unicodedata.normalize("NFKC", text or "").lower().replace("’", "'")
    text = re.sub(r"<[^>]{1,20}>", " ", text)          # <p> left in converted log cells
    return {stem(w) for w in _WORD.findall(text) if w not in _STOP and len(w) > 1}


def dice(a: str, b: str) -> float:
    """2|A∩B| / (|A|+|B|) over content words: 1.0 same words, 0.0 none shared."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def containment(a: str, b: str) -> float:
    """Share of the shorter text's words found in the longer: a short log entry
    that summarises a long minute still scores high."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def similarity(a: str, b: str) -> float:
    """The score used to match rows: the mean of Dice and containment, rounded."""
    return round((dice(a, b) + containment(a, b)) / 2, 3)
