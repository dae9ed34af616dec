"""Reading source files: every page of every format to a `PagedText`.

    from flows.reading import ConversionError, convert
    paged = convert("minutes.pdf")

The modules import in one direction, each only from those above it:

    errors    ConversionError, the one-line reason a file cannot be read
    layout    positioned pieces of text to rows, cells and table rows (text layer and OCR alike)
    lines     a page's lines to its text: page numbers, running lines, broken words
    ocr       image pages read by Tesseract
    pdf       PDF pages with pdfminer.six; image pages through `ocr`
    formats   Word (.docx), web pages (.html), markdown and text files
    (this)    `convert`: the reader for a file's type

Nothing here imports the extractors' pipeline, Prefect or pandas: a document
worker (flows/isolation.py) loads only what reading needs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from extractors.paged import PagedText
from flows.reading.errors import ConversionError
from flows.reading.formats import convert_docx, convert_html, convert_markdown, convert_text
from flows.reading.pdf import convert_pdf

# The reader of each file type, by suffix (lower case): (documents.format, reader).
READERS: dict[str, tuple[str, Callable[[Path], PagedText]]] = {
    ".pdf": ("pdf", convert_pdf),
    ".docx": ("docx", convert_docx),
    ".html": ("html", convert_html),
    ".htm": ("html", convert_html),
    ".md": ("markdown", convert_markdown),
    ".markdown": ("markdown", convert_markdown),
    ".txt": ("text", convert_text),
    ".text": ("text", convert_text),
}


def format_of(path: str | Path) -> str:
    """The reader `convert` uses for this file ("pdf", "docx", "html", "markdown", "text"), or ""."""
    return READERS.get(Path(path).suffix.lower(), ("", None))[0]


def convert(path: str | Path) -> PagedText:
    """Read one source file; `ConversionError` with a one-line reason when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS:
        known = ", ".join(sorted(READERS))
        raise ConversionError(f"unsupported file type {suffix or '(no suffix)'!r} (minutebook reads {known})")
    return READERS[suffix][1](path)


__all__ = ["ConversionError", "READERS", "convert", "format_of"]
