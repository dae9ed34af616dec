"""Throughput over corpora/ (issue 4 item 10): prints figures, asserts nothing.

    .venv/bin/python benchmarks/throughput.py [SOURCE ...]   (default: corpora/)

Conversion and extraction are timed separately, in this process and without
Prefect (the flow's start-up is measured by benchmarks/scale.py):

- conversion: PDF pages per second, in a document worker as a run does it
  (flows/isolation.py) and in-process (best of three rounds, also per CPU
  second, the steadier figure on a shared machine), so the worker's cost
  shows; text files
  are counted apart (reading them is not conversion);
- extraction: pages per second of `extractors.pipeline.extract` over every
  converted document (the first call, which builds the spaCy pipeline, is
  timed on its own);
- peak memory: the maximum resident set of this process and of its children
  (the document worker, which also holds spaCy), from getrusage.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flows.reading import ConversionError, convert  # noqa: E402
from flows.isolation import DEFAULT_LIMITS, DocumentWorker  # noqa: E402
from flows.pipeline import discover  # noqa: E402


def main(sources: list[str]) -> None:
    paths = discover(sources)
    pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
    texts = [p for p in paths if p.suffix.lower() != ".pdf"]

    worker = DocumentWorker(DEFAULT_LIMITS)
    started = time.perf_counter()
    worker.convert(pdfs[0]) if pdfs else None
    first = time.perf_counter() - started          # includes the worker's start
    converted, failed = {}, []
    started = time.perf_counter()
    for path in pdfs:
        try:
            converted[path] = worker.convert(path)
        except ConversionError as exc:
            failed.append((path, str(exc)))
    isolated = time.perf_counter() - started
    worker.stop()

    # In-process conversion, best of three rounds, in wall and CPU seconds: on
    # a shared machine CPU time is the steadier figure to compare code by.
    in_process = cpu = float("inf")
    for _round in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        for path in converted:
            convert(path)
        in_process = min(in_process, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)

    started = time.perf_counter()
    for path in texts:
        try:
            converted[path] = convert(path)
        except ConversionError as exc:
            failed.append((path, str(exc)))
    reading = time.perf_counter() - started

    from extractors.pipeline import extract

    started = time.perf_counter()
    extract(next(iter(converted.values())), "warm-up")
    warm_up = time.perf_counter() - started
    started = time.perf_counter()
    for i, (path, paged) in enumerate(converted.items()):
        extract(paged, f"{i:016x}", source_name=path.name)
    extraction = time.perf_counter() - started

    pdf_pages = sum(converted[p].page_count for p in pdfs if p in converted)
    all_pages = sum(paged.page_count for paged in converted.values())
    chars = sum(len(paged.text) for paged in converted.values())
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"{len(pdfs)} PDFs ({pdf_pages} pages), {len(texts)} text files, {len(failed)} failed")
    print(f"conversion, document worker: {pdf_pages / isolated:.1f} pages/s ({isolated:.2f} s; "
          f"worker start + first file {first:.2f} s)")
    print(f"conversion, in-process:      {pdf_pages / in_process:.1f} pages/s ({in_process:.2f} s), "
          f"{pdf_pages / cpu:.1f} pages per CPU second (best of 3 rounds)")
    print(f"text files read:             {reading:.2f} s")
    print(f"extraction: {all_pages / extraction:.1f} pages/s, {chars / extraction / 1000:.0f}k chars/s "
          f"({extraction:.2f} s over {len(converted)} documents; pipeline build + first call {warm_up:.2f} s)")
    print(f"peak memory: this process {me:.0f} MB, largest child (the document worker) {children:.0f} MB")
    for path, reason in failed:
        print(f"  failed: {path}: {reason}")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(ROOT / "corpora")])
