"""Source files other than PDF: Word (.docx), web pages (.html), markdown and text.

Every reader returns a `PagedText` or raises `ConversionError` with a
one-line reason.  They give the text the PDF reader would give for the same
minutes: one line per paragraph, heading or list item, and a table row as one
line of tab-separated cells (a cell's paragraphs joined with spaces), so an
action log reads as one line per action in every format.  A list item keeps
the number or bullet a reader of the page sees ("3.", "(b)", "•"), which
Word and HTML generate rather than store.

- Word: python-docx, body paragraphs and tables in document order, cut into
  pages where Word last broke them (and at hard page breaks).  The first
  section's header and footer open and close every page as running lines
  (extractors/paged.py): their dates count on each page, their words stay
  out of the clauses.
- HTML: lxml's HTML parser (forgiving of the markup council sites publish);
  scripts, styles, navigation and the site's header and footer elements
  are left out (an article's own header, with its title, is kept).  A table whose rows hold one cell is page layout, not data:
  its cells are read as blocks.
- Markdown: rendered to HTML with markdown-it-py (CommonMark plus pipe
  tables) and read as HTML.
- Text: as it is; form feeds, if any, separate pages.
"""
from __future__ import annotations

import re
from pathlib import Path

from extractors.paged import PagedText
from flows.reading.errors import ConversionError


def read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConversionError(f"cannot read file: {exc.strerror or exc}") from None
    if not raw.strip():
        raise ConversionError("empty file")
    return raw


def decode(raw: bytes) -> str:
    """UTF-8, else Windows-1252 (what older office software writes); newlines normalised."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ConversionError("not a UTF-8 or Windows-1252 text file") from None
    if "\x00" in text:
        raise ConversionError("binary data in a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def convert_text(path: Path) -> PagedText:
    """A text file someone already converted; form feeds, if any, separate pages."""
    return PagedText.from_pages(decode(read_bytes(path)).split("\f"))


def _clean(text: str) -> str:
    """One line: whitespace runs (line breaks, tabs, non-breaking spaces) folded to a space."""
    return " ".join(text.split())


def from_lines(lines: list[str], header: list[str] = (), footer: list[str] = ()) -> PagedText:
    """One page of lines; `header` and `footer` lines are its running lines."""
    return from_pages_of_lines([lines], [(header, footer)])


def from_pages_of_lines(pages: list[list[str]], edges: list[tuple[list[str], list[str]]]) -> PagedText:
    """Pages of lines, each page with its (header, footer) lines as running lines.

    Pages with no text are left out (two page breaks in a row)."""
    texts, running = [], []
    for lines, (header, footer) in zip(pages, edges):
        # A row's empty last cells go, as in a PDF's table rows; its empty first cell stays.
        body = [line for line in (line.strip(" ").rstrip("\t") for line in lines) if line.strip("\t ")]
        if not body:
            continue
        top = [line for line in map(_clean, header) if line]
        bottom = [line for line in map(_clean, footer) if line]
        spans, offset = [], 0
        for i, line in enumerate(top + body + bottom):
            if i < len(top) or i >= len(top) + len(body):
                spans.append((offset, offset + len(line)))
            offset += len(line) + 1
        texts.append("\n".join(top + body + bottom))
        running.append(spans)
    if not texts:
        raise ConversionError("no text in the document")
    return PagedText.from_pages(texts, running=running)


# ---------------------------------------------------------------- list numbers

def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def list_number(n: int, kind: str) -> str:
    """The number `n` written as a list of `kind` numbers it: decimal, lowerLetter, upperRoman, ..."""
    kind = kind.lower()
    if "letter" in kind or kind == "a":
        text = _letters(n)
    elif "roman" in kind or kind == "i":
        text = _roman(n)
    else:
        return str(n)
    return text.upper() if kind[:1] == "u" or kind in ("A", "I") else text


# ---------------------------------------------------------------- Word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class WordNumbering:
    """The numbers Word draws before numbered paragraphs ("3.", "(b)", "•"), counted in order."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}   # (numId, ilvl) -> start, format, text
        self.counts: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for a in numbering.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in a.findall(f"{_W}lvl"):
                start = lvl.find(f"{_W}start")
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "")
            abstract[a.get(f"{_W}abstractNumId")] = levels
        for num in numbering.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            for ilvl, level in (levels or {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = level

    @staticmethod
    def _num_pr(paragraph):
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = paragraph.style
        while style is not None:                       # numbering set by the paragraph's style
            s_pr = style.element.pPr
            if s_pr is not None and s_pr.numPr is not None:
                return s_pr.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str:
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        level = self.levels.get((num_id, ilvl))
        if level is None:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        start, fmt, text = level
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl = self.levels.get((num_id, k), (1, "decimal", ""))
            return list_number(lvl[0] + max(0, counts[k] - 1), lvl[1])

        return re.sub(r"%(\d)", number, text) if text else f"{list_number(start + counts[ilvl] - 1, fmt)}."


PAGE_BREAK = "\f"      # between the lines of `_word_blocks`: a new page starts


def convert_docx(path: Path) -> PagedText:
    """A Word document's paragraphs and tables, in order, page by page.

    Pages break where Word broke them when it last laid the document out
    (it records each break in the file) and at hard page breaks; a file no
    word processor laid out (one a program wrote) is one page unless it has
    hard breaks.  Every page carries the section's header and footer."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    read_bytes(path)                                   # unreadable or empty: its own reason
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ConversionError(f"not a readable Word file (.docx): {exc}") from None
    numbering = WordNumbering(document)
    pages: list[list[str]] = [[]]
    for line in _word_blocks(document.iter_inner_content(), numbering, breaks=True):
        if line == PAGE_BREAK:
            if any(pages[-1]):
                pages.append([])
        else:
            pages[-1].append(line)
    edges = [([], [])] * len(pages)
    if document.sections:
        section = document.sections[0]
        usual = (_word_lines(section.header), _word_lines(section.footer))
        edges = [usual] * len(pages)
        if section.different_first_page_header_footer:
            edges[0] = (_word_lines(section.first_page_header), _word_lines(section.first_page_footer))
    return from_pages_of_lines(pages, edges)


def _word_lines(part) -> list[str]:
    """A header's or footer's paragraphs ("" when it has none of its own)."""
    return [] if part.is_linked_to_previous else [p.text for p in part.paragraphs]


def _word_blocks(blocks, numbering: WordNumbering, breaks: bool = False) -> list[str]:
    """The lines of Word paragraphs and tables; with `breaks`, `PAGE_BREAK` where a page ends."""
    from docx.table import Table

    lines = []
    for block in blocks:
        if isinstance(block, Table):
            lines += _word_table(block, numbering)
            continue
        parts = _paragraph_parts(block) if breaks else [block.text]
        p_pr = block._p.pPr
        if breaks and p_pr is not None and p_pr.pageBreakBefore:
            lines.append(PAGE_BREAK)
        label = numbering.label(block) if _clean("".join(parts)) else ""
        for i, part in enumerate(parts):
            if i:
                lines.append(PAGE_BREAK)
            text = _clean(part)
            lines.append(f"{label} {text}" if label and i == 0 and text else text)
    return lines


def _paragraph_parts(paragraph) -> list[str]:
    """A paragraph's text cut at its page breaks (hard ones and those Word rendered)."""
    parts = [""]
    # The paragraph's own runs (in links, insertions, fields, content controls),
    # not those of text boxes anchored in it.
    runs = paragraph._p.xpath("./w:r | ./*/w:r | ./w:sdt/w:sdtContent/w:r")
    for el in (child for run in runs for child in run):
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag == "t":
            parts[-1] += el.text or ""
        elif tag in ("tab", "cr") or (tag == "br" and el.get(f"{_W}type") != "page"):
            parts[-1] += " "
        elif tag == "noBreakHyphen":
            parts[-1] += "-"
        elif tag == "lastRenderedPageBreak" or tag == "br":
            parts.append("")
    return parts


def _word_table(table, numbering: WordNumbering) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:                   # a merged cell repeats
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        filled = [c for c in cells if _clean(c.text)]
        if len(filled) <= 1:                           # layout: one cell of blocks
            for cell in filled:
                lines += _word_blocks(cell.iter_inner_content(), numbering)
            continue
        lines.append("\t".join(" ".join(line for line in _word_blocks(c.iter_inner_content(), numbering) if line)
                               for c in cells))
    return lines


# ---------------------------------------------------------------- HTML and markdown

_SKIP = {"script", "style", "noscript", "template", "head", "nav", "header", "footer", "iframe",
         "object", "svg", "form", "button", "select"}
_BLOCK = {"p", "div", "section", "article", "main", "aside", "blockquote", "pre", "address",
          "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
          "caption", "figure", "figcaption", "hr", "body", "center", "fieldset"}


def convert_html(path: Path) -> PagedText:
    """A web page of minutes: its text blocks and table rows, one line each."""
    return from_lines(html_lines(read_bytes(path)))


def convert_markdown(path: Path) -> PagedText:
    """Markdown rendered to HTML (CommonMark with pipe tables), then read as a web page."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(decode(read_bytes(path)))
    return from_lines(html_lines(html))


def html_lines(raw: bytes | str) -> list[str]:
    import lxml.etree
    import lxml.html

    head = raw[:4096].lower() if isinstance(raw, bytes) else b""
    if isinstance(raw, bytes) and b"charset" not in head and b"encoding=" not in head:
        # No declared encoding: lxml would assume Latin-1; UTF-8 (else Windows-1252) is likelier.
        raw = decode(raw)
    try:
        root = lxml.html.document_fromstring(raw)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ConversionError(f"not a readable web page: {exc}") from None
    lines: list[str] = []
    _html_block(root, lines)
    return lines


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _html_block(element, lines: list[str]) -> None:
    """Append the lines of a block element's content to `lines`."""
    current: list[str] = []

    def flush():
        text = _clean("".join(current))
        if text:
            lines.append(text)
        current.clear()

    if element.text:
        current.append(element.text)
    list_kind, number = _list_style(element)
    for child in element:
        tag = _tag(child)
        if not tag or tag in _SKIP and not _article_part(child) or child.get("hidden") is not None:
            if child.tail:
                current.append(child.tail)
            continue
        if tag == "br":
            flush()
        elif tag == "table":
            flush()
            _html_table(child, lines)
        elif tag == "li":
            flush()
            before = len(lines)
            _html_block(child, lines)
            if len(lines) > before:
                label = "•" if list_kind is None else f"{list_number(number, list_kind)}."
                lines[before] = f"{label} {lines[before]}"
            number += 1
        elif tag in _BLOCK:
            flush()
            _html_block(child, lines)
        else:
            current.append(_inline_text(child))
        if child.tail:
            current.append(child.tail)
    flush()


def _article_part(element) -> bool:
    """A <header> or <footer> of an article (its title, its date), not of the site's page."""
    if _tag(element) not in ("header", "footer"):
        return False
    parent = element.getparent()
    while parent is not None:
        if _tag(parent) in ("article", "main"):
            return True
        parent = parent.getparent()
    return False


def _list_style(element) -> tuple[str | None, int]:
    """(number kind, first number) of an <ol>; (None, 1) for anything else."""
    if _tag(element) != "ol":
        return None, 1
    try:
        start = int(element.get("start", "1"))
    except ValueError:
        start = 1
    return element.get("type", "1"), start


def _inline_text(element) -> str:
    """The text of an inline element and all it holds (a <br> inside is a space)."""
    parts = []
    for piece in element.iter():
        tag = _tag(piece)
        if tag in _SKIP:
            continue
        if tag == "br":
            parts.append(" ")
        if piece is element or tag:
            parts.append(piece.text or "")
        if piece is not element:
            parts.append(piece.tail or "")
    return "".join(parts)


def _html_table(table, lines: list[str]) -> None:
    """A data table's rows as tab-separated lines; a layout table's cells as blocks."""
    rows = [tr for tr in table.iter("tr") if _owning_table(tr) is table]
    for tr in rows:
        cells = [c for c in tr if _tag(c) in ("td", "th")]
        texts = []
        for cell in cells:
            inner: list[str] = []
            _html_block(cell, inner)
            texts.append(inner)
        if sum(1 for t in texts if t) <= 1:
            for inner in texts:
                lines.extend(inner)
            continue
        lines.append("\t".join(" ".join(inner) for inner in texts))


def _owning_table(tr):
    parent = tr.getparent()
    while parent is not None and _tag(parent) != "table":
        parent = parent.getparent()
    return parent
