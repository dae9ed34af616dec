"""Each document's work in a worker process with a time limit and a memory limit.

A hostile or broken file (a decompression bomb, an object graph pdfminer
walks forever, a text that sends a regular expression into a long search, a
file that exhausts memory) must cost one `failed` row, not the run.  So a
document's conversion and extraction (`flows.document.process_file`) run in
a separate Python process:

- memory: the worker sets RLIMIT_AS on itself at start-up, so an allocation
  past the limit raises MemoryError inside the worker (reason `memory`);
- time: the parent waits for the answer with a deadline and kills the worker
  when it passes (reason `timeout`);
- a worker that dies (segfault, OOM killer) is reported as `worker crashed`;
- the worker leads a process group of its own (a new session), and it is
  always stopped by killing that whole group, so a child it started (the
  Tesseract process OCR runs) dies with it instead of living on under init;
- a result is checked for size in the worker before it is sent (at most
  MAX_PAGES pages and MAX_ROWS rows of any table): a document past that is a
  `too large` failure, so one hostile file cannot fill the flow's memory.

The worker is also where the memory goes: it holds pdfminer, spaCy and one
document at a time, while the flow process, which only orchestrates, holds
neither (flows/document.py).

Why a long-lived `subprocess.Popen` worker rather than a process pool:
- a process start plus the pdfminer and spaCy imports and the pipeline
  build cost ~1.5 s; one worker lives for the whole run and is replaced only
  after a failure, so a batch pays that once, not per document;
- Dask worker processes are daemonic and `multiprocessing` refuses to start
  children from a daemonic process; Popen has no such rule, so the same code
  works in the flow process, in a local Dask cluster and on a remote one;
- fork() from a process running Prefect's threads is unsafe; Popen execs a
  fresh interpreter, and the rlimit is set inside it (no preexec_fn, which is
  not thread-safe either).

Protocol: length-prefixed pickles over the worker's stdin and a private copy
of its stdout (its fd 1 is pointed at stderr, so stray prints cannot corrupt
the channel).  A request is ("process", path, doc_id) or ("convert", path).
"""
from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flows.reading import ConversionError, convert
from flows.document import process_file

_HEADER = struct.Struct("!Q")
STARTUP_TIMEOUT = 120.0     # seconds for a worker's imports on a busy machine
# One document's result at most: the largest real packs have ~1,000 pages and
# a few thousand rows of a kind.
MAX_PAGES = 5000
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Limits:
    """Per-document limits on conversion and extraction (CLI: --timeout, --memory-mb)."""
    timeout: float = 300.0         # seconds for one document's conversion and extraction
    memory_mb: int = 2048          # address-space limit of the worker process
    isolate: bool = True           # False: work in this process (no limits)


DEFAULT_LIMITS = Limits()


class WorkerDied(Exception):
    pass


def _write_frame(fh, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(_HEADER.pack(len(data)) + data)
    fh.flush()


def _read_exact(fd: int, n: int, deadline: float | None) -> bytes:
    """n bytes from fd, or TimeoutError when the deadline passes, WorkerDied on EOF."""
    chunks, remaining = [], n
    while remaining:
        if deadline is not None:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise WorkerDied
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _read_frame(fd: int, deadline: float | None):
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    return pickle.loads(_read_exact(fd, size, deadline))


class DocumentWorker:
    """One worker process: `process(path, doc_id)` gives a DocumentResult, `convert(path)` a PagedText.

    Both raise ConversionError when the worker itself fails (timeout, memory,
    crash); a bad document is a `failed` DocumentResult, or a ConversionError
    from `convert`.
    """

    def __init__(self, limits: Limits = DEFAULT_LIMITS):
        self.limits = limits
        self.proc: subprocess.Popen | None = None
        self.started = 0              # how many processes this worker has started

    def start(self) -> subprocess.Popen:
        """The running process, started now if there is none (its imports take a few seconds)."""
        if self.proc is not None and self.proc.poll() is None:
            return self.proc
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else root
        # One document at a time in one thread: BLAS thread pools would only
        # reserve address space (counted by the memory limit) and compete
        # with the other workers for the cores.
        env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "flows.isolation", str(self.limits.memory_mb)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=env, close_fds=True, start_new_session=True)   # its own process group (see stop)
        except OSError as exc:
            raise ConversionError(f"worker crashed: cannot start it ({exc.strerror or exc})") from None
        self.proc = proc
        self.started += 1
        # The worker says "ready" once its imports and the spaCy pipeline are
        # loaded: that start-up is not counted against a document's time limit.
        try:
            status, _ = _read_frame(proc.stdout.fileno(), time.monotonic() + STARTUP_TIMEOUT)
        except TimeoutError:
            status = "timeout"
        except (WorkerDied, EOFError, pickle.UnpicklingError):
            status = "died"
        if status != "ready":
            code = None
            if status == "died":             # its channel closed: the exit status follows at once
                try:
                    code = proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
            self.stop()
            why = (f"exited with status {code}" if code is not None
                   else f"did not answer within {STARTUP_TIMEOUT:g} s" if status == "timeout"
                   else "closed its channel")
            raise ConversionError(f"worker crashed: it {why} while loading its libraries")
        return proc

    def stop(self) -> None:
        """Kill the worker's whole process group (its OCR children too) and reap the worker."""
        proc, self.proc = self.proc, None
        if proc is not None:
            kill_group(proc)
        if proc is not None and proc.poll() is None:
            proc.kill()
        if proc is not None:
            proc.wait()
            for fh in (proc.stdin, proc.stdout):
                try:
                    fh.close()
                except OSError:
                    pass

    def process(self, path: str | Path, doc_id: str):
        """Convert and extract one document in the worker: a DocumentResult."""
        return self._ask(("process", str(path), doc_id))

    def convert(self, path: str | Path):
        """Only convert a document in the worker: a PagedText (benchmarks time conversion alone)."""
        return self._ask(("convert", str(path)))

    def _ask(self, request: tuple):
        proc = self.start()
        deadline = time.monotonic() + self.limits.timeout
        try:
            _write_frame(proc.stdin, request)
            status, value = _read_frame(proc.stdout.fileno(), deadline)
        except TimeoutError:
            self.stop()
            raise ConversionError(f"timeout: the document took longer than {self.limits.timeout:g} s "
                                  "to convert and extract") from None
        except (WorkerDied, BrokenPipeError, EOFError, pickle.UnpicklingError):
            code = proc.wait()
            self.stop()
            if code == -signal.SIGKILL:
                raise ConversionError(f"memory: worker killed (over {self.limits.memory_mb} MB?)") from None
            raise ConversionError(f"worker crashed (exit status {code})") from None
        if status == "ok":
            return value
        if status == "memory":       # the worker's heap may be fragmented: start afresh
            self.stop()
        raise ConversionError(value)


def kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the process group the worker leads (it was started in a session of its own).

    Also after the worker itself has exited: a child it left behind (a
    Tesseract still reading a page) is in the same group.
    """
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


_idle: list[DocumentWorker] = []         # workers not working right now
_all_workers: list[DocumentWorker] = []
_lock = threading.Lock()
_returned = threading.Condition(_lock)    # a worker came back to the pool
_capacity: int | None = None              # most workers at once in this process; None: no bound


def set_capacity(workers: int | None) -> None:
    """At most `workers` document workers in this process at once (None: one per concurrent task).

    A one-worker run runs its tasks on two threads with a capacity of one: while
    one thread's document is in the worker, the other does Prefect's bookkeeping
    for the next document and then waits for the worker, so the worker goes
    from one document to the next without waiting on the orchestration.  The
    documents' work still has one process, one core.
    """
    global _capacity
    with _returned:
        _capacity = workers
        _returned.notify_all()


def checkout(limits: Limits) -> DocumentWorker:
    """An idle worker with these limits, or a new one if the capacity allows; else wait for one.

    A pool rather than one worker per thread: task runners (Dask's, Prefect's)
    may run successive tasks on different threads, and a worker per thread
    would leave one idle process behind per thread.  The pool never holds more
    workers than tasks ran at once, nor more than its capacity.
    """
    retired = None
    with _returned:
        while True:
            for i, worker in enumerate(_idle):
                if worker.limits == limits:
                    return _idle.pop(i)
            if _capacity is None or len(_all_workers) < _capacity:
                break
            if _idle:                     # full, but an idle worker has other limits: replace it
                retired = _idle.pop(0)
                _all_workers.remove(retired)
                break
            _returned.wait()
        worker = DocumentWorker(limits)
        _all_workers.append(worker)
    if retired is not None:
        retired.stop()
    return worker


def checkin(worker: DocumentWorker) -> None:
    with _returned:
        _idle.append(worker)
        _returned.notify()


def start_worker(limits: Limits = DEFAULT_LIMITS) -> None:
    """Have an idle worker with these limits running, so the first document does not wait for its start.

    A worker that fails to start is left to the first document, which then
    reports why.
    """
    worker = checkout(limits)
    try:
        worker.start()
    except ConversionError:
        pass
    finally:
        checkin(worker)


def process_isolated(path: str | Path, doc_id: str, limits: Limits = DEFAULT_LIMITS):
    """`flows.document.process_file` in a worker process (or here, when `limits.isolate` is off).

    Raises ConversionError only when the worker fails (timeout, memory, crash).
    """
    if not limits.isolate:
        return process_file(path, doc_id)
    worker = checkout(limits)
    try:
        return worker.process(path, doc_id)
    finally:
        checkin(worker)


def stop_idle() -> int:
    """Stop the workers no task is using; returns how many.

    Called when a run's documents are done: an idle worker holds pdfminer,
    spaCy and the pipeline (~140 MB) while the tables are built and written,
    the run's other memory peak.  A later document simply starts a new one.
    """
    with _lock:
        idle = list(_idle)
        _idle.clear()
        for worker in idle:
            if worker in _all_workers:
                _all_workers.remove(worker)
    for worker in idle:
        worker.stop()
    return len(idle)


@atexit.register
def stop_all() -> None:
    with _lock:
        workers = list(_all_workers)
        _all_workers.clear()
    for worker in workers:
        worker.stop()


# ---------------------------------------------------------------- the worker side

def _die_with_parent() -> None:
    """Exit when the parent process goes away (killed, even by SIGKILL), even mid-document."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        try:
            os.killpg(0, signal.SIGKILL)     # this worker and its children (it leads the group)
        finally:
            os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _answer(request: tuple, memory_mb: int) -> tuple[str, object]:
    """(status, value) for one request; status is "ok", "error" or "memory"."""
    op, path, *args = request
    try:
        if op == "process":
            result = process_file(path, *args)
            big = _too_large(result)
            if big:
                from flows.document import failed

                result = failed(result.document, big, time.perf_counter() - result.seconds)
            return "ok", result
        return "ok", convert(path)
    except MemoryError:
        return "memory", f"memory: the document needed more than {memory_mb} MB"
    except ConversionError as exc:
        return "error", str(exc)
    except RecursionError:
        return "error", "corrupt PDF: object graph too deep (self-referencing?)"
    except Exception as exc:
        return "error", f"conversion error: {type(exc).__name__}: {exc}"


def _too_large(result) -> str:
    """A `too large` reason when a result has more pages or rows than one document may send."""
    pages = result.document.pages or len(result.tables.get("pages", []))
    if pages > MAX_PAGES:
        return f"too large: {pages} pages (the limit is {MAX_PAGES})"
    for name, rows in result.tables.items():
        if len(rows) > MAX_ROWS:
            return f"too large: {len(rows)} {name} rows (the limit is {MAX_ROWS})"
    return ""


_WARM_UP = ("MINUTES of a meeting of the Parish Council held on 2 May 2024\n"
            "1. RESOLVED: That the Clerk obtains three quotes (£2,500) by 30 June 2024.\n")


def _serve(memory_mb: int) -> None:
    import gc
    import resource

    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)                   # anything printed goes to stderr, not the channel
    _die_with_parent()
    # Import, build and warm the pipeline before the limit and before "ready":
    # counted once as start-up, not in the first document.
    from extractors.paged import PagedText
    from extractors.pipeline import extract

    extract(PagedText.from_pages([_WARM_UP]), "0" * 16)   # loads the classifier, compiles every pattern
    # What is loaded now (pdfminer, spaCy, the pipeline: ~90,000 objects)
    # lives as long as the worker, so take it out of the cyclic collector's
    # scans.  pdfminer makes millions of short-lived objects, and every full
    # collection walked these too: 11% of a document's CPU went to the
    # collector, against 4% in a bare pdfminer process (200 corpus
    # documents: 5.2 s of 45.6 s; frozen, 1.8 s).
    gc.collect()
    gc.freeze()
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    _write_frame(channel, ("ready", None))
    fd = sys.stdin.fileno()
    while True:
        try:
            request = _read_frame(fd, None)
        except (WorkerDied, EOFError):
            return                   # the parent closed the pipe or died
        reply = _answer(request, memory_mb)
        try:
            _write_frame(channel, reply)
        except MemoryError:
            _write_frame(channel, ("memory", f"memory: result larger than {memory_mb} MB"))
        if reply[0] == "memory":
            return


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
