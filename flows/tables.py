"""Records to tables: pandas frames written as CSV, Parquet and SQLite, atomically.

All tables of a run are first written into a staging folder inside the
output folder.  When every file is complete the staging folder is renamed,
in one atomic step, to `OUT/.minutebook-commit` (the commit point), and its
files are then moved into OUT one by one.  A run killed (even by SIGKILL)
before the commit point leaves the previous tables untouched; one killed
after it has its move finished by `recover_output`, which every write (and
the start of every run) calls first.  So OUT always ends up holding one
run's complete table set, never a mix.  Files in OUT that are not tables
(the cache, a review workbook, a report) are never touched.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.records import TABLES, columns

if TYPE_CHECKING:
    import pandas as pd
# pandas itself is imported where frames are made: a run calls recover_output
# at its start, and its process should not hold pandas (~75 MB) while its
# documents are processed.

# Columns that hold whole numbers but may be empty: kept as nullable integers.
_INT_COLUMNS = {"pages", "pages_ocr", "chars", "page", "page_start", "page_end", "char_start",
                "char_end", "votes_for", "votes_against", "votes_abstain"}
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


def frame(name: str, records: list) -> pd.DataFrame:
    """A table's frame with exactly its record class's columns, in order."""
    import pandas as pd

    cols = columns(TABLES[name])
    rows = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r) for r in records]
    df = pd.DataFrame(rows, columns=cols)
    for col in cols:
        if col in _INT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        else:
            df[col] = df[col].astype("string").fillna("")
    return df


def build_frames(tables: dict[str, list]) -> dict[str, pd.DataFrame]:
    return {name: frame(name, tables.get(name, [])) for name in TABLES}


def write_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path,
                 formats: tuple[str, ...] = FORMATS) -> Path:
    """Write every frame into `out_dir` atomically; returns `out_dir`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    recover_output(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    try:
        for name, df in frames.items():
            if "csv" in formats:
                df.to_csv(staging / f"{name}.csv", index=False)
            if "parquet" in formats:
                df.to_parquet(staging / f"{name}.parquet", index=False)
        if "sqlite" in formats:
            write_sqlite(frames, staging / "minutebook.sqlite")
        _swap_into_place(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir


def write_sqlite(frames: dict[str, pd.DataFrame], path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        for name, df in frames.items():
            con.execute(_create_table_sql(name, df))
            if len(df):
                placeholders = ", ".join("?" for _ in df.columns)
                rows = df.astype(object).where(df.notna(), None).itertuples(index=False, name=None)
                con.executemany(f'INSERT OR REPLACE INTO "{name}" VALUES ({placeholders})', rows)
            for col in ("doc_id", "item_id"):
                if col in df.columns and PRIMARY_KEYS[name] != [col]:
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
                else "REAL" if pd.api.types.is_float_dtype(df[col]) else "TEXT")
        defs.append(f'"{col}" {kind}')
    keys = ", ".join(f'"{k}"' for k in PRIMARY_KEYS.get(name, []))
    if keys:
        defs.append(f"PRIMARY KEY ({keys})")
    return f'CREATE TABLE "{name}" ({", ".join(defs)})'


STAGING_PREFIX = ".minutebook-staging-"
COMMIT_DIRNAME = ".minutebook-commit"


def _swap_into_place(staging: Path, out_dir: Path) -> None:
    """Commit a complete staging folder: one atomic rename, then move its files into out_dir.

    os.replace is atomic on one filesystem (staging lives inside out_dir, so
    it is on the same one): a reader sees the old or the new file, never half.
    """
    commit = out_dir / COMMIT_DIRNAME
    os.replace(staging, commit)          # the commit point: from here on the new set wins
    _finish_commit(commit, out_dir)


def _finish_commit(commit: Path, out_dir: Path) -> None:
    for item in sorted(commit.iterdir()):
        os.replace(item, out_dir / item.name)
    commit.rmdir()


def recover_output(out_dir: str | Path) -> None:
    """Finish a commit a killed run left half-done; drop staging folders of killed runs.

    Runs writing into the same output folder at the same time are not
    supported (the second would drop the first's staging folder).
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return
    commit = out_dir / COMMIT_DIRNAME
    if commit.is_dir():
        _finish_commit(commit, out_dir)
    for stale in out_dir.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
