"""What a person sees while a run works: a line per document, or a progress bar on a terminal.

The flow (flows/pipeline.py) calls `document_started(path)` and
`document_done(i, n, result)`; the command line picks the reporter:

- `Plain` (the default, and whenever stderr is not a terminal): one line per
  document, as a log or CI wants them;
- `Live` (stderr is a terminal): the same lines scroll above a bar counting
  documents, with the document being worked on and how long it has taken so
  far, so a 300-page PDF shows it is alive;
- `Silent` (--quiet).

Everything goes to stderr; stdout keeps only the summary.
"""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path


def describe(i: int, n: int, result) -> str:
    """The line for one finished document: "[3/23] minutes.pdf: 9 pages, 4 resolutions (1.2s)"."""
    from extractors.records import EXTRACTED

    doc = result.document
    if doc.status == "ok":
        counts = ", ".join(f"{len(result.tables.get(k, []))} {k}" for k in EXTRACTED if result.tables.get(k))
        what = f"{doc.pages} pages, {counts or 'nothing found'}"
    else:
        what = f"FAILED: {doc.error}"
    when = "cached" if result.cached else f"{result.seconds:.1f}s"
    return f"[{i}/{n}] {Path(doc.source_path).name}: {what} ({when})"


class Silent:
    def status(self, message: str) -> None:
        pass

    def document_started(self, path) -> None:
        pass

    def document_done(self, i: int, n: int, result) -> None:
        pass

    def close(self) -> None:
        pass


class Plain(Silent):
    def __init__(self, stream=None):
        self.stream = stream

    def _print(self, line: str) -> None:
        print(line, file=self.stream or sys.stderr, flush=True)

    def status(self, message: str) -> None:
        self._print(message)

    def document_done(self, i: int, n: int, result) -> None:
        self._print(describe(i, n, result))


class Live(Silent):
    """A rich progress bar on the terminal; the per-document lines scroll above it."""

    def __init__(self, console=None):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)

        self.console = console or Console(stderr=True)
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=self.console, transient=True)
        self.task = None
        self.current: dict[str, float] = {}      # documents being worked on -> start time
        self.lock = threading.Lock()
        self.bar.start()
        self.ticker = threading.Thread(target=self._tick, name="minutebook-progress", daemon=True)
        self.stopped = threading.Event()
        self.ticker.start()

    def status(self, message: str) -> None:
        with self.lock:
            if self.task is None:
                self.task = self.bar.add_task(message, total=None)
            else:
                self.bar.update(self.task, description=message)

    def document_started(self, path) -> None:
        with self.lock:
            self.current[Path(path).name] = time.monotonic()

    def document_done(self, i: int, n: int, result) -> None:
        line = describe(i, n, result)
        with self.lock:
            self.current.pop(Path(result.document.source_path).name, None)
            if self.task is None:
                self.task = self.bar.add_task("documents", total=n)
            self.bar.update(self.task, total=n, completed=i, description=self._description())
            self.bar.console.print(line, markup=False, highlight=False)

    def _description(self) -> str:
        task = self.bar.tasks[0] if self.bar.tasks else None
        if task is not None and task.total and task.completed >= task.total:
            return "writing the tables, review.xlsx and report.html"
        if not self.current:
            return "documents"
        name, since = max(self.current.items(), key=lambda kv: kv[1])
        return f"documents · {name} {time.monotonic() - since:.0f}s"

    def _tick(self) -> None:
        while not self.stopped.wait(0.5):
            with self.lock:
                if self.task is not None and self.current:
                    self.bar.update(self.task, description=self._description())

    def close(self) -> None:
        self.stopped.set()
        self.bar.stop()


_reporter: Silent = Plain()


def use(reporter: Silent) -> Silent:
    """Install the reporter the flow reports to; returns the previous one."""
    global _reporter
    previous, _reporter = _reporter, reporter
    return previous


def for_terminal(quiet: bool, stream=None) -> Silent:
    """Silent when quiet, a live bar when stderr is a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    if quiet:
        return Silent()
    if getattr(stream, "isatty", lambda: False)():
        try:
            return Live()
        except Exception:            # a terminal rich cannot drive: plain lines still work
            return Plain()
    return Plain()


def status(message: str) -> None:
    _reporter.status(message)


def document_started(path) -> None:
    _reporter.document_started(path)


def document_done(i: int, n: int, result) -> None:
    _reporter.document_done(i, n, result)


def close() -> None:
    _reporter.close()
