"""Text that remembers its pages: the hand-over between conversion and extraction.

The document text is the pages' texts joined in order; `page_starts[i]` is the
offset of page i+1.  Any character span of the text maps back to its page.
"""
from __future__ import annotations

from bisect import bisect_right
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

    @classmethod
    def from_pages(cls, pages: list[str], sources: list[str] | None = None,
                   notes: list[str] | None = None) -> "PagedText":
        """Join page texts, keeping each page's start offset."""
        starts, parts, offset = [], [], 0
        for i, page in enumerate(pages):
            if i:
                parts.append(PAGE_SEPARATOR)
                offset += len(PAGE_SEPARATOR)
            starts.append(offset)
            parts.append(page)
            offset += len(page)
        return cls(
            text="".join(parts),
            page_starts=starts or [0],
            page_sources=list(sources) if sources else ["text"] * max(1, len(pages)),
            page_notes=list(notes) if notes else [""] * max(1, len(pages)),
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
