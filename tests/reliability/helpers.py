"""Shared helpers of the reliability suite: papers written for the tests, and checks on a store."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from flows.tables import PRIMARY_KEYS


def paper(folder: Path, name: str, n: int = 1, first_line: str | None = None) -> Path:
    """A short set of parish minutes (written for the tests) with `n` resolutions spending money."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [first_line or f"MINUTES of a meeting of the Parish Council held on {n + 1} May 2024"]
    for i in range(1, n + 1):
        lines.append(f"{i}. RESOLVED: That the Clerk obtains three quotes (£{i},{i}00) for the "
                     f"works to the play area by 30 June 2024.")
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_all(out: Path, name: str) -> dict[str, pd.DataFrame]:
    """One table as each format holds it."""
    with sqlite3.connect(out / "minutebook.sqlite") as con:
        sql = pd.read_sql_query(f'SELECT * FROM "{name}"', con)
    return {"csv": pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False),
            "parquet": pd.read_parquet(out / f"{name}.parquet"), "sqlite": sql}


def formats_agree(out: Path) -> bool:
    """Every table holds the same rows (by primary key, no key twice) in CSV, Parquet and SQLite."""
    for name, keys in PRIMARY_KEYS.items():
        if not (out / f"{name}.csv").exists():
            continue
        seen = []
        for df in read_all(out, name).values():
            rows = sorted(map(tuple, df[keys].astype(str).to_numpy().tolist()))
            if len(set(rows)) != len(rows):
                return False
            seen.append(rows)
        if not seen[0] == seen[1] == seen[2]:
            return False
    return True


def docs(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)


def names(out: Path) -> set[str]:
    return {p.rsplit("/", 1)[-1] for p in docs(out).source_path}
