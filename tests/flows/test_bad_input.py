"""Bad input (issue 4 item 8): each bad file becomes one `failed` documents row with a
one-line reason, and the rest of the batch completes with its rows."""
import shutil

import pandas as pd
import pytest

from flows.pipeline import process_document, run_local
from tests import badfiles
from tests.conftest import PDFS, TEXTS

GOOD_PDF = PDFS / "kent-cabinet-2025-03-04-call-in-report.pdf"
GOOD_TXT = TEXTS / "cambs-ahc-2022-01-13-ics-report.txt"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A folder of two real papers and one of every kind of bad file, run without Prefect."""
    src = tmp_path_factory.mktemp("src")
    shutil.copy(GOOD_PDF, src)
    shutil.copy(GOOD_TXT, src)
    bad = {
        "truncated.pdf": badfiles.truncated(src, GOOD_PDF),
        "empty.pdf": badfiles.empty(src),
        "picture.pdf": badfiles.png_as_pdf(src),
        "scan.pdf": badfiles.image_only(src),
        "binary.txt": badfiles.undecodable_text(src),
        "mojibake.txt": badfiles.bad_encoding_text(src),
    }
    encrypted = badfiles.encrypted(src, GOOD_PDF)
    if encrypted:
        bad["encrypted.pdf"] = encrypted
    out = tmp_path_factory.mktemp("out")
    run_local([src], out)
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    docs["name"] = docs.source_path.map(lambda p: p.rsplit("/", 1)[-1])
    return docs.set_index("name"), out, bad


def test_every_bad_file_is_one_failed_row_with_a_reason(batch):
    docs, _, bad = batch
    for name in bad:
        row = docs.loc[name]
        assert row.status == "failed", name
        assert row.error and "\n" not in row.error and len(row.error) <= 500, name


@pytest.mark.parametrize("name, reason", [
    ("truncated.pdf", "corrupt PDF"),
    ("empty.pdf", "empty file"),
    ("picture.pdf", "not a PDF"),
    ("binary.txt", "binary data"),
    ("mojibake.txt", "not a UTF-8 or Windows-1252 text file"),
])
def test_reason_names_the_problem(batch, name, reason):
    docs, _, _ = batch
    assert reason in docs.loc[name].error


def test_image_only_pdf_says_no_text(batch):
    docs, _, _ = batch
    assert "text" in docs.loc["scan.pdf"].error.lower()


def test_encrypted_pdf_says_encrypted(batch):
    docs, _, bad = batch
    if "encrypted.pdf" not in bad:
        pytest.skip("qpdf not installed (make system-deps)")
    assert docs.loc["encrypted.pdf"].error.startswith("encrypted PDF")


def test_good_files_in_the_same_batch_complete_with_rows(batch):
    docs, out, _ = batch
    good = [GOOD_PDF.name, GOOD_TXT.name]
    assert (docs.loc[good].status == "ok").all()
    pages = pd.read_csv(out / "pages.csv", dtype=str, keep_default_na=False)
    dates = pd.read_csv(out / "dates.csv", dtype=str, keep_default_na=False)
    for name in good:
        doc_id = docs.loc[name].doc_id
        assert (pages.doc_id == doc_id).any(), name
        assert (dates.doc_id == doc_id).any(), name
    # The call-in report's first page names its meeting.
    call_in = pages[pages.doc_id == docs.loc[GOOD_PDF.name].doc_id]
    assert "Cabinet" in " ".join(call_in.text)


def test_failed_rows_have_no_records(batch):
    docs, out, bad = batch
    failed_ids = set(docs.loc[list(bad)].doc_id)
    for table in ("pages", "items", "dates", "amounts"):
        df = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
        assert not failed_ids & set(df.doc_id), table


def test_a_file_that_vanished_is_a_failed_row(tmp_path):
    result = process_document(badfiles.dangling_link(tmp_path))
    assert result.document.status == "failed"
    assert result.document.error.startswith("cannot read file")
