"""Shared plumbing for the extractor components: records ride on spaCy spans.

Every extractor component puts its findings in `doc.spans[kind]`, one span per
record, with the record itself on `span._.record`.  The pipeline reads them
back with `records_of(doc, kind)`.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span


def _record_key(span: Span) -> tuple:
    # spaCy 3.8 keys a span's extension values by its character offsets alone, so a
    # resolution and the motion it was carried from (one span) would share one value;
    # the kind (label) and the record's index (span_id) keep them apart.
    return ("minutebook_record", span.label_, span.id, span.start_char, span.end_char)


def _get_record(span: Span):
    return span.doc.user_data.get(_record_key(span))


def _set_record(span: Span, record) -> None:
    span.doc.user_data[_record_key(span)] = record


if not Span.has_extension("record"):
    Span.set_extension("record", getter=_get_record, setter=_set_record)
for _name, _default in (("meeting_date", None), ("doc_type", ""), ("body", ""), ("organisation", ""), ("venue", ""),
                        ("title", ""), ("source_name", "")):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def set_records(doc: Doc, kind: str, records) -> None:
    """Store records as spans of `doc.spans[kind]` (one span each)."""
    spans = []
    for i, record in enumerate(records):
        token_span = doc.char_span(record.char_start, record.char_end, alignment_mode="expand")
        start, end = (token_span.start, token_span.end) if token_span is not None else (0, 0)
        # label and span_id are part of the record's key (_record_key): two records
        # on the same tokens (a range "£2m-£3m" is one token) keep their own values.
        span = Span(doc, start, end, label=kind, span_id=i)
        span._.record = record
        spans.append(span)
    doc.spans[kind] = spans


def records_of(doc: Doc, kind: str) -> list:
    if kind not in doc.spans:
        return []
    return [span._.record for span in doc.spans[kind]]
