"""One document's work: convert it, extract from it, and shape its rows.

This is what a document worker process runs (flows/isolation.py), so it
imports neither Prefect nor pandas: the flow process, which only
orchestrates, never loads spaCy or pdfminer, and the worker never loads
Prefect.  `process_file` never raises for a bad document; a conversion or
extraction failure is a `failed` row with its reason.  Failures of the
worker itself (timeout, memory, crash) are reported by the parent
(flows/isolation.py), which is the only side that can see them.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors import EXTRACTOR_VERSION
from extractors.records import Document, Page


@dataclass
class DocumentResult:
    """What one document contributes to the tables."""
    document: Document
    tables: dict[str, list] = field(default_factory=dict)   # table name -> records
    seconds: float = 0.0
    cached: bool = False          # taken from the cache in this run
    started_at: float = 0.0       # wall clock (time.time) when its processing began


def new_document(path: Path, doc_id: str) -> Document:
    from flows.reading import format_of

    return Document(doc_id=doc_id, source_path=str(path), format=format_of(path),
                    extractor_version=EXTRACTOR_VERSION)


def failed(doc: Document, reason: str, started: float) -> DocumentResult:
    """A `failed` row: one line of reason, no records."""
    doc.status, doc.error = "failed", " ".join(reason.split())[:500]
    return DocumentResult(doc, {}, time.perf_counter() - started)


def process_file(path: str | Path, doc_id: str) -> DocumentResult:
    """Convert and extract one document in this process; bad input becomes a `failed` row."""
    from extractors.pipeline import extract
    from flows.reading import ConversionError, convert

    path, started = Path(path), time.perf_counter()
    doc = new_document(path, doc_id)
    try:
        paged = convert(path)
    except ConversionError as exc:
        return failed(doc, str(exc), started)
    except MemoryError:
        raise                     # the worker reports it as `memory`
    except RecursionError:
        return failed(doc, "corrupt PDF: object graph too deep (self-referencing?)", started)
    except Exception as exc:      # never let one file stop the batch
        return failed(doc, f"conversion error: {type(exc).__name__}: {exc}", started)
    try:
        found = extract(paged, doc_id, source_name=path.name)
    except MemoryError:
        raise
    except Exception as exc:
        return failed(doc, f"extraction error: {type(exc).__name__}: {exc}", started)

    doc.doc_type, doc.body, doc.title = found.doc_type, found.body, found.title
    doc.meeting_date = found.meeting_date
    doc.organisation, doc.venue = found.organisation, found.venue
    doc.component_errors = found.component_errors
    doc.pages, doc.chars = paged.page_count, len(paged.text)
    doc.pages_ocr = sum(1 for s in paged.page_sources if s == "ocr")
    pages = [Page(doc_id=doc_id, page=i + 1, char_start=s, char_end=e,
                  text_source=paged.page_sources[i] if i < len(paged.page_sources) else "text",
                  text=paged.text[s:e],
                  note=paged.page_notes[i] if i < len(paged.page_notes) else "")
             for i, (s, e) in enumerate(paged.page_span(p) for p in range(1, paged.page_count + 1))]
    tables = {"pages": pages, "parts": found.parts, "items": found.items, **found.records}
    return DocumentResult(doc, tables, time.perf_counter() - started)
