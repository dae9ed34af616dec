"""A crafted corpus of odd PDFs: files that are valid, nearly valid or hostile in ways real PDF
libraries' test suites exercise (broken cross-references, wrong lengths, odd page trees,
strange fonts and encodings, loops, bombs).  `build(folder)` writes them all and returns
their paths; the test runs them in one batch.  Built by hand, so no PDF library is needed.
"""
from __future__ import annotations

import zlib
from pathlib import Path

from tests.badfiles import _FONT, _pdf, _stream
from tests import badfiles

_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGES1 = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
_PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>")
_TEXT = b"BT /F1 12 Tf 72 720 Td (RESOLVED: That the report be noted.) Tj ET"


def _one_page(content: bytes = _TEXT, page: bytes = _PAGE, font: bytes = _FONT, extra: bytes = b"") -> bytes:
    return _pdf([_CATALOG, _PAGES1, page, _stream(content, extra), font])


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def build(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = badfiles.text_pdf(folder, "control.pdf")
    made = [good]
    w = lambda name, data: made.append(_write(folder, name, data))   # noqa: E731

    whole = _one_page()
    w("no-xref.pdf", whole[:whole.index(b"xref")] + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
    w("xref-offsets-wrong.pdf", whole.replace(b"0000000015 00000 n", b"0000009999 00000 n"))
    w("startxref-past-end.pdf", whole.replace(b"startxref\n", b"startxref\n99999999").rsplit(b"\n", 3)[0]
      + b"\n%%EOF\n")
    w("length-too-long.pdf", _pdf([_CATALOG, _PAGES1, _PAGE,
                                   b"<< /Length 99999 >>\nstream\n" + _TEXT + b"\nendstream", _FONT]))
    w("length-negative.pdf", _pdf([_CATALOG, _PAGES1, _PAGE,
                                   b"<< /Length -5 >>\nstream\n" + _TEXT + b"\nendstream", _FONT]))
    w("length-indirect-missing.pdf", _pdf([_CATALOG, _PAGES1, _PAGE,
                                           b"<< /Length 99 0 R >>\nstream\n" + _TEXT + b"\nendstream", _FONT]))
    w("bad-flate.pdf", _one_page(b"\x78\x9c garbage that is not deflate", extra=b"/Filter /FlateDecode "))
    w("unknown-filter.pdf", _one_page(_TEXT, extra=b"/Filter /NoSuchDecode "))
    w("filter-chain.pdf", _one_page(zlib.compress(zlib.compress(_TEXT)),
                                    extra=b"/Filter [/FlateDecode /FlateDecode] "))
    w("root-not-catalog.pdf", _pdf([b"<< /Type /Font >>", _PAGES1, _PAGE, _stream(_TEXT), _FONT]))
    w("root-missing.pdf", _pdf([_CATALOG, _PAGES1, _PAGE, _stream(_TEXT), _FONT], root=42))
    w("pages-not-dict.pdf", _pdf([_CATALOG, b"[1 2 3]", _PAGE, _stream(_TEXT), _FONT]))
    w("kids-not-array.pdf", _pdf([_CATALOG, b"<< /Type /Pages /Kids 3 0 R /Count 1 >>", _PAGE,
                                  _stream(_TEXT), _FONT]))
    w("count-huge.pdf", _pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>", _PAGE,
                              _stream(_TEXT), _FONT]))
    w("zero-pages.pdf", _pdf([_CATALOG, b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    w("mediabox-odd.pdf", _one_page(page=_PAGE.replace(b"[0 0 612 792]", b"[612 792 0 -1e30]")))
    w("mediabox-missing.pdf", _one_page(page=_PAGE.replace(b"/MediaBox [0 0 612 792] ", b"")))
    w("font-missing.pdf", _one_page(page=_PAGE.replace(b"/Font << /F1 5 0 R >>", b"/Font << >>")))
    w("font-garbage.pdf", _one_page(font=b"<< /Type /Font /Subtype /Type0 /BaseFont /X "
                                         b"/DescendantFonts [99 0 R] /Encoding /Identity-H "
                                         b"/ToUnicode 98 0 R >>"))
    w("text-operators-broken.pdf", _one_page(b"BT /F1 Tf Td ) Tj ( ET ] [ << >> TJ Q q Q Q"))
    w("deep-arrays.pdf", _one_page(b"[" * 20000 + b"]" * 20000))
    w("huge-numbers.pdf", _one_page(b"BT /F1 1e308 Tf 1e308 -1e308 Td (x) Tj ET"))
    w("utf16-text.pdf", _one_page(b"BT /F1 12 Tf 72 720 Td <FEFF0052004500530020263A> Tj ET"))
    w("null-bytes.pdf", whole.replace(b"RESOLVED", b"RES\x00\x00\x00"))
    w("header-late.pdf", b"\x00" * 900 + whole)
    w("two-trailers.pdf", whole + b"trailer\n<< /Root 7 0 R /Size 1 >>\nstartxref\n0\n%%EOF\n")
    w("html-named-pdf.pdf", b"<!DOCTYPE html><html><body>%PDF moved</body></html>")
    w("only-header.pdf", b"%PDF-1.7\n")
    w("resources-loop.pdf", _pdf([_CATALOG, _PAGES1,
                                  b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                                  b"/Resources 3 0 R >>", _stream(_TEXT), _FONT]))
    made.append(badfiles.self_referencing(folder))
    made.append(badfiles.xobject_loop(folder))
    made.append(badfiles.flate_bomb(folder, megabytes=64))
    made.append(badfiles.truncated(folder, good))
    made.append(badfiles.image_only(folder))
    made.append(badfiles.empty(folder))
    made.append(badfiles.png_as_pdf(folder))
    return made
