"""The output folder as a store that accumulates rows, under a lock, committed as a whole.

Promises (docs/operations.md lists them with the tests that hold them):

- Accumulates.  A run adds and updates the documents it is given; every
  other document keeps its rows.  A document's rows leave only when its file
  is gone from disk under a source the store remembers (every source ever
  given to a run on this folder), or by `minutebook remove PATH`, or with
  `run --replace` (the store becomes exactly this run's documents).  A run
  that would leave a non-empty store empty refuses (`StoreRefused`) unless
  `allow_empty`.
- One document, one doc_id: the first 16 hex digits of the SHA-256 of the
  file's absolute path, so two copies of one file at two paths are two
  documents; `documents.content_sha256` (the file's bytes) finds copies.
- Every path met under a source is a `documents` row: unreadable files and
  folders, dangling and looping symbolic links are failed rows with a reason.
  A document that cannot be read this time (unreadable, timeout, memory,
  worker crash) keeps its earlier rows, with `status` = `stale`.
- Whole or nothing.  The rows live in `OUT/.minutebook/store.sqlite`; a run
  changes it in one SQLite transaction, as documents finish (the flow never
  holds every document's rows).  At the end the tables are exported into a
  new generation folder, checked (CSV = Parquet = SQLite), the store
  transaction is committed, and one atomic link switch publishes the set
  (flows/tables.py).  A kill at any instant leaves the store and the
  published set each whole: before the commit, both old; between the commit
  and the switch, the store new and the published set old until the next run
  publishes; after the switch, both new.
- One writer.  `OutputLock` (an flock on `OUT/.minutebook/lock`, released by
  the kernel when its process dies) makes a second run on the same folder
  stop at once: "another run (pid N) is writing OUT" (the CLI exits 2).
"""
from __future__ import annotations

import errno
import hashlib
import os
import signal
import sqlite3
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from extractors.records import TABLES, columns
from flows.reading import READERS

STORE_NAME = "store.sqlite"
LOCK_NAME = "lock"
SUPPORTED = tuple(READERS)          # .pdf, .docx, .html, .md, .txt, ... (flows/reading/__init__.py)

# The fixed vocabulary of documents.failure ("" when the document was read).
FAILURES = ("empty", "not_pdf", "encrypted", "corrupt", "too_large", "timeout", "memory", "unreadable",
            "image_only_no_ocr", "extractor_bug")
_FAILURE_PREFIXES = (
    ("empty file", "empty"), ("not a PDF", "not_pdf"), ("unsupported file type", "not_pdf"),
    ("encrypted PDF", "encrypted"), ("corrupt PDF", "corrupt"),
    ("not a UTF-8 or Windows-1252", "corrupt"), ("binary data", "corrupt"),
    ("not a readable", "corrupt"), ("no text in the document", "empty"),   # Word files, web pages
    ("too large", "too_large"), ("timeout", "timeout"), ("memory", "memory"),
    ("cannot read", "unreadable"), ("unreadable", "unreadable"), ("symlink", "unreadable"),
    ("no text layer", "image_only_no_ocr"), ("OCR", "image_only_no_ocr"), ("install Tesseract", "image_only_no_ocr"),
)
# Failures that say nothing about the file's content: earlier rows are kept (stale).
KEEP_EARLIER = ("unreadable", "timeout", "memory")


def failure_kind(error: str, status: str = "failed") -> str:
    """The documents.failure word for a failed document's one-line error."""
    if status == "ok":
        return ""
    for prefix, kind in _FAILURE_PREFIXES:
        if error.startswith(prefix):
            return kind
    if "image-only" in error or "no text" in error.lower():
        return "image_only_no_ocr"
    return "extractor_bug"       # extraction / conversion errors, worker crashes: a bug to report


def doc_id_for(path: str | Path) -> str:
    """The document id of a source path: SHA-256 of its absolute path (links not followed), 16 hex digits."""
    return hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()[:16]


class StoreError(Exception):
    """A store problem a user can act on; the message is one line."""


class StoreBusy(StoreError):
    pass


class StoreRefused(StoreError):
    pass


# ------------------------------------------------------------------ fault points

def fault_point(name: str) -> None:
    """A step of a run's commit: the reliability tests kill the run here or slow it down.

    MINUTEBOOK_KILL_AT=NAME sends SIGKILL to this process at step NAME;
    MINUTEBOOK_SLOW_STEPS=SECONDS sleeps at every step (a slow file system).
    """
    slow = os.environ.get("MINUTEBOOK_SLOW_STEPS")
    if slow:
        time.sleep(float(slow))
    if os.environ.get("MINUTEBOOK_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


# ------------------------------------------------------------------ the lock

_held: dict[str, list] = {}       # realpath of OUT -> [fd, count] (re-entrant within this process)
_held_lock = threading.Lock()


class OutputLock:
    """An exclusive lock on an output folder for one process (re-entrant within it).

    `fcntl.flock` on `OUT/.minutebook/lock`: the kernel releases it when the
    process ends, however it ends, so a killed run never leaves the folder
    locked.  The file holds the holder's pid for the message.
    """

    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self.key = ""

    def __enter__(self) -> "OutputLock":
        import fcntl

        state = self.out_dir / ".minutebook"
        try:
            state.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise StoreError(f"{self.out_dir} is not a folder: give --out a folder for the tables") from None
        self.key = os.path.realpath(self.out_dir)
        with _held_lock:
            if self.key in _held:
                _held[self.key][1] += 1
                return self
        fd = os.open(state / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                os.close(fd)
                raise
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise StoreBusy(f"another run (pid {pid}) is writing {self.out_dir}") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        with _held_lock:
            _held[self.key] = [fd, 1]
        return self

    def __exit__(self, *exc) -> None:
        with _held_lock:
            entry = _held.get(self.key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1]:
                return
            del _held[self.key]
        os.close(entry[0])           # closing the descriptor releases the flock


# ------------------------------------------------------------------ discovery

@dataclass
class Found:
    """A path met under a source: a file to read, or one that cannot be (`problem` says why)."""
    path: Path
    problem: str = ""


def discover(sources: Iterable[str | Path], supported: tuple[str, ...] = SUPPORTED,
             skipped: list[Path] | None = None) -> list[Found]:
    """Every file of a type minutebook reads named or found below a named folder, in a stable
    order, one entry per path; files of other types found in the folders go to `skipped`.

    Hidden names (starting with ".") and Word's lock files ("~$name.docx") are skipped.  Folders that cannot be
    listed, dangling links and links in a loop are entries with a problem,
    so they become failed rows rather than silence.
    """
    found: list[Found] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            _walk(source, supported, found, {_dir_key(source)}, skipped)
        else:
            found.append(Found(source, _problem(source)))
    seen, unique = set(), []
    for item in found:
        key = os.path.abspath(item.path)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _dir_key(path: Path):
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return None


def _problem(path: Path) -> str:
    """"" for a readable regular file, else a one-line reason."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "cannot read file: symbolic link loop"
        if path.is_symlink():
            return f"cannot read file: dangling symbolic link to {os.readlink(path)}"
        return f"cannot read file: {exc.strerror or exc}"
    if not os.access(path, os.R_OK):
        return "cannot read file: permission denied"
    return ""


def _scandir(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _walk(folder: Path, supported: tuple[str, ...], found: list[Found], ancestors: set,
          skipped: list[Path] | None = None) -> None:
    try:
        entries = _scandir(folder)
    except OSError as exc:
        found.append(Found(folder, f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()           # follows links
        except OSError:
            is_dir = False
        if is_dir:
            key = _dir_key(path)
            if key in ancestors:              # a link back to a folder above: a loop
                found.append(Found(path, "cannot read folder: symbolic link loop"))
                continue
            _walk(path, supported, found, ancestors | {key}, skipped)
            continue
        broken = entry.is_symlink() and not path.exists()
        if path.suffix.lower() in supported or broken:
            found.append(Found(path, _problem(path)))
        elif skipped is not None:
            skipped.append(path)


# ------------------------------------------------------------------ the store database

_INT = {"pages", "pages_ocr", "chars", "page", "page_start", "page_end", "char_start",
        "char_end", "votes_for", "votes_against", "votes_abstain"}


class Store:
    """Every document's rows, in `OUT/.minutebook/store.sqlite`, changed in one transaction per run."""

    def __init__(self, out_dir: str | Path):
        self.path = Path(out_dir) / ".minutebook" / STORE_NAME
        self.con = self._open()

    def _open(self) -> sqlite3.Connection:
        for attempt in (1, 2):
            con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            try:
                con.execute("PRAGMA foreign_keys = OFF")
                self._schema(con)
                return con
            except sqlite3.DatabaseError as exc:
                con.close()
                if attempt == 2:
                    raise StoreError(f"the store {self.path} cannot be opened: {exc}") from None
                aside = self.path.with_name(f"damaged-{int(time.time())}-{STORE_NAME}")
                print(f"warning: the store {self.path} is damaged ({exc}); set aside as {aside.name}, "
                      "starting a new one", file=sys.stderr, flush=True)
                os.replace(self.path, aside)
        raise AssertionError("unreachable")

    @staticmethod
    def _schema(con: sqlite3.Connection) -> None:
        con.execute("CREATE TABLE IF NOT EXISTS state (doc_id TEXT PRIMARY KEY, abspath TEXT NOT NULL, "
                    "sha256 TEXT NOT NULL, salt TEXT NOT NULL)")
        con.execute("CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY)")
        for name, cls in TABLES.items():
            cols = columns(cls)
            defs = ", ".join(f'"{c}" {"INTEGER" if c in _INT else "TEXT"}' for c in cols)
            con.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({defs})')
            have = {row[1] for row in con.execute(f'PRAGMA table_info("{name}")')}
            for col in cols:                   # a newer version added a column
                if col not in have:
                    con.execute(f'ALTER TABLE "{name}" ADD COLUMN "{col}" {"INTEGER" if col in _INT else "TEXT"}')
            con.execute(f'CREATE INDEX IF NOT EXISTS "idx_{name}_doc" ON "{name}" (doc_id)')

    def begin(self) -> None:
        self.con.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.con.execute("COMMIT")

    def rollback(self) -> None:
        if self.con.in_transaction:
            self.con.execute("ROLLBACK")

    def close(self) -> None:
        self.rollback()
        self.con.close()

    # reading
    def state(self, doc_id: str) -> tuple[str, str, str, str] | None:
        """(sha256, salt, status, failure) of a stored document, or None."""
        row = self.con.execute("SELECT s.sha256, s.salt, d.status, d.failure FROM state s "
                               "JOIN documents d USING (doc_id) WHERE doc_id = ?", (doc_id,)).fetchone()
        return tuple(row) if row else None

    def documents(self) -> list[tuple[str, str]]:
        """(doc_id, absolute path) of every stored document."""
        return [tuple(r) for r in self.con.execute("SELECT doc_id, abspath FROM state ORDER BY abspath")]

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM documents").fetchone()[0]

    def pairs(self) -> set[tuple[str, str]]:
        return {tuple(r) for r in self.con.execute("SELECT doc_id, sha256 FROM state")}

    def sources(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT path FROM sources ORDER BY path")]

    def frames(self) -> dict:
        """Every table as a typed frame (flows/tables.py), from the store as this transaction sees it."""
        import pandas as pd

        from flows.tables import typed

        out = {}
        for name, cls in TABLES.items():
            cols = columns(cls)
            order = ("source_path" if name == "documents" else
                     "(SELECT d.source_path FROM documents d WHERE d.doc_id = t.doc_id), t.rowid")
            sql = f'SELECT {", ".join("t." + chr(34) + c + chr(34) for c in cols)} FROM "{name}" t ORDER BY {order}'
            out[name] = typed(pd.read_sql_query(sql, self.con).reindex(columns=cols))
        return out

    # writing (inside the run's transaction)
    def remember_source(self, path: str) -> None:
        self.con.execute("INSERT OR IGNORE INTO sources VALUES (?)", (path,))

    def forget_sources(self, keep: Iterable[str] | None = None, under: str | None = None) -> None:
        if keep is not None:
            keep = set(keep)
            for path in self.sources():
                if path not in keep:
                    self.con.execute("DELETE FROM sources WHERE path = ?", (path,))
        if under is not None:
            for path in self.sources():
                if path == under or path.startswith(under.rstrip(os.sep) + os.sep):
                    self.con.execute("DELETE FROM sources WHERE path = ?", (path,))

    def put(self, result, abspath: str, sha256: str, salt: str) -> None:
        """Replace a document's rows with `result`'s."""
        import dataclasses

        doc_id = result.document.doc_id
        self.remove(doc_id)
        rows = {"documents": [result.document], **result.tables}
        for name, records in rows.items():
            if name not in TABLES or not records:
                continue
            cols = columns(TABLES[name])
            marks = ", ".join("?" for _ in cols)
            self.con.executemany(
                f'INSERT INTO "{name}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) VALUES ({marks})',
                ([_cell(getattr(r, c) if dataclasses.is_dataclass(r) else r.get(c)) for c in cols]
                 for r in records))
        self.con.execute("INSERT INTO state VALUES (?, ?, ?, ?)", (doc_id, abspath, sha256, salt))

    def mark_stale(self, doc_id: str, error: str, failure: str) -> None:
        self.con.execute("UPDATE documents SET status = 'stale', error = ?, failure = ? WHERE doc_id = ?",
                         (error, failure, doc_id))

    def set_path(self, doc_id: str, source_path: str) -> None:
        self.con.execute("UPDATE documents SET source_path = ? WHERE doc_id = ? AND source_path != ?",
                         (source_path, doc_id, source_path))

    def remove(self, doc_id: str) -> None:
        for name in TABLES:
            self.con.execute(f'DELETE FROM "{name}" WHERE doc_id = ?', (doc_id,))
        self.con.execute("DELETE FROM state WHERE doc_id = ?", (doc_id,))


def _cell(value):
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


def under_source(abspath: str, source: str) -> bool:
    return abspath == source or abspath.startswith(source.rstrip(os.sep) + os.sep)


# ------------------------------------------------------------------ one run on the store

@dataclass
class Todo:
    """A document to process: its path, content hash and cache key."""
    path: Path
    doc_id: str
    sha256: str
    key: str | None = None


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    stale: int = 0
    cached: int = 0
    failed: list = field(default_factory=list)     # (source_path, reason) of failed and stale documents
    unsupported: list = field(default_factory=list)  # files of other types found in the folders given
    documents: int = 0                              # documents met in this run
    stored: int = 0                                 # documents in the store after the run


class StoreRun:
    """One run's changes to the store, from the lock to the published set.

        with StoreRun(out, sources) as run:
            todo = run.plan()                 # unchanged / cached / unreadable handled here
            for item in todo:
                run.add(process(item))        # each result goes to the store at once
            frames = run.finish()             # removals, export, check, commit, switch
    """

    def __init__(self, out_dir: str | Path, sources: Iterable[str | Path] = (), *, use_cache: bool = True,
                 cache_dir: str | Path | None = None, replace: bool = False, allow_empty: bool = False,
                 csv_raw: bool = False, remove: Iterable[str | Path] = ()):
        self.out_dir = Path(out_dir)
        self.sources = [Path(s) for s in sources]
        self.use_cache, self.cache_dir = use_cache, cache_dir
        self.replace, self.allow_empty, self.csv_raw = replace, allow_empty, csv_raw
        self.removing = [os.path.abspath(p) for p in remove]
        self.counts = Counts()
        self.lock = OutputLock(self.out_dir)
        self.store: Store | None = None
        self.cache = None
        self.salt = ""
        self.seen: set[str] = set()
        self.before: dict[str, tuple] = {}
        self.todo: dict[str, Todo] = {}
        self.finished = False

    def __enter__(self) -> "StoreRun":
        from flows.tables import recover_output

        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise StoreError(f"{self.out_dir} is not a folder: give --out a folder for the tables")
        self.lock.__enter__()
        try:
            recover_output(self.out_dir)
            self.store = Store(self.out_dir)
            self.store.begin()
            fault_point("store:begin")
            self.stored_before = self.store.count()
            if self.sources or self.use_cache:
                from flows.cache import CACHE_DIRNAME, ResultCache, current_salt

                self.salt = current_salt()
                if self.use_cache:
                    self.cache = ResultCache(Path(self.cache_dir) if self.cache_dir
                                             else self.out_dir / CACHE_DIRNAME)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            if self.store is not None:
                self.store.close()           # rolls back unless finish() committed
            if self.cache is not None:
                self.cache.close()
        finally:
            self.lock.__exit__()

    # -------------------------------------------------------------- planning
    def plan(self) -> list[Todo]:
        """Discover the sources; settle what needs no processing; return the rest to process."""
        from flows.cache import file_sha256

        for source in self.sources:
            self.store.remember_source(os.path.abspath(source))
        todo = []
        for item in discover(self.sources, skipped=self.counts.unsupported):
            abspath = os.path.abspath(item.path)
            doc_id = doc_id_for(item.path)
            self.seen.add(abspath)
            self.counts.documents += 1
            self.before[doc_id] = self.store.state(doc_id)
            if item.problem:
                self.add(_failed_result(item.path, doc_id, item.problem))
                continue
            try:
                sha = file_sha256(item.path)
            except OSError as exc:
                self.add(_failed_result(item.path, doc_id, f"cannot read file: {exc.strerror or exc}"))
                continue
            before = self.before[doc_id]
            # Unchanged: same bytes, same extractors, and last time's result was not
            # a failure of the moment (a timeout or an unreadable file is tried again).
            if self.use_cache and before is not None and before[0] == sha and before[1] == self.salt \
                    and before[2] != "stale" and before[3] not in KEEP_EARLIER:
                self.store.set_path(doc_id, str(item.path))
                self.counts.unchanged += 1
                if before[2] == "failed":
                    self._note_failed(str(item.path), doc_id)
                continue
            entry = Todo(item.path, doc_id, sha)
            if self.cache is not None:
                entry.key = self.cache.key(sha, doc_id)
                hit = self.cache.get(entry.key)
                if hit is not None and hit.document.doc_id == doc_id:
                    hit.document.source_path = str(item.path)
                    hit.cached, hit.seconds = True, 0.0
                    self.counts.cached += 1
                    self.add(hit, entry)
                    continue
            self.todo[str(item.path)] = entry
            todo.append(entry)
        return todo

    def _note_failed(self, source_path: str, doc_id: str) -> None:
        row = self.store.con.execute("SELECT error FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        self.counts.failed.append((source_path, row[0] if row else ""))

    # -------------------------------------------------------------- results
    def add(self, result, entry: Todo | None = None) -> str:
        """Put one document's result into the store (in the run's transaction); returns what it was.

        "added", "updated", "unchanged" or "stale".
        """
        from flows.cache import is_transient

        doc = result.document
        entry = entry or self.todo.get(doc.source_path)
        sha = entry.sha256 if entry else ""
        doc.content_sha256 = doc.content_sha256 or sha
        if doc.status != "ok":
            doc.failure = doc.failure if doc.failure in FAILURES else failure_kind(doc.error, doc.status)
        else:
            doc.failure = ""
        before = self.before.get(doc.doc_id, self.store.state(doc.doc_id))
        if doc.status != "ok" and (is_transient(doc) or doc.failure in KEEP_EARLIER) \
                and before is not None and before[2] in ("ok", "stale"):
            self.store.mark_stale(doc.doc_id, doc.error, doc.failure)
            self.store.set_path(doc.doc_id, doc.source_path)
            self.counts.stale += 1
            self.counts.failed.append((doc.source_path, f"stale (earlier rows kept): {doc.error}"))
            what = "stale"
        else:
            self.store.put(result, os.path.abspath(doc.source_path), sha, self.salt)
            if before is None:
                self.counts.added += 1
                what = "added"
            elif before[0] == sha and before[1] == self.salt and before[2] == doc.status:
                self.counts.unchanged += 1
                what = "unchanged"
            else:
                self.counts.updated += 1
                what = "updated"
            if doc.status != "ok":
                self.counts.failed.append((doc.source_path, doc.error))
        if self.cache is not None and entry is not None and entry.key and not result.cached:
            self.cache.put(entry.key, result, sha)
        fault_point("document")
        return what

    # -------------------------------------------------------------- the end
    def _removals(self) -> list[str]:
        gone = []
        remembered = self.store.sources()
        for doc_id, abspath in self.store.documents():
            if abspath in self.seen:
                continue
            if self.replace and self.sources:
                gone.append(doc_id)
            elif any(under_source(abspath, p) for p in self.removing):
                gone.append(doc_id)
            elif not os.path.lexists(abspath) and any(
                    under_source(abspath, s) and os.path.exists(s) for s in remembered):
                gone.append(doc_id)       # the file is gone from a source that is still there
        return gone

    def finish(self, step=fault_point) -> dict:
        """Removals, the empty guard, export + check, commit, switch, review outputs; returns the frames."""
        from flows.tables import publish
        from flows.tracking import prepare_tables, write_review_outputs

        if self.replace and self.sources:
            self.store.forget_sources(keep=[os.path.abspath(s) for s in self.sources])
        for path in self.removing:
            self.store.forget_sources(under=path)
        gone = self._removals()
        for doc_id in gone:
            self.store.remove(doc_id)
        self.counts.removed = len(gone)
        self.counts.stored = self.store.count()
        if self.stored_before and not self.counts.stored and not self.allow_empty:
            raise StoreRefused(
                f"this would remove all {self.stored_before} documents from {self.out_dir}; "
                "nothing was changed (pass --allow-empty to empty it)")
        frames = prepare_tables(self.store.frames(), self.out_dir)
        step("frames")
        publish(frames, self.out_dir, csv_raw=self.csv_raw, step=step, before_switch=self._commit)
        write_review_outputs(frames, self.out_dir)
        step("outputs:written")
        if self.cache is not None and self.cache_dir is None:     # a shared --cache-dir is not pruned
            self.cache.prune(keep=self.store.pairs())
            step("cache:pruned")
        return frames

    def _commit(self) -> None:
        self.store.commit()
        self.finished = True
        fault_point("store:committed")


def _failed_result(path: Path, doc_id: str, reason: str):
    from extractors import EXTRACTOR_VERSION
    from extractors.records import Document
    from flows.document import DocumentResult

    doc = Document(doc_id=doc_id, source_path=str(path), extractor_version=EXTRACTOR_VERSION,
                   status="failed", error=" ".join(reason.split())[:500])
    doc.failure = failure_kind(doc.error)
    return DocumentResult(doc, {})


def remove_paths(out_dir: str | Path, paths: Iterable[str | Path], allow_empty: bool = False,
                 csv_raw: bool = False) -> Counts:
    """`minutebook remove PATH...`: drop the documents at or under each path, and forget those sources."""
    with StoreRun(out_dir, (), use_cache=False, allow_empty=allow_empty, csv_raw=csv_raw,
                  remove=paths) as run:
        run.finish()
    return run.counts
