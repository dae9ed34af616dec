"""Peak memory of the flow process on hostile and large input (issue 19.7): prints figures.

    .venv/bin/python benchmarks/store_memory.py [--copies 200] [--timeout 60]

Builds, in a temporary folder, inputs that once took the flow process far past
its share: a 3 MB text of 1.5 million form feeds (1.72 GB before per-document
caps), a text just under the size cap, a flate bomb, and many copies of the
corpus's texts (every document's rows held at once before the store streamed
them).  Each set runs in a fresh process (`run_local`, the flow's work
without Prefect) into a fresh output folder; the figures are that process's
own peak resident set (getrusage RUSAGE_SELF: the document worker, which
holds pdfminer and spaCy, is a separate process with its own --memory-mb
limit) and its wall time.  The promise is under 500 MB whatever the input.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import json, resource, sys, time
from flows.isolation import Limits
from flows.pipeline import run_local
started = time.perf_counter()
s = run_local([sys.argv[1]], sys.argv[2], limits=Limits(timeout=float(sys.argv[3])), use_cache=True)
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": time.perf_counter() - started, "documents": s.documents,
                  "failed": [r for _, r in s.failed][:3], "stored": s.stored}))
"""


def build(work: Path, copies: int) -> dict[str, Path]:
    from tests import badfiles

    sets = {}
    feeds = work / "form-feeds"
    feeds.mkdir()
    (feeds / "feeds.txt").write_bytes(b"MINUTES\n" + b"\f" * 1_500_000 + b"RESOLVED: That it be noted.\n")
    sets["1.5M form feeds (3 MB)"] = feeds
    big = work / "big-text"
    big.mkdir()
    line = "RESOLVED: That the Council notes the report on the budget of £2.5m for 2025/26.\n"
    with open(big / "big.txt", "w") as fh:
        fh.write(line * (19 * 2**20 // len(line)))
    sets["19 MB of text (under the cap)"] = big
    bomb = work / "bomb"
    bomb.mkdir()
    badfiles.flate_bomb(bomb, megabytes=512)
    sets["flate bomb (512 MB inflated)"] = bomb
    many = work / "many"
    many.mkdir()
    texts = sorted((ROOT / "corpora" / "text").glob("*.txt"))
    for i in range(copies):
        source = texts[i % len(texts)]
        shutil.copy(source, many / f"{i:04d}-{source.name}")
    sets[f"{copies} corpus texts"] = many
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="minutebook-memory-") as tmp:
        work = Path(tmp)
        for label, folder in build(work, args.copies).items():
            out = work / f"out-{folder.name}"
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out), str(args.timeout)],
                                  capture_output=True, text=True, cwd=ROOT)
            if done.returncode:
                print(f"{label}: exit {done.returncode}\n{done.stderr[-2000:]}")
                continue
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{label:32s} flow peak {figures['peak_mb']:6.0f} MB   {figures['documents']:4d} documents"
                  f"   {time.perf_counter() - started:6.1f} s   {figures['failed'] or ''}")


if __name__ == "__main__":
    main()
