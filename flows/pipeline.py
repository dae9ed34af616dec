"""The Prefect flow: discover -> (convert + extract, one task per document) -> write tables.

On one worker each document is one task, on two threads of this process that
share one document worker (Prefect's per-task cost in threads is small
against a document's 0.1-30 s, and one task's bookkeeping overlaps the next
one's work); on Dask, where a task costs far more, documents go in a few
size-balanced batches per worker (`batches`).
Either way one document's failure is recorded as a `failed` row while the
rest complete.

Around that core:
- each document is converted and extracted in a worker process with a time
  and memory limit (flows/isolation.py, flows/document.py), so a hostile file
  becomes a `failed` row; this process only orchestrates, and never loads
  pdfminer or spaCy;
- the output folder is a store (flows/store.py): documents the store already
  holds as they are now are not redone, others may come from the cache
  (flows/cache.py), all before any task is submitted, so an unchanged re-run
  submits no tasks and converts nothing; each finished document's rows go
  into the store at once (the flow does not hold every document's rows);
- `--workers N` runs the tasks on a local Dask cluster of N processes and
  `--dask-address` on an existing cluster (`run_flow` picks the task runner);
- the run holds the output folder's lock from start to end, and publishes
  the tables as one set, atomically (flows/store.py, flows/tables.py).
"""
from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from flows import settings  # noqa: F401  (quiet, server-less Prefect defaults; before prefect)

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed

from flows.reading import ConversionError
from flows.document import DocumentResult, failed, new_document
from flows.isolation import DEFAULT_LIMITS, Limits, process_isolated, set_capacity, stop_idle
from flows.store import SUPPORTED, StoreError, StoreRun, doc_id_for
from flows.store import discover as discover_found

# Files larger than this are `too_large` before any work: a text file is read
# whole into the worker (50 MB of text is hours of extraction), and a PDF of
# this size is beyond any committee paper.
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_PDF_BYTES = 1024 * 1024 * 1024
# Pages of one text file at most (a form feed starts a page): 1.5 million
# form feeds in 3 MB would otherwise be 1.5 million pages rows.
MAX_TEXT_PAGES = 5000


def discover(sources: list[str | Path], skipped: list[Path] | None = None) -> list[Path]:
    """Every readable file of a type minutebook reads (flows/reading: PDF, Word, web pages,
    markdown, text) named, or found below a named folder, in a stable order.  Files of other
    types found in the folders go to `skipped`."""
    return [found.path for found in discover_found(sources, skipped=skipped) if not found.problem]


def too_large(path: Path) -> str:
    """A one-line `too large` reason, or "" when the file is within the limits."""
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    if path.suffix.lower() == ".pdf":
        if size > MAX_PDF_BYTES:
            return f"too large: {size / 2**20:.0f} MB (the limit for a PDF is {MAX_PDF_BYTES / 2**20:.0f} MB)"
        return ""
    if size > MAX_TEXT_BYTES:
        return f"too large: {size / 2**20:.0f} MB of text (the limit is {MAX_TEXT_BYTES / 2**20:.0f} MB)"
    try:
        with path.open("rb") as fh:
            feeds = sum(chunk.count(b"\f") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return ""
    if feeds + 1 > MAX_TEXT_PAGES:
        return f"too large: {feeds + 1} pages (the limit is {MAX_TEXT_PAGES})"
    return ""


def process_document(path: str | Path, limits: Limits = DEFAULT_LIMITS,
                     sha256: str | None = None) -> DocumentResult:
    """Convert and extract one document in a worker process; any failure becomes a `failed` row."""
    path = Path(path)
    started, started_at = time.perf_counter(), time.time()
    doc_id = doc_id_for(path)
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        result = failed(new_document(path, doc_id), f"cannot read file: {exc.strerror or exc}", started)
    else:
        from flows.progress import document_started

        document_started(path)
        big = too_large(path)
        if big:
            result = failed(new_document(path, doc_id), big, started)
        else:
            try:
                result = process_isolated(path, doc_id, limits)
            except ConversionError as exc:      # the worker failed: timeout, memory, crash
                result = failed(new_document(path, doc_id), str(exc), started)
            except Exception as exc:             # never let one file stop the batch
                result = failed(new_document(path, doc_id), f"worker error: {type(exc).__name__}: {exc}", started)
    if sha256:
        result.document.content_sha256 = sha256
    result.seconds = time.perf_counter() - started
    result.started_at = started_at
    return result


# No Prefect result persistence or cache: flows/cache.py says why.
@task(name="process-documents", retries=0, cache_policy=NO_CACHE, persist_result=False)
def process_batch_task(batch: list[tuple[str, str | None]], limits: Limits) -> list[DocumentResult]:
    """A few documents in one task; each still fails on its own (process_document never raises)."""
    return [process_document(path, limits, sha256) for path, sha256 in batch]


# Documents per task at most: a task in a Dask worker costs Prefect bookkeeping
# (40 corpus documents on 2 workers: 8.7-9.1 s as 40 tasks, 5.9-6.7 s as 8),
# so small documents share a task; a few tasks per worker still balance the
# load.  With every core busy converting, that bookkeeping
# takes time from the documents: 200 corpus documents on 2 workers took
# 29-30 s in batches of at most 10, 26-28 s in batches of at most 25.
MAX_BATCH = 25
BATCHES_PER_WORKER = 4


def batches(items: list[tuple[str, str | None, int]], workers: int) -> list[list[tuple[str, str | None]]]:
    """Split (path, sha256, size) into batches of similar total size, largest files first.

    With one worker (threads, small per-task cost) every document is its own task.
    """
    if workers <= 1:
        return [[(path, sha)] for path, sha, _ in items]
    count = max(BATCHES_PER_WORKER * workers, -(-len(items) // MAX_BATCH))
    count = max(1, min(count, len(items)))
    bins: list[list] = [[0, []] for _ in range(count)]
    for path, sha, size in sorted(items, key=lambda t: -t[2]):
        lightest = min(bins, key=lambda b: (b[0], len(b[1])))
        lightest[0] += size
        lightest[1].append((path, sha))
    return [b[1] for b in bins if b[1]]


@dataclass
class RunSummary:
    out_dir: Path
    documents: int                         # documents met in this run
    failed: list[tuple[str, str]]          # (source_path, reason), failed and stale
    rows: dict[str, int]
    seconds: float
    cached: int = 0                        # documents taken from the cache
    # discover + hash + convert + extract, not the table writing, and not the
    # wait for the task runner's workers to come up (runner_seconds)
    processing_seconds: float = 0.0
    runner_seconds: float = 0.0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    stale: int = 0
    stored: int = 0                        # documents in the store after the run
    unsupported: list = field(default_factory=list)   # files of other types found in the folders given
    error: str = ""                        # a StoreError's message: nothing was changed
    outcomes: dict[str, str] = field(default_factory=dict)   # source_path -> added/updated/unchanged/stale

    def describe(self) -> str:
        """The summary line: what the run did to the store."""
        return (f"{self.documents} documents: {self.added} added, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.removed} removed ({len(self.failed)} failed or stale, "
                f"{self.cached} from cache); the store holds {self.stored} documents")


def _summary(run: StoreRun | None, frames, out_dir, started, processed_at, runner_seconds=0.0,
             outcomes=None, error: str = "") -> RunSummary:
    counts = run.counts if run is not None else None
    return RunSummary(
        out_dir=Path(out_dir),
        documents=counts.documents if counts else 0,
        failed=list(counts.failed) if counts else [],
        rows={name: len(df) for name, df in (frames or {}).items()},
        seconds=time.perf_counter() - started,
        cached=counts.cached if counts else 0,
        processing_seconds=processed_at - started - runner_seconds,
        runner_seconds=runner_seconds,
        added=counts.added if counts else 0, updated=counts.updated if counts else 0,
        unchanged=counts.unchanged if counts else 0, removed=counts.removed if counts else 0,
        stale=counts.stale if counts else 0, stored=counts.stored if counts else 0,
        unsupported=list(counts.unsupported) if counts else [],
        error=error, outcomes=outcomes or {},
    )


@flow(name="minutebook", log_prints=False)
def minutebook_flow(sources: list[str], out_dir: str = "outputs", progress: bool = True,
                    timeout: float = DEFAULT_LIMITS.timeout, memory_mb: int = DEFAULT_LIMITS.memory_mb,
                    use_cache: bool = True, cache_dir: str | None = None, workers: int = 1,
                    replace: bool = False, allow_empty: bool = False, csv_raw: bool = False) -> RunSummary:
    started = time.perf_counter()
    limits = Limits(timeout=timeout, memory_mb=memory_mb)
    set_capacity(1 if workers <= 1 else None)     # tasks on this process's threads share one worker
    run = None
    outcomes: dict[str, str] = {}
    try:
        with StoreRun(out_dir, sources, use_cache=use_cache, cache_dir=cache_dir, replace=replace,
                      allow_empty=allow_empty, csv_raw=csv_raw) as run:
            todo = run.plan()
            n, done = run.counts.documents, run.counts.documents - len(todo)
            if progress and done:
                print(f"[{done}/{n}] unchanged or from the cache", file=sys.stderr, flush=True)
            sized = [(str(t.path), t.sha256, _size(t.path)) for t in todo]
            submitted = time.time()
            first = None
            futures = [process_batch_task.submit(batch, limits) for batch in batches(sized, workers)]
            for future in as_completed(futures):
                # as_completed keeps its own set of the futures not yet done: this list
                # would keep every finished one, and with it every document's rows.
                futures.clear()
                for result in future.result():
                    outcomes[result.document.source_path] = run.add(result)
                    done += 1
                    if result.started_at:
                        first = min(first or result.started_at, result.started_at)
                    if progress:
                        _progress(done, n, result)
                    del result           # rows live in the store from here on, not in this process
                del future
            processed_at = time.perf_counter()
            stop_idle()       # conversions are done: free the worker's memory before the tables are built
            frames = run.finish()
    except StoreError as exc:
        return _summary(run, None, out_dir, started, time.perf_counter(), error=str(exc))
    # Time from submitting to the first task starting: a Dask cluster's start-up.
    return _summary(run, frames, out_dir, started, processed_at, max(0.0, (first or submitted) - submitted),
                    outcomes)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def task_runner(workers: int = 1, dask_address: str | None = None):
    """Threads in this process (sharing one document worker) for one worker; a Dask cluster otherwise.

    Dask workers are processes with one thread each: extraction is Python code
    holding the GIL, so threads would not run two documents at once.
    """
    if dask_address or workers > 1:
        _quiet_dask()
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # Our own cluster has no dashboard, so nothing reads the profile each
        # worker samples every 10 ms: off, it gave 1.2-1.7 s of CPU back to
        # the documents over 200 documents on 2 workers (~26 s).  Inherited by
        # the worker processes; a user's setting wins.
        os.environ.setdefault("DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED", "false")
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None,
                                              "preload": ["flows.dask_preload"]})
    from prefect.task_runners import ThreadPoolTaskRunner

    # Two threads share the one document worker (flows/isolation.py set_capacity):
    # one document's bookkeeping overlaps the next one's work.
    return ThreadPoolTaskRunner(max_workers=2)


def _quiet_dask() -> None:
    """Dask's INFO lines (cluster start, workers closing) would bury the progress lines."""
    import logging

    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")   # inherited by worker processes
    import dask

    dask.config.set({"logging.distributed": "error"})
    logging.getLogger("distributed").setLevel(logging.ERROR)


def run_flow(sources: list[str | Path], out_dir: str | Path = "outputs", workers: int = 1,
             dask_address: str | None = None, **options) -> RunSummary:
    """The flow on the task runner that `workers` / `dask_address` ask for."""
    from flows.store import OutputLock

    # The output folder's lock comes first: a second run on the folder stops
    # at once with its one-line StoreBusy, before any worker or Prefect starts.
    with OutputLock(out_dir):
        summary = _run_flow_locked(sources, out_dir, workers, dask_address, **options)
    if summary.error:
        raise StoreError(summary.error)
    return summary


def _run_flow_locked(sources, out_dir, workers, dask_address, **options) -> RunSummary:
    import threading

    from flows.api import temporary_api
    from flows.isolation import start_worker

    # Each document worker reads a scan's pages on its share of the cores
    # (flows/reading/ocr_engine.py ocr_threads): shared, not multiplied.
    os.environ["MINUTEBOOK_DOC_WORKERS"] = str(max(1, workers))
    runner = task_runner(workers, dask_address)
    # On a given cluster the worker count is unknown: batch as for a few workers.
    spread = workers if not dask_address else max(workers, 4)
    starting = None
    if workers <= 1 and not dask_address:
        # The document worker's start (its imports and the spaCy pipeline) runs
        # while Prefect's API starts, on the other core: both are start-up.
        limits = Limits(timeout=options.get("timeout", DEFAULT_LIMITS.timeout),
                        memory_mb=options.get("memory_mb", DEFAULT_LIMITS.memory_mb))
        starting = threading.Thread(target=start_worker, args=(limits,), daemon=True)
        starting.start()
    with temporary_api():        # Prefect's ephemeral API, without its server code in this process
        if starting is not None:
            starting.join()
        return minutebook_flow.with_options(task_runner=runner)(
            [str(s) for s in sources], out_dir=str(out_dir), workers=spread, **options)


def _progress(i: int, n: int, result: DocumentResult) -> None:
    from flows import progress      # a line per document, or a bar on a terminal (the CLI chooses)

    progress.document_done(i, n, result)


def run_local(sources: list[str | Path], out_dir: str | Path = "outputs", limits: Limits = DEFAULT_LIMITS,
              use_cache: bool = False, cache_dir: str | Path | None = None, replace: bool = False,
              allow_empty: bool = False, csv_raw: bool = False) -> RunSummary:
    """The same work as the flow, in this process and without Prefect.

    For development and benchmarks: no task runner, no temporary API.  The
    cache is off unless asked for, so a development run always redoes the work.
    Raises StoreError (nothing changed) where the flow's summary carries it.
    """
    started = time.perf_counter()
    outcomes: dict[str, str] = {}
    with StoreRun(out_dir, sources, use_cache=use_cache, cache_dir=cache_dir, replace=replace,
                  allow_empty=allow_empty, csv_raw=csv_raw) as run:
        for item in run.plan():
            result = process_document(item.path, limits, item.sha256)
            outcomes[result.document.source_path] = run.add(result, item)
        processed_at = time.perf_counter()
        stop_idle()
        frames = run.finish()
    return _summary(run, frames, out_dir, started, processed_at, outcomes=outcomes)


if __name__ == "__main__":   # python -m flows.pipeline SOURCE... OUT_DIR  (no Prefect)
    *_sources, _out = sys.argv[1:]
    print(run_local(_sources, _out, use_cache=True).describe())
