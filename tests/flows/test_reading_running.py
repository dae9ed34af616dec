"""Running headers and footers (issue 21): out of the flow of clauses, not out of the record.

A line is a running line only where it sits at the top or bottom of its
page; the dates and amounts printed in running lines are still records, with
their page.  PDFs are drawn in the test with reportlab.
"""
from __future__ import annotations

import pytest

from extractors.paged import PagedText
from flows.reading.lines import BODY, PAGE_NUMBER, RUNNING, line_roles, page_texts

HEADER = "Orchard Vale Parish Council – minutes of March 2025"
FOOTER = "Approved and dated 3 March 2025 – precept £12,500"


def _page(n: int, body: list[str]) -> list[str]:
    return [HEADER, *body, FOOTER, f"Page {n} of 4"]


# -- which lines run --------------------------------------------------------------

def test_a_line_repeated_in_each_pages_body_is_not_a_running_line():
    # A decision form: one block a page, each ending with the same deadline line.
    # By index it is among each page's last lines, like a footer; by position
    # it is in the body, so it stays.
    deadline = "Deadline for call-in: 14 March 2025"
    pages = [[f"Decision {n}", f"The cabinet member agreed proposal {n}.", deadline, "Signed"] for n in range(1, 5)]
    in_band = [[False, False, False, True]] * 4        # only "Signed" sits in the bottom margin
    roles = line_roles(pages, in_band)
    assert all(page[2] == BODY for page in roles)
    assert all(page[3] == RUNNING for page in roles)
    # Without positions (an OCRed page), line order alone decides, as before.
    assert all(page[2] == RUNNING for page in line_roles(pages))


def test_running_lines_stay_in_the_text_with_their_spans():
    pages = [_page(n, [f"{n}0. Item {n}", f"Body line {n}."]) for n in range(1, 5)]
    texts, spans = page_texts(pages, [[True, False, False, True, True]] * 4)
    roles = line_roles(pages, [[True, False, False, True, True]] * 4)
    assert roles[0] == [RUNNING, BODY, BODY, RUNNING, PAGE_NUMBER]
    for text, page_spans in zip(texts, spans):
        assert [text[s:e] for s, e in page_spans] == [HEADER, FOOTER]
        assert "Page " not in text                         # page numbers go


def test_flow_leaves_out_running_lines_and_maps_offsets_back():
    pages = [_page(1, ["41. Grants", "RESOLVED that the grant to the village"]),
             _page(2, ["hall committee be paid.", "42. Close"]),
             _page(3, ["43. Any other business", "None."]), _page(4, ["44. Next meeting", "In April."])]
    texts, spans = page_texts(pages, [[True, False, False, True, True]] * 4)
    paged = PagedText.from_pages(texts, running=spans)
    flow = paged.flow()
    assert flow.text == ("41. Grants\nRESOLVED that the grant to the village\n\nhall committee be paid.\n42. Close"
                         "\n\n43. Any other business\nNone.\n\n44. Next meeting\nIn April.")
    start = flow.text.index("RESOLVED")
    end = flow.text.index("be paid.") + len("be paid.")
    s, e = flow.start(start), flow.end(end)
    assert paged.text[s:e].startswith("RESOLVED") and paged.text[s:e].endswith("be paid.")
    assert FOOTER in paged.text[s:e]          # the record's span is the printed one
    line = flow.text.index("42. Close")
    assert paged.text[flow.start(line):flow.end(line + 9)] == "42. Close"


# -- end to end: a PDF with a header and footer on every page ---------------------

reportlab = pytest.importorskip("reportlab", reason="drawing test PDFs needs reportlab (pip install -e '.[dev]')")


TITLES = ["Playing field lease", "Bus shelter repairs", "Allotment rents", "Village hall roof"]


def _minutes_pdf(path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    for n in range(1, 5):
        c.setFont("Helvetica", 9)
        c.drawString(72, height - 40, HEADER)
        c.drawString(72, 40, FOOTER)
        c.drawString(width - 110, 25, f"Page {n} of 4")
        c.setFont("Helvetica", 11)
        y = height - 90
        lines = [f"{n}. {TITLES[n - 1]}",
                 f"RESOLVED that the {TITLES[n - 1].lower()} be agreed as set out in the report.",
                 "Deadline for call-in: 14 March 2025"]
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def test_dates_and_amounts_in_running_lines_are_records_with_their_pages(tmp_path):
    from extractors.pipeline import extract
    from flows.reading import convert

    paged = convert(_minutes_pdf(tmp_path / "minutes.pdf"))
    assert [line for _offset, line in paged.running_lines()] == [HEADER, FOOTER] * 4
    found = extract(paged, "0123456789abcdef", source_name="minutes.pdf")

    dates = [(r.text, r.page) for r in found.records["dates"]]
    for page in range(1, 5):
        assert ("March 2025", page) in dates                 # the header's month
        assert ("3 March 2025", page) in dates               # the footer's date
        assert ("14 March 2025", page) in dates              # the body's deadline, every page
    amounts = [(r.text, r.page) for r in found.records["amounts"]]
    assert amounts == [("£12,500", page) for page in range(1, 5)]
    for record in found.records["dates"] + found.records["amounts"]:
        assert paged.text[record.char_start:record.char_end] == record.text
    # Clauses come from the body only: no resolution holds a header or footer.
    resolutions = [r.text for r in found.records["resolutions"]]
    assert len(resolutions) == 4
    assert not any("precept" in text or "Orchard Vale" in text for text in resolutions)
