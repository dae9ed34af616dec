"""The spaCy pipeline: `spacy.blank("en")` plus minutebook's registered components.

    nlp = build_nlp()
    result = extract(paged_text, doc_id="3f2a...", source_name="minutes.pdf", nlp=nlp)

`extract` runs the components and then `locate`s every record: fills its
doc_id, page, item, part, text source and stable row id from its character
span.  No extractor needs to know about pages or ids.

A component that raises on a document does not cost the document its other
rows: the components after it still run (on whatever the failed one left),
and `Extraction.component_errors` names the component and its error
("actions: TypeError: ...") for the `documents` table.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import spacy
from spacy.language import Language

# Importing the modules registers their component factories with spaCy.
from . import actions, dates, decisions, money, structure  # noqa: F401
from . import classifier  # noqa: F401  (after decisions and actions: it adds what their rules missed)
from .paged import PagedText
from .records import EXTRACTED, Item, Part, make_id
from .running import add_running_records
from .spans import records_of
from .tokens import TOKENIZER

COMPONENTS = (
    "minutebook_structure",
    "minutebook_dates",
    "minutebook_amounts",
    "minutebook_decisions",
    "minutebook_actions",
    "minutebook_clause_classifier",   # needs models/clause_classifier.joblib; a no-op without it
)


@dataclass
class Extraction:
    """Everything extracted from one document."""
    doc_type: str = "other"
    body: str = ""
    organisation: str = ""
    venue: str = ""
    title: str = ""
    meeting_date: str = ""
    items: list[Item] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    records: dict[str, list] = field(default_factory=dict)   # table name -> records
    # "<component>: <Error>: <message>" for each component that raised, joined by "; "
    component_errors: str = ""


def build_nlp(components: tuple[str, ...] = COMPONENTS) -> Language:
    # A blank English pipeline with minutebook's cheaper tokenizer (extractors/tokens.py says why).
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    # Agenda packs run to hundreds of pages; the blank tokenizer's memory is
    # modest, so lift spaCy's default 1M-character guard.
    nlp.max_length = 50_000_000
    # The components read the text with regular expressions, never a token's
    # lexical attributes (like_num, shape, is_punct, ...).  English computes
    # them for every new word, and every word of a document is new inside its
    # memory zone (`extract`): a sixth of extraction's time, spent for nothing.
    nlp.vocab.lex_attr_getters = {}
    for name in components:
        nlp.add_pipe(name)
    return nlp


_NLP: Language | None = None


def default_nlp() -> Language:
    """One pipeline per process: building it costs more than most documents."""
    global _NLP
    if _NLP is None:
        _NLP = build_nlp()
    return _NLP


_ERRORS = "minutebook_component_errors"    # doc.user_data key: list of one-line errors


def run_components(nlp: Language, text: str, source_name: str = ""):
    """Run every component; one that raises is recorded (`component_errors`), not fatal."""
    doc = nlp.make_doc(text)
    doc._.source_name = source_name
    errors = []
    for name, proc in nlp.pipeline:
        try:
            doc = proc(doc)
        except MemoryError:
            raise                      # the worker reports it as `memory`
        except Exception as exc:       # noqa: BLE001 - any bug in one component stays in it
            errors.append(f"{name.removeprefix('minutebook_')}: {type(exc).__name__}: "
                          + " ".join(str(exc).split())[:200])
    doc.user_data[_ERRORS] = errors
    return doc


def component_errors(doc) -> str:
    """The components that raised on `doc`, one "name: Error: message" each, "; "-joined."""
    return "; ".join(doc.user_data.get(_ERRORS, ()))


def extract(paged: PagedText, doc_id: str, source_name: str = "",
            nlp: Language | None = None) -> Extraction:
    nlp = nlp or default_nlp()
    # Every string a document adds to the pipeline's vocabulary is freed with
    # the document: a worker that reads thousands of papers in a night would
    # otherwise keep every name and number it ever saw.  Nothing returned
    # refers to the Doc (records are plain dataclasses).
    # The components read the flow: the text without its running lines
    # (headers, footers); their offsets are mapped back to the text below.
    flow = paged.flow()
    with nlp.memory_zone():
        doc = run_components(nlp, flow.text, source_name)
        items = records_of(doc, "items")
        parts = records_of(doc, "parts")
        result = Extraction(
            doc_type=doc._.doc_type,
            body=doc._.body,
            organisation=doc._.organisation,
            venue=doc._.venue,
            title=doc._.title,
            meeting_date=doc._.meeting_date.isoformat() if doc._.meeting_date else "",
            items=items,
            parts=parts,
            component_errors=component_errors(doc),
        )
        found = {kind: records_of(doc, kind) for kind in EXTRACTED}
        del doc
    flow.restore([*items, *parts, *(r for records in found.values() for r in records)])
    try:   # dates and amounts printed in running lines; a failure here costs only those rows
        add_running_records(paged, found, result.meeting_date)
    except Exception as exc:
        note = f"running lines: {type(exc).__name__}: {exc}"
        result.component_errors = "; ".join(filter(None, [result.component_errors, note]))
    _place_items(items, parts, paged, doc_id)
    item_index, part_index = SpanIndex(items), SpanIndex(parts)
    for kind, (_cls, id_column) in EXTRACTED.items():
        records = found[kind]
        for record in records:
            locate(record, kind, id_column, paged, doc_id, item_index, part_index)
        result.records[kind] = records
    return result


def _place_items(items: list[Item], parts: list[Part], paged: PagedText, doc_id: str) -> None:
    for part in parts:
        part.doc_id = doc_id
        # Stable across runs, like every row id: from the document and the part's span.
        part.part_id = part.part_id or make_id(doc_id, "part", part.char_start, part.char_end)
        part.page_start = paged.page_of(part.char_start)
        part.page_end = paged.page_of(max(part.char_start, part.char_end - 1))
    for item in items:
        item.doc_id = doc_id
        item.item_id = item.item_id or make_id(doc_id, "item", item.char_start, item.char_end)
        item.page_start = paged.page_of(item.char_start)
        item.page_end = paged.page_of(max(item.char_start, item.char_end - 1))
    part_index = SpanIndex(parts)
    for item in items:
        item.part_id = item.part_id or part_index.containing(item.char_start, "part_id")


class SpanIndex:
    """Items or parts (sorted by start) by the offsets they contain; built once per document,
    so placing a 500-page pack's records stays linear in their number."""

    def __init__(self, spans: list):
        self.spans = spans
        self.starts = [s.char_start for s in spans]

    def containing(self, offset: int, attr: str) -> str:
        """`attr` of the last span that contains `offset`, or ""."""
        spans = self.spans
        i = bisect_right(self.starts, offset) - 1
        while i >= 0:
            if spans[i].char_start <= offset < spans[i].char_end:
                return getattr(spans[i], attr)
            i -= 1
        return ""


def locate(record, kind: str, id_column: str, paged: PagedText, doc_id: str,
           items: SpanIndex, parts: SpanIndex) -> None:
    """Fill a record's document-level fields from its character span."""
    record.doc_id = doc_id
    record.page = paged.page_of(record.char_start)
    record.text_source = paged.source_of(record.char_start)
    if not record.item_id:
        record.item_id = items.containing(record.char_start, "item_id")
    if not record.part_id:
        record.part_id = parts.containing(record.char_start, "part_id")
    extra = getattr(record, "role", "") or getattr(record, "label", "")
    setattr(record, id_column, make_id(doc_id, kind, record.char_start, record.char_end, extra))
