"""Run hooks (flows/pipeline.py): the tracking tables and stored reviews laid over the frames,
and the review workbook and report written beside the tables."""
from __future__ import annotations

import pandas as pd

from .build import TRACKING_TABLES, add_tracking
from .schemas import frame_of


def prepare_tables(frames: dict[str, pd.DataFrame], out_dir) -> dict[str, pd.DataFrame]:
    """Add the tracking tables and lay the stored reviews over them.

    Answers typed into the last run's review.xlsx but never imported are
    imported first (filling gaps only), so a re-run cannot lose them.  A fault
    here is reported and leaves the tracking tables empty: it never costs the
    run its extracted tables.
    """
    from pathlib import Path

    from flows.review import STORE_NAME, WORKBOOK_NAME, apply_reviews, import_workbook

    out_dir = Path(out_dir)
    workbook = out_dir / WORKBOOK_NAME
    if workbook.exists():
        try:
            import_workbook(workbook, out_dir / STORE_NAME, overwrite=False)
        except Exception as exc:   # a damaged workbook must not stop the run
            _warn(f"could not read answers from {workbook}: {exc}")
    try:
        tracked = add_tracking(frames)
    except Exception as exc:
        _warn(f"tracking tables left empty: {type(exc).__name__}: {exc}")
        tracked = {**frames, **{name: frame_of(cls, []) for name, cls in TRACKING_TABLES.items()}}
    try:
        return apply_reviews(tracked, out_dir / STORE_NAME)
    except Exception as exc:
        _warn(f"stored reviews not applied: {type(exc).__name__}: {exc}")
        return tracked


def write_review_outputs(frames: dict[str, pd.DataFrame], out_dir) -> None:
    """review.xlsx and report.html beside the tables (after the tables are in place)."""
    from pathlib import Path

    from flows.report import write_report
    from flows.review import WORKBOOK_NAME, write_workbook

    for write, name in ((write_workbook, WORKBOOK_NAME), (write_report, "report.html")):
        try:
            write(frames, Path(out_dir) / name)
        except Exception as exc:   # the tables are already in place; say so and go on
            _warn(f"{name} not written: {type(exc).__name__}: {exc}")


def _warn(message: str) -> None:
    import sys

    print(f"warning: {message}", file=sys.stderr, flush=True)
