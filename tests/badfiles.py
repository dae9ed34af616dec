"""Functions that craft bad input files for the bad-input and isolation tests.

Each writes one file into a folder and returns its path.  The PDFs are built
by hand (objects + a computed xref), so the tests need no PDF library.
"""
from __future__ import annotations

import shutil
import subprocess
import zlib
from pathlib import Path


def _pdf(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file from numbered object bodies (object i+1 = objects[i]) with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root) + trailer_extra
            + b">>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(folder: Path, name: str = "good.pdf",
             text: str = "RESOLVED: That the Cabinet approve the budget of 1.2m.") -> Path:
    """A small valid one-page PDF with a text layer (the control case)."""
    content = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        _FONT,
    ])
    path = folder / name
    path.write_bytes(pdf)
    return path


def flate_bomb(folder: Path, name: str = "bomb.pdf", megabytes: int = 1024) -> Path:
    """A page whose FlateDecode content stream inflates to `megabytes` of spaces (~1000:1)."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    data = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(data, b"/Filter /FlateDecode "),
        _FONT,
    ])
    path = folder / name
    path.write_bytes(pdf)
    return path


def self_referencing(folder: Path, name: str = "loop.pdf") -> Path:
    """A page tree whose Pages node lists itself as its own kid, and a page whose parent is itself."""
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>",
        b"<< /Type /Page /Parent 3 0 R /Contents 3 0 R /Resources 3 0 R >>",
    ])
    path = folder / name
    path.write_bytes(pdf)
    return path


def truncated(folder: Path, source: Path, name: str = "truncated.pdf") -> Path:
    """The first third of a real PDF: no xref, no trailer, streams cut off."""
    data = source.read_bytes()
    path = folder / name
    path.write_bytes(data[: len(data) // 3])
    return path


def encrypted(folder: Path, source: Path, name: str = "encrypted.pdf") -> Path | None:
    """A real PDF encrypted with a user password by qpdf (None if qpdf is absent)."""
    if not shutil.which("qpdf"):
        return None
    path = folder / name
    subprocess.run(["qpdf", "--encrypt", "secret-user", "secret-owner", "256", "--", str(source), str(path)],
                   check=True, capture_output=True)
    return path


def empty(folder: Path, name: str = "empty.pdf") -> Path:
    path = folder / name
    path.write_bytes(b"")
    return path


def png_as_pdf(folder: Path, name: str = "picture.pdf") -> Path:
    """A real (tiny) PNG image given a .pdf name."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (len(body).to_bytes(4, "big") + kind + body
                + zlib.crc32(kind + body).to_bytes(4, "big"))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", b"\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
    path = folder / name
    path.write_bytes(png)
    return path


def image_only(folder: Path, name: str = "scan.pdf") -> Path:
    """A valid PDF whose only page shows an image and has no text layer."""
    pixels = zlib.compress(b"\x80" * (8 * 8))
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 500 0 0 700 50 50 cm /Im1 Do Q"),
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8 /Filter /FlateDecode "),
    ])
    path = folder / name
    path.write_bytes(pdf)
    return path


def undecodable_text(folder: Path, name: str = "binary.txt") -> Path:
    """A .txt file that is really binary data."""
    path = folder / name
    path.write_bytes(b"\x00\x01\x02\xff\xfe" * 200)
    return path


def bad_encoding_text(folder: Path, name: str = "mojibake.txt") -> Path:
    """A .txt file in no encoding we read: bytes UTF-8 rejects and Windows-1252 leaves undefined."""
    path = folder / name
    path.write_bytes(b"MINUTES of a meeting of the Cabinet \x81\x8d\x8f\x90\x9d held on 9 January 2025\n")
    return path


def dangling_link(folder: Path, name: str = "moved-away.txt") -> Path:
    """A .txt name that points at a file which no longer exists (unreadable, even as root)."""
    path = folder / name
    path.symlink_to(folder / "no-such-file.txt")
    return path


def xobject_loop(folder: Path, name: str = "xobject-loop.pdf") -> Path:
    """A page that draws a form XObject which draws itself: an endless recursion if followed."""
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (Loop) Tj ET /X1 Do"),
        _stream(b"BT /F1 12 Tf 72 700 Td (again) Tj ET /X1 Do",
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                b"/Resources << /XObject << /X1 5 0 R >> /Font << /F1 6 0 R >> >> "),
        _FONT,
    ])
    path = folder / name
    path.write_bytes(pdf)
    return path


def slow_page(folder: Path, name: str = "slow.pdf", operators: int = 400_000) -> Path:
    """One page of `operators` separate one-letter text objects: tiny on disk, slow to lay out.

    Stands in for a file whose parsing runs (practically) forever: the test
    gives it a time limit far below what it needs.
    """
    ops = b"".join(b"BT /F1 8 Tf %d %d Td (x) Tj ET\n" % (i % 600, (i // 600) % 780)
                   for i in range(operators))
    pdf = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(zlib.compress(ops, 9), b"/Filter /FlateDecode "),
        _FONT,
    ])
    path = folder / name
    path.write_bytes(pdf)
    return path
