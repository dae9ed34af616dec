"""Source files to `PagedText`: PDFs with pdfminer.six, page by page; text files as they are.

A PDF page becomes lines of text, top to bottom.  Text lines that share a
baseline are one row: cells of a table row are joined with a tab (so an action
log keeps one line per row), while a bullet or paragraph number and its text,
or words a justified line spread apart, are joined with a space.  Running
headers and footers (lines repeated on most pages, "Page 5", "Page |2", "Page
3 of 17") are dropped, doubled spaces are folded, and a word broken across a
line break is put back on one line (a compound keeps its hyphen).  Where a
table draws its cell borders, all the text between two row rules is one line,
however its cells wrap (an action log's row stays one row).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from extractors.paged import PagedText
from flows.ocr import fill_image_pages, has_picture

# Chosen on the Kent Cabinet PDFs (see README, "PDF conversion"):
# - char_margin 2.0 (default) and word_margin 0.1 (default) build a line from
#   one text run; a larger char_margin glued neighbouring table cells into one
#   cell, so wide justified gaps are mended in `join_row` instead, where a
#   column seen on several rows keeps its tab;
# - boxes_flow None: `page_lines` orders lines by position itself, so
#   pdfminer's box ordering (the costly hierarchical pass) is skipped;
# - line_margin only groups lines into boxes, which we do not use.
LAPARAMS = dict(char_margin=2.0, word_margin=0.1, line_margin=0.5, boxes_flow=None)


class ConversionError(Exception):
    """A file that cannot be turned into text; the message is the one-line reason."""


def convert(path: str | Path) -> PagedText:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return convert_pdf(path)
    if suffix in (".txt", ".text", ".md"):
        return convert_text(path)
    raise ConversionError(f"unsupported file type {suffix!r}")


def convert_text(path: Path) -> PagedText:
    """A text file someone already converted; form feeds, if any, separate pages."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConversionError(f"cannot read file: {exc.strerror or exc}") from None
    if not raw.strip():
        raise ConversionError("empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ConversionError("not a UTF-8 or Windows-1252 text file") from None
    if "\x00" in text:
        raise ConversionError("binary data in a text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return PagedText.from_pages(text.split("\f"))


def convert_pdf(path: Path) -> PagedText:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ConversionError(f"cannot read file: {exc.strerror or exc}") from None
    if size == 0:
        raise ConversionError("empty file")
    with path.open("rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise ConversionError("not a PDF (no %PDF header)")

    pages: list[list[str]] = []
    pictures: list[bool] = []      # page shows an image: OCR it if it has no text layer
    try:
        for layout in extract_pages(str(path), laparams=LAParams(**LAPARAMS)):
            pages.append(page_lines(layout))
            pictures.append(has_picture(layout))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ConversionError(f"encrypted PDF ({type(exc).__name__})") from None
    except (PDFSyntaxError, PSException) as exc:
        raise ConversionError(f"corrupt PDF: {str(exc) or type(exc).__name__}") from None
    except MemoryError:        # the isolation worker reports it as `memory` (flows/isolation.py)
        raise
    except Exception as exc:   # pdfminer raises many kinds on damaged files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ConversionError(f"encrypted PDF ({exc})") from None
        raise ConversionError(f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    if not pages:
        raise ConversionError("corrupt PDF: no pages")
    # Image pages without a usable text layer are read by OCR (flows/ocr.py);
    # text pages keep pdfminer's lines as they are.
    pages, sources, notes = fill_image_pages(path, pages, pictures)
    texts = mend_hyphens([join_lines(lines, BREAK_MARK) for lines in drop_running_lines(pages)])
    if not any(t.strip() for t in texts):
        reason = next((n for n in notes if n), "no text layer (image-only PDF)")
        raise ConversionError(reason)
    return PagedText.from_pages(texts, sources, notes)


@dataclass
class Piece:
    """One pdfminer text line: a run of words on one baseline, with its box."""
    top: float
    x0: float
    x1: float
    height: float
    text: str


# A gap wider than this many font heights is a column break, narrower a word
# space.  Justified lines in the Kent minutes leave word gaps up to 1.05 font
# heights (pdfminer then splits the line); table columns start 1.3 heights
# apart or more (most 3+).
WORD_GAP = 1.2
# Lines whose tops lie within this many points are one visual row.
ROW_TOLERANCE = 3.0
# A label's hanging indent ("3.2   The rest of ...") is at most this many
# font heights (Word's 0.5-1.27 cm); a minute-number column is wider.
LABEL_GAP = 3.0
# A left edge shared by this many rows of a page, after a gap, is a table column.
COLUMN_ROWS = 3

# A first cell that is only a label: "•", "1.", "3.2", "a)", "(iv)", "88."
_LABEL = re.compile(r"^(?:[•●▪■◦‣∙·\-–*o]|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?|\(?[a-zA-Z]{1,2}[.)]|\([ivxlc]{1,5}\))$")


def page_lines(layout) -> list[str]:
    """The page's text lines, top to bottom.

    Pieces on one row join with a space when they are words of one line (a
    bullet or number and its text, or words a justified line spread apart)
    and with a tab when they are cells of a table row.
    """
    horizontal, vertical = ruling_lines(layout)
    bordered, pieces = table_rows(text_pieces(layout), horizontal, vertical)
    rows = group_rows(pieces)
    columns = column_edges(rows)
    lines = join_rows(rows, columns) + bordered
    return [text for _top, text in sorted(lines, key=lambda line: -line[0])]


def text_pieces(layout) -> list[Piece]:
    from pdfminer.layout import LTTextContainer, LTTextLine

    found: list[Piece] = []

    def walk(obj):
        for child in obj:
            if isinstance(child, LTTextLine):
                text = " ".join(child.get_text().split())
                if text:
                    found.append(Piece(child.y1, child.x0, child.x1, child.height, text))
            elif isinstance(child, LTTextContainer):
                walk(child)

    walk(layout)
    return found


def group_rows(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into visual rows (tops within a few points), each left to right."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (-p.top, p.x0)):
        if rows and abs(rows[-1][0].top - piece.top) <= ROW_TOLERANCE:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return [sorted(row, key=lambda p: p.x0) for row in rows]


def column_edges(rows: list[list[Piece]]) -> set[int]:
    """Left edges (whole points) where several rows start a cell after a gap."""
    counts: Counter = Counter()
    for row in rows:
        edges = {round(b.x0) for a, b in zip(row, row[1:]) if b.x0 - a.x1 > 0.5 * a.height}
        counts.update(edges)
    columns = set()
    for edge, _ in counts.items():
        near = sum(counts[e] for e in range(edge - 2, edge + 3))
        if near >= COLUMN_ROWS:
            columns.add(edge)
    return columns


def row_cells(row: list[Piece], columns: set[int] = frozenset()) -> list[list[Piece]]:
    """A row's pieces grouped into cells: a new cell after a column gap.

    A leading label ("3.2", "•") joins its text, unless the row is a table row
    of three or more cells, where it is the minute-number column ("22.")."""
    cells = _split_cells(row, columns, labels=False)
    return cells if len(cells) >= TABLE_CELLS else _split_cells(row, columns, labels=True)


def _split_cells(row: list[Piece], columns: set[int], labels: bool) -> list[list[Piece]]:
    cells = [[row[0]]]
    for i, (a, b) in enumerate(zip(row, row[1:])):
        gap = b.x0 - a.x1
        height = max(a.height, b.height)
        label = labels and i == 0 and _LABEL.match(a.text) and gap <= LABEL_GAP * height
        column = any(abs(round(b.x0) - c) <= 2 for c in columns)
        if label or (gap <= WORD_GAP * height and not column):
            cells[-1].append(b)
        else:
            cells.append([b])
    return cells


def join_row(row: list[Piece], columns: set[int] = frozenset()) -> str:
    return "\t".join(" ".join(p.text for p in cell) for cell in row_cells(row, columns))


# A borderless table row whose cells wrap: the lines under its first line that
# sit inside its cells' columns (none in the first column, which starts the next
# row) and follow at line spacing belong to it.
TABLE_CELLS = 3           # a row of this many cells starts a table row
WRAP_SPACING = 1.6        # continuation lines follow within this many font heights


def join_rows(rows: list[list[Piece]], columns: set[int] = frozenset()) -> list[tuple[float, str]]:
    """Each row as (top, text), with a borderless table row's wrapped lines joined into it."""
    out: list[tuple[float, str]] = []
    i = 0
    while i < len(rows):
        cells = row_cells(rows[i], columns)
        if len(cells) < TABLE_CELLS:
            out.append((rows[i][0].top, join_row(rows[i], columns)))
            i += 1
            continue
        starts = [cell[0].x0 for cell in cells]
        texts = [[" ".join(p.text for p in cell)] for cell in cells]
        last_top, height = rows[i][0].top, max(p.height for p in rows[i])
        j = i + 1
        while j < len(rows):
            placed = _continuation(rows[j], starts, last_top, height)
            if placed is None:
                break
            for k, text in placed:
                texts[k].append(text)
            last_top = rows[j][0].top
            j += 1
        out.append((rows[i][0].top, "\t".join(_join_cell_lines(t) for t in texts)))
        i = j
    return out


def _continuation(row: list[Piece], starts: list[float], last_top: float, height: float
                  ) -> list[tuple[int, str]] | None:
    """(cell index, text) for each piece of `row` if it continues the table row's cells."""
    if last_top - row[0].top > WRAP_SPACING * height:
        return None
    placed = []
    for piece in row:
        k = max((k for k, x in enumerate(starts) if piece.x0 >= x - 3), default=-1)
        if k < 1:
            return None          # text in the first column: the next row (or a paragraph)
        if k + 1 < len(starts) and piece.x1 > starts[k + 1] + 3:
            return None          # wider than its column: prose, not a cell
        placed.append((k, piece.text))
    return placed


# -- bordered tables: one line per table row -----------------------------------------
#
# An action log's cells wrap over several lines, and the cells of one row wrap
# differently, so rows of text do not make rows of the table.  Where the table
# draws its borders (Word, LibreOffice and most generators do), the horizontal
# rules bound each table row and the vertical rules its cells: all text between
# two rules is one row, each cell's lines joined with spaces, cells with tabs.

RULE_WIDTH = 2.0      # a drawn line or rectangle this thin is a rule
RULE_SNAP = 2.0       # rules this close are one
RULE_MIN = 8.0        # shorter strokes are glyph parts or chart marks, not borders
# A page drawing more rules than this is a map or chart: no table is read from it
# (and the pieces x rules search would cost seconds).
MAX_RULES = 2000


@dataclass
class Rule:
    at: float         # y of a horizontal rule, x of a vertical one
    lo: float         # extent along the rule
    hi: float


def ruling_lines(layout) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules drawn on the page (lines, thin rectangles, cell boxes)."""
    from pdfminer.layout import LTContainer, LTCurve, LTTextContainer

    horizontal: list[Rule] = []
    vertical: list[Rule] = []

    def walk(obj):
        for child in obj:
            if isinstance(child, LTCurve):     # LTLine and LTRect are curves
                x0, y0, x1, y1 = child.bbox
                if y1 - y0 <= RULE_WIDTH and x1 - x0 >= RULE_MIN:
                    horizontal.append(Rule((y0 + y1) / 2, x0, x1))
                elif x1 - x0 <= RULE_WIDTH and y1 - y0 >= RULE_MIN:
                    vertical.append(Rule((x0 + x1) / 2, y0, y1))
                elif (type(child).__name__ == "LTRect" and min(x1 - x0, y1 - y0) > RULE_WIDTH
                      and max(x1 - x0, y1 - y0) >= RULE_MIN):   # a cell box: its four edges
                    horizontal.extend([Rule(y0, x0, x1), Rule(y1, x0, x1)])
                    vertical.extend([Rule(x0, y0, y1), Rule(x1, y0, y1)])
            elif isinstance(child, LTContainer) and not isinstance(child, LTTextContainer):
                walk(child)

    walk(layout)
    return horizontal, vertical


def _snap(value: float) -> float:
    return round(value / RULE_SNAP) * RULE_SNAP


def table_rows(pieces: list[Piece], horizontal: list[Rule], vertical: list[Rule]
               ) -> tuple[list[tuple[float, str]], list[Piece]]:
    """Bordered table rows as (top, "cell\\tcell\\t...") and the pieces outside any table."""
    if len(horizontal) < 3 or len(horizontal) + len(vertical) > MAX_RULES:
        return [], pieces
    bands: dict[tuple[float, float], list[Piece]] = {}
    outside: list[Piece] = []
    for piece in pieces:
        cx, cy = (piece.x0 + piece.x1) / 2, piece.top - piece.height / 2
        covering = [r.at for r in horizontal if r.lo - 1 <= cx <= r.hi + 1]
        above = min((y for y in covering if y >= cy), default=None)
        below = max((y for y in covering if y <= cy), default=None)
        if above is None or below is None:
            outside.append(piece)
        else:
            bands.setdefault((_snap(above), _snap(below)), []).append(piece)
    # A table has rows that share their rules; a lone box around a paragraph has not.
    edges = [y for band in bands for y in band]
    rows: list[tuple[float, str]] = []
    for (top, bottom), members in bands.items():
        shared = edges.count(top) + edges.count(bottom) > 2
        # Cell borders run from the row's bottom rule to its top rule; a band
        # between a page's underlines or boxes of different tables has none.
        borders = [r for r in vertical if r.lo - RULE_SNAP * 2 <= bottom and r.hi + RULE_SNAP * 2 >= top]
        cells = _cells(members, borders)
        if shared and len(borders) >= 2 and sum(1 for c in cells if c) >= 2:
            rows.append((max(p.top for p in members), "\t".join(cells).rstrip("\t")))
        else:
            outside += members
    return rows, outside


def _cells(members: list[Piece], vertical: list[Rule]) -> list[str]:
    """The texts of one table row's cells, left to right (empty cells kept between rules)."""
    lefts = sorted({_snap(r.at) for r in vertical})
    columns: dict[float, list[Piece]] = {}
    for piece in members:
        cx = (piece.x0 + piece.x1) / 2
        if len(lefts) >= 2:
            key = max((x for x in lefts if x <= cx), default=lefts[0])
        else:
            key = _snap(piece.x0)
        columns.setdefault(key, []).append(piece)
    keys = lefts[:-1] if len(lefts) >= 2 else sorted(columns)
    keys = sorted(set(keys) | set(columns))
    cells = []
    for key in keys:
        lines = [p.text for p in sorted(columns.get(key, []), key=lambda p: (-p.top, p.x0))]
        cells.append(_join_cell_lines(lines))
    return cells


def _join_cell_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalnum() and line[:1].isalnum():
            text += line            # "decision-" + "making": a compound keeps its hyphen
        else:
            text = f"{text} {line}" if text else line
    return text


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
