"""Text that remembers its pages: the hand-over between conversion and extraction.

The document text is the pages' texts joined in order; `page_starts[i]` is the
offset of page i+1.  Any character span of the text maps back to its page.

Running lines (headers and footers repeated at the top or bottom of the
pages) stay in `text` where they are printed, and `running` holds their
spans.  Two readings of one text:

- the record: every character, running lines included, so a date or amount
  printed in a header or footer is found with its true page and offsets, as
  often as it is printed;
- the flow (`flow()`): the text without its running lines, so a clause that
  runs over a page break reads on without "Minutes January 2026" in its
  middle, and a footer is never taken for a resolution or an action.

Why this and not a side channel of running lines kept outside `text`: a
record found in a side channel would have no offsets in the document text,
so the pages table, the evidence sentence and row ids could not point at it.
Here every offset, in either reading, is an offset of `text`: `Flow.restore`
maps the flow's offsets back (extractors/pipeline.py runs the components on
the flow, then the dates and amounts components on the running lines).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field


PAGE_SEPARATOR = "\n\n"


@dataclass
class PagedText:
    text: str
    page_starts: list[int] = field(default_factory=lambda: [0])
    # "text" or "ocr" per page, same length as page_starts
    page_sources: list[str] = field(default_factory=list)
    # Per-page reason a page could not be read (e.g. image page without OCR); "" if fine
    page_notes: list[str] = field(default_factory=list)
    # (start, end) of each running line (header, footer) in `text`, in order
    running: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def from_pages(cls, pages: list[str], sources: list[str] | None = None,
                   notes: list[str] | None = None,
                   running: list[list[tuple[int, int]]] | None = None) -> "PagedText":
        """Join page texts, keeping each page's start offset.

        `running[i]` holds the spans of page i's running lines, as offsets in
        that page's text."""
        starts, parts, offset = [], [], 0
        for i, page in enumerate(pages):
            if i:
                parts.append(PAGE_SEPARATOR)
                offset += len(PAGE_SEPARATOR)
            starts.append(offset)
            parts.append(page)
            offset += len(page)
        spans = [(starts[i] + s, starts[i] + e) for i, page_spans in enumerate(running or [])
                 for s, e in page_spans]
        return cls(
            text="".join(parts),
            page_starts=starts or [0],
            page_sources=list(sources) if sources else ["text"] * max(1, len(pages)),
            page_notes=list(notes) if notes else [""] * max(1, len(pages)),
            running=spans,
        )

    @property
    def page_count(self) -> int:
        return len(self.page_starts)

    def page_of(self, offset: int) -> int:
        """1-based page number holding character `offset`."""
        return max(1, bisect_right(self.page_starts, offset))

    def page_span(self, page: int) -> tuple[int, int]:
        start = self.page_starts[page - 1]
        end = self.page_starts[page] - len(PAGE_SEPARATOR) if page < self.page_count else len(self.text)
        return start, end

    def page_text(self, page: int) -> str:
        start, end = self.page_span(page)
        return self.text[start:end]

    def source_of(self, offset: int) -> str:
        if not self.page_sources:
            return "text"
        return self.page_sources[self.page_of(offset) - 1]

    def flow(self) -> "Flow":
        """The text without its running lines (each with one line break), and the way back."""
        return Flow.cut(self.text, self.running)

    def running_lines(self) -> list[tuple[int, str]]:
        """(offset in `text`, line) of each running line."""
        return [(s, self.text[s:e]) for s, e in self.running]


@dataclass
class Flow:
    """A text with some spans cut out, which maps its offsets back to the full text."""
    text: str
    at: list[int] = field(default_factory=list)        # flow offsets where text was cut
    shift: list[int] = field(default_factory=list)     # characters cut at or before each

    @classmethod
    def cut(cls, text: str, spans: list[tuple[int, int]]) -> "Flow":
        if not spans:
            return cls(text)
        # Lines next to each other (a footer of three lines) go as one block.
        blocks: list[list[int]] = []
        for start, end in spans:
            if blocks and text[blocks[-1][1]:start] == "\n":
                blocks[-1][1] = end
            else:
                blocks.append([start, end])
        parts, at, shift, last, removed = [], [], [], 0, 0
        for start, end in blocks:
            # A block goes with one line break: the one after it when body text
            # follows, else (at the end of a page) the one before it.
            if text[end:end + 1] == "\n" and text[end + 1:end + 2] not in ("\n", ""):
                end += 1
            elif start > last and text[start - 1] == "\n":
                start -= 1
            parts.append(text[last:start])
            at.append(start - removed)
            removed += end - start
            shift.append(removed)
            last = end
        parts.append(text[last:])
        return cls("".join(parts), at, shift)

    def start(self, offset: int) -> int:
        """Where a span starting at flow `offset` starts in the full text (after a cut there)."""
        i = bisect_right(self.at, offset)
        return offset + (self.shift[i - 1] if i else 0)

    def end(self, offset: int) -> int:
        """Where a span ending at flow `offset` ends in the full text (before a cut there)."""
        i = bisect_left(self.at, offset)
        return offset + (self.shift[i - 1] if i else 0)

    def restore(self, records) -> None:
        """Turn records' char_start/char_end from flow offsets into offsets of the full text."""
        if not self.at:
            return
        done: set[int] = set()
        for record in records:
            if id(record) not in done:       # a record listed twice moves once
                done.add(id(record))
                record.char_start, record.char_end = self.start(record.char_start), self.end(record.char_end)
