"""Reading source files: every page of every format to a `PagedText`.

    from flows.reading import ConversionError, convert
    paged = convert("minutes.pdf")

The modules import in one direction, each only from those above it:

    errors    ConversionError, the one-line reason a file cannot be read
    layout    positioned pieces of text to rows, cells and table rows (text layer and OCR alike)
    lines     a page's lines to its text: page numbers, running lines, broken words
    ocr       image pages read by Tesseract
    pdf       PDF pages with pdfminer.six; image pages through `ocr`
    formats   text files
    (this)    `convert`: the reader for a file's type

Nothing here imports the extractors' pipeline, Prefect or pandas: a document
worker (flows/isolation.py) loads only what reading needs.
"""
from __future__ import annotations

from pathlib import Path

from extractors.paged import PagedText
from flows.reading.errors import ConversionError
from flows.reading.formats import convert_text
from flows.reading.pdf import convert_pdf

def convert(path: str | Path) -> PagedText:
    """Read one source file; `ConversionError` with a one-line reason when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return convert_pdf(path)
    if suffix in (".txt", ".text", ".md"):
        return convert_text(path)
    raise ConversionError(f"unsupported file type {suffix!r}")


__all__ = ["ConversionError", "convert"]
