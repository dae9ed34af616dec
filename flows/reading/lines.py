"""A page's lines to the document's text: page numbers, running lines, broken words.

Both the text layer and OCR give each page as lines, top to bottom; this
module turns them into page texts.  Page numbers ("Page 5", "Page |2", "Page
3 of 17") are dropped, ligatures unfolded, and a word broken across a line
break is put back on one line (a compound keeps its hyphen).

Running headers and footers (lines repeated at the top or bottom of most
pages) stay in the text where they are printed, and `page_texts` returns
their spans: a date or amount printed in a running line is still a record of
the document, with its true page and offsets, while the clauses of the body
read on across the page break without them (extractors/paged.py, `flow`).
"""
from __future__ import annotations

import re
from collections import Counter

# "5", "Page 5", "Page |2", "Page 3 of 17", "3/17", "- 4 -", "2 | Page"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page\s*\|?\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]|\d{1,4}\s*\|\s*page)\s*$",
    re.I)
_DIGITS = re.compile(r"\d+")


# A header or footer sits at the top or bottom of its page and repeats on most
# pages, or on a run of consecutive pages (each report of a pack has its
# own).  "At the top or bottom" is twofold: among the first or last
# `EDGE_LINES` lines, and, where the reader knows positions (a text layer),
# inside the page's top or bottom band (`pdf.EDGE_BAND`).  So a line a form
# repeats in the body of each page's block is not a running line, however few
# lines the block has.  Rows of three or more table cells are never running
# lines: a table repeats its header row at the top of every page it spans.
EDGE_LINES = 3
RUN_PAGES = 3

BODY, RUNNING, PAGE_NUMBER = "body", "running", "page number"


def _key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.lower().split()))


def line_roles(pages: list[list[str]], at_edge: list[list[bool] | None] | None = None) -> list[list[str]]:
    """Each line's role: `BODY`, `RUNNING` (a header or footer) or `PAGE_NUMBER`.

    `at_edge[p][i]` says whether line i of page p lies in the page's top or
    bottom band; None for a page (or for all) whose positions are unknown (OCR,
    text files), where the line's index alone decides.
    """
    def edge(p: int, i: int, lines: list[str]) -> bool:
        if not (i < EDGE_LINES or i >= len(lines) - EDGE_LINES):
            return False
        bands = at_edge[p] if at_edge else None
        return bands is None or bands[i]

    seen: dict[str, list[int]] = {}
    for p, lines in enumerate(pages):
        keys = {_key(line) for i, line in enumerate(lines) if line.count("\t") < 2 and edge(p, i, lines)}
        for k in keys:
            seen.setdefault(k, []).append(p)
    threshold = max(3, int(0.5 * len(pages)) + 1)
    running = {k for k, found in seen.items()
               if k and (len(found) >= threshold or (len(k) >= 4 and longest_run(found) >= RUN_PAGES))}
    roles = []
    for p, lines in enumerate(pages):
        page = []
        for i, line in enumerate(lines):
            if not edge(p, i, lines):
                page.append(BODY)
            elif _PAGE_NUMBER.match(line):
                page.append(PAGE_NUMBER)
            elif line.count("\t") < 2 and _key(line) in running:
                page.append(RUNNING)
            else:
                page.append(BODY)
        roles.append(page)
    return roles


def drop_running_lines(pages: list[list[str]], at_edge: list[list[bool] | None] | None = None
                       ) -> list[list[str]]:
    """The pages without page numbers and running lines (headers, footers)."""
    return [[line for line, role in zip(lines, roles) if role == BODY]
            for lines, roles in zip(pages, line_roles(pages, at_edge))]


# Marks a running line until the page's text is final (private-use characters:
# no PDF text holds them).  The marks also keep `join_lines` from mending a
# "broken word" across a header or footer.
RUNNING_MARK = "\ue001"
_RUNNING = re.compile("\ue001([^\ue001\n]*)\ue001")


def page_texts(pages: list[list[str]], at_edge: list[list[bool] | None] | None = None
               ) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The pages' texts, running lines kept where they are printed, and per page
    the spans (offsets in its text) of its running lines.  Page numbers go."""
    marked = []
    for lines, roles in zip(pages, line_roles(pages, at_edge)):
        marked.append([f"{RUNNING_MARK}{line}{RUNNING_MARK}" if role == RUNNING else line
                       for line, role in zip(lines, roles) if role != PAGE_NUMBER])
    texts, spans = [], []
    for text in mend_hyphens([join_lines(lines, BREAK_MARK) for lines in marked]):
        found, parts, last, removed = [], [], 0, 0
        for m in _RUNNING.finditer(text):
            parts.append(text[last:m.start()])
            start = m.start() - removed
            found.append((start, start + len(m.group(1))))
            parts.append(m.group(1))
            removed += 2
            last = m.end()
        parts.append(text[last:])
        texts.append("".join(parts).replace(RUNNING_MARK, ""))
        spans.append(found)
    return texts, spans


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
