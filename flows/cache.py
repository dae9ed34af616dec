"""Per-document results cached by file content, so a re-run redoes only what changed.

A document's result (its `documents` row and all its records) is stored as
JSON in one SQLite table, `OUT/.minutebook-cache/cache.sqlite` (or
`--cache-dir`), one row per

    sha256(file content) + doc_id (its path) + EXTRACTOR_VERSION + model fingerprint + conversion settings

with the file hash, the doc_id and the extractor version also kept as their
own columns.  The doc_id is part of the key because every row id is derived
from it: a copy of a file at another path has other ids.

Never pickle: an entry is data, read back field by field into the record
classes of `extractors.records`, each value checked against its field's
type.  A damaged or foreign entry (bad JSON, an unknown table or field, a
wrong type) is a miss with a warning, never a failure and never code.  A
damaged database file is set aside (renamed `.damaged-*`) and started anew.

Failures caused by the machine rather than the file (`timeout`, `memory`,
worker crashes, unreadable files) are not cached: the next run tries again.
A corrupt or encrypted file is cached as failed, like any other result.

The store (flows/store.py) keeps every document's rows between runs, so the
cache is consulted only for documents the store does not hold as they are
now (new, changed back, or after `minutebook remove` / `run --replace`).
`prune` keeps exactly the entries of the documents the store holds.

Why not Prefect's task caching: the same cache must serve `run_local` and the
benchmarks, which run without Prefect; cached documents are found in the flow
before any task is submitted; and the cache lives in the output folder, so it
travels with and is deleted with it.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import sys
import time
import typing
from pathlib import Path

from extractors import EXTRACTOR_VERSION

CACHE_DIRNAME = ".minutebook-cache"
CACHE_FILE = "cache.sqlite"
TRANSIENT_FAILURES = ("timeout", "memory", "unreadable")
TRANSIENT = ("timeout", "memory", "worker crashed", "cannot read")   # error prefixes (older rows)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
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


def current_salt() -> str:
    """What besides the file's bytes decides its rows: extractor version, model, conversion settings."""
    from dataclasses import fields

    from extractors.artifacts import model_fingerprint   # a retrained model changes rows too
    from extractors.records import Document    # a new documents column (format, ...) redoes results

    columns = ",".join(f.name for f in fields(Document))
    text = f"{EXTRACTOR_VERSION}\n{model_fingerprint()}\n{conversion_settings()}\n{columns}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def is_transient(document) -> bool:
    """A failure of the machine or the moment, not of the file: not cached, kept as `stale`."""
    if document.status == "ok":
        return False
    if getattr(document, "failure", "") in TRANSIENT_FAILURES:
        return True
    return document.error.startswith(TRANSIENT)


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ JSON <-> records

def result_to_json(result) -> str:
    doc = dataclasses.asdict(result.document)
    tables = {name: [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r) for r in rows]
              for name, rows in result.tables.items()}
    return json.dumps({"document": doc, "tables": tables}, ensure_ascii=False, separators=(",", ":"))


class ForeignEntry(ValueError):
    """A cache entry that is not a result this version of minutebook wrote."""


def _allowed_types(cls) -> dict[str, tuple[type, ...]]:
    hints = typing.get_type_hints(cls)
    allowed = {}
    for f in dataclasses.fields(cls):
        hint = hints.get(f.name, str)
        args = typing.get_args(hint) or (hint,)
        kinds = tuple(a for a in args if a in (str, int, float, bool, type(None)))
        allowed[f.name] = kinds or (str,)
    return allowed


_TYPES: dict[type, dict[str, tuple[type, ...]]] = {}


def _record(cls, row) -> object:
    if not isinstance(row, dict):
        raise ForeignEntry(f"a {cls.__name__} row is not an object")
    allowed = _TYPES.get(cls)
    if allowed is None:
        allowed = _TYPES[cls] = _allowed_types(cls)
    unknown = set(row) - set(allowed)
    if unknown:
        raise ForeignEntry(f"unknown {cls.__name__} fields {sorted(unknown)[:3]}")
    for name, value in row.items():
        kinds = allowed[name]
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise ForeignEntry(f"{cls.__name__}.{name} is a {type(value).__name__}")
    try:
        return cls(**row)
    except TypeError as exc:                 # a required field is missing
        raise ForeignEntry(str(exc)) from None


def result_from_json(text: str):
    """A DocumentResult from its JSON, every value checked; ForeignEntry when it is not one."""
    from extractors.records import TABLES, Document, Page
    from flows.document import DocumentResult

    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise ForeignEntry(f"not JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        raise ForeignEntry("not a document result")
    document = _record(Document, data.get("document"))
    kinds = {**TABLES, "pages": Page}
    tables = {}
    for name, rows in data["tables"].items():
        cls = kinds.get(name)
        if cls is None or name == "documents" or not isinstance(rows, list):
            raise ForeignEntry(f"unknown table {name!r}")
        tables[name] = [_record(cls, row) for row in rows]
    return DocumentResult(document, tables)


# ------------------------------------------------------------------ the cache

class ResultCache:
    """DocumentResults as JSON rows of one SQLite table."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.salt = current_salt()
        self.used: set[str] = set()
        self._con: sqlite3.Connection | None = None

    def key(self, sha256: str, doc_id: str) -> str:
        return hashlib.sha256(f"{sha256}\n{doc_id}\n{self.salt}".encode()).hexdigest()

    @property
    def path(self) -> Path:
        return self.root / CACHE_FILE

    def _connect(self) -> sqlite3.Connection:
        if self._con is not None:
            return self._con
        self.root.mkdir(parents=True, exist_ok=True)
        for attempt in (1, 2):
            try:
                con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                con.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, sha256 TEXT NOT NULL, "
                            "doc_id TEXT NOT NULL, extractor_version TEXT NOT NULL, created REAL NOT NULL, "
                            "result TEXT NOT NULL)")
                con.execute("SELECT key, sha256, doc_id, extractor_version, created, result "
                            "FROM entries LIMIT 1").fetchall()
                self._con = con
                return con
            except sqlite3.DatabaseError as exc:
                if attempt == 2:
                    raise
                _warn(f"cache {self.path} is damaged ({exc}); starting a new one")
                try:
                    con.close()
                except Exception:
                    pass
                os.replace(self.path, self.path.with_name(f".damaged-{int(time.time())}-{CACHE_FILE}"))
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def get(self, key: str):
        """The cached DocumentResult, or None (a miss; a damaged or foreign entry warns)."""
        self.used.add(key)
        try:
            row = self._connect().execute("SELECT result FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            _warn(f"cache not read ({exc}); the document is processed again")
            return None
        if row is None:
            return None
        try:
            return result_from_json(row[0])
        except ForeignEntry as exc:
            _warn(f"cache entry {key[:12]} ignored ({exc}); the document is processed again")
            return None

    def put(self, key: str, result, sha256: str = "") -> bool:
        """Store a result; False (not stored) for transient failures."""
        self.used.add(key)
        if is_transient(result.document):
            return False
        try:
            self._connect().execute(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?)",
                (key, sha256 or result.document.content_sha256, result.document.doc_id,
                 EXTRACTOR_VERSION, time.time(), result_to_json(result)))
        except sqlite3.Error as exc:
            _warn(f"cache not written ({exc})")
            return False
        return True

    def prune(self, keep: set[tuple[str, str]] | None = None) -> int:
        """Delete entries other than those of `keep` ((doc_id, sha256) pairs) and the ones used this run.

        Also removes files older versions left in the folder (pickles, their
        temporary files): they are never read.
        """
        if not self.root.is_dir():
            return 0
        removed = 0
        for entry in self.root.iterdir():
            if entry.suffix == ".pkl" or entry.name.startswith(".tmp-"):
                entry.unlink(missing_ok=True)
                removed += 1
        if not self.path.exists():
            return removed
        con = self._connect()
        keep = keep or set()
        stale = [k for k, doc_id, sha in con.execute("SELECT key, doc_id, sha256 FROM entries")
                 if k not in self.used and (doc_id, sha) not in keep]
        con.execute("BEGIN")
        con.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in stale])
        con.execute("COMMIT")
        return removed + len(stale)
