"""PDF conversion in a worker process with a time limit and a memory limit.

A hostile or broken PDF (a decompression bomb, an object graph pdfminer walks
forever, a file that exhausts memory) must cost one `failed` row, not the run.
So `flows.convert.convert` runs in a separate Python process:

- memory: the worker sets RLIMIT_AS on itself at start-up, so an allocation
  past the limit raises MemoryError inside the worker (reason `memory`);
- time: the parent waits for the answer with a deadline and kills the worker
  when it passes (reason `timeout`);
- a worker that dies (segfault, OOM killer) is reported as `worker crashed`.

Why a long-lived `subprocess.Popen` worker rather than a process pool:
- a process start plus the pdfminer import costs ~0.2 s; one worker per
  thread lives for the whole run and is replaced only after a failure, so a
  batch pays that once, not per document;
- Dask worker processes are daemonic and `multiprocessing` refuses to start
  children from a daemonic process; Popen has no such rule, so the same code
  works in the flow process, in a local Dask cluster and on a remote one;
- fork() from a process running Prefect's threads is unsafe; Popen execs a
  fresh interpreter, and the rlimit is set inside it (no preexec_fn, which is
  not thread-safe either).

Protocol: length-prefixed pickles over the worker's stdin and a private copy
of its stdout (its fd 1 is pointed at stderr, so stray prints cannot corrupt
the channel).
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

from flows.convert import ConversionError

_HEADER = struct.Struct("!Q")


@dataclass(frozen=True)
class Limits:
    """Per-document limits for PDF conversion (CLI: --timeout, --memory-mb)."""
    timeout: float = 300.0         # seconds for one document's conversion
    memory_mb: int = 2048          # address-space limit of the worker process
    isolate: bool = True           # False: convert in this process (no limits)


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


class ConversionWorker:
    """One worker process; `convert(path)` returns a PagedText or raises ConversionError."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS):
        self.limits = limits
        self.proc: subprocess.Popen | None = None
        self.started = 0              # how many processes this worker has started

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else root
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flows.isolation", str(self.limits.memory_mb)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, close_fds=True)
        self.started += 1
        return self.proc

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
        if proc is not None:
            proc.wait()
            for fh in (proc.stdin, proc.stdout):
                try:
                    fh.close()
                except OSError:
                    pass

    def convert(self, path: str | Path):
        proc = self.proc if self.proc is not None and self.proc.poll() is None else self._start()
        deadline = time.monotonic() + self.limits.timeout
        try:
            _write_frame(proc.stdin, str(path))
            status, value = _read_frame(proc.stdout.fileno(), deadline)
        except TimeoutError:
            self.stop()
            raise ConversionError(f"timeout: conversion took longer than {self.limits.timeout:g} s") from None
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


_idle: list[ConversionWorker] = []         # workers not converting right now
_all_workers: list[ConversionWorker] = []
_lock = threading.Lock()


def checkout(limits: Limits) -> ConversionWorker:
    """An idle worker with these limits, or a new one.

    A pool rather than one worker per thread: task runners (Dask's, Prefect's)
    may run successive tasks on different threads, and a worker per thread
    would leave one idle process behind per thread.  The pool never holds more
    workers than tasks ran at once.
    """
    with _lock:
        for i, worker in enumerate(_idle):
            if worker.limits == limits:
                return _idle.pop(i)
        worker = ConversionWorker(limits)
        _all_workers.append(worker)
        return worker


def checkin(worker: ConversionWorker) -> None:
    with _lock:
        _idle.append(worker)


def convert_isolated(path: str | Path, limits: Limits = DEFAULT_LIMITS):
    """`flows.convert.convert`, with PDFs converted inside a worker process."""
    from flows.convert import convert

    path = Path(path)
    if not limits.isolate or path.suffix.lower() != ".pdf":
        return convert(path)      # text files: nothing to parse that could run away
    worker = checkout(limits)
    try:
        return worker.convert(path)
    finally:
        checkin(worker)


def stop_idle() -> int:
    """Stop the workers no task is using; returns how many.

    Called when a run's conversions are done: an idle worker holds ~65 MB
    while the tables are built and written, the run's memory peak.  A later
    conversion simply starts a new one.
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
    """Exit when the parent process goes away (killed, even by SIGKILL), even mid-conversion."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _serve(memory_mb: int) -> None:
    import resource

    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)                   # anything printed goes to stderr, not the channel
    _die_with_parent()
    from flows.convert import convert   # import before the limit: counted once, not per file
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    fd = sys.stdin.fileno()
    while True:
        try:
            path = _read_frame(fd, None)
        except (WorkerDied, EOFError):
            return                   # the parent closed the pipe or died
        try:
            reply = ("ok", convert(path))
        except MemoryError:
            reply = ("memory", f"memory: conversion needed more than {memory_mb} MB")
        except ConversionError as exc:
            reply = ("error", str(exc))
        except RecursionError:
            reply = ("error", "corrupt PDF: object graph too deep (self-referencing?)")
        except Exception as exc:
            reply = ("error", f"conversion error: {type(exc).__name__}: {exc}")
        try:
            _write_frame(channel, reply)
        except MemoryError:
            _write_frame(channel, ("memory", f"memory: result larger than {memory_mb} MB"))
        if reply[0] == "memory":
            return


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
