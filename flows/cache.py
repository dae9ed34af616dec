"""Per-document results cached by file content, so a re-run redoes only what changed.

A document's result (its `documents` row and all its records) is stored as a
pickle under `OUT/.minutebook-cache/` (or `--cache-dir`), keyed by

    sha256(file content) + file name + EXTRACTOR_VERSION + model fingerprint + conversion settings

so an unchanged file is neither converted nor extracted again, a changed file
(or a new extractor version, or new conversion settings) is redone.  The file
name is part of the key because extraction may read it (`source_name`).

Removed files: the tables are rebuilt from the files found in each run, so a
removed file's rows leave every table; its cache entry is deleted at the end
of a complete run (`prune`), so the cache holds only what the last run used.

Failures caused by the machine rather than the file (`timeout`, `memory`,
worker crashes) are not cached: the next run tries again.  A corrupt or
encrypted file is cached as failed, like any other result.

Why not Prefect's task caching: the same cache must serve `run_local` and the
benchmarks, which run without Prefect; cached documents are found in the flow
before any task is submitted, so an unchanged re-run creates no task runs at
all (Prefect's cache still creates and tracks one per document); and the
cache lives in the output folder, so it travels with and is deleted with it,
instead of in Prefect's global result storage.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from extractors import EXTRACTOR_VERSION

CACHE_DIRNAME = ".minutebook-cache"
TRANSIENT = ("timeout", "memory", "worker crashed")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def conversion_settings() -> str:
    """The reading modules' settings (their upper-case constants), as a stable string."""
    from flows.reading import formats, layout, lines, pdf

    found = {f"{module.__name__}.{name}": getattr(module, name)
             for module in (layout, lines, pdf, formats) for name in dir(module)
             if name.isupper() and not name.startswith("_")
             and isinstance(getattr(module, name), (str, int, float, bool, tuple, list, dict))}
    from flows.reading.ocr import cache_key   # scanned pages read with or without OCR differ

    return repr(sorted(found.items())) + "\n" + cache_key()


class ResultCache:
    """DocumentResults on disk, one pickle per key."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        from extractors.artifacts import model_fingerprint   # a retrained model changes rows too

        from dataclasses import fields

        from extractors.records import Document    # a new documents column (format) redoes results

        columns = ",".join(f.name for f in fields(Document))
        self.salt = f"{EXTRACTOR_VERSION}\n{model_fingerprint()}\n{conversion_settings()}\n{columns}"
        self.used: set[str] = set()

    def key(self, sha256: str, name: str) -> str:
        return hashlib.sha256(f"{sha256}\n{name}\n{self.salt}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / f"{key}.pkl"

    def get(self, key: str):
        self.used.add(key)
        try:
            with self._path(key).open("rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:            # a damaged entry is a miss, never a failure
            return None

    def put(self, key: str, result) -> bool:
        """Store a result atomically; False (not stored) for transient failures."""
        self.used.add(key)
        doc = result.document
        if doc.status != "ok" and doc.error.startswith(TRANSIENT):
            return False
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True

    def prune(self) -> int:
        """Delete entries (and stale temp files) this run did not use; returns how many."""
        if not self.root.is_dir():
            return 0
        removed = 0
        for entry in self.root.iterdir():
            if entry.name.startswith(".tmp-") or (entry.suffix == ".pkl" and entry.stem not in self.used):
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
