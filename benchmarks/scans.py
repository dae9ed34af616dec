"""Scanned copies of text PDFs and the character error rate: aids for OCR benchmarks and tests.

`scanned_copy` renders a PDF's pages to greyscale images and rebuilds an
image-only PDF, as a scanner would; `char_error_rate` compares what OCR read
with the text layer of the original.  Needs pypdfium2 and img2pdf (the `dev`
extra).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from flows.reading.ocr import render_page  # noqa: E402


def scanned_copy(src: Path, dst: Path, dpi: int = 200, pages: list[int] | None = None,
                 rotate: dict[int, int] | None = None) -> Path:
    """Write an image-only copy of a PDF, as a scanner would: greyscale page images.

    `pages` (0-based) limits which pages become images; the others are copied
    with their text layer (a mixed PDF).  `rotate` turns given pages' images by
    degrees clockwise.  Needs img2pdf (the `dev` extra).
    """
    import io

    import img2pdf
    import pypdfium2

    rotate = rotate or {}
    pdf = pypdfium2.PdfDocument(str(src))
    out = pypdfium2.PdfDocument.new()
    try:
        for i in range(len(pdf)):
            if pages is not None and i not in pages:
                out.import_pages(pdf, [i])
                continue
            image = render_page(pdf, i, dpi)
            if rotate.get(i):
                image = image.rotate(-rotate[i], expand=True)
            buf = io.BytesIO()
            image.save(buf, format="PNG", dpi=(dpi, dpi))
            one = pypdfium2.PdfDocument(img2pdf.convert(buf.getvalue()))
            out.import_pages(one, [0])
            one.close()
        dst.parent.mkdir(parents=True, exist_ok=True)
        out.save(str(dst))
    finally:
        out.close()
        pdf.close()
    return dst


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute cost 1), one numpy row at a time."""
    import numpy as np

    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    bs = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(b) + 1)
    row = steps.copy()
    for i, ch in enumerate(a, start=1):
        cost = (bs != ord(ch)).astype(np.int64)
        new = np.empty_like(row)
        new[0] = i
        new[1:] = np.minimum(row[1:] + 1, row[:-1] + cost)      # delete, substitute
        # insertions: new[j] = min over k <= j of new[k] + (j - k)
        row = np.minimum.accumulate(new - steps) + steps
    return int(row[-1])


def char_error_rate(ocr: str, truth: str) -> float:
    """Edits to turn `ocr` into `truth` per character of `truth`; whitespace runs count as one space."""
    ocr, truth = " ".join(ocr.split()), " ".join(truth.split())
    if not truth:
        return 0.0 if not ocr else 1.0
    return edit_distance(ocr, truth) / len(truth)
