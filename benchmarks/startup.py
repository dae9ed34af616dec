"""Start-up: `minutebook run` over one tiny file against Prefect's own floor, in the same run.

    .venv/bin/python benchmarks/startup.py [--rounds 3]

Prefect's floor is a bare flow (`@flow def f(): return 1`) in a fresh process
with no PREFECT_API_URL, so Prefect serves its temporary API as it would for
any script.  minutebook's figure is the wall time of the whole command
(`minutebook run one.txt --out OUT`), new output folder each time (nothing
cached) and again on the same folder (all cached).  Rounds alternate so a
busy machine slows all three alike; medians are printed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = "from prefect import flow\n@flow\ndef bare():\n    return 1\nbare()\n"
TEXT = ("Minutes of the Parks Committee held on 6 May 2025\n\n"
        "4. Play area\nRESOLVED: that the play area repairs be approved.\n")


def timed(args: list[str], env: dict) -> float:
    started = time.monotonic()
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{args} failed:\n{done.stderr[-2000:]}")
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"bare Prefect flow": [], "minutebook run, 1 file": [],
                                       "minutebook run, 1 file cached": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "papers").mkdir()
        (tmp / "papers" / "one.txt").write_text(TEXT, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
        env.update(PREFECT_HOME=str(tmp / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
        timed([sys.executable, "-c", BARE], env)               # first use of PREFECT_HOME: database made
        minutebook = [sys.executable, "-c", "from flows.cli import main; main()", "run", str(tmp / "papers")]
        for r in range(args.rounds):
            results["bare Prefect flow"].append(timed([sys.executable, "-c", BARE], env))
            out = tmp / f"out{r}"
            results["minutebook run, 1 file"].append(timed(minutebook + ["--out", str(out), "-q"], env))
            results["minutebook run, 1 file cached"].append(timed(minutebook + ["--out", str(out), "-q"], env))
    floor = statistics.median(results["bare Prefect flow"])
    for name, times in results.items():
        median = statistics.median(times)
        extra = "" if name.startswith("bare") else f"  ({median - floor:+.1f}s against the floor)"
        print(f"{name:<32} median {median:5.1f}s  runs {', '.join(f'{t:.1f}' for t in times)}{extra}")


if __name__ == "__main__":
    main()
