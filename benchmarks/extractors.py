"""Throughput of the money and dates extractors, in words per second, on corpora/.

    .venv/bin/python benchmarks/extractors.py [corpora/] [--repeat 3]

Converts every document once (conversion is not what is measured), then times
for each extractor the pure function (`find_amounts`, `find_dates`) and the
registered spaCy component on a tokenised Doc (the component's own cost: rule
matching plus spans and their extensions).  Reports the best of `--repeat`
runs, so a busy shared machine inflates the figures as little as it can.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from extractors import dates, money, structure  # noqa: E402,F401  (registers the factories)
from flows.reading import convert  # noqa: E402
from flows.pipeline import discover  # noqa: E402


def load_texts(sources: list[str]) -> list[tuple[str, str]]:
    return [(path.name, convert(path).text) for path in discover(sources)]


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="*", default=[str(ROOT / "corpora")])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    texts = load_texts(args.sources)
    words = sum(len(text.split()) for _, text in texts)
    chars = sum(len(text) for _, text in texts)
    print(f"corpus: {len(texts)} documents, {words:,} words, {chars:,} characters")

    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    docs = [nlp.make_doc(text) for _, text in texts]
    meeting_dates = [structure.find_meeting_date(text) for _, text in texts]
    amounts_component = money.AmountsComponent()
    dates_component = dates.DatesComponent()

    def run_find_amounts():
        for _, text in texts:
            money.find_amounts(text)

    def run_find_dates():
        for (_, text), meeting in zip(texts, meeting_dates):
            dates.find_dates(text, meeting)

    def run_amounts_component():
        for doc in docs:
            amounts_component(doc)

    def run_dates_component():
        for doc, meeting in zip(docs, meeting_dates):
            doc._.meeting_date = meeting
            dates_component(doc)

    found_amounts = sum(len(money.find_amounts(t)) for _, t in texts)
    found_dates = sum(len(dates.find_dates(t, m)) for (_, t), m in zip(texts, meeting_dates))
    print(f"found: {found_amounts:,} amounts, {found_dates:,} dates")
    print(f"{'measure':<34}{'seconds':>9}{'words/s':>14}")
    for label, fn in (("find_amounts (pure rules)", run_find_amounts),
                      ("find_dates (pure rules)", run_find_dates),
                      ("minutebook_amounts component", run_amounts_component),
                      ("minutebook_dates component", run_dates_component)):
        seconds = best_time(fn, args.repeat)
        print(f"{label:<34}{seconds:>9.3f}{words / seconds:>14,.0f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (whole process, incl. PDF conversion and Docs): {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
