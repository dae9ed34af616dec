"""Records to tables: pandas frames published as CSV, Parquet and SQLite, as one set.

A run's tables are written into a new generation folder,
`OUT/.minutebook/generations/<name>/`, and checked (every table holds the
same rows, by primary key, in CSV, Parquet and SQLite).  Then one atomic
step publishes the whole set: the symbolic link `OUT/.minutebook/current`
is replaced (`os.replace` of a new link) to point at the new generation.
The files a user opens, `OUT/documents.csv`, `OUT/minutebook.sqlite`, ...,
are symbolic links to `.minutebook/current/<file>`, so every file opened
after the switch is from the new set and every file opened before it from
the old one; there is no moment, however slow the file system and wherever
a run is killed, at which some tables are new and others old.  The previous
generation is kept until the next run publishes (a reader holding it keeps
reading it); older ones are deleted.

Formats: CSV keeps every value as text (value_gbp as its exact decimal
string); Parquet and SQLite keep numbers as numbers (value_gbp a double /
REAL).  CSV cells that a spreadsheet would read as a formula (starting with
= + - @, a tab or a carriage return, and not a plain number) are written
with a leading apostrophe (the OWASP convention), unless `csv_raw`.
"""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from extractors.records import TABLES, columns

if TYPE_CHECKING:
    import pandas as pd
# pandas itself is imported where frames are made: the flow process should not
# hold pandas (~75 MB) while its documents are processed.

# Columns that hold whole numbers but may be empty: kept as nullable integers.
_INT_COLUMNS = {"pages", "pages_ocr", "chars", "page", "page_start", "page_end", "char_start",
                "char_end", "votes_for", "votes_against", "votes_abstain"}
# Columns of exact decimal strings: text in CSV, numbers (double / REAL) in Parquet and SQLite.
_DECIMAL_COLUMNS = {"value_gbp"}
# Primary keys for the SQLite tables (documents by doc_id, the rest by their row id).
PRIMARY_KEYS = {
    "documents": ["doc_id"], "pages": ["doc_id", "page"], "parts": ["part_id"],
    "items": ["item_id"], "recommendations": ["rec_id"], "resolutions": ["res_id"],
    "motions": ["motion_id"], "amounts": ["amount_id"], "dates": ["date_id"],
    "actions": ["action_id"],
    # tracking across meetings and officers' reviews (flows/tracking.py, flows/review.py)
    "meetings": ["meeting_id"], "decisions": ["decision_id"], "action_history": ["sighting_id"],
    "action_tracks": ["track_id"], "reviews": ["table_name", "row_id"],
}
FORMATS = ("csv", "parquet", "sqlite")
SQLITE_NAME = "minutebook.sqlite"

STATE_DIRNAME = ".minutebook"            # OUT/.minutebook: lock, store, generations
GENERATIONS = "generations"
CURRENT = "current"
# Folders of the layout before generations: removed when found.
OLD_STAGING_PREFIX = ".minutebook-staging-"
OLD_COMMIT_DIRNAME = ".minutebook-commit"


class FormatsDisagree(RuntimeError):
    """CSV, Parquet and SQLite of one table do not hold the same rows (nothing was published)."""


def frame(name: str, records: list) -> pd.DataFrame:
    """A table's frame with exactly its record class's columns, in order."""
    import pandas as pd

    cols = columns(TABLES[name])
    rows = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r) for r in records]
    df = pd.DataFrame(rows, columns=cols)
    return typed(df)


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Nullable integers for the integer columns, strings ("" for empty) for the rest."""
    import pandas as pd

    for col in df.columns:
        if col in _INT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        else:
            df[col] = df[col].astype("string").fillna("")
    return df


def collect(results) -> dict[str, list]:
    """Gather documents' results (flows.document.DocumentResult) into one list of records per
    table, for building frames in memory (tests, benchmarks); a run streams them to the store."""
    tables: dict[str, list] = {"documents": []}
    for result in sorted(results, key=lambda r: r.document.source_path):
        tables["documents"].append(result.document)
        for name, records in result.tables.items():
            tables.setdefault(name, []).extend(records)
    return tables


def build_frames(tables: dict[str, list]) -> dict[str, pd.DataFrame]:
    return {name: frame(name, tables.get(name, [])) for name in TABLES}


# ------------------------------------------------------------------ formats

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def neutralise_cell(value):
    """OWASP CSV injection: a text cell a spreadsheet would run as a formula gets a leading `'`.

    Plain numbers ("-5000", "+44") are left as they are: a spreadsheet reads
    them as numbers, never as formulas.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv_frame(df: pd.DataFrame, raw: bool) -> pd.DataFrame:
    if raw:
        return df
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == "string" or out[col].dtype == object:
            mask = out[col].str.startswith(_FORMULA_START, na=False)
            if mask.any():
                out.loc[mask, col] = out.loc[mask, col].map(neutralise_cell)
    return out


def _numeric_frame(df: pd.DataFrame) -> pd.DataFrame:
    """value_gbp as a nullable double for Parquet and SQLite."""
    import pandas as pd

    cols = [c for c in df.columns if c in _DECIMAL_COLUMNS]
    if not cols:
        return df
    out = df.copy()
    for col in cols:
        out[col] = pd.to_numeric(out[col].replace("", None), errors="coerce").astype("Float64")
    return out


def unique_rows(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """One row per primary key (the last), the same in every format; a warning if any were dropped."""
    keys = [k for k in PRIMARY_KEYS.get(name, []) if k in df.columns]
    if not keys or df.empty:
        return df
    dup = df.duplicated(keys, keep="last")
    if dup.any():
        print(f"warning: {int(dup.sum())} {name} rows repeat a primary key ({', '.join(keys)}); "
              "the last of each is kept", file=sys.stderr, flush=True)
        df = df[~dup].reset_index(drop=True)
    return df


def write_formats(frames: dict[str, pd.DataFrame], folder: Path, formats: tuple[str, ...] = FORMATS,
                  csv_raw: bool = False, step: Callable[[str], None] | None = None) -> None:
    """Every frame as CSV and Parquet, and all in one SQLite database, into `folder` (not atomically)."""
    step = step or (lambda name: None)
    for name, df in frames.items():
        if "csv" in formats:
            _csv_frame(df, csv_raw).to_csv(folder / f"{name}.csv", index=False)
            step(f"write:{name}.csv")
        if "parquet" in formats:
            _numeric_frame(df).to_parquet(folder / f"{name}.parquet", index=False)
            step(f"write:{name}.parquet")
    if "sqlite" in formats:
        write_sqlite(frames, folder / SQLITE_NAME)
        step(f"write:{SQLITE_NAME}")


def write_sqlite(frames: dict[str, pd.DataFrame], path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        for name, df in frames.items():
            df = _numeric_frame(df)
            con.execute(_create_table_sql(name, df))
            if len(df):
                placeholders = ", ".join("?" for _ in df.columns)
                rows = df.astype(object).where(df.notna(), None).itertuples(index=False, name=None)
                con.executemany(f'INSERT INTO "{name}" VALUES ({placeholders})', rows)
            for col in ("doc_id", "item_id"):
                if col in df.columns and PRIMARY_KEYS.get(name) != [col]:
                    con.execute(f'CREATE INDEX IF NOT EXISTS "idx_{name}_{col}" ON "{name}" ("{col}")')
        con.commit()
    finally:
        con.close()


def _create_table_sql(name: str, df: pd.DataFrame) -> str:
    import pandas as pd

    defs = []
    for col in df.columns:
        kind = ("INTEGER" if col in _INT_COLUMNS or pd.api.types.is_integer_dtype(df[col])
                or pd.api.types.is_bool_dtype(df[col])
                else "REAL" if col in _DECIMAL_COLUMNS or pd.api.types.is_float_dtype(df[col]) else "TEXT")
        defs.append(f'"{col}" {kind}')
    keys = ", ".join(f'"{k}"' for k in PRIMARY_KEYS.get(name, []) if k in df.columns)
    if keys:
        defs.append(f"PRIMARY KEY ({keys})")
    return f'CREATE TABLE "{name}" ({", ".join(defs)})'


def check_formats(folder: Path, names: list[str], formats: tuple[str, ...] = FORMATS) -> None:
    """Raise FormatsDisagree unless every table has the same rows (by key) in each format written.

    Only the key columns are read back (the pages table's text would triple
    the run's memory otherwise).
    """
    import pandas as pd
    import pyarrow.parquet as pq

    con = sqlite3.connect(f"file:{folder / SQLITE_NAME}?mode=ro", uri=True) if "sqlite" in formats else None
    try:
        for name in names:
            every = pq.read_schema(folder / f"{name}.parquet").names if "parquet" in formats else None
            keys = [k for k in PRIMARY_KEYS.get(name, []) if every is None or k in every] or every
            seen = {}
            if "csv" in formats:
                seen["csv"] = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False,
                                          usecols=keys)
            if "parquet" in formats:
                seen["parquet"] = pd.read_parquet(folder / f"{name}.parquet", columns=keys)
            if con is not None:
                cols = ", ".join(f'"{k}"' for k in keys)
                seen["sqlite"] = pd.read_sql_query(f'SELECT {cols} FROM "{name}"', con)
            first = None
            for fmt, df in seen.items():
                got = (len(df), sorted(map(tuple, df[keys].astype(str).to_numpy().tolist())))
                if first is None:
                    first, first_fmt = got, fmt
                elif got != first:
                    raise FormatsDisagree(f"{name}: {fmt} holds {got[0]} rows, {first_fmt} {first[0]} "
                                          "(or other keys); nothing was published")
    finally:
        if con is not None:
            con.close()


# ------------------------------------------------------------------ generations


def state_dir(out_dir: str | Path) -> Path:
    return Path(out_dir) / STATE_DIRNAME


def current_generation(out_dir: str | Path) -> Path | None:
    """The published generation folder, or None."""
    link = state_dir(out_dir) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    path = link.parent / target
    return path if path.is_dir() else None


def _new_generation(out_dir: Path) -> Path:
    """A new, empty generation folder; names sort in the order they were made."""
    root = state_dir(out_dir) / GENERATIONS
    root.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{os.getpid()}"
    path = root / name
    path.mkdir()
    return path


def _replace_link(link: Path, target: str) -> None:
    """Point `link` at `target` in one atomic step (a new link renamed over the old name)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.link.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def publish(frames: dict[str, pd.DataFrame], out_dir: str | Path, formats: tuple[str, ...] = FORMATS,
            csv_raw: bool = False, step: Callable[[str], None] | None = None,
            before_switch: Callable[[], None] | None = None) -> Path:
    """Write, check and publish every frame as one generation; returns the generation folder.

    The caller holds the output folder's lock (flows/store.py).  `step(name)`
    is called after each step (the fault hook of the reliability tests);
    `before_switch()` once the generation is checked and before it is
    published (the store commits its transaction there).
    """
    step = step or (lambda name: None)
    out_dir = Path(out_dir)
    frames = {name: unique_rows(name, df) for name, df in frames.items()}
    generation = _new_generation(out_dir)
    try:
        write_formats(frames, generation, formats, csv_raw, step)
        check_formats(generation, list(frames), formats)
        step("checked")
        if before_switch is not None:
            before_switch()
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    switch(out_dir, generation, step)
    return generation


def switch(out_dir: Path, generation: Path, step: Callable[[str], None] | None = None) -> None:
    """Make `generation` the published set: one atomic link replacement, then the stable links."""
    step = step or (lambda name: None)
    state = state_dir(out_dir)
    previous = current_generation(out_dir)
    _replace_link(state / CURRENT, f"{GENERATIONS}/{generation.name}")    # the commit point
    step("switched")
    link_tables(out_dir)
    step("linked")
    keep = {generation.name} | ({previous.name} if previous is not None else set())
    drop_generations(out_dir, keep)


def link_tables(out_dir: Path) -> None:
    """OUT/<file> -> .minutebook/current/<file> for every file of the published generation.

    Made once: later switches change only `current`.  A regular file of the
    layout before generations is replaced by its link in one rename each.
    """
    current = current_generation(out_dir)
    if current is None:
        return
    names = {p.name for p in current.iterdir()}
    for name in sorted(names):
        target = f"{STATE_DIRNAME}/{CURRENT}/{name}"
        link = out_dir / name
        try:
            if os.readlink(link) == target:
                continue
        except OSError:
            pass
        if link.is_dir() and not link.is_symlink():
            continue                      # never replace a user's folder
        _replace_link(link, target)
    prefix = f"{STATE_DIRNAME}/{CURRENT}/"
    for link in out_dir.iterdir():        # links to a table the new set no longer has
        try:
            target = os.readlink(link)
        except OSError:
            continue
        if target.startswith(prefix) and target[len(prefix):] not in names:
            link.unlink(missing_ok=True)


def drop_generations(out_dir: Path, keep: set[str]) -> None:
    root = state_dir(out_dir) / GENERATIONS
    if not root.is_dir():
        return
    for gen in root.iterdir():
        if gen.name not in keep:
            shutil.rmtree(gen, ignore_errors=True)


def write_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path,
                 formats: tuple[str, ...] = FORMATS, csv_raw: bool = False) -> Path:
    """Publish `frames` as the whole table set of `out_dir` (taking its lock); returns `out_dir`."""
    from flows.store import OutputLock

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with OutputLock(out_dir):
        recover_output(out_dir)
        publish(frames, out_dir, formats, csv_raw)
    return out_dir


def recover_output(out_dir: str | Path) -> None:
    """Tidy what a killed run left: unpublished generations, temporary files, the old layout's folders.

    Only with the output folder's lock held (a run calls it first): another
    run's generation in progress would look unpublished.  Nothing published
    is touched: a run killed before its switch left the old set published,
    one killed after it left the new set.
    """
    from flows.atomic import clean_temporaries

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return
    commit = out_dir / OLD_COMMIT_DIRNAME            # the layout before generations
    if commit.is_dir():
        for item in sorted(commit.iterdir()):
            os.replace(item, out_dir / item.name)
        commit.rmdir()
    for stale in out_dir.glob(OLD_STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    clean_temporaries(out_dir)
    state = state_dir(out_dir)
    for tmp in state.glob(".*.link.tmp") if state.is_dir() else []:
        tmp.unlink(missing_ok=True)
    current = current_generation(out_dir)
    if current is not None:
        # The previous generation (older than the published one) is kept: readers
        # may hold it.  Newer ones were never published (their run was killed).
        older = sorted(g.name for g in (state / GENERATIONS).iterdir() if g.name < current.name)
        drop_generations(out_dir, {current.name, *older[-1:]})
        link_tables(out_dir)
