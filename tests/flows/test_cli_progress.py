"""What a person sees during a run: a line before start-up, a line per document (a bar on a
terminal), unsupported files named, and the summary's time as the wall time of the command."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.cli import describe_unsupported, unsupported_files
from tests.conftest import ROOT

MINUTES = ("Minutes of the Parks Committee held on 6 May 2025\n\n"
           "4. Play area\nRESOLVED: that the play area repairs be approved.\n")


@pytest.fixture()
def papers(tmp_path) -> Path:
    folder = tmp_path / "papers"
    (folder / "2025").mkdir(parents=True)
    (folder / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    (folder / "2025" / "report.odt").write_bytes(b"PK\x03\x04 not really a document")
    (folder / "2025" / "budget.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "notes.json").write_text("{}\n", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "lock.docx").write_bytes(b"")
    return folder


def _env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    return env


def test_unsupported_files_are_found_and_papers_named(papers):
    skipped = unsupported_files([papers])
    assert sorted(p.name for p in skipped) == ["budget.xlsx", "notes.json", "report.odt"]      # hidden ones aside
    line = describe_unsupported(skipped)
    assert line.startswith("skipped 3 unsupported files")
    assert str(papers / "2025" / "report.odt") in line and str(papers / "2025" / "budget.xlsx") in line
    assert "1 other files (1 .json)" in line and "notes.json" not in line
    assert unsupported_files([papers / "minutes.txt"]) == []          # a named file is always read


@pytest.mark.slow
def test_plain_lines_when_not_a_terminal_and_wall_time_in_the_summary(tmp_path, papers):
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", "from flows.cli import main; main()", "run", str(papers),
                           "--out", str(tmp_path / "out")], cwd=ROOT, env=_env(tmp_path),
                          capture_output=True, text=True, timeout=300)
    wall = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    err = done.stderr.splitlines()
    assert err[0].startswith("starting Prefect")                     # before the silent start-up
    assert any(line.startswith("[1/1] minutes.txt: ") for line in err)
    assert "\x1b[" not in done.stderr and "━" not in done.stderr       # no bar or colour codes in a log
    assert any(line.startswith("skipped 3 unsupported files") for line in err)
    summary = done.stdout.splitlines()[0]
    assert "1 documents: 1 added" in summary and "; 3 unsupported skipped;" in summary
    said = float(re.search(r" in ([\d.]+)s \(start-up ([\d.]+)s\)", summary).group(1))
    # the summary counts from the command's start: most of what the user waited, not only the flow
    assert 0.6 * wall <= said <= wall + 0.5, (said, wall)


@pytest.mark.slow
def test_a_progress_bar_on_a_terminal(tmp_path, papers):
    main, child = pty.openpty()
    env = _env(tmp_path)
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="30")
    proc = subprocess.Popen([sys.executable, "-c", "from flows.cli import main; main()", "run", str(papers),
                             "--out", str(tmp_path / "out")], cwd=ROOT, env=env,
                            stdin=child, stdout=child, stderr=child, close_fds=True)
    os.close(child)
    screen = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(main)
    text = screen.decode("utf-8", "replace")
    assert proc.returncode == 0, text[-2000:]
    assert "starting Prefect" in text and "━" in text                 # rich's bar was drawn
    assert "[1/1] minutes.txt: " in text and "1/1" in text
    assert "1 documents: 1 added" in text and "; 3 unsupported skipped;" in text
    assert "Traceback" not in text


def test_live_reporter_counts_documents_and_names_the_one_in_progress():
    from io import StringIO

    from rich.console import Console

    from extractors.records import Document
    from flows.document import DocumentResult
    from flows.progress import Live

    live = Live(Console(file=StringIO(), force_terminal=True, width=100))
    live.status("starting")
    live.document_started("papers/long-report.pdf")
    assert "long-report.pdf" in live._description()
    result = DocumentResult(document=Document(doc_id="d", source_path="papers/long-report.pdf", status="ok", pages=300),
                            tables={})
    live.document_done(1, 2, result)
    assert live.bar.tasks[0].completed == 1 and live.bar.tasks[0].total == 2
    assert "long-report.pdf" not in live._description()
    live.document_done(2, 2, DocumentResult(document=Document(doc_id="e", source_path="papers/b.pdf",
                                                              status="ok", pages=1), tables={}))
    assert live._description().startswith("writing the tables")
    live.close()
    out = live.console.file.getvalue()
    assert "[1/2] long-report.pdf: 300 pages, nothing found" in out
