"""OCR against a known truth: scanned copies of the corpus's text PDFs (issue 11).

Each text PDF is rendered to 200 dpi greyscale page images and rebuilt as an
image-only PDF (the same file name, in another folder).  Both copies are
converted; the benchmark prints, per document, the character error rate of
the OCR text against the text layer and the OCR seconds per page.  With
--score it also runs the pipeline (run_local) on both folders and scores each
against the dev gold, printing every kind's F1 and the difference.

    .venv/bin/python benchmarks/ocr.py [PDF...] [--work /tmp/ocr-bench] [--score]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scans import char_error_rate, scanned_copy  # noqa: E402
from flows.reading import convert  # noqa: E402
from flows.reading.ocr import engine_missing  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = next((g for g in (ROOT.parent / "shared" / "gold" / "dev", ROOT / "corpora" / "gold" / "dev")
             if g.is_dir()), ROOT / "corpora" / "gold" / "dev")


def compare(original: Path, scanned: Path) -> dict:
    """Convert both copies; the scanned one's error rate and OCR time per page."""
    truth = convert(original)
    started = time.perf_counter()
    read = convert(scanned)
    seconds = time.perf_counter() - started
    pages = min(truth.page_count, read.page_count)
    errors = sum(char_error_rate(read.page_text(p), truth.page_text(p)) * len(" ".join(truth.page_text(p).split()))
                 for p in range(1, pages + 1))
    chars = sum(len(" ".join(truth.page_text(p).split())) for p in range(1, pages + 1))
    return dict(name=original.name, pages=read.page_count, ocr_pages=read.page_sources.count("ocr"),
                cer=errors / max(1, chars), chars=chars, seconds=seconds,
                seconds_per_page=seconds / max(1, read.page_count))


def score(pred: Path, stems: set[str], work: Path) -> dict:
    """score.py's per-kind summary over the gold files of these document stems only."""
    import importlib.util
    import shutil

    gold = work / "gold"
    gold.mkdir(parents=True, exist_ok=True)
    for path in GOLD.glob("*.json"):
        if path.stem in stems:
            shutil.copy(path, gold / path.name)
    spec = importlib.util.spec_from_file_location("score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer.score(gold, pred, False)["summary"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/minutebook-ocr-bench"))
    parser.add_argument("--dpi", type=int, default=200, help="scan resolution of the copies")
    parser.add_argument("--score", action="store_true", help="also score both folders on the dev gold")
    args = parser.parse_args()
    if engine_missing():
        sys.exit(f"OCR is not available: {engine_missing()}")
    pdfs = args.pdfs or sorted((ROOT / "corpora" / "pdfs").glob("*.pdf"))
    scans = args.work / "scanned"
    rows = []
    for pdf in pdfs:
        scanned = scanned_copy(pdf, scans / pdf.name, dpi=args.dpi)
        row = compare(pdf, scanned)
        rows.append(row)
        print(f"{row['name']:55} {row['pages']:3d} pages  {row['ocr_pages']:3d} OCR  "
              f"CER {row['cer']:.2%}  {row['seconds_per_page']:.2f} s/page", flush=True)
    chars = sum(r["chars"] for r in rows)
    pages = sum(r["pages"] for r in rows)
    print(f"{'ALL':55} {pages:3d} pages  CER {sum(r['cer'] * r['chars'] for r in rows) / chars:.2%}  "
          f"{sum(r['seconds'] for r in rows) / pages:.2f} s/page")
    if args.score:
        from flows.pipeline import run_local

        originals = args.work / "originals"
        originals.mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:   # the same names, so both score as the gold's stems
            target = originals / pdf.name
            if not target.exists():
                target.symlink_to(pdf.resolve())
        run_local([originals], args.work / "out-text")
        run_local([scans], args.work / "out-ocr")
        stems = {pdf.stem for pdf in pdfs}
        text = score(args.work / "out-text", stems, args.work)
        ocr = score(args.work / "out-ocr", stems, args.work)
        print(json.dumps({"text": text, "ocr": ocr}, indent=1), file=open(args.work / "scores.json", "w"))
        print_scores(text, ocr)


def print_scores(text: dict, ocr: dict) -> None:
    print(f"{'kind':16} {'F1 text':>8} {'F1 ocr':>8} {'delta':>7}")
    for kind, t in text.items():
        o = ocr.get(kind, {})
        print(f"{kind:16} {t['f1']:8.3f} {o.get('f1', 0):8.3f} {o.get('f1', 0) - t['f1']:+7.3f}")


if __name__ == "__main__":
    main()
