"""PDF conversion: rows, labels, tables, running headers, broken words, page mapping.

Piece geometry below is what pdfminer reports on the Kent Cabinet PDFs
(font height 12 pt; gaps measured with LAPARAMS).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.reading import convert
from flows.reading.layout import Piece, Rule, column_edges, group_rows, join_row, table_rows
from flows.reading.lines import _PAGE_NUMBER, drop_running_lines, join_lines
from tests.conftest import GOLD, PDFS

DATA = Path(__file__).parent / "data"


def row(top: float, *cells: tuple[float, float, str], height: float = 12.0) -> list[Piece]:
    return [Piece(top, x0, x1, height, text) for x0, x1, text in cells]


# -- one row of pieces -------------------------------------------------------

def test_justified_words_pdfminer_split_join_with_spaces():
    # kent-cabinet-2025-01-09-minutes.pdf p6: "be required to create a Mayoral ..."
    r = row(500, (72, 85, "be"), (94.6, 140, "required"),
            (149.6, 500, "to create a Mayoral Strategic Authority alongside"))
    assert join_row(r) == "be required to create a Mayoral Strategic Authority alongside"


def test_table_cells_join_with_tabs():
    # kent-cabinet-2025-03-04-report.pdf p2, the business rates table
    r = row(400, (72, 210, "Business rates top up grant"), (299.4, 350, "149,107.7"),
            (385.4, 436, "149,107.7"))
    assert join_row(r) == "Business rates top up grant\t149,107.7\t149,107.7"


def test_paragraph_number_joins_its_text():
    # kent-cabinet-2025-01-30-budget-monitoring-report.pdf p2: "3.2<16pt>The rest of ..."
    r = row(600, (72, 88, "3.2"), (104, 500, "The rest of this section takes these factors in turn."))
    assert join_row(r) == "3.2 The rest of this section takes these factors in turn."
    bullet = row(600, (90, 96, "•"), (105.1, 500, "It was noted that risk CRR0056 SEND Delivery Improvement and High"))
    assert join_row(bullet).startswith("• It was noted")


def test_minute_number_column_is_not_a_hanging_label():
    # An action-log row: the "Minute No." column is wider than a hanging indent.
    r = row(300, (40, 52, "10"), (110, 260, "Procurement of Housing Related Support Services"),
            (280, 340, "Lisa Sparks"))
    assert join_row(r) == "10\tProcurement of Housing Related Support Services\tLisa Sparks"


def test_a_narrow_gap_is_a_column_when_several_rows_share_its_edge():
    # Agenda header: "Council Chamber, Sessions House, | Telephone:" is only 8 pt apart,
    # but the right-hand cells line up on several rows.
    rows = [row(700 - 14 * i, (72, 250, left), (258, 400, right))
            for i, (left, right) in enumerate([("Thursday, 30th January, 2025", "Ask for:"),
                                               ("Council Chamber, Sessions House,", "Telephone:"),
                                               ("County Hall, Maidstone", "Email:")])]
    columns = column_edges(rows)
    assert join_row(rows[1], columns) == "Council Chamber, Sessions House,\tTelephone:"
    # ...while one justified gap of the same width on its own stays a space.
    assert join_row(rows[1]) == "Council Chamber, Sessions House, Telephone:"


def test_rows_group_by_top_and_order_left_to_right():
    pieces = [Piece(500.0, 300, 350, 12, "149,107.7"), Piece(701.0, 72, 90, 12, "AGENDA"),
              Piece(501.5, 72, 210, 12, "Business rates top up grant")]
    rows = group_rows(pieces)
    assert [[p.text for p in r] for r in rows] == [["AGENDA"], ["Business rates top up grant", "149,107.7"]]


# -- bordered tables ------------------------------------------------------------

def cell_box(x0, x1, bottom, top):
    """The four rules of one bordered cell."""
    return ([Rule(bottom, x0, x1), Rule(top, x0, x1)], [Rule(x0, bottom, top), Rule(x1, bottom, top)])


def bordered(*cells):
    horizontal, vertical = [], []
    for c in cells:
        h, v = cell_box(*c)
        horizontal += h
        vertical += v
    return horizontal, vertical


def test_wrapped_cells_of_a_bordered_row_make_one_line():
    # Row "11 | Healthy Weight | Val Thomas | Concerns that ..." with the action cell wrapping.
    horizontal, vertical = bordered((28, 75, 450, 480), (75, 176, 450, 480), (176, 257, 450, 480),
                                    (28, 75, 400, 450), (75, 176, 400, 450), (176, 257, 400, 450))
    pieces = [Piece(476, 30, 70, 9, "Minute No."), Piece(476, 77, 150, 9, "Report Title"),
              Piece(476, 178, 250, 9, "Action"),
              Piece(446, 30, 40, 9, "11"), Piece(446, 77, 140, 9, "Healthy Weight"),
              Piece(446, 178, 255, 9, "Concerns that other weight"),
              Piece(436, 178, 255, 9, "problems such as anorexia and"),
              Piece(426, 178, 240, 9, "the need to look at these in"),
              Piece(416, 178, 210, 9, "future.")]
    rows, outside = table_rows(pieces, horizontal, vertical)
    assert [text for _top, text in sorted(rows, key=lambda r: -r[0])] == [
        "Minute No.\tReport Title\tAction",
        "11\tHealthy Weight\tConcerns that other weight problems such as anorexia and the need to look at these in future.",
    ]
    assert outside == []


def test_a_box_around_a_paragraph_is_not_a_table():
    # kent-cabinet-2025-01-30-budget-monitoring-report.pdf p1 draws one box round its header block.
    horizontal, vertical = bordered((41, 541, 251, 667))
    pieces = [Piece(660, 45, 80, 12, "From:"), Piece(660, 120, 500, 12, "Deputy Leader and Cabinet Member"),
              Piece(640, 45, 70, 12, "To:"), Piece(640, 120, 300, 12, "Cabinet, 30 January 2025")]
    rows, outside = table_rows(pieces, horizontal, vertical)
    assert rows == [] and sorted(p.text for p in outside) == sorted(p.text for p in pieces)


def test_text_between_underlines_is_not_a_table():
    # Underlined links: horizontal rules with no cell borders between them.
    horizontal = [Rule(237, 85, 212), Rule(223, 85, 446), Rule(209, 85, 380)]
    pieces = [Piece(235, 86, 200, 12, "KCC’s Budget webpage"), Piece(235, 300, 440, 12, "details")]
    rows, outside = table_rows(pieces, horizontal, [])
    assert rows == [] and sorted(p.text for p in outside) == sorted(p.text for p in pieces)


def test_action_log_pdf_keeps_one_line_per_row():
    log = convert(DATA / "cambs-action-log-bordered.pdf")
    lines = log.text.splitlines()
    assert "Minute No.\tReport Title\tAction to be taken by\tAction\tComments\tStatus\tReview Date" in lines
    row = next(line for line in lines if line.startswith("11\t"))
    assert row == ("11\tHealthy Weight\tVal Thomas\tConcerns that other weight problems such as anorexia and "
                   "the need to look at these in future.\tThis will come back as part of an update on Healthy "
                   "Weight to a future Adult & Health Committee meeting.\tIn progress\tTBC")
    assert [line.split("\t")[0] for line in lines if line[:2].isdigit()] == ["10", "11", "22.", "27.", "35."]


# -- running headers and page numbers ----------------------------------------

@pytest.mark.parametrize("line", ["5", "Page 5", "Page |2", "Page 3 of 17", "3/17", "- 4 -", "2 | Page"])
def test_page_number_lines(line):
    assert _PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["2.1 Introduction", "£'000", "Total\t269,141.2", "1.87%",
                                  "Page 27 of the report sets out the risks"])
def test_lines_that_are_not_page_numbers(line):
    assert not _PAGE_NUMBER.match(line)


def test_running_header_and_footer_dropped_but_body_kept():
    openings = ["42. Apologies", "43. Minutes – 14 October 2021 and Action Log",
                "44. Petitions and Public Questions", "45. COVID-19 Update"]
    closings = ["Councillor Bryony Goodliffe.", "The action log was noted.",
                "There were no petitions.", "The Committee resolved unanimously to note the report."]
    pages = [["Adults and Health Committee 13 January 2022", openings[n],
              *[f"line {i} of the minutes on this page" for i in range(20)],
              closings[n], f"Page {n + 1} of 4"] for n in range(4)]
    kept = drop_running_lines(pages)
    assert all("Adults and Health Committee 13 January 2022" not in p for p in kept)
    assert all(not any(line.startswith("Page ") for line in p) for p in kept)
    assert [p[0] for p in kept] == openings
    assert [p[-1] for p in kept] == closings
    # Repeated on every page but away from its edges: body text, kept.
    assert all("line 10 of the minutes on this page" in p for p in kept)


def test_each_report_of_a_pack_loses_its_own_footer():
    # Two reports of three pages each, after a two-page agenda: neither footer is on
    # most pages of the pack, but each runs over consecutive pages.
    def page(n, footer):
        words = "budget savings reserves grant council members officers services".split()
        return [f"The {words[i]} paragraph on the {words[(i + n) % 8]} page" for i in range(8)] + \
            ([footer] if footer else [])
    pages = [page(1, ""), page(2, ""),
             *(page(n, "Adults and Health Committee: COVID-19 Update") for n in (3, 4, 5)),
             *(page(n, "Adult Social Care Retention Payments – 13 January 2022") for n in (6, 7, 8))]
    kept = drop_running_lines(pages)
    assert not any("COVID-19 Update" in line or "Retention Payments" in line for p in kept for line in p)
    assert [len(p) for p in kept] == [8] * 8


def test_table_header_repeated_on_each_page_is_kept():
    header = "Minute No.\tReport Title\tAction to be taken by\tAction\tComments\tStatus"
    pages = [[header, f"{n}\tHealthy Weight\tVal Thomas\tConcerns raised\tUpdate due\tOpen",
              *[f"row {i} on page {n}" for i in range(10)]] for n in range(5)]
    assert all(p[0] == header for p in drop_running_lines(pages))


def test_short_documents_keep_their_first_lines():
    # Two pages both starting "AGENDA" is not a running header.
    pages = [["AGENDA", "CABINET"], ["AGENDA", "Benjamin Watts"]]
    assert drop_running_lines(pages) == pages


# -- words broken across lines -----------------------------------------------

def test_compound_hyphen_at_line_end_is_kept():
    # kent-cabinet-2025-01-30-minutes.pdf: "family group decision-\nmaking ..."
    text = join_lines(["included a requirement for local authorities to offer family group decision-",
                       "making and to introduce"])
    assert "family group decision-making\nand to introduce" in text
    assert join_lines(["budget for 2024-", "25 was agreed"]) == "budget for 2024-25\nwas agreed"


def test_soft_hyphen_is_removed():
    assert join_lines(["the commis\u00ad", "sioning plan"]) == "the commissioning\nplan"


def test_line_ending_in_a_dash_is_not_joined():
    assert join_lines(["Revenue and Capital Budget Monitoring Report -", "November 2024-25"]) == \
        "Revenue and Capital Budget Monitoring Report -\nNovember 2024-25"


def test_email_broken_at_a_dot_is_mended():
    assert join_lines(["georgina.little@kent", ".gov.uk", "."]) == "georgina.little@kent.gov.uk\n."


# -- a real PDF ----------------------------------------------------------------

@pytest.fixture(scope="module")
def kent_minutes():
    return convert(PDFS / "kent-cabinet-2025-01-09-minutes.pdf")


def test_every_gold_text_is_in_the_converted_text(kent_minutes):
    flat = " ".join(kent_minutes.text.replace("\u2019", "'").split())
    gold = json.loads((GOLD / "kent-cabinet-2025-01-09-minutes.json").read_text())
    for kind, rows in gold.items():
        for g in rows:
            assert " ".join(g["text"].split()) in flat, (kind, g["text"])


def test_spans_map_back_to_their_pages(kent_minutes):
    assert kent_minutes.page_count == 9
    at = kent_minutes.text.index("RESOLVED that the minutes of the meeting on 28 November 2024")
    assert kent_minutes.page_of(at) == 1
    at = kent_minutes.text.index("83. English Devolution White Paper")
    assert kent_minutes.page_of(at) == 5


def test_justified_lines_have_no_tabs(kent_minutes):
    assert "be required to create a Mayoral Strategic Authority" in kent_minutes.text
    assert "• Members acknowledged that there were a significant number of" in kent_minutes.text
    assert "\t" not in kent_minutes.text


def test_table_rows_stay_one_line_per_row():
    report = convert(PDFS / "kent-cabinet-2025-03-04-report.pdf")
    assert "2024-25 allocation\t75,734.8\t77,308.9\t1,574.1" in report.text.splitlines()
    assert "Total\t269,141.2\t269,183.9\t42.7" in report.text.splitlines()
    # A row label that wraps inside its bordered cell stays with its figures.
    assert "Retained business rates - baseline & local share\t67,238.1\t69,097.6" in report.text.splitlines()


def test_borderless_action_log_keeps_one_line_per_row():
    log = convert(DATA / "cambs-action-log-borderless.pdf")
    lines = log.text.splitlines()
    row = next(line for line in lines if line.startswith("22.\t"))
    assert row.split("\t") == ["22.", "Use of Assistive Technology in Social Care", "Grace Clark",
                               "Requested that Members visited the Smart Flat when it was up and running.",
                               "We are liaising with chorus homes to write new contracts and risk assess "
                               "safety of flat prior to renovations", "Closed"]
    assert [line.split("\t")[0] for line in lines if line[:2].isdigit()] == ["10", "11", "22.", "27.", "35."]


def test_wrapped_lines_join_the_table_row_above_them():
    rows = [row(500, (30, 40, "11"), (80, 140, "Healthy Weight"), (180, 230, "Val Thomas"),
                (260, 450, "Concerns that other weight problems such as")),
            row(489, (260, 440, "anorexia and the need to look at these in future.")),
            row(478, (30, 45, "22."), (80, 150, "Use of Assistive"), (180, 230, "Grace Clark"),
                (260, 450, "Requested that Members visited the Smart Flat")),
            row(467, (80, 160, "Technology in Social"), (260, 400, "when it was up and running.")),
            row(456, (80, 100, "Care"))]
    from flows.reading.layout import join_rows
    assert [text for _top, text in join_rows(rows)] == [
        "11\tHealthy Weight\tVal Thomas\tConcerns that other weight problems such as anorexia and the need "
        "to look at these in future.",
        "22.\tUse of Assistive Technology in Social Care\tGrace Clark\tRequested that Members visited the "
        "Smart Flat when it was up and running.",
    ]


def test_paragraph_after_a_table_is_not_pulled_into_it():
    rows = [row(500, (30, 40, "11"), (80, 140, "Healthy Weight"), (180, 230, "Val Thomas"),
                (260, 450, "Concerns raised")),
            # prose starting at the margin, and prose wider than a cell, are not continuations
            row(489, (30, 500, "The Committee noted the action log.")),
            row(478, (30, 40, "12"), (80, 140, "Dental"), (180, 230, "Kate Parker"), (260, 450, "Chased")),
            row(467, (80, 500, "An indented paragraph that runs across several of the columns above.")),
            # far below: a new block, not a wrapped line
            row(400, (260, 400, "Closed"))]
    from flows.reading.layout import join_rows as join
    texts = [text for _top, text in join(rows)]
    assert texts[1] == "The Committee noted the action log."
    assert texts[2] == "12\tDental\tKate Parker\tChased"
    assert texts[3:] == ["An indented paragraph that runs across several of the columns above.", "Closed"]


def test_a_map_with_thousands_of_strokes_is_not_read_as_a_table():
    horizontal = [Rule(100 + i * 0.2, 50, 500) for i in range(2500)]
    vertical = [Rule(50, 100, 600), Rule(500, 100, 600)]
    pieces = [Piece(300, 60, 120, 9, "Site boundary"), Piece(300, 200, 260, 9, "Footpath")]
    rows, outside = table_rows(pieces, horizontal, vertical)
    assert rows == [] and outside == pieces


def test_line_break_hyphen_settled_by_the_documents_own_words():
    from flows.reading.lines import BREAK_MARK, mend_hyphens

    pages = [join_lines(["The Chief Execu-", "tive introduced the report on decision-", "making."], BREAK_MARK),
             join_lines(["The Executive agreed the decision-making process."], BREAK_MARK)]
    mended = mend_hyphens(pages)
    assert mended[0] == "The Chief Executive\nintroduced the report on decision-making.\n"
    # A word the document never writes unbroken keeps its hyphen.
    assert mend_hyphens([join_lines(["family group decision-", "making and"], BREAK_MARK)]) == \
        ["family group decision-making\nand"]
