"""What stored reviews cost a run: the review steps of a run (prepare_tables: import the last
workbook, track, apply the store; then write review.xlsx) with 0 and with N stored reviews.

    .venv/bin/python benchmarks/reviews.py [--reviews 10000]

Synthetic but realistic: one paper per 50 amounts, each amount in its own sentence; every
amount gets a review answer in the workbook, the workbook is imported (as `minutebook review
import` does), and then a run's review steps are timed.  The target (issue 19.8): applying
10,000 reviews adds under 2 s to a run.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.records import Amount, Document, Page, make_id  # noqa: E402
from flows.review import import_review, write_workbook  # noqa: E402
from flows.tables import build_frames  # noqa: E402
from flows.tracking import prepare_tables  # noqa: E402

PER_DOC = 50
VERBOSE = "-v" in sys.argv


def frames_with(n: int):
    documents, pages, amounts = [], [], []
    for d in range(-(-n // PER_DOC)):
        doc_id = f"doc{d:05d}"
        lines = [f"Item {i}: the committee agreed a grant of £{(d * PER_DOC + i) * 10 + 1000:,} for scheme {i}.\n"
                 for i in range(PER_DOC)]
        text = "".join(lines)
        documents.append(Document(doc_id=doc_id, source_path=f"papers/finance-{d:05d}.pdf"))
        pages.append(Page(doc_id=doc_id, page=1, char_start=0, char_end=len(text), text=text))
        offset = 0
        for i, line in enumerate(lines):
            if d * PER_DOC + i >= n:
                break
            shown = line[line.index("£"):line.index(" for")]
            start = offset + line.index("£")
            amounts.append(Amount(text=shown, char_start=start, char_end=start + len(shown), doc_id=doc_id, page=1,
                                  amount_id=make_id(doc_id, "amount", start, start + len(shown))))
            offset += len(line)
    return build_frames({"documents": documents, "pages": pages, "amounts": amounts})


def review_steps(frames, out: Path) -> float:
    started = time.perf_counter()
    tracked = prepare_tables(frames, out)
    prepared = time.perf_counter()
    write_workbook(tracked, out / "review.xlsx")
    if VERBOSE:
        print(f"  prepare_tables {prepared - started:.2f}s, write_workbook {time.perf_counter() - prepared:.2f}s")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("-v", action="store_true", help="time each step")
    args = parser.parse_args()
    from openpyxl import load_workbook

    frames = frames_with(args.reviews)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        review_steps(frames, out)                       # first run: empty workbook, nothing stored
        base = min(review_steps(frames, out) for _ in range(2))
        book = load_workbook(out / "review.xlsx")
        ws = book["Money"]
        header = [c.value for c in ws[1]]
        col, note = header.index("correct?") + 1, header.index("note") + 1
        for r in range(2, ws.max_row + 1):
            ws.cell(row=r, column=col, value="yes" if r % 3 else "no")
            ws.cell(row=r, column=note, value=f"checked against the budget book, line {r}")
        book.save(out / "review.xlsx")
        started = time.perf_counter()
        written, _, problems = import_review(out / "review.xlsx")
        imported = time.perf_counter() - started
        reviewed = min(review_steps(frames, out) for _ in range(2))
    print(f"{len(frames['amounts'])} amounts; {written} reviews imported in {imported:.1f}s "
          f"({len(problems)} problems)")
    print(f"review steps of a run: {base:.2f}s without reviews, {reviewed:.2f}s with {written} "
          f"(+{reviewed - base:.2f}s)")


if __name__ == "__main__":
    main()
