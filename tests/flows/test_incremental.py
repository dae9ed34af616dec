"""Incremental runs (issue 10.2): results cached by content; removed files leave the
tables; a run killed by SIGKILL leaves the previous complete outputs, and the next
run completes."""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pandas as pd
import pytest

import flows.cache
import flows.reading.pdf
import flows.pipeline as pipeline
from flows import tables
from flows.cache import CACHE_DIRNAME, ResultCache
from flows.pipeline import DocumentResult, run_local
from extractors.records import Document
from tests.conftest import ROOT, TEXTS

PAPERS = ["cambs-ahc-2022-01-13-ics-report.txt", "cp-ics-development-plan-2021-03-31.txt"]


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in PAPERS:
        shutil.copy(TEXTS / name, src)
    return src


def _docs(out):
    return pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)


def _no_processing(monkeypatch):
    def refuse(path, *args, **kwargs):
        pytest.fail(f"{path} was processed again")
    monkeypatch.setattr(pipeline, "process_document", refuse)


def test_unchanged_rerun_processes_nothing_and_writes_the_same_tables(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run_local([corpus], out, use_cache=True)
    assert not any(r.cached for r in first)
    before = {name: (out / f"{name}.csv").read_bytes() for name in ("documents", "dates", "items")}
    _no_processing(monkeypatch)
    second = run_local([corpus], out, use_cache=True)
    assert all(r.cached for r in second)
    assert {name: (out / f"{name}.csv").read_bytes() for name in before} == before


def test_changed_file_is_redone_and_the_others_are_not(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_local([corpus], out, use_cache=True)
    changed = corpus / PAPERS[0]
    changed.write_text(changed.read_text() + "\nRESOLVED: That the report be noted.\n")
    processed = []
    real = pipeline.process_document
    monkeypatch.setattr(pipeline, "process_document",
                        lambda path, *a, **k: processed.append(path.name) or real(path, *a, **k))
    results = run_local([corpus], out, use_cache=True)
    assert processed == [PAPERS[0]]
    assert {r.document.source_path.rsplit("/", 1)[-1]: r.cached for r in results} == {
        PAPERS[0]: False, PAPERS[1]: True}


def test_removed_file_leaves_every_table_and_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    run_local([corpus], out, use_cache=True)
    gone = _docs(out).set_index("source_path").loc[str(corpus / PAPERS[1])].doc_id
    assert len(list((out / CACHE_DIRNAME).glob("*.pkl"))) == 2
    (corpus / PAPERS[1]).unlink()
    run_local([corpus], out, use_cache=True)
    for name in ("documents", "pages", "dates", "items"):
        assert gone not in set(pd.read_csv(out / f"{name}.csv", dtype=str).doc_id), name
    assert len(list((out / CACHE_DIRNAME).glob("*.pkl"))) == 1


def test_new_extractor_version_or_conversion_settings_miss_the_cache(tmp_path, monkeypatch):
    sha = "ab" * 32
    key = ResultCache(tmp_path).key(sha, "minutes.pdf")
    assert ResultCache(tmp_path).key(sha, "minutes.pdf") == key
    assert ResultCache(tmp_path).key("cd" * 32, "minutes.pdf") != key
    monkeypatch.setattr(flows.cache, "EXTRACTOR_VERSION", "999.0.0")
    assert ResultCache(tmp_path).key(sha, "minutes.pdf") != key
    monkeypatch.undo()
    monkeypatch.setattr(flows.reading.pdf, "LAPARAMS", {"char_margin": 9.0})
    assert ResultCache(tmp_path).key(sha, "minutes.pdf") != key


def test_timeouts_are_not_cached_but_corrupt_files_are(tmp_path):
    cache = ResultCache(tmp_path)
    slow = DocumentResult(Document("a", "slow.pdf", status="failed", error="timeout: conversion took longer than 300 s"))
    broken = DocumentResult(Document("b", "broken.pdf", status="failed", error="corrupt PDF: Unexpected EOF"))
    assert not cache.put("k1", slow)
    assert cache.put("k2", broken)
    assert cache.get("k1") is None
    assert cache.get("k2").document.error == "corrupt PDF: Unexpected EOF"


def test_damaged_cache_entry_is_a_miss(tmp_path):
    cache = ResultCache(tmp_path)
    (tmp_path / "k.pkl").write_bytes(b"not a pickle")
    assert cache.get("k") is None


# ------------------------------------------------------------------ atomic output


def _frames(tag: str):
    docs = [Document(doc_id=f"{tag}{i}", source_path=f"{tag}/{i}.pdf", title=tag) for i in range(3)]
    return tables.build_frames({"documents": docs})


def _tags(out) -> set[str]:
    """Which write each format's documents table came from."""
    csv = set(pd.read_csv(out / "documents.csv", dtype=str).title)
    parquet = set(pd.read_parquet(out / "documents.parquet").title)
    with sqlite3.connect(out / "minutebook.sqlite") as con:
        sql = {t for (t,) in con.execute("SELECT title FROM documents")}
    return csv | parquet | sql


def test_commit_killed_half_way_is_finished_by_the_next_run(tmp_path, monkeypatch):
    tables.write_tables(_frames("old"), tmp_path)
    (tmp_path / "review.xlsx").write_bytes(b"an officer's workbook")

    def die_half_way(commit, out_dir):          # the process dies after moving one file
        os.replace(commit / "documents.csv", out_dir / "documents.csv")
        raise KeyboardInterrupt

    monkeypatch.setattr(tables, "_finish_commit", die_half_way)
    with pytest.raises(KeyboardInterrupt):
        tables.write_tables(_frames("new"), tmp_path)
    monkeypatch.undo()
    assert _tags(tmp_path) == {"old", "new"}       # mixed until recovered...
    tables.recover_output(tmp_path)                 # ...which every run does first
    assert _tags(tmp_path) == {"new"}
    assert not (tmp_path / tables.COMMIT_DIRNAME).exists()
    assert (tmp_path / "review.xlsx").read_bytes() == b"an officer's workbook"


def test_write_killed_before_commit_leaves_previous_tables(tmp_path, monkeypatch):
    tables.write_tables(_frames("old"), tmp_path)

    def die(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(tables, "write_sqlite", die)
    with pytest.raises(KeyboardInterrupt):
        tables.write_tables(_frames("new"), tmp_path)
    monkeypatch.undo()
    assert _tags(tmp_path) == {"old"}
    tables.write_tables(_frames("new"), tmp_path)
    assert _tags(tmp_path) == {"new"}
    assert not list(tmp_path.glob(tables.STAGING_PREFIX + "*"))


@pytest.mark.slow
def test_sigkill_at_any_point_keeps_one_complete_table_set(corpus, tmp_path):
    """Kill real runs (python -m flows.pipeline) at spread-out moments."""
    out = tmp_path / "out"
    run_local([corpus], out)
    old = set(_docs(out).source_path)
    (corpus / "extra.txt").write_text("RESOLVED: That the minutes of the meeting held on 9 January 2025 be approved.\n")
    new = old | {str(corpus / "extra.txt")}
    command = [sys.executable, "-m", "flows.pipeline", str(corpus), str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
    full = time.monotonic() - started
    shutil.rmtree(out)
    # Back to the old outputs, then kill new runs at fractions of a full run's time.
    (corpus / "extra.txt").rename(tmp_path / "extra.txt")
    run_local([corpus], out)
    (tmp_path / "extra.txt").rename(corpus / "extra.txt")
    seen = set()
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        time.sleep(full * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        tables.recover_output(out)                 # what the next run does first
        docs = set(_docs(out).source_path)
        assert docs in (old, new), fraction
        assert _consistent(out)
        seen.add(frozenset(docs))
    assert frozenset(old) in seen                  # at least one kill landed before the commit
    run_local([corpus], out)                       # and the next run completes
    assert set(_docs(out).source_path) == new


def _consistent(out) -> bool:
    """CSV, Parquet and SQLite hold the same documents."""
    csv = set(pd.read_csv(out / "documents.csv", dtype=str).doc_id)
    parquet = set(pd.read_parquet(out / "documents.parquet").doc_id)
    with sqlite3.connect(out / "minutebook.sqlite") as con:
        sql = {d for (d,) in con.execute("SELECT doc_id FROM documents")}
    return csv == parquet == sql
