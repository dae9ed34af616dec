"""The one way minutebook writes an output file: whole or not at all, with the umask's mode.

Every output (tables, review.xlsx, report.html, cache and store files made by
copying) goes through `atomic_output` (a temporary path to write to, renamed
over the target when the writer returns) or `write_atomic` (bytes or text).
So a reader, or Excel, never sees half a file, and a killed run leaves the
previous file as it was.

Mode: `tempfile.mkstemp` creates files 0600, which left review.xlsx and
report.html unreadable for colleagues on a shared drive while every other
output was 0644.  The temporary file is given the mode an ordinary
`open(path, "w")` would get (0666 less the umask), so every output shares
one mode.
"""
from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_umask_lock = threading.Lock()


def file_mode() -> int:
    """0666 less the process's umask: the mode `open(path, "w")` gives a new file."""
    with _umask_lock:               # os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_output(path: str | Path, sync: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block ends without error, it replaces `path`.

        with atomic_output(out / "report.html") as tmp:
            tmp.write_text(html)

    On an error (or a kill) the temporary file is removed (or left as a
    hidden `.NAME.*.tmp`, which `clean_temporaries` removes) and `path` is
    untouched.
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, file_mode())
        if sync:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync:
        _fsync_dir(path.parent)


def write_atomic(path: str | Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write bytes or text to `path` atomically (see `atomic_output`)."""
    with atomic_output(path) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding=encoding)
        else:
            tmp.write_bytes(data)
    return Path(path)


def clean_temporaries(folder: str | Path) -> int:
    """Remove temporary files `atomic_output` left behind in `folder` (a killed writer); returns how many."""
    removed = 0
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    for item in folder.glob(".*.tmp"):
        if item.is_file():
            item.unlink(missing_ok=True)
            removed += 1
    return removed
