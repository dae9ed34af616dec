"""OCR of scanned pages (issue 11): which pages are read, how, and what happens without an engine.

Scanned pages are made from the corpus's Kent Cabinet minutes (text PDF) by
rendering them to greyscale images and rebuilding image-only PDFs, so the
text layer is the known truth for what OCR should read.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scans import char_error_rate, edit_distance, scanned_copy
from flows.reading import ConversionError, convert, ocr
from flows.reading.ocr import NO_ENGINE_NOTE, mend_ordinals, needs_ocr, rows_from_words, usable_text
from tests.badfiles import image_only
from tests.conftest import PDFS

MINUTES = PDFS / "kent-cabinet-2025-01-09-minutes.pdf"

needs_tesseract = pytest.mark.skipif(
    bool(ocr.engine_missing()), reason=f"OCR engine not available: {ocr.engine_missing()}")
needs_scanner = pytest.mark.skipif(
    not all(__import__("importlib").util.find_spec(m) for m in ("pypdfium2", "img2pdf")),
    reason="making scanned copies needs pypdfium2 and img2pdf (pip install -e '.[dev]')")


@pytest.fixture(scope="module")
def original():
    return convert(MINUTES)


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    return tmp_path_factory.mktemp("scans")


# ---------------------------------------------------------------- pure rules

def test_real_text_line_is_usable():
    assert usable_text(["MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions"])


def test_stray_characters_are_not_a_text_layer():
    # a page number stamped on a scan, a stray OCR crumb
    assert not usable_text(["3"])
    assert not usable_text(["Page 3 of 9", "."])
    assert not usable_text([])


def test_only_image_pages_without_text_go_to_ocr():
    text = ["3. RESOLVED that Cabinet note the provisional settlement including the"]
    assert needs_ocr([], picture=True)
    assert needs_ocr(["12"], picture=True)
    assert not needs_ocr(text, picture=True)      # a text page with a logo keeps its text
    assert not needs_ocr([], picture=False)       # blank page: nothing to read


def _word(text, left, top, line, width=None, height=30, conf=95.0):
    return dict(text=text, left=left, top=top, line=line, width=width or 18 * len(text),
                height=height, conf=conf)


def test_words_of_one_line_join_with_spaces():
    words = [_word("RESOLVED", 300, 1000, (1, 1, 1)), _word("that", 470, 1000, (1, 1, 1)),
             _word("Cabinet", 560, 1002, (1, 1, 1))]
    assert rows_from_words(words) == ["RESOLVED that Cabinet"]


def test_table_cells_on_one_row_join_with_a_tab():
    # "Ask for: Georgina Little" beside the meeting time on the agenda's front page
    words = [_word("Thursday,", 300, 800, (1, 1, 1)), _word("30th", 480, 800, (1, 1, 1)),
             _word("Ask", 1500, 802, (2, 1, 1)), _word("for:", 1570, 802, (2, 1, 1)),
             _word("Georgina", 2000, 801, (3, 1, 1)), _word("Little", 2170, 801, (3, 1, 1))]
    assert rows_from_words(words) == ["Thursday, 30th\tAsk for:\tGeorgina Little"]


def test_rows_come_top_to_bottom():
    words = [_word("second", 300, 1100, (1, 1, 2)), _word("first", 300, 1000, (1, 1, 1))]
    assert rows_from_words(words) == ["first", "second"]


def test_raised_ordinals_read_as_marks_are_mended():
    # Kent's call-in report: "agreed by County Council on 13th February", OCR read "13" February"
    assert mend_ordinals('published on 5‘ February 2025.') == "published on 5th February 2025."
    assert mend_ordinals('To:\tCabinet — 4!" March 2025') == "To:\tCabinet — 4th March 2025"
    assert mend_ordinals('papers of 13"\nFebruary') == "papers of 13th\nFebruary"
    assert mend_ordinals('held on 21" May') == "held on 21st May"


def test_marks_not_before_a_month_are_left_alone():
    assert mend_ordinals('a 12" pipe under Market Street') == 'a 12" pipe under Market Street'
    assert mend_ordinals("see paragraph 3' below") == "see paragraph 3' below"


def test_edit_distance_and_error_rate():
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    truth = "RESOLVED that Cabinet note the provisional settlement"
    assert char_error_rate(truth, truth) == 0.0
    assert char_error_rate(truth.replace("note", "n0te"), truth) == pytest.approx(1 / len(truth))
    # line breaks and tabs against spaces are not errors
    assert char_error_rate("RESOLVED that\tCabinet\nnote", "RESOLVED that Cabinet note") == 0.0


# ---------------------------------------------------------------- without an engine

@pytest.fixture
def no_engine(monkeypatch):
    monkeypatch.setattr(ocr, "engine_missing", lambda: "tesseract not found")


def test_cache_key_changes_when_the_engine_is_installed(monkeypatch):
    # a document cached while Tesseract was missing is re-read once it is installed
    monkeypatch.setattr(ocr, "engine_version", lambda: "")
    without = ocr.cache_key()
    monkeypatch.setattr(ocr, "engine_version", lambda: "tesseract 5.3.0")
    assert without.startswith("ocr=none")
    assert ocr.cache_key() != without


def test_engine_version_agrees_with_the_engine_check():
    # the light check the cache key uses finds Tesseract exactly when OCR can run
    from flows.reading import ocr_engine

    ocr_engine.version.cache_clear()
    assert bool(ocr.engine_version()) == (ocr.engine_missing() == "")


def test_image_only_pdf_without_engine_fails_with_a_clear_reason(tmp_path, no_engine):
    with pytest.raises(ConversionError) as err:
        convert(image_only(tmp_path))
    assert str(err.value) == NO_ENGINE_NOTE
    assert "no text layer" in str(err.value) and "pip install" in str(err.value)


@needs_scanner
def test_mixed_pdf_without_engine_keeps_text_pages_and_notes_the_image_page(
        tmp_path, no_engine, original):
    mixed = scanned_copy(MINUTES, tmp_path / MINUTES.name, pages=[1])
    paged = convert(mixed)
    assert paged.page_count == original.page_count
    assert paged.page_text(2) == ""
    assert paged.page_notes[1] == NO_ENGINE_NOTE
    assert paged.page_sources[1] == "text"        # nothing was read from it
    assert paged.page_text(1) == original.page_text(1)


# ---------------------------------------------------------------- with Tesseract

@needs_tesseract
@needs_scanner
@pytest.mark.slow
def test_mixed_pdf_ocrs_only_the_image_page(scans, original):
    mixed = scanned_copy(MINUTES, scans / "mixed.pdf", pages=[2])
    paged = convert(mixed)
    assert paged.page_sources == ["text", "text", "ocr"] + ["text"] * (original.page_count - 3)
    for page in range(1, original.page_count + 1):
        if page != 3:   # text pages byte for byte as pdfminer reads them
            assert paged.page_text(page) == original.page_text(page), page
    assert "RESOLVED that Cabinet note the provisional settlement" in paged.page_text(3)
    assert char_error_rate(paged.page_text(3), original.page_text(3)) <= 0.02


@needs_tesseract
@needs_scanner
@pytest.mark.slow
@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_scan_is_turned_upright(scans, original, degrees):
    turned = scanned_copy(MINUTES, scans / f"turned{degrees}.pdf", pages=[0], rotate={0: degrees})
    paged = convert(turned)
    assert paged.page_sources[0] == "ocr"
    assert "degrees" in paged.page_notes[0]
    assert "MINUTES of a meeting of the Cabinet held in the Council Chamber" in paged.page_text(1)
    assert char_error_rate(paged.page_text(1), original.page_text(1)) <= 0.03


@needs_tesseract
@needs_scanner
@pytest.mark.slow
def test_low_resolution_scan_gives_text(scans, original):
    # 72 dpi: a fax-quality scan; OCR still reads most of it
    low = scanned_copy(MINUTES, scans / "low.pdf", dpi=72, pages=[0])
    paged = convert(low)
    assert paged.page_sources[0] == "ocr"
    text = paged.page_text(1)
    assert "Cabinet" in text and "Maidstone" in text
    assert char_error_rate(text, original.page_text(1)) <= 0.05


def _blank_page_pdf(folder: Path) -> Path:
    """The minutes with a white scanned page after page 1 (a scanner's empty sheet)."""
    import io

    import img2pdf
    import pypdfium2
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(buf, format="PNG", dpi=(200, 200))
    blank = pypdfium2.PdfDocument(img2pdf.convert(buf.getvalue()))
    pdf = pypdfium2.PdfDocument(str(MINUTES))
    pdf.import_pages(blank, [0], index=1)
    path = folder / "with-blank.pdf"
    pdf.save(str(path))
    return path


@needs_tesseract
@needs_scanner
def test_blank_scanned_page_yields_no_text_and_no_error(tmp_path, original):
    paged = convert(_blank_page_pdf(tmp_path))
    assert paged.page_count == original.page_count + 1
    assert paged.page_text(2) == ""
    assert paged.page_notes[1].startswith("blank page")
    assert paged.page_text(3) == original.page_text(2)


@needs_tesseract
@needs_scanner
@pytest.mark.slow
def test_blank_page_gives_no_rows(tmp_path):
    from flows.pipeline import process_document

    result = process_document(_blank_page_pdf(tmp_path))
    assert result.document.status == "ok", result.document.error
    rows = [r for name, recs in result.tables.items() if name not in ("pages", "parts", "items")
            for r in recs if getattr(r, "page", 0) == 2]
    assert rows == []
    page2 = [p for p in result.tables["pages"] if p.page == 2][0]
    assert page2.text == "" and page2.note.startswith("blank page")


@needs_tesseract
def test_grey_image_only_pdf_fails_with_a_reason_not_a_crash(tmp_path):
    # badfiles' scan: one uniform grey image, nothing written on it
    with pytest.raises(ConversionError) as err:
        convert(image_only(tmp_path))
    assert "no text" in str(err.value)      # "OCR found no text on the page image"


@needs_tesseract
@needs_scanner
def test_ocr_of_a_page_is_bounded_by_its_timeout(tmp_path):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(MINUTES))
    image = ocr.render_page(pdf, 0, 200)
    pdf.close()
    reading = ocr.read_image(image, dpi=200, timeout=0.01)
    assert reading.lines == []
    assert reading.note.startswith("OCR timed out")


@needs_tesseract
@needs_scanner
@pytest.mark.slow
def test_scanned_pages_carry_ocr_source_into_rows(tmp_path):
    from flows.pipeline import process_document

    scanned = scanned_copy(MINUTES, tmp_path / MINUTES.name, pages=[2])
    result = process_document(scanned)
    assert result.document.status == "ok"
    assert result.document.pages_ocr == 1
    sources = {p.page: p.text_source for p in result.tables["pages"]}
    assert sources[3] == "ocr" and sources[1] == "text"
    resolutions = result.tables.get("resolutions", [])
    on_page3 = [r for r in resolutions if r.page == 3]
    assert on_page3 and all(r.text_source == "ocr" for r in on_page3)
    assert all(r.text_source == "text" for r in resolutions if r.page != 3)


@needs_tesseract
@needs_scanner
@pytest.mark.slow
def test_ruled_table_cells_are_read(tmp_path):
    # Kent's call-in report, para 2.3: "Business rates compensation grant 52,795.4 50,978.6"
    # and "Total 269,141.2 269,183.9 42.7"; layout analysis alone dropped the right-hand cells
    report = PDFS / "kent-cabinet-2025-03-04-report.pdf"
    scanned = scanned_copy(report, tmp_path / report.name, pages=[1])
    page = convert(scanned).page_text(2)
    for cell in ("52,795.4", "50,978.6", "269,141.2", "269,183.9"):
        assert cell in page
    total = [line for line in page.splitlines() if line.startswith("Total")]
    assert total and "269,183.9" in total[0]      # the cell lands on its own row


@needs_scanner
def test_pages_past_the_document_budget_get_a_note(tmp_path):
    scanned = scanned_copy(MINUTES, tmp_path / "scan.pdf", pages=[0, 1])
    readings = ocr.ocr_pdf_pages(scanned, [0, 1], budget=0)
    assert [r.lines for r in readings.values()] == [[], []]
    assert all("time budget" in r.note for r in readings.values())


@needs_tesseract
@needs_scanner
@pytest.mark.slow
def test_item_numbers_down_the_left_margin_are_read(tmp_path):
    # Kent's agenda lists "1. Apologies" ... "9. 24/00096 - Commissioning Plan ..." with the
    # numbers in a margin column; layout analysis alone dropped them, losing every agenda item
    agenda = PDFS / "kent-cabinet-2025-01-30-agenda.pdf"
    page = convert(scanned_copy(agenda, tmp_path / agenda.name, pages=[0])).page_text(1)
    assert "1. Apologies" in page.splitlines()
    assert "2. Declarations of Interest" in page.splitlines()
    assert any(line.startswith("5. 24/00108 - Revenue and Capital Budget") for line in page.splitlines())


# ---------------------------------------------------------------- the engine and the page pool

def test_tesseract_tsv_gives_words_with_boxes_and_line_keys():
    from flows.reading.ocr_engine import parse_tsv

    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t1700\t2200\t-1\t\n"
           "4\t1\t2\t1\t3\t0\t300\t900\t500\t40\t-1\t\n"
           "5\t1\t2\t1\t3\t1\t300\t900\t200\t40\t96.5\tRESOLVED\n"
           "5\t1\t2\t1\t3\t2\t520\t902\t90\t38\t91.0\tthat\n"
           "5\t1\t2\t1\t3\t3\t620\t902\t10\t38\t95.0\t \n")
    words = parse_tsv(tsv)
    assert [w["text"] for w in words] == ["RESOLVED", "that"]      # layout rows and blanks dropped
    assert words[0] == dict(text="RESOLVED", conf=96.5, line=(2, 1, 3), left=300, top=900, width=200, height=40)


def test_page_threads_are_the_cores_shared_by_the_document_workers(monkeypatch):
    from flows.reading import ocr_engine

    monkeypatch.delenv("MINUTEBOOK_OCR_THREADS", raising=False)
    monkeypatch.setattr(ocr_engine, "usable_cores", lambda: 8)
    monkeypatch.setenv("MINUTEBOOK_DOC_WORKERS", "1")
    assert ocr_engine.ocr_threads() == 8
    monkeypatch.setenv("MINUTEBOOK_DOC_WORKERS", "3")
    assert ocr_engine.ocr_threads() == 2          # --workers 3 on 8 cores: 3 x 2 threads, not 3 x 8
    monkeypatch.setenv("MINUTEBOOK_DOC_WORKERS", "16")
    assert ocr_engine.ocr_threads() == 1
    monkeypatch.setenv("MINUTEBOOK_OCR_THREADS", "5")
    assert ocr_engine.ocr_threads() == 5          # set by hand: taken as it is


def test_pool_reads_pages_in_parallel_and_returns_them_in_order(monkeypatch):
    import threading

    from flows.reading import ocr_engine

    monkeypatch.setenv("MINUTEBOOK_OCR_THREADS", "2")
    together = threading.Barrier(2, timeout=10)    # passes only when two pages are read at once
    producer = []

    def read(page):
        together.wait()
        return f"page {page} read on {threading.current_thread().name}"

    def render(page):
        producer.append(threading.current_thread().name)
        return page

    out = list(ocr_engine.map_ordered(read, [0, 1, 2, 3], render))
    assert [page for page, _ in out] == [0, 1, 2, 3]
    assert all(text.startswith(f"page {page} read on ocr") for page, text in out)
    assert set(producer) == {threading.current_thread().name}   # pdfium only ever on the caller's thread


@needs_tesseract
def test_each_pool_thread_keeps_one_engine():
    from flows.reading import ocr_engine

    engines = list(ocr_engine.pool().map(lambda _: id(ocr_engine.engine()), range(8)))
    assert len(set(engines)) <= ocr_engine.ocr_threads()
    assert ocr_engine.engine() is ocr_engine.engine()
