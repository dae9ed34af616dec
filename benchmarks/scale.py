"""Scale benchmark (issue 10.5): prints figures, asserts nothing.

    .venv/bin/python benchmarks/scale.py [--docs 200] [--skip-pack] [--skip-linear] [--skip-workers2] [--only-pack]

Over the corpus PDFs replicated to --docs documents (each copy made
byte-distinct by a trailing PDF comment, so the content cache cannot skip
it), each measurement in its own child process, one after another:

- start-up: imports, and a flow run over an empty folder (Prefect's temporary
  API, task runner), apart from any processing;
- processing (discover + hash + convert + extract; not the table writing) in
  pages per second with --workers 1 and --workers 2, against bare pdfminer.six
  `extract_text` over the same files in the same run, as ratios; the same
  ratio for the whole process (wall time of `minutebook run` against a bare
  script's).  These run in --rounds rounds (bare, workers 1, workers 2, one
  after another) and the median round is reported with every round's
  figures: a shared machine's speed drifts by 10-15% over minutes;
- a re-run over the unchanged corpus: its processing time as a fraction of the
  first run's;
- peak memory (RSS summed over the child and all its descendants, sampled
  every 50 ms) for the corpus run and for one 500-page pack made by joining
  corpus PDFs with poppler's `pdfunite`;
- time per page at 1x, 2x and 4x the corpus (its 8 PDFs), to show cost grows
  linearly.

The machine is shared: run it when it is quiet, and read small differences
as noise.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "corpora" / "pdfs"


# ------------------------------------------------------------------ children

def child_flow(source: str, out: str, workers: int) -> None:
    t0 = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from flows.pipeline import run_flow
    imported = time.perf_counter() - t0
    summary = run_flow([source], out, workers=workers, progress=False)
    pages = _pages(out)
    print(json.dumps({"imports": imported, "flow": summary.seconds, "processing": summary.processing_seconds,
                      "runner": summary.runner_seconds,
                      "documents": summary.documents, "failed": len(summary.failed), "cached": summary.cached,
                      "pages": pages}))


def child_bare(source: str) -> None:
    t0 = time.perf_counter()
    from pdfminer.high_level import extract_text
    imported = time.perf_counter() - t0
    files = sorted(Path(source).rglob("*.pdf"))
    t1 = time.perf_counter()
    for path in files:
        extract_text(str(path))
    print(json.dumps({"imports": imported, "processing": time.perf_counter() - t1, "documents": len(files)}))


def _pages(out: str) -> int:
    import pandas as pd

    docs = pd.read_csv(Path(out) / "documents.csv")
    return int(docs.pages.fillna(0).sum())


# ------------------------------------------------------------------ the parent

def measure(args: list[str]) -> dict:
    """Run a child; its JSON line plus wall time and peak RSS of its process tree (MB)."""
    import psutil

    import resource

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    log = Path(tempfile.gettempdir()) / "minutebook-scale-child.log"
    with log.open("w") as err:
        proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE,
                                stderr=err, env=env, cwd=ROOT, text=True)
    peak = [0]
    by_role: dict[str, int] = {}        # peak RSS of each kind of process

    def sample():
        try:
            parent = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while proc.poll() is None:
            total = 0
            try:
                for p in [parent, *parent.children(recursive=True)]:
                    try:
                        rss = p.memory_info().rss
                        role = _role(p, parent)
                        if p.pid != parent.pid and _not_yet_exec(p):
                            continue
                    except psutil.Error:
                        continue
                    total += rss
                    by_role[role] = max(by_role.get(role, 0), rss)
            except psutil.Error:
                pass
            peak[0] = max(peak[0], total)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"child {args} failed with {proc.returncode}; its stderr is in {log}")
    result = json.loads(out.strip().splitlines()[-1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the child and the descendants it waited for: on a shared
    # machine this, not wall time, shows whether parallel work was extra work.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result.update(wall=time.perf_counter() - started, peak_mb=peak[0] / 2**20, cpu=cpu,
                  roles=", ".join(f"{role} {rss / 2**20:.0f}" for role, rss in sorted(by_role.items())))
    return result


def _not_yet_exec(p) -> bool:
    """A child caught between fork and exec (a worker being started).

    It shares its parent's pages (vfork, or fork's copy-on-write), so its RSS
    is the parent's again, not more memory: counting it once made a corpus
    run's peak look 223 MB higher than any real moment.
    """
    parent = p.parent()
    return parent is not None and p.cmdline() == parent.cmdline()


def _role(p, parent) -> str:
    """What a process of the run is, for the memory breakdown."""
    if p.pid == parent.pid:
        return "flow"
    line = " ".join(p.cmdline())
    if "flows.isolation" in line:
        return "document worker"
    if "prefect" in line and "server" in line or "uvicorn" in line:
        return "Prefect API"
    if "dask" in line or "distributed" in line or "spawn_main" in line:
        return "Dask worker"
    return "other"


def replicate(folder: Path, docs: int) -> Path:
    """`docs` PDFs: the corpus PDFs round-robin, each copy byte-distinct."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(PDFS.glob("*.pdf"))
    for i in range(docs):
        src = sources[i % len(sources)]
        data = src.read_bytes() + f"\n%minutebook-benchmark copy {i}\n".encode()
        (folder / f"{i:04d}-{src.name}").write_bytes(data)
    return folder


def pack(folder: Path, pages: int = 500) -> Path | None:
    """One PDF of at least `pages` pages joined from corpus PDFs (poppler's pdfunite)."""
    if not shutil.which("pdfunite"):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    from pdfminer.pdfpage import PDFPage

    sources = sorted(PDFS.glob("*.pdf"))
    counts = {p: sum(1 for _ in PDFPage.get_pages(p.open("rb"))) for p in sources}
    chosen, total = [], 0
    while total < pages:
        for p in sources:
            if total >= pages:
                break
            chosen.append(p)
            total += counts[p]
    path = folder / f"pack-{total}-pages.pdf"
    subprocess.run(["pdfunite", *map(str, chosen), str(path)], check=True, capture_output=True)
    return path


def measure_pack(work: Path) -> None:
    big = pack(work / "pack")
    if big is None:
        print("500-page pack: skipped (pdfunite not installed; make system-deps)")
        return
    res = measure(["child-flow", str(big.parent), str(work / "out-pack"), "1"])
    print(f"{big.name}: processing {res['processing']:.1f} s, {res['pages']} pages, "
          f"peak RSS of all processes {res['peak_mb']:.0f} MB (per process, MB: {res['roles']})", flush=True)


def pack_only() -> None:
    work = Path(tempfile.mkdtemp(prefix="minutebook-scale-"))
    try:
        measure_pack(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--skip-pack", action="store_true")
    parser.add_argument("--skip-linear", action="store_true")
    parser.add_argument("--skip-workers2", action="store_true")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of bare pdfminer / --workers 1 / --workers 2 (the median is reported)")
    parser.add_argument("--only-pack", action="store_true", help="only the 500-page pack's memory")
    args = parser.parse_args()
    if args.only_pack:
        pack_only()
        return

    work = Path(tempfile.mkdtemp(prefix="minutebook-scale-"))
    try:
        corpus = replicate(work / "corpus", args.docs)
        empty = work / "empty"
        empty.mkdir()
        print(f"corpus: {args.docs} PDFs replicated from {len(list(PDFS.glob('*.pdf')))} in {PDFS} "
              f"(cpus: {os.cpu_count()})", flush=True)

        startup = measure(["child-flow", str(empty), str(work / "out-empty"), "1"])
        print(f"start-up (no documents): {startup['wall']:.1f} s wall: imports {startup['imports']:.1f} s, "
              f"the empty flow's body {startup['flow']:.1f} s, the rest ({startup['wall'] - startup['imports'] - startup['flow']:.1f} s) "
              f"is the interpreter, Prefect's temporary API and the flow run's set-up and tear-down", flush=True)

        # Rounds of bare pdfminer, --workers 1 and --workers 2, one after another:
        # on a shared machine speed drifts by 10-15% over minutes, so each ratio
        # compares runs made side by side, and the median round is reported.
        rounds = []
        for r in range(args.rounds):
            bare = measure(["child-bare", str(corpus)])
            one = measure(["child-flow", str(corpus), str(work / f"out-1-{r}"), "1"])
            two = (None if args.skip_workers2 else
                   measure(["child-flow", str(corpus), str(work / f"out-2-{r}"), "2"]))
            rounds.append((bare, one, two))
            pages = one["pages"]
            line = (f"round {r + 1}: bare pdfminer {pages / bare['processing']:.1f} pages/s, "
                    f"--workers 1 {pages / one['processing']:.1f} pages/s (ratio "
                    f"{bare['processing'] / one['processing']:.2f}, whole process {bare['wall'] / one['wall']:.2f})")
            if two:
                line += (f", --workers 2 {pages / two['processing']:.1f} pages/s "
                         f"(speed-up {one['processing'] / two['processing']:.2f}x)")
            print(line + f"; load average {os.getloadavg()[0]:.1f}", flush=True)
        ratios = sorted(rounds, key=lambda t: t[0]["processing"] / t[1]["processing"])
        bare, one, _ = ratios[len(ratios) // 2]
        pages = one["pages"]
        print(f"median round: bare pdfminer extract_text: {bare['processing']:.1f} s, "
              f"{pages / bare['processing']:.1f} pages/s; whole process {bare['wall']:.1f} s", flush=True)
        print(f"minutebook --workers 1: processing {one['processing']:.1f} s, "
              f"{pages / one['processing']:.1f} pages/s ({one['documents']} docs, {pages} pages, "
              f"{one['failed']} failed); whole process {one['wall']:.1f} s, {one['cpu']:.0f} CPU s; peak RSS {one['peak_mb']:.0f} MB "
              f"(per process, MB: {one['roles']})",
              flush=True)
        print(f"  throughput ratio to bare pdfminer: processing {bare['processing'] / one['processing']:.2f}, "
              f"whole process {bare['wall'] / one['wall']:.2f}", flush=True)

        rerun = measure(["child-flow", str(corpus), str(work / "out-1-0"), "1"])
        first = rounds[0][1]
        print(f"unchanged re-run: processing {rerun['processing']:.2f} s = "
              f"{100 * rerun['processing'] / first['processing']:.1f}% of the first run's "
              f"({rerun['cached']}/{rerun['documents']} from cache); whole process {rerun['wall']:.1f} s",
              flush=True)

        if not args.skip_workers2:
            speedups = sorted(rounds, key=lambda t: t[1]["processing"] / t[2]["processing"])
            _, one, two = speedups[len(speedups) // 2]
            print(f"minutebook --workers 2 (median round): processing {two['processing']:.1f} s, "
                  f"{pages / two['processing']:.1f} pages/s; speed-up {one['processing'] / two['processing']:.2f}x; "
                  f"(the local Dask cluster's start, {two['runner']:.1f} s, counted apart); "
                  f"whole process {two['wall']:.1f} s, {one['wall'] / two['wall']:.2f}x, {two['cpu']:.0f} CPU s; "
                  f"peak RSS {two['peak_mb']:.0f} MB (per process, MB: {two['roles']})", flush=True)

        if not args.skip_pack:
            measure_pack(work)

        if not args.skip_linear:
            base = len(list(PDFS.glob("*.pdf")))
            for times in (1, 2, 4):
                folder = replicate(work / f"linear-{times}x", base * times)
                res = measure(["child-flow", str(folder), str(work / f"out-linear-{times}x"), "1"])
                print(f"{times}x corpus ({res['documents']} docs, {res['pages']} pages): "
                      f"{1000 * res['processing'] / res['pages']:.1f} ms per page", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child-flow":
        child_flow(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "child-bare":
        child_bare(sys.argv[2])
    else:
        main()
