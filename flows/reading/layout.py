"""Layout geometry shared by the text layer and OCR: positioned pieces of text to lines.

A page's text arrives as `Piece`s, runs of words on one baseline with their
box in PDF points (y grows upwards): from pdfminer's text lines
(flows/reading/pdf.py) or from Tesseract's words (flows/reading/ocr.py).
Pieces whose tops lie within a few points are one visual row.  Cells of a
table row are joined with a tab (so an action log keeps one line per row),
while a bullet or paragraph number and its text, or words a justified line
spread apart, are joined with a space.  Where a table draws its cell borders,
all the text between two row rules is one line, however its cells wrap.

This module imports nothing of pdfminer or of the rest of the package.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

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
