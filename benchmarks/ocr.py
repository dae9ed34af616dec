"""OCR speed and accuracy against OCRmyPDF, on scanned copies of the corpus's text PDFs.

Each text PDF is rendered to greyscale page images (200 dpi by default) and
rebuilt as an image-only PDF under the same file name in another folder, so
the original's text layer is the known truth.  Then, document by document
(alternating, so both see the same load on a shared machine):

- minutebook: `flows.reading.convert` of the scanned copy in this process
  (the page pool over the cores, one warm engine per pool thread; the
  engines' start is timed once, apart, as start-up);
- OCRmyPDF: `ocrmypdf --sidecar FILE --output-type none --jobs N` on the same
  file, N the same cores (skipped with a message when ocrmypdf is absent).

It prints per document and in total the seconds per page (wall clock, and
CPU seconds), pages per second, the character error rate against the text
layer, and the ratio of minutebook's pages/s to OCRmyPDF's.  minutebook's
text is compared with `convert` of the original (both without running
lines and page numbers); OCRmyPDF's sidecar page with the original's raw
text layer (pdfium), which still has them, as the sidecar does.

With --score it also runs the pipeline on the originals and on the scanned
copies (same file names, so both score as the gold's stems) and scores both
against the dev gold: every kind's F1 and the difference.

    .venv/bin/python benchmarks/ocr.py [PDF...] [--work DIR] [--jobs N] [--score]
    .venv/bin/python benchmarks/ocr.py --ocr-dpi 200 --psm 6    # settings to compare
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# shared/ beside the repository (or beside the folder of git worktrees)
SHARED = next((d for d in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if d.is_dir()),
              ROOT.parent / "shared")
SCORER = SHARED / "eval" / "score.py"
GOLD = next((g for g in (SHARED / "gold" / "dev", ROOT / "corpora" / "gold" / "dev")
             if g.is_dir()), ROOT / "corpora" / "gold" / "dev")


def ocrmypdf_command() -> list[str] | None:
    """How to run OCRmyPDF here (this interpreter's package, or the command), or None."""
    from importlib.util import find_spec

    if find_spec("ocrmypdf") is not None:
        return [sys.executable, "-m", "ocrmypdf"]
    found = shutil.which("ocrmypdf")
    return [found] if found else None


def raw_text_layer(pdf: Path) -> list[str]:
    """Each page's text layer as pdfium reads it: running lines and page numbers included."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            text = page.get_textpage()
            pages.append(text.get_text_range())
            text.close()
            page.close()
        return pages
    finally:
        doc.close()


def weighted_cer(pairs: list[tuple[str, str]]) -> tuple[float, int]:
    """(error rate over all pages, characters of truth): edits summed over pages / truth's characters."""
    from benchmarks.scans import char_error_rate

    errors = chars = 0
    for read, truth in pairs:
        n = len(" ".join(truth.split()))
        errors += char_error_rate(read, truth) * n
        chars += n
    return errors / max(1, chars), chars


def run_minutebook(scanned: Path, truth) -> dict:
    from flows.reading import convert

    started, cpu = time.perf_counter(), time.process_time()
    read = convert(scanned)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    pages = min(truth.page_count, read.page_count)
    cer, chars = weighted_cer([(read.page_text(p), truth.page_text(p)) for p in range(1, pages + 1)])
    return dict(pages=read.page_count, ocr_pages=read.page_sources.count("ocr"),
                seconds=wall, cpu=cpu, cer=cer, chars=chars)


def run_ocrmypdf(command: list[str], scanned: Path, raw: list[str], jobs: int, work: Path) -> dict:
    sidecar = work / "sidecar" / (scanned.stem + ".txt")
    sidecar.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command + ["--sidecar", str(sidecar), "--output-type", "none", "--jobs", str(jobs),
                                     "--quiet", str(scanned), "-"],
                          capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        return dict(error=(done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit {done.returncode}"])
    pages = sidecar.read_text(encoding="utf-8", errors="replace").split("\f")
    pairs = [(pages[i] if i < len(pages) else "", raw[i]) for i in range(len(raw))]
    cer, chars = weighted_cer(pairs)
    return dict(pages=len(raw), seconds=wall, cer=cer, chars=chars,
                cpu=(after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def total(rows: list[dict]) -> dict:
    pages = sum(r["pages"] for r in rows)
    seconds = sum(r["seconds"] for r in rows)
    chars = sum(r["chars"] for r in rows)
    return dict(pages=pages, seconds=seconds, cpu=sum(r["cpu"] for r in rows),
                seconds_per_page=seconds / max(1, pages), pages_per_second=pages / max(1e-9, seconds),
                cpu_per_page=sum(r["cpu"] for r in rows) / max(1, pages),
                cer=sum(r["cer"] * r["chars"] for r in rows) / max(1, chars))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/minutebook-ocr-bench"))
    parser.add_argument("--dpi", type=int, default=200, help="scan resolution of the image-only copies")
    parser.add_argument("--jobs", type=int, default=0, help="cores for both (default: the cores usable here)")
    parser.add_argument("--ocr-dpi", type=int, help="minutebook's render resolution (MINUTEBOOK_OCR_DPI)")
    parser.add_argument("--psm", type=int, help="minutebook's page segmentation mode (MINUTEBOOK_OCR_PSM)")
    parser.add_argument("--engine", choices=["tesserocr", "tesseract"], help="minutebook's OCR backend")
    parser.add_argument("--no-ocrmypdf", action="store_true", help="time minutebook only")
    parser.add_argument("--score", action="store_true", help="also score originals and scans on the dev gold")
    args = parser.parse_args()
    # Settings are read when flows.reading.ocr is imported: set them first.
    for name, value in (("MINUTEBOOK_OCR_DPI", args.ocr_dpi), ("MINUTEBOOK_OCR_PSM", args.psm),
                        ("MINUTEBOOK_OCR_ENGINE", args.engine)):
        if value:
            os.environ[name] = str(value)
    from benchmarks.scans import scanned_copy
    from flows.reading import convert, ocr, ocr_engine

    jobs = args.jobs or ocr_engine.usable_cores()
    os.environ["MINUTEBOOK_OCR_THREADS"] = str(jobs)
    started = time.perf_counter()
    if ocr.engine_missing():
        sys.exit(f"OCR is not available: {ocr.engine_missing()}")
    startup = time.perf_counter() - started
    command = None if args.no_ocrmypdf else ocrmypdf_command()
    print(f"minutebook: {ocr_engine.version()}, {jobs} page threads, render {ocr.OCR_DPI} dpi, "
          f"psm {ocr.PSM}; engine start-up {startup:.2f} s (not counted below)")
    if command is None and not args.no_ocrmypdf:
        print("OCRmyPDF: not installed (pip install ocrmypdf; it needs the tesseract command): skipped")
    elif command:
        version = subprocess.run(command + ["--version"], capture_output=True, text=True).stdout.strip()
        print(f"OCRmyPDF {version}: --jobs {jobs}")

    pdfs = args.pdfs or sorted((ROOT / "corpora" / "pdfs").glob("*.pdf"))
    scans = args.work / f"scanned-{args.dpi}"
    ours, theirs = [], []
    for pdf in pdfs:
        scanned = scans / pdf.name
        if not scanned.exists() or scanned.stat().st_mtime < pdf.stat().st_mtime:
            scanned_copy(pdf, scanned, dpi=args.dpi)
        row = dict(name=pdf.name, **run_minutebook(scanned, convert(pdf)))
        ours.append(row)
        line = (f"{pdf.name[:50]:50} {row['pages']:3d} p  minutebook {row['seconds'] / row['pages']:5.2f} s/p "
                f"CER {row['cer']:6.2%}")
        if command:
            other = run_ocrmypdf(command, scanned, raw_text_layer(pdf), jobs, args.work)
            if "error" in other:
                print(f"OCRmyPDF failed on {pdf.name}: {other['error']}")
                command = None
            else:
                theirs.append(dict(name=pdf.name, **other))
                line += f"   OCRmyPDF {other['seconds'] / other['pages']:5.2f} s/p CER {other['cer']:6.2%}"
        print(line, flush=True)

    summary = {"minutebook": total(ours), "settings": dict(dpi=ocr.OCR_DPI, psm=ocr.PSM, jobs=jobs,
                                                           engine=ocr_engine.version(), scan_dpi=args.dpi)}
    print()
    print(f"{'':12} {'pages':>5} {'s/page':>7} {'pages/s':>8} {'CPU s/page':>10} {'CER':>7}")
    for name, rows in (("minutebook", ours), ("OCRmyPDF", theirs)):
        if rows and len(rows) == len(ours):
            t = summary[name] = total(rows)
            print(f"{name:12} {t['pages']:5d} {t['seconds_per_page']:7.2f} {t['pages_per_second']:8.3f} "
                  f"{t['cpu_per_page']:10.2f} {t['cer']:7.2%}")
    if "OCRmyPDF" in summary:
        ratio = summary["minutebook"]["pages_per_second"] / summary["OCRmyPDF"]["pages_per_second"]
        summary["ratio"] = ratio
        print(f"minutebook pages/s over OCRmyPDF's at {jobs} cores: {ratio:.2f}x")
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "results.json").write_text(json.dumps(dict(summary=summary, minutebook=ours, ocrmypdf=theirs),
                                                       indent=1))
    if args.score:
        score_both(pdfs, scans, args.work)


def score(pred: Path, stems: set[str], work: Path) -> dict:
    """score.py's per-kind summary over the gold files of these document stems only."""
    import importlib.util

    gold = work / "gold"
    gold.mkdir(parents=True, exist_ok=True)
    for path in GOLD.glob("*.json"):
        if path.stem in stems:
            shutil.copy(path, gold / path.name)
    spec = importlib.util.spec_from_file_location("score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer.score(gold, pred, False)["summary"]


def score_both(pdfs: list[Path], scans: Path, work: Path) -> None:
    from flows.pipeline import run_local

    originals = work / "originals"
    originals.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:   # the same names, so both score as the gold's stems
        target = originals / pdf.name
        if not target.exists():
            target.symlink_to(pdf.resolve())
    run_local([originals], work / "out-text", use_cache=False)
    run_local([scans], work / "out-ocr", use_cache=False)
    stems = {pdf.stem for pdf in pdfs}
    text = score(work / "out-text", stems, work)
    ocr = score(work / "out-ocr", stems, work)
    (work / "scores.json").write_text(json.dumps({"text": text, "ocr": ocr}, indent=1))
    print_scores(text, ocr)


def print_scores(text: dict, ocr: dict) -> None:
    print(f"{'kind':16} {'F1 text':>8} {'F1 ocr':>8} {'delta':>7}")
    for kind, t in text.items():
        o = ocr.get(kind, {})
        print(f"{kind:16} {t['f1']:8.3f} {o.get('f1', 0):8.3f} {o.get('f1', 0) - t['f1']:+7.3f}")


if __name__ == "__main__":
    main()
