"""Incremental runs (issue 10.2, 19.11): unchanged documents are not redone; a file gone from a
remembered source leaves the tables; a run killed by SIGKILL leaves one complete table set."""
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
    assert (first.added, first.unchanged) == (2, 0)
    before = {name: (out / f"{name}.csv").read_bytes() for name in ("documents", "dates", "items")}
    _no_processing(monkeypatch)
    second = run_local([corpus], out, use_cache=True)
    assert (second.added, second.updated, second.unchanged, second.removed) == (0, 0, 2, 0)
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
    summary = run_local([corpus], out, use_cache=True)
    assert processed == [PAPERS[0]]
    assert (summary.updated, summary.unchanged) == (1, 1)
    assert summary.outcomes == {str(changed): "updated"}


def _cache_entries(out) -> int:
    with sqlite3.connect(out / CACHE_DIRNAME / "cache.sqlite") as con:
        return con.execute("SELECT count(*) FROM entries").fetchone()[0]


def test_removed_file_leaves_every_table_and_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    run_local([corpus], out, use_cache=True)
    gone = _docs(out).set_index("source_path").loc[str(corpus / PAPERS[1])].doc_id
    assert _cache_entries(out) == 2
    (corpus / PAPERS[1]).unlink()
    summary = run_local([corpus], out, use_cache=True)
    assert (summary.removed, summary.unchanged) == (1, 1)
    for name in ("documents", "pages", "dates", "items"):
        assert gone not in set(pd.read_csv(out / f"{name}.csv", dtype=str).doc_id), name
    assert _cache_entries(out) == 1


def test_new_extractor_version_or_conversion_settings_miss_the_cache(tmp_path, monkeypatch):
    sha, doc_id = "ab" * 32, "0123456789abcdef"
    key = ResultCache(tmp_path).key(sha, doc_id)
    assert ResultCache(tmp_path).key(sha, doc_id) == key
    assert ResultCache(tmp_path).key("cd" * 32, doc_id) != key
    assert ResultCache(tmp_path).key(sha, "fedcba9876543210") != key     # the same bytes at another path
    monkeypatch.setattr(flows.cache, "EXTRACTOR_VERSION", "999.0.0")
    assert ResultCache(tmp_path).key(sha, doc_id) != key
    monkeypatch.undo()
    monkeypatch.setattr(flows.reading.pdf, "LAPARAMS", {"char_margin": 9.0})
    assert ResultCache(tmp_path).key(sha, doc_id) != key


def test_timeouts_are_not_cached_but_corrupt_files_are(tmp_path):
    cache = ResultCache(tmp_path)
    slow = DocumentResult(Document("a", "slow.pdf", status="failed", error="timeout: conversion took longer than 300 s"))
    broken = DocumentResult(Document("b", "broken.pdf", status="failed", error="corrupt PDF: Unexpected EOF"))
    assert not cache.put("k1", slow)
    assert cache.put("k2", broken)
    assert cache.get("k1") is None
    assert cache.get("k2").document.error == "corrupt PDF: Unexpected EOF"


def test_damaged_cache_entry_is_a_miss(tmp_path, capsys):
    cache = ResultCache(tmp_path)
    cache.put("k", DocumentResult(Document("b", "broken.pdf", status="failed", error="corrupt PDF")))
    with sqlite3.connect(tmp_path / "cache.sqlite") as con:
        con.execute("UPDATE entries SET result = 'not json {'")
    assert ResultCache(tmp_path).get("k") is None
    assert "cache entry" in capsys.readouterr().err


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


def test_write_killed_before_the_switch_leaves_previous_tables(tmp_path, monkeypatch):
    tables.write_tables(_frames("old"), tmp_path)
    (tmp_path / "review.xlsx").write_bytes(b"an officer's workbook")

    def die(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(tables, "write_sqlite", die)
    with pytest.raises(KeyboardInterrupt):
        tables.write_tables(_frames("new"), tmp_path)
    monkeypatch.undo()
    assert _tags(tmp_path) == {"old"}
    tables.write_tables(_frames("new"), tmp_path)
    assert _tags(tmp_path) == {"new"}
    assert (tmp_path / "review.xlsx").read_bytes() == b"an officer's workbook"


def test_a_generation_left_by_a_killed_run_is_dropped_and_the_published_one_kept(tmp_path):
    tables.write_tables(_frames("old"), tmp_path)
    gens = tmp_path / tables.STATE_DIRNAME / tables.GENERATIONS
    (gens / "99999999999999999999-1").mkdir()            # newer than the published one: never published
    tables.recover_output(tmp_path)
    assert [g.name for g in gens.iterdir()] == [tables.current_generation(tmp_path).name]
    assert _tags(tmp_path) == {"old"}


@pytest.mark.slow
def test_sigkill_at_any_point_keeps_one_complete_table_set(corpus, tmp_path):
    """Kill real runs (python -m flows.pipeline) at spread-out moments."""
    out = tmp_path / "out"
    run_local([corpus], out, use_cache=True)
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
    run_local([corpus], out, use_cache=True)
    (tmp_path / "extra.txt").rename(corpus / "extra.txt")
    seen = set()
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
        time.sleep(full * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        docs = set(_docs(out).source_path)
        assert docs in (old, new), fraction
        assert _consistent(out)
        seen.add(frozenset(docs))
    assert frozenset(old) in seen                  # at least one kill landed before the commit
    run_local([corpus], out, use_cache=True)       # and the next run completes
    assert set(_docs(out).source_path) == new


def _consistent(out) -> bool:
    """CSV, Parquet and SQLite hold the same documents."""
    csv = set(pd.read_csv(out / "documents.csv", dtype=str).doc_id)
    parquet = set(pd.read_parquet(out / "documents.parquet").doc_id)
    with sqlite3.connect(out / "minutebook.sqlite") as con:
        sql = {d for (d,) in con.execute("SELECT doc_id FROM documents")}
    return csv == parquet == sql
