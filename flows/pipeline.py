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
- results are cached by file content (flows/cache.py): documents found in the
  cache are taken in the flow itself, before any task is submitted, so an
  unchanged re-run submits no tasks and converts nothing;
- `--workers N` runs the tasks on a local Dask cluster of N processes and
  `--dask-address` on an existing cluster (`run_flow` picks the task runner);
- the tables are written atomically (flows/tables.py).
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from flows import settings  # noqa: F401  (quiet, server-less Prefect defaults; before prefect)

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed

from extractors.records import EXTRACTED
from flows.cache import CACHE_DIRNAME, ResultCache, file_sha256
from flows.reading import READERS, ConversionError
from flows.document import DocumentResult, failed, new_document
from flows.isolation import DEFAULT_LIMITS, Limits, process_isolated, set_capacity, stop_idle

SUPPORTED = tuple(READERS)     # .pdf, .docx, .html, .md, .txt, ... (flows/reading/__init__.py)


def discover(sources: list[str | Path], skipped: list[Path] | None = None) -> list[Path]:
    """Every file named, and every file of a type minutebook reads found below a named
    folder, in a stable order.  Files of other types in the folders go to `skipped`."""
    found: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            for p in sorted(source.rglob("*")):
                hidden = any(part.startswith((".", "~$")) for part in p.relative_to(source).parts)
                if not p.is_file() or hidden:          # ~$name.docx: Word's lock file
                    continue
                if p.suffix.lower() in SUPPORTED:
                    found.append(p)
                elif skipped is not None:
                    skipped.append(p)
        else:
            found.append(source)
    seen, unique = set(), []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def process_document(path: str | Path, limits: Limits = DEFAULT_LIMITS,
                     sha256: str | None = None) -> DocumentResult:
    """Convert and extract one document in a worker process; any failure becomes a `failed` row."""
    path = Path(path)
    started, started_at = time.perf_counter(), time.time()
    try:
        doc_id = (sha256 or file_sha256(path))[:16]
    except OSError as exc:
        doc = new_document(path, hashlib.sha256(str(path).encode()).hexdigest()[:16])
        result = failed(doc, f"cannot read file: {exc.strerror or exc}", started)
    else:
        try:
            result = process_isolated(path, doc_id, limits)
        except ConversionError as exc:      # the worker failed: timeout, memory, crash
            result = failed(new_document(path, doc_id), str(exc), started)
        except Exception as exc:             # never let one file stop the batch
            result = failed(new_document(path, doc_id), f"worker error: {type(exc).__name__}: {exc}", started)
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
class Planned:
    """A discovered file and, if the cache holds it, its earlier result."""
    path: Path
    sha256: str | None = None
    key: str | None = None
    result: DocumentResult | None = None


def plan(paths: list[Path], cache: ResultCache | None) -> list[Planned]:
    """Hash every file and look it up in the cache (unreadable files go to processing)."""
    planned = []
    for path in paths:
        item = Planned(path)
        try:
            item.sha256 = file_sha256(path)
        except OSError:
            planned.append(item)
            continue
        if cache is not None:
            item.key = cache.key(item.sha256, path.name)
            hit = cache.get(item.key)
            if hit is not None:
                hit.document.source_path = str(path)
                hit.cached, hit.seconds = True, 0.0
                item.result = hit
        planned.append(item)
    return planned


def open_cache(out_dir: str | Path, use_cache: bool, cache_dir: str | Path | None) -> ResultCache | None:
    if not use_cache:
        return None
    return ResultCache(Path(cache_dir) if cache_dir else Path(out_dir) / CACHE_DIRNAME)


def collect(results: list[DocumentResult]) -> dict[str, list]:
    """Gather every document's records into one list per table."""
    tables: dict[str, list] = {"documents": []}
    for result in sorted(results, key=lambda r: r.document.source_path):
        tables["documents"].append(result.document)
        for name, records in result.tables.items():
            tables.setdefault(name, []).extend(records)
    return tables


@dataclass
class RunSummary:
    out_dir: Path
    documents: int
    failed: list[tuple[str, str]]          # (source_path, reason)
    rows: dict[str, int]
    seconds: float
    cached: int = 0                        # documents taken from the cache
    # discover + hash + convert + extract, not the table writing, and not the
    # wait for the task runner's workers to come up (runner_seconds)
    processing_seconds: float = 0.0
    runner_seconds: float = 0.0


def finish(results: list[DocumentResult], out_dir: str | Path, cache: ResultCache | None) -> dict:
    """Build the frames, write every output, and prune the cache; returns the frames."""
    from flows.tables import build_frames, write_tables
    from flows.tracking import prepare_tables, write_review_outputs

    frames = build_frames(collect(results))
    frames = prepare_tables(frames, out_dir)       # tracking tables + stored reviews (brief H)
    write_tables(frames, out_dir)
    write_review_outputs(frames, out_dir)          # review.xlsx, report.html
    if cache is not None:
        cache.prune()      # only after the tables are in place: a killed run keeps its cache
    return frames


def _summary(results, frames, out_dir, started, processed_at, runner_seconds=0.0) -> RunSummary:
    return RunSummary(
        out_dir=Path(out_dir),
        documents=len(results),
        failed=[(r.document.source_path, r.document.error) for r in results
                if r.document.status == "failed"],
        rows={name: len(df) for name, df in frames.items()},
        seconds=time.perf_counter() - started,
        cached=sum(1 for r in results if r.cached),
        processing_seconds=processed_at - started - runner_seconds,
        runner_seconds=runner_seconds,
    )


@flow(name="minutebook", log_prints=False)
def minutebook_flow(sources: list[str], out_dir: str = "outputs", progress: bool = True,
                    timeout: float = DEFAULT_LIMITS.timeout, memory_mb: int = DEFAULT_LIMITS.memory_mb,
                    use_cache: bool = True, cache_dir: str | None = None, workers: int = 1) -> RunSummary:
    from flows.tables import recover_output

    started = time.perf_counter()
    recover_output(out_dir)                   # finish a commit a killed run left half-done
    limits = Limits(timeout=timeout, memory_mb=memory_mb)
    set_capacity(1 if workers <= 1 else None)     # tasks on this process's threads share one worker
    cache = open_cache(out_dir, use_cache, cache_dir)
    skipped: list[Path] = []
    planned = plan(discover(sources, skipped), cache)
    if progress and skipped:
        _report_skipped(skipped)
    results = [p.result for p in planned if p.result is not None]
    todo = {str(p.path): p for p in planned if p.result is None}
    n = len(planned)
    for i, result in enumerate(results, start=1):
        if progress:
            _progress(i, n, result)
    sized = [(path, p.sha256, _size(p.path)) for path, p in todo.items()]
    submitted = time.time()
    futures = [process_batch_task.submit(batch, limits) for batch in batches(sized, workers)]
    for future in as_completed(futures):
        for result in future.result():
            results.append(result)
            item = todo[result.document.source_path]
            if cache is not None and item.key:
                cache.put(item.key, result)
            if progress:
                _progress(len(results), n, result)
    processed_at = time.perf_counter()
    stop_idle()       # conversions are done: free the worker's memory before the tables are built
    # Time from submitting to the first task starting: a Dask cluster's start-up.
    first = min((r.started_at for r in results if not r.cached and r.started_at), default=submitted)
    frames = finish(results, out_dir, cache)
    return _summary(results, frames, out_dir, started, processed_at, max(0.0, first - submitted))


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
    doc = result.document
    if doc.status == "ok":
        counts = ", ".join(f"{len(result.tables.get(k, []))} {k}" for k in EXTRACTED if result.tables.get(k))
        what = f"{doc.pages} pages, {counts or 'nothing found'}"
    else:
        what = f"FAILED: {doc.error}"
    when = "cached" if result.cached else f"{result.seconds:.1f}s"
    print(f"[{i}/{n}] {Path(doc.source_path).name}: {what} ({when})", file=sys.stderr, flush=True)


def _report_skipped(skipped: list[Path]) -> None:
    """One line for the files of other types found in the folders given (none is lost without a word)."""
    from collections import Counter

    kinds = Counter(p.suffix.lower() or "(no suffix)" for p in skipped)
    listed = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    print(f"not read: {len(skipped)} files of types minutebook does not read ({listed}); "
          f"it reads {', '.join(SUPPORTED)}", file=sys.stderr, flush=True)


def run_local(sources: list[str | Path], out_dir: str | Path = "outputs", limits: Limits = DEFAULT_LIMITS,
              use_cache: bool = False, cache_dir: str | Path | None = None) -> list[DocumentResult]:
    """The same work as the flow, in this process and without Prefect.

    For development and benchmarks: no task runner, no temporary API.  The
    cache is off unless asked for, so a development run always redoes the work.
    """
    from flows.tables import recover_output

    recover_output(out_dir)
    cache = open_cache(out_dir, use_cache, cache_dir)
    results = []
    for item in plan(discover(sources), cache):
        result = item.result or process_document(item.path, limits, item.sha256)
        if cache is not None and item.key and not result.cached:
            cache.put(item.key, result)
        results.append(result)
    stop_idle()
    finish(results, out_dir, cache)
    return results


if __name__ == "__main__":   # python -m flows.pipeline SOURCE... OUT_DIR  (no Prefect)
    *_sources, _out = sys.argv[1:]
    for _r in run_local(_sources, _out):
        _progress(0, 0, _r)
