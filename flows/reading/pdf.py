"""PDF pages to lines: the text layer with pdfminer.six, image pages by OCR.

A PDF page becomes lines of text, top to bottom (flows/reading/layout.py
joins pdfminer's text lines into rows, cells and table rows); a page that
only shows an image is read by OCR (flows/reading/ocr.py); the pages' lines
then become the document's text (flows/reading/lines.py).
"""
from __future__ import annotations

from pathlib import Path

from extractors.paged import PagedText
from flows.reading.errors import ConversionError
from flows.reading.layout import (RULE_MIN, RULE_WIDTH, Piece, Rule, column_edges, group_rows, join_rows,
                                  table_rows)
from flows.reading.lines import page_texts
from flows.reading.ocr import fill_image_pages

# Chosen on the Kent Cabinet PDFs (see README, "PDF conversion"):
# - char_margin 2.0 (default) and word_margin 0.1 (default) build a line from
#   one text run; a larger char_margin glued neighbouring table cells into one
#   cell, so wide justified gaps are mended in `join_row` instead, where a
#   column seen on several rows keeps its tab;
# - boxes_flow None: `page_lines` orders lines by position itself, so
#   pdfminer's box ordering (the costly hierarchical pass) is skipped;
# - line_margin only groups lines into boxes, which we do not use;
# - all_texts True: text inside Form XObjects (pdfminer's LTFigure, nested
#   ones too) is grouped into lines like page text.  Some office suites'
#   "print to PDF" put a whole page's text in one form; without this it is
#   loose characters and the page read as image-only.  pdfminer gives the
#   characters page coordinates already (the form's matrix applied), so
#   rows and columns line up with the page's own text.  On the corpus it
#   costs nothing measurable (106 pages, 6 forms, 37 characters in them).
LAPARAMS = dict(char_margin=2.0, word_margin=0.1, line_margin=0.5, boxes_flow=None, all_texts=True)


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
    bands: list[list[bool]] = []   # per line: in the page's top or bottom band
    pictures: list[bool] = []      # page shows an image: OCR it if it has no text layer
    try:
        for layout in extract_pages(str(path), laparams=LAParams(**LAPARAMS)):
            rows = page_rows(layout)
            pages.append([text for _top, text in rows])
            bands.append(edge_bands(layout, [top for top, _text in rows]))
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
    # Image pages without a usable text layer are read by OCR (flows/reading/ocr.py);
    # text pages keep pdfminer's lines as they are.
    pages, sources, notes = fill_image_pages(path, pages, pictures)
    # An OCRed page's lines carry no positions here: its line order alone
    # says which lines are at its top and bottom.
    at_edge = [None if source == "ocr" else band for source, band in zip(sources, bands)]
    texts, running = page_texts(pages, at_edge)
    if not any(t.strip() for t in texts):
        reason = next((n for n in notes if n), "no text layer (image-only PDF)")
        raise ConversionError(reason)
    return PagedText.from_pages(texts, sources, notes, running)


def page_lines(layout) -> list[str]:
    """The page's text lines, top to bottom."""
    return [text for _top, text in page_rows(layout)]


def page_rows(layout) -> list[tuple[float, str]]:
    """The page's text lines, top to bottom, each with the y of its top.

    Pieces on one row join with a space when they are words of one line (a
    bullet or number and its text, or words a justified line spread apart)
    and with a tab when they are cells of a table row.
    """
    horizontal, vertical = ruling_lines(layout)
    bordered, pieces = table_rows(text_pieces(layout), horizontal, vertical)
    rows = group_rows(pieces)
    columns = column_edges(rows)
    lines = join_rows(rows, columns) + bordered
    return sorted(lines, key=lambda line: -line[0])


# A running header or footer is printed in the page's margin: a line whose top
# lies within this share of the page's height from its top or bottom edge.
# Word puts headers and footers 1.25 cm (35 pt) from the edge; in the corpus
# they sit 3-8% of the height from it, body text from about 9%.
EDGE_BAND = 0.12


def edge_bands(layout, tops: list[float]) -> list[bool]:
    """Per line top: whether it lies in the page's top or bottom band."""
    x0, y0, x1, y1 = layout.bbox
    band = EDGE_BAND * (y1 - y0)
    return [top >= y1 - band or top <= y0 + band for top in tops]


def text_pieces(layout) -> list[Piece]:
    """The page's text lines as pieces, those inside form objects (figures, nested) included."""
    from pdfminer.layout import LTFigure, LTTextContainer, LTTextLine

    found: list[Piece] = []

    def walk(obj):
        for child in obj:
            if isinstance(child, LTTextLine):
                text = " ".join(child.get_text().split())
                if text:
                    found.append(Piece(child.y1, child.x0, child.x1, child.height, text))
            elif isinstance(child, (LTTextContainer, LTFigure)):
                walk(child)

    walk(layout)
    return found



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


def has_picture(layout) -> bool:
    """True when a pdfminer page layout shows an image (or a figure holding one)."""
    from pdfminer.layout import LTFigure, LTImage

    def walk(obj) -> bool:
        for child in obj:
            if isinstance(child, LTImage):
                return True
            if isinstance(child, LTFigure) and walk(child):
                return True
        return False

    return walk(layout)
