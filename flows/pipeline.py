"""The Prefect flow: discover -> (convert + extract, one task per document) -> write tables.

One task per document keeps Prefect's per-task overhead small against the
work, and means one document's failure is recorded as a `failed` row while
the rest complete.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from flows import settings  # noqa: F401  (quiet, server-less Prefect defaults; before prefect)

from prefect import flow, task
from prefect.futures import wait

from extractors import EXTRACTOR_VERSION
from extractors.records import EXTRACTED, Document, Page

SUPPORTED = (".pdf", ".txt")


@dataclass
class DocumentResult:
    """What one document contributes to the tables."""
    document: Document
    tables: dict[str, list] = field(default_factory=dict)   # table name -> records
    seconds: float = 0.0


def file_doc_id(path: Path) -> str:
    """First 16 hex digits of the file's SHA-256: the same file always gets the same id."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def discover(sources: list[str | Path]) -> list[Path]:
    """Every .pdf and .txt file named, or found below a named folder, in a stable order."""
    found: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found += sorted(p for p in source.rglob("*")
                            if p.is_file() and p.suffix.lower() in SUPPORTED
                            and not any(part.startswith(".") for part in p.relative_to(source).parts))
        else:
            found.append(source)
    seen, unique = set(), []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def process_document(path: str | Path) -> DocumentResult:
    """Convert and extract one document; any failure becomes a `failed` row."""
    from extractors.pipeline import extract
    from flows.convert import ConversionError, convert

    path = Path(path)
    started = time.perf_counter()
    doc = Document(doc_id="", source_path=str(path), extractor_version=EXTRACTOR_VERSION)
    try:
        doc.doc_id = file_doc_id(path)
    except OSError as exc:
        doc.doc_id = hashlib.sha256(str(path).encode()).hexdigest()[:16]
        return _failed(doc, f"cannot read file: {exc.strerror or exc}", started)
    try:
        paged = convert(path)
    except ConversionError as exc:
        return _failed(doc, str(exc), started)
    except Exception as exc:   # never let one file stop the batch
        return _failed(doc, f"conversion error: {type(exc).__name__}: {exc}", started)
    try:
        found = extract(paged, doc.doc_id, source_name=path.name)
    except Exception as exc:
        return _failed(doc, f"extraction error: {type(exc).__name__}: {exc}", started)

    doc.doc_type, doc.body, doc.title = found.doc_type, found.body, found.title
    doc.meeting_date = found.meeting_date
    doc.pages, doc.chars = paged.page_count, len(paged.text)
    doc.pages_ocr = sum(1 for s in paged.page_sources if s == "ocr")
    pages = [Page(doc_id=doc.doc_id, page=i + 1, char_start=s, char_end=e,
                  text_source=paged.page_sources[i] if i < len(paged.page_sources) else "text",
                  text=paged.text[s:e])
             for i, (s, e) in enumerate(paged.page_span(p) for p in range(1, paged.page_count + 1))]
    tables = {"pages": pages, "parts": found.parts, "items": found.items, **found.records}
    return DocumentResult(doc, tables, time.perf_counter() - started)


def _failed(doc: Document, reason: str, started: float) -> DocumentResult:
    doc.status, doc.error = "failed", " ".join(reason.split())[:500]
    return DocumentResult(doc, {}, time.perf_counter() - started)


@task(name="process-document", retries=0)
def process_document_task(path: str) -> DocumentResult:
    return process_document(path)


def collect(results: list[DocumentResult]) -> dict[str, list]:
    """Gather every document's records into one list per table."""
    tables: dict[str, list] = {"documents": []}
    for result in sorted(results, key=lambda r: r.document.source_path):
        tables["documents"].append(result.document)
        for name, records in result.tables.items():
            tables.setdefault(name, []).extend(records)
    return tables


@dataclass
class RunSummary:
    out_dir: Path
    documents: int
    failed: list[tuple[str, str]]          # (source_path, reason)
    rows: dict[str, int]
    seconds: float


@flow(name="minutebook", log_prints=False)
def minutebook_flow(sources: list[str], out_dir: str = "outputs", progress: bool = True) -> RunSummary:
    from flows.tables import build_frames, write_tables
    from flows.tracking import prepare_tables, write_review_outputs

    started = time.perf_counter()
    paths = discover(sources)
    futures = process_document_task.map([str(p) for p in paths])
    results: list[DocumentResult] = []
    for i, future in enumerate(futures, start=1):
        result = future.result()
        results.append(result)
        if progress:
            _progress(i, len(paths), result)
    wait(futures)
    frames = build_frames(collect(results))
    frames = prepare_tables(frames, out_dir)       # tracking tables + stored reviews (brief H)
    write_tables(frames, out_dir)
    write_review_outputs(frames, out_dir)          # review.xlsx, report.html
    return RunSummary(
        out_dir=Path(out_dir),
        documents=len(results),
        failed=[(r.document.source_path, r.document.error) for r in results
                if r.document.status == "failed"],
        rows={name: len(df) for name, df in frames.items()},
        seconds=time.perf_counter() - started,
    )


def _progress(i: int, n: int, result: DocumentResult) -> None:
    doc = result.document
    if doc.status == "ok":
        counts = ", ".join(f"{len(result.tables.get(k, []))} {k}" for k in EXTRACTED if result.tables.get(k))
        what = f"{doc.pages} pages, {counts or 'nothing found'}"
    else:
        what = f"FAILED: {doc.error}"
    print(f"[{i}/{n}] {Path(doc.source_path).name}: {what} ({result.seconds:.1f}s)",
          file=sys.stderr, flush=True)


def run_local(sources: list[str | Path], out_dir: str | Path = "outputs") -> list[DocumentResult]:
    """The same work as the flow, in this process and without Prefect.

    For development and benchmarks: no task runner, no temporary API.
    """
    from flows.tables import build_frames, write_tables
    from flows.tracking import prepare_tables, write_review_outputs

    results = [process_document(p) for p in discover(sources)]
    frames = prepare_tables(build_frames(collect(results)), out_dir)   # tracking + reviews (brief H)
    write_tables(frames, out_dir)
    write_review_outputs(frames, out_dir)
    return results


if __name__ == "__main__":   # python -m flows.pipeline SOURCE... OUT_DIR  (no Prefect)
    *_sources, _out = sys.argv[1:]
    for _r in run_local(_sources, _out):
        _progress(0, 0, _r)
