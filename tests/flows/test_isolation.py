"""Isolation (issue 10.1): hostile PDFs end as failed rows with a reason, within their limits.

Each file is crafted by tests/badfiles.py.  Every document is converted and
extracted in the isolation worker with small limits, and each test bounds
its own time: a file that hung the worker would fail the test instead of
hanging CI.
"""
import time
from pathlib import Path

import pytest

from flows.reading import ConversionError
from flows.isolation import DocumentWorker, Limits, process_isolated
from flows.pipeline import process_document
from tests import badfiles
from tests.conftest import PDFS

REAL_PDF = PDFS / "kent-cabinet-2025-01-09-minutes.pdf"
LIMITS = Limits(timeout=20, memory_mb=512)


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bad")


def _fails_within(path: Path, limits: Limits, seconds: float) -> str:
    started = time.monotonic()
    result = process_document(path, limits)
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"{path.name} took {elapsed:.1f}s"
    assert result.document.status == "failed"
    assert result.document.error and "\n" not in result.document.error
    assert result.tables == {}
    return result.document.error


@pytest.mark.slow
def test_flate_bomb_fails_as_memory(bad):
    # 1 MB on disk, 1 GiB of spaces once inflated: over the worker's 512 MB.
    bomb = badfiles.flate_bomb(bad, megabytes=1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    reason = _fails_within(bomb, LIMITS, LIMITS.timeout)
    assert reason.startswith("memory")


@pytest.mark.slow
def test_endless_parsing_fails_as_timeout(bad):
    # Needs ~10 s of layout analysis on this machine; the limit is 1.5 s.
    slow = badfiles.slow_page(bad, operators=200_000)
    limits = Limits(timeout=1.5, memory_mb=2048)   # the file runs out of time, not memory
    reason = _fails_within(slow, limits, limits.timeout + 5)
    assert reason.startswith("timeout")


def test_self_referencing_page_tree_ends_within_limit(bad):
    # pdfminer guards its page-tree walk against cycles; whatever it makes of
    # the file, the worker must answer well inside the limit.
    started = time.monotonic()
    result = process_document(badfiles.self_referencing(bad), LIMITS)
    assert time.monotonic() - started < LIMITS.timeout
    assert result.document.status == "failed"


def test_self_drawing_xobject_ends_within_limit(bad):
    started = time.monotonic()
    result = process_document(badfiles.xobject_loop(bad), LIMITS)
    assert time.monotonic() - started < LIMITS.timeout
    # The text outside the loop is still read once.
    assert result.document.status == "ok"
    assert "Loop" in result.tables["pages"][0].text


def test_truncated_xref_is_corrupt(bad):
    assert _fails_within(badfiles.truncated(bad, REAL_PDF), LIMITS, 10).startswith("corrupt PDF")


def test_password_protected_is_encrypted(bad):
    path = badfiles.encrypted(bad, REAL_PDF)
    if path is None:
        pytest.skip("qpdf not installed (make system-deps)")
    assert _fails_within(path, LIMITS, 10).startswith("encrypted PDF")


def test_zero_byte_file_is_empty(bad):
    assert _fails_within(badfiles.empty(bad), LIMITS, 10) == "empty file"


def test_png_renamed_pdf_is_not_a_pdf(bad):
    assert _fails_within(badfiles.png_as_pdf(bad), LIMITS, 10).startswith("not a PDF")


def test_worker_is_replaced_after_a_failure_and_goes_on(bad):
    worker = DocumentWorker(Limits(timeout=1.5, memory_mb=2048))
    try:
        with pytest.raises(ConversionError, match="^timeout"):
            worker.convert(badfiles.slow_page(bad, name="slow-again.pdf", operators=200_000))
        assert worker.proc is None            # the stuck process was killed
        paged = worker.convert(badfiles.text_pdf(bad))
        assert "RESOLVED: That the Cabinet approve the budget" in paged.text
        assert worker.started == 2
    finally:
        worker.stop()


def test_worker_is_reused_between_good_files(bad):
    worker = DocumentWorker(LIMITS)
    try:
        first = worker.convert(badfiles.text_pdf(bad, name="a.pdf", text="Item 1 Apologies"))
        second = worker.convert(REAL_PDF)
        assert first.text.startswith("Item 1 Apologies")
        assert "MINUTES of a meeting of the Cabinet" in second.text
        assert worker.started == 1
    finally:
        worker.stop()


def test_isolated_conversion_matches_in_process(bad):
    from flows.reading import convert

    worker = DocumentWorker(LIMITS)
    try:
        isolated = worker.convert(REAL_PDF)
    finally:
        worker.stop()
    direct = convert(REAL_PDF)
    assert isolated.text == direct.text and isolated.page_starts == direct.page_starts


def test_isolated_processing_matches_in_process():
    from flows.document import process_file

    isolated = process_isolated(REAL_PDF, "0123456789abcdef", LIMITS)
    direct = process_file(REAL_PDF, "0123456789abcdef")
    assert isolated.document == direct.document
    assert isolated.tables == direct.tables
    assert any("a correct record" in r.text for r in isolated.tables["resolutions"])


def test_the_flow_process_loads_neither_pdfminer_nor_spacy(tmp_path):
    """Orchestration stays light: a PDF and a text file are both read and extracted in the worker."""
    import subprocess
    import sys

    text = tmp_path / "minutes.txt"
    text.write_text("MINUTES of a meeting of the Parish Council held on 2 May 2024\n"
                    "RESOLVED: That the Clerk obtains three quotes for the bus shelter by 30 June 2024.\n")
    script = (
        "import sys\n"
        "from flows.pipeline import process_document\n"
        "for path in sys.argv[1:]:\n"
        "    r = process_document(path)\n"
        "    print(r.document.status, len(r.tables.get('resolutions', [])), len(r.tables.get('dates', [])))\n"
        "print(sorted(m for m in ('spacy', 'pdfminer', 'pandas', 'pytesseract') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script, str(REAL_PDF), str(text)], capture_output=True,
                          text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("ok ") and int(lines[0].split()[1]) > 0
    assert lines[1] == "ok 1 2"
    assert lines[2] == "[]"


def test_successive_threads_share_one_worker_process(bad):
    import threading

    import flows.isolation as isolation

    limits = Limits(timeout=20, memory_mb=640)      # limits of its own: a fresh pool entry
    seen = []

    def process_once(i):
        path = badfiles.text_pdf(bad, name=f"t{i}.pdf", text=f"Item {i}")
        seen.append(process_isolated(path, f"{i:016x}", limits))

    for i in range(3):
        thread = threading.Thread(target=process_once, args=(i,))
        thread.start()
        thread.join()
    assert [r.tables["pages"][0].text for r in seen] == ["Item 0", "Item 1", "Item 2"]
    mine = [w for w in isolation._all_workers if w.limits == limits]
    assert len(mine) == 1 and mine[0].started == 1


@pytest.mark.slow
def test_worker_exits_when_its_parent_is_killed(bad):
    """A SIGKILLed run must not leave a converting worker behind."""
    import os
    import signal
    import subprocess
    import sys

    import psutil

    slow = badfiles.slow_page(bad, name="orphan.pdf", operators=200_000)
    script = (
        "import sys, threading, time\n"
        "from flows.isolation import DocumentWorker, Limits\n"
        "w = DocumentWorker(Limits(timeout=600, memory_mb=1024))\n"
        "threading.Thread(target=w.convert, args=(sys.argv[1],), daemon=True).start()\n"
        "time.sleep(1.0); print(w.proc.pid, flush=True); time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", script, str(slow)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2])
    worker_pid = int(parent.stdout.readline())
    assert psutil.pid_exists(worker_pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if psutil.Process(worker_pid).status() == psutil.STATUS_ZOMBIE:
                break
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
    else:
        pytest.fail("the worker outlived its killed parent by 10 s")


def test_idle_workers_stop_when_documents_are_done_and_restart_on_demand():
    from flows import isolation

    limits = Limits(timeout=60.0)
    first = process_isolated(REAL_PDF, "0123456789abcdef", limits)
    running = [w.proc for w in isolation._idle if w.limits == limits and w.proc is not None]
    assert running
    assert isolation.stop_idle() >= 1
    assert all(proc.poll() is not None for proc in running)       # the processes are gone
    assert not isolation._idle
    again = process_isolated(REAL_PDF, "0123456789abcdef", limits)   # a new worker starts
    assert again.tables == first.tables
    isolation.stop_idle()


def test_a_worker_that_cannot_start_fails_the_document_with_the_reason(monkeypatch):
    # A broken install (here the worker's interpreter exits at once) is one failed row per
    # document with a reason, not a hang or a traceback.
    import flows.isolation as isolation

    monkeypatch.setattr(isolation.sys, "executable", "/bin/false")
    result = process_document(REAL_PDF, Limits(timeout=19, memory_mb=700))
    assert result.document.status == "failed"
    assert result.document.error == "worker crashed: it exited with status 1 while loading its libraries"
    monkeypatch.setattr(isolation.sys, "executable", "/no/such/python")
    result = process_document(REAL_PDF, Limits(timeout=19, memory_mb=700))
    assert result.document.error.startswith("worker crashed: cannot start it")


def test_at_capacity_tasks_wait_for_the_one_worker(bad):
    """A one-worker run's two task threads share one document worker: the second waits for it."""
    import threading

    import flows.isolation as isolation

    limits = Limits(timeout=21, memory_mb=900)      # a pool entry of its own
    isolation.set_capacity(1)
    try:
        isolation.stop_idle()
        results = []

        def process(i):
            path = badfiles.text_pdf(bad, name=f"cap{i}.pdf", text=f"Item {i}")
            results.append(process_isolated(path, f"{i:016x}", limits))

        threads = [threading.Thread(target=process, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(r.tables["pages"][0].text for r in results) == [f"Item {i}" for i in range(4)]
        mine = [w for w in isolation._all_workers if w.limits == limits]
        assert len(mine) == 1 and mine[0].started == 1
    finally:
        isolation.set_capacity(None)
        isolation.stop_idle()
