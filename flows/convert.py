"""Source files to `PagedText`: PDFs with pdfminer.six, page by page; text files as they are.

A PDF page becomes lines of text in reading order.  Text lines that share a
baseline across columns (a table row) are joined with a tab, so an action log
keeps one line per row.  Running headers and footers (lines repeated on most
pages, "Page 5", "Page 3 of 17") are dropped, justified text's doubled spaces
are folded, and words hyphenated across a line break are joined.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from extractors.paged import PagedText

# Chosen on the Kent Cabinet PDFs (see README, "PDF conversion"):
# - line_margin 0.3 (default 0.5) keeps separate table cells and paragraphs
#   in separate boxes instead of merging neighbours into one box;
# - char_margin 2.0 (default) joins the words of a justified line;
# - boxes_flow 0.5 (default) reads two-column layouts column by column.
LAPARAMS = dict(line_margin=0.3, char_margin=2.0, word_margin=0.1, boxes_flow=0.5)


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
    try:
        for layout in extract_pages(str(path), laparams=LAParams(**LAPARAMS)):
            pages.append(page_lines(layout))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ConversionError(f"encrypted PDF ({type(exc).__name__})") from None
    except (PDFSyntaxError, PSException) as exc:
        raise ConversionError(f"corrupt PDF: {str(exc) or type(exc).__name__}") from None
    except Exception as exc:   # pdfminer raises many kinds on damaged files
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ConversionError(f"encrypted PDF ({exc})") from None
        raise ConversionError(f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    if not pages:
        raise ConversionError("corrupt PDF: no pages")
    texts = [join_lines(lines) for lines in drop_running_lines(pages)]
    if not any(t.strip() for t in texts):
        raise ConversionError("no text layer (image-only PDF; OCR is not available)")
    return PagedText.from_pages(texts)


def page_lines(layout) -> list[str]:
    """The page's text lines, top to bottom; lines on one baseline joined by a tab."""
    from pdfminer.layout import LTTextContainer, LTTextLine

    found: list[tuple[float, float, str]] = []   # (top, x0, text)

    def walk(obj):
        for child in obj:
            if isinstance(child, LTTextLine):
                text = " ".join(child.get_text().split())
                if text:
                    found.append((child.y1, child.x0, text))
            elif isinstance(child, LTTextContainer):
                walk(child)

    walk(layout)
    # Group lines whose tops lie within a few points: one visual row.
    found.sort(key=lambda t: (-t[0], t[1]))
    rows: list[list[tuple[float, float, str]]] = []
    for line in found:
        if rows and abs(rows[-1][0][0] - line[0]) <= 3.0:
            rows[-1].append(line)
        else:
            rows.append([line])
    return ["\t".join(t for _, _, t in sorted(row, key=lambda t: t[1])) for row in rows]


_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*\|?\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_DIGITS = re.compile(r"\d+")


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and lines repeated on most pages (headers, footers)."""
    def key(line: str) -> str:
        return _DIGITS.sub("#", line.strip().lower())

    edge = Counter()
    for lines in pages:
        for line in set(lines[:3] + lines[-3:]):
            edge[key(line)] += 1
    threshold = max(3, int(0.5 * len(pages)) + 1)
    running = {k for k, n in edge.items() if n >= threshold and k}
    out = []
    for lines in pages:
        kept = []
        for i, line in enumerate(lines):
            at_edge = i < 3 or i >= len(lines) - 3
            if at_edge and (_PAGE_NUMBER.match(line) or key(line) in running):
                continue
            kept.append(line)
        out.append(kept)
    return out


_HYPHEN_BREAK = re.compile(r"([a-z])-\n([a-z])")


def join_lines(lines: list[str]) -> str:
    """Join a page's lines, mending words hyphenated across a line break."""
    text = "\n".join(lines)
    return _HYPHEN_BREAK.sub(r"\1\2", text)
