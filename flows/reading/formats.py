"""Source files other than PDF: text files as they are.

Every reader returns a `PagedText` or raises `ConversionError` with a
one-line reason.
"""
from __future__ import annotations

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
        text = raw.decode("utf-8")
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
