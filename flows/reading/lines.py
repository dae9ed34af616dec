"""A page's lines to the document's text: page numbers, running lines, broken words.

Both the text layer and OCR give each page as lines, top to bottom; this
module turns them into page texts.  Running headers and footers (lines
repeated on most pages, "Page 5", "Page |2", "Page 3 of 17") are dropped,
ligatures unfolded, and a word broken across a line break is put back on one
line (a compound keeps its hyphen).
"""
from __future__ import annotations

import re
from collections import Counter

# "5", "Page 5", "Page |2", "Page 3 of 17", "3/17", "- 4 -", "2 | Page"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page\s*\|?\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]|\d{1,4}\s*\|\s*page)\s*$",
    re.I)
_DIGITS = re.compile(r"\d+")


# A header or footer sits in the first or last lines of a page and repeats on
# most pages, or on a run of consecutive pages (each report of a pack has its
# own).  Rows of three or more table cells are never running lines: a table
# repeats its header row at the top of every page it spans.
EDGE_LINES = 3
RUN_PAGES = 3


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and lines repeated at the page edges (headers, footers)."""
    def key(line: str) -> str:
        return _DIGITS.sub("#", " ".join(line.lower().split()))

    seen: dict[str, list[int]] = {}
    for p, lines in enumerate(pages):
        edge = {key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:] if line.count("\t") < 2}
        for k in edge:
            seen.setdefault(k, []).append(p)
    threshold = max(3, int(0.5 * len(pages)) + 1)
    running = {k for k, found in seen.items()
               if k and (len(found) >= threshold or (len(k) >= 4 and longest_run(found) >= RUN_PAGES))}
    out = []
    for lines in pages:
        kept = []
        for i, line in enumerate(lines):
            at_edge = i < EDGE_LINES or i >= len(lines) - EDGE_LINES
            if at_edge and (_PAGE_NUMBER.match(line) or (line.count("\t") < 2 and key(line) in running)):
                continue
            kept.append(line)
        out.append(kept)
    return out


def longest_run(numbers: list[int]) -> int:
    """Length of the longest run of consecutive numbers in a sorted list."""
    best = run = 0
    for i, n in enumerate(numbers):
        run = run + 1 if i and n == numbers[i - 1] + 1 else 1
        best = max(best, run)
    return best


# A hyphen at the end of a line, between letters or digits.  In the Kent PDFs
# every one is a real compound ("decision-\nmaking", "cross-\nborder",
# "2024-\n25"): Word does not hyphenate by default.  So the word's second half
# moves up to its first and the hyphen stays, unless the document itself
# writes the word unbroken elsewhere and never hyphenated ("Execu-\ntive" when
# "Executive" appears): see `mend_hyphens`.  A soft hyphen (U+00AD,
# typesetting's own break) is always removed.
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w[^\s]*) ?")
_SOFT_BREAK = re.compile(r"(\w)\u00ad\n(\w[^\s]*) ?")
# An e-mail address the layout broke at a dot: "georgina.little@kent\n.gov.uk".
_EMAIL_BREAK = re.compile(r"(@[\w.-]*\w)\n(\.[A-Za-z][\w.-]*\w)")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})


# Marks a line-break hyphen until the whole document is read (a private-use
# character: no PDF text contains it).
BREAK_MARK = "\ue000"
_MARKED = re.compile(r"(\w+)\ue000(\w+)")
_WORD = re.compile(r"\w+(?:-\w+)*")


def join_lines(lines: list[str], hyphen: str = "-") -> str:
    """Join a page's lines, mending words broken across a line break.

    A line-break hyphen is written as `hyphen`: "-", or `BREAK_MARK` for
    `mend_hyphens` to decide once all pages are read."""
    text = "\n".join(lines).translate(_LIGATURES)
    text = _SOFT_BREAK.sub(r"\1\2\n", text)
    text = _HYPHEN_BREAK.sub(lambda m: f"{m.group(1)}{hyphen}{m.group(2)}\n", text)
    text = _EMAIL_BREAK.sub(r"\1\2", text)
    return text.replace("\u00ad", "")


def mend_hyphens(texts: list[str]) -> list[str]:
    """Settle each marked line-break hyphen from the document's own words: drop
    it when the joined word appears elsewhere and the hyphenated one does not."""
    words = Counter(w.lower() for text in texts for w in _WORD.findall(text))

    def settle(m: re.Match) -> str:
        first, second = m.group(1), m.group(2)
        if words[(first + second).lower()] and not words[f"{first}-{second}".lower()]:
            return first + second
        return f"{first}-{second}"

    return [_MARKED.sub(settle, text) for text in texts]
