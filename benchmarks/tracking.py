"""Time to build the tracking tables (meetings, decisions, action tracks) as a corpus grows.

    .venv/bin/python benchmarks/tracking.py [corpora/] [--copies 1 10 40] [--repeat 3]

Extracts every document of the corpus once (extraction is not what is
measured), then times `add_tracking` on the extracted frames repeated
`--copies` times.  Each copy is a different organisation's papers (its
documents' organisation, doc ids and row ids are suffixed with the copy's
number, its organisation's place prefixed), so meetings never merge across copies and the work grows as it
would with more councils.  Reports the best of `--repeat` runs.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from flows.document import process_file  # noqa: E402
from flows.pipeline import discover  # noqa: E402
from flows.tables import collect  # noqa: E402
from flows.tables import build_frames  # noqa: E402
from flows.tracking import add_tracking  # noqa: E402

ID_COLUMNS = ("doc_id", "part_id", "item_id", "rec_id", "res_id", "motion_id", "action_id", "amount_id", "date_id")


def copies(frames: dict[str, pd.DataFrame], n: int) -> dict[str, pd.DataFrame]:
    out = {}
    for name, df in frames.items():
        parts = []
        for k in range(n):
            c = df.copy()
            for col in ID_COLUMNS:
                if col in c.columns:
                    c[col] = c[col].where(c[col] == "", c[col] + f"-{k}")
            if name == "documents":
                # a new place for each copy: "Kent County Council" -> "Copybc-Kent County Council",
                # "kent.gov.uk" -> "copybc-kent.gov.uk" (one organisation key per copy)
                tag = "Copy" + "".join(chr(97 + int(d)) for d in str(k))
                c["organisation"] = c["organisation"].map(
                    lambda o, tag=tag: "" if not o else f"{tag.lower()}-{o}" if " " not in o else f"{tag}-{o}")
                c["venue"] = c["venue"].where(c["venue"] == "", c["venue"] + f", Town {k}")
                c["source_path"] = c["source_path"] + f".{k}"
            parts.append(c)
        out[name] = pd.concat(parts, ignore_index=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="*", default=[str(ROOT / "corpora")])
    ap.add_argument("--copies", nargs="+", type=int, default=[1, 10, 40])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    results = [process_file(p, f"{i:016x}") for i, p in enumerate(discover(args.sources))]
    frames = build_frames(collect(results))
    print(f"{'documents':>10}{'recommendations':>17}{'resolutions':>13}{'decisions':>11}{'seconds':>9}")
    for n in args.copies:
        scaled = copies(frames, n)
        best, out = float("inf"), None
        for _ in range(args.repeat):
            started = time.perf_counter()
            out = add_tracking(scaled, as_of="2026-01-31")
            best = min(best, time.perf_counter() - started)
        print(f"{len(scaled['documents']):>10}{len(scaled['recommendations']):>17}{len(scaled['resolutions']):>13}"
              f"{len(out['decisions']):>11}{best:>9.2f}")


if __name__ == "__main__":
    main()
