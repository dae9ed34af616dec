"""Text inside Form XObjects (pdfminer's LTFigure) reads like page text (issue 21).

The PDFs are drawn in the test with reportlab: a page whose text sits in a
form, forms nested in forms, a form placed with a transformation, and a form
that is only a logo image.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("reportlab", reason="drawing test PDFs needs reportlab (pip install -e '.[dev]')")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from flows.reading import convert  # noqa: E402
from flows.reading.ocr import needs_ocr  # noqa: E402
from flows.reading.pdf import LAPARAMS, has_picture, page_lines  # noqa: E402


def _logo() -> ImageReader:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 60), "white")
    ImageDraw.Draw(image).ellipse((10, 10, 110, 50), fill="navy")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    buf.seek(0)
    return ImageReader(buf)


def _layouts(path: Path) -> list:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    return list(extract_pages(str(path), laparams=LAParams(**LAPARAMS)))


def test_a_page_whose_text_is_all_in_one_form_reads_as_text(tmp_path):
    path = tmp_path / "printed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.beginForm("page1")
    c.setFont("Helvetica", 11)
    lines = ["Minutes of the Community Council", "Held on Tuesday 4 March 2025",
             "12. The council resolved to renew the playground lease for five years."]
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 16 * i, line)
    c.endForm()
    c.doForm("page1")
    c.showPage()
    c.save()

    paged = convert(path)
    assert paged.page_sources == ["text"]
    assert paged.text.split("\n") == lines


def test_nested_forms_and_a_placed_form_line_up_with_page_text(tmp_path):
    path = tmp_path / "nested.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.beginForm("inner")
    c.setFont("Helvetica", 11)
    c.drawString(72, 600, "Inner form: the hall roof repairs were approved.")
    c.endForm()
    c.beginForm("outer")
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Outer form: apologies were received.")
    c.doForm("inner")
    c.endForm()
    c.beginForm("placed")
    c.setFont("Helvetica", 11)
    c.drawString(0, 0, "to order the new bench")
    c.endForm()
    c.drawString(72, 720, "Page text above the forms.")
    c.drawString(72, 500, "Clerk")
    c.saveState()
    c.translate(72 + c.stringWidth("Clerk ", "Helvetica", 11), 500)   # the form's origin on the page
    c.doForm("placed")
    c.restoreState()
    c.doForm("outer")
    c.showPage()
    c.save()

    text = convert(path).text
    # Each line where it is printed on the page, whichever form holds it; the
    # placed form's words join the page's word on their shared baseline.
    assert text.split("\n") == ["Page text above the forms.", "Outer form: apologies were received.",
                                "Inner form: the hall roof repairs were approved.",
                                "Clerk to order the new bench"]


def test_a_logo_form_is_a_picture_not_text(tmp_path):
    path = tmp_path / "logo.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    logo = _logo()
    c.beginForm("logo")
    c.drawImage(logo, 450, 770, width=100, height=50)
    c.endForm()
    # Page 1: letterhead logo and typed text.  Page 2: the logo alone.
    c.doForm("logo")
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "The committee noted the annual report of the parish trust.")
    c.showPage()
    c.doForm("logo")
    c.showPage()
    c.save()

    first, second = _layouts(path)
    assert has_picture(first) and has_picture(second)
    assert not needs_ocr(page_lines(first), has_picture(first))   # text anywhere: not image-only
    assert page_lines(second) == [] and needs_ocr(page_lines(second), has_picture(second))

    paged = convert(path)
    assert paged.page_sources[0] == "text"
    assert paged.page_text(1) == "The committee noted the annual report of the parish trust."


def test_a_form_holding_both_a_scan_and_its_text_is_not_image_only(tmp_path):
    # A scanned page with a hidden OCR text layer, both inside one form: the
    # text is there, so the page keeps it and is not OCRed again.
    path = tmp_path / "scan-with-text.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.beginForm("scan")
    c.drawImage(_logo(), 0, 0, width=595, height=842)
    c.setFont("Helvetica", 11)
    c.drawString(72, 400, "Resolved: the budget for 2025-26 was approved.")
    c.endForm()
    c.doForm("scan")
    c.showPage()
    c.save()

    (layout,) = _layouts(path)
    assert has_picture(layout) and not needs_ocr(page_lines(layout), True)
    assert convert(path).text == "Resolved: the budget for 2025-26 was approved."
