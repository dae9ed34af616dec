"""PagedText: every character offset maps back to its page."""
from extractors.paged import PagedText


def test_offsets_map_back_to_their_pages():
    pages = ["MINUTES of a meeting of the Cabinet", "76. Apologies\nNo apologies were received.", "77. Declarations"]
    paged = PagedText.from_pages(pages)
    for number, page in enumerate(pages, start=1):
        start = paged.text.index(page)
        assert paged.page_of(start) == number
        assert paged.page_of(start + len(page) - 1) == number
        assert paged.page_text(number) == page


def test_page_sources_follow_offsets():
    paged = PagedText.from_pages(["typed page", "scanned page"], sources=["text", "ocr"])
    assert paged.source_of(paged.text.index("typed")) == "text"
    assert paged.source_of(paged.text.index("scanned")) == "ocr"
    assert paged.page_count == 2
