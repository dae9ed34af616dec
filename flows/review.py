"""Officers' review: the review.xlsx workbook, its import, and applying stored reviews.

The workbook is regenerated with the tables on every run; the officers'
answers are not.  `minutebook review import review.xlsx` copies the review
columns into a store beside the tables, `reviews.sqlite`, which a run reads
and never rewrites.  Each review is keyed by the row id the workbook showed
(track_id, decision_id, amount_id) and also keeps the row's document, span and
text, so that when an extractor change alters the id the review re-attaches
to the row over the same words of the same paper.  A review is never dropped:
one that finds no row is kept and reported as `unattached`.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from flows.similarity import similarity

STORE_NAME = "reviews.sqlite"
WORKBOOK_NAME = "review.xlsx"
# The columns an officer fills in, by their header in the workbook.
REVIEW_HEADERS = {"correct?": "correct", "corrected owner": "owner",
                  "corrected due date": "due_date", "note": "note"}
STORE_COLUMNS = ["table_name", "row_id", "doc_id", "file", "char_start", "char_end", "text",
                 "correct", "owner", "due_date", "note", "imported_at"]


@dataclass
class Sheet:
    """One workbook sheet: which table it shows and the columns an officer sees."""
    title: str
    table: str
    id_column: str
    columns: list[tuple[str, str, int]]     # (header, source column, width)
    review_headers: tuple[str, ...]


SHEETS = [
    Sheet("Open actions", "action_tracks", "track_id", [
        ("overdue", "overdue", 9), ("action", "text", 60), ("owner", "owner", 18), ("due date", "due_date", 12),
        ("status", "status", 14), ("minute", "minute", 8), ("body", "body", 22), ("first raised", "first_raised", 12),
        ("last seen", "last_seen", 12), ("days open", "days_open", 9), ("file", "file", 28), ("page", "page", 6),
        ("source sentence", "evidence", 70)],
        ("correct?", "corrected owner", "corrected due date", "note")),
    Sheet("Decisions", "decisions", "decision_id", [
        ("meeting date", "meeting_date", 12), ("body", "body", 22), ("item", "item_title", 28),
        ("recommendation", "recommendation", 50), ("resolution", "resolution", 50), ("outcome", "outcome", 20),
        ("similarity", "similarity", 9), ("file", "file", 28), ("page", "page", 6),
        ("source sentence", "evidence", 70)],
        ("correct?", "note")),
    Sheet("Money", "amounts", "amount_id", [
        ("amount", "text", 16), ("value (£)", "value_gbp", 14), ("period", "period", 10),
        ("fiscal year", "fiscal_year", 10), ("file", "file", 28), ("page", "page", 6),
        ("source sentence", "evidence", 70)],
        ("correct?", "note")),
]
# Hidden columns that let a review re-attach when a row id changes.
_LOCATOR = [("row_id", 18), ("doc_id", 18), ("char_start", 10), ("char_end", 10)]


# ---------------------------------------------------------------- the store
def open_store(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE IF NOT EXISTS reviews (table_name TEXT, row_id TEXT, doc_id TEXT, file TEXT, "
                "char_start INTEGER, char_end INTEGER, text TEXT, correct TEXT, owner TEXT, due_date TEXT, "
                "note TEXT, imported_at TEXT, PRIMARY KEY (table_name, row_id))")
    return con


def load_reviews(store: Path) -> pd.DataFrame:
    if not Path(store).exists():
        return pd.DataFrame(columns=STORE_COLUMNS)
    con = open_store(Path(store))
    try:
        return pd.read_sql_query("SELECT * FROM reviews ORDER BY table_name, row_id", con)
    finally:
        con.close()


def store_reviews(rows: list[dict], store: Path, overwrite: bool = True) -> int:
    """Upsert reviews; an empty answer never erases a stored one.  Returns rows written."""
    con = open_store(Path(store))
    written = 0
    try:
        for row in rows:
            old = con.execute("SELECT correct, owner, due_date, note FROM reviews WHERE table_name=? AND row_id=?",
                              (row["table_name"], row["row_id"])).fetchone()
            merged = dict(row)
            if old:
                for key, value in zip(("correct", "owner", "due_date", "note"), old):
                    if not merged.get(key) or (value and not overwrite):
                        merged[key] = value or ""
                if tuple(merged[k] or "" for k in ("correct", "owner", "due_date", "note")) == \
                        tuple(v or "" for v in old):
                    continue
            con.execute(f"INSERT OR REPLACE INTO reviews VALUES ({', '.join('?' * len(STORE_COLUMNS))})",
                        [merged.get(c, "") for c in STORE_COLUMNS])
            written += 1
        con.commit()
    finally:
        con.close()
    return written


# ---------------------------------------------------------------- import
def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    return " ".join(str(value).split())


def normalise_correct(value: str) -> str:
    """yes / no from what an officer types: "Y", "no", "wrong", "✓", "x"."""
    v = value.strip().lower()
    if v in ("y", "yes", "true", "1", "ok", "correct", "right", "✓", "✔"):
        return "yes"
    if v in ("n", "no", "false", "0", "wrong", "incorrect", "x", "✗", "✘"):
        return "no"
    return v


def parse_due(value) -> str | None:
    """The ISO date an officer typed as a due date, read by the extractors' own date parser
    (extractors/dates.py): "31/03/2022", "31 March 2022", "Fri 1 April 2022" -> that day;
    "March 2022" -> its last day (due by the end of the month).  None for anything else:
    "next Tuesday-ish", "31/02/2026", "end of March" (no year), several dates, a financial year."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = " ".join(str(value or "").split())
    if not text:
        return None
    from extractors.dates import find_dates

    found = [m for m in find_dates(text) if m.granularity in ("day", "month", "fiscal_year", "quarter")]
    if len(found) != 1 or found[0].granularity not in ("day", "month"):
        return None
    mention = found[0]
    rest = (text[:mention.char_start] + text[mention.char_end:]).strip(" ,.").lower()
    if rest not in ("", "by", "before", "on", "due", "due by", "no later than", "end of"):
        return None                        # "2 weeks after 31 March 2022": a date, but not the due date
    return mention.end_date if mention.granularity == "month" else mention.start_date


def normalise_due(value: str) -> str:
    """ISO date from a typed due date; '' when it cannot be read as one (see parse_due)."""
    return parse_due(value) or ""


class ReviewImportError(ValueError):
    """The workbook cannot be imported; the message says why and what to do."""


@dataclass
class ImportResult:
    rows: list[dict]
    problems: list[str]                   # rows kept with a note, duplicates: reported, not fatal


def _open_workbook(path: Path):
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        if isinstance(exc, (FileNotFoundError, PermissionError, IsADirectoryError)):
            raise
        raise ReviewImportError(f"{path} is not a review workbook (.xlsx) that minutebook can read "
                                f"({type(exc).__name__}); import the review.xlsx a run wrote, saved "
                                "as Excel Workbook (.xlsx)") from exc


def read_workbook_checked(path: Path) -> ImportResult:
    """Every row with a review answer, as store rows, and what was wrong with the others.

    Raises ReviewImportError for a file that is not a workbook, a sheet minutebook did not write,
    or a sheet whose header row is gone (its answers could not be placed)."""
    book = _open_workbook(path)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out: list[dict] = []
    problems: list[str] = []
    known = {sheet.title: sheet for sheet in SHEETS}
    try:
        unknown = [name for name in book.sheetnames if name not in known]
        if unknown:
            raise ReviewImportError(
                f"{Path(path).name}: sheet {', '.join(repr(u) for u in unknown)} is not one minutebook "
                f"writes ({', '.join(known)}); move other notes to another file and import again")
        for name in book.sheetnames:
            sheet = known[name]
            rows = book[name].iter_rows(values_only=True)
            header = [(_cell_text(h)).lower() for h in next(rows, [])]
            col = {h: i for i, h in enumerate(header)}
            missing = [h for h in ("row_id", *sheet.review_headers) if h not in col]
            if missing:
                raise ReviewImportError(
                    f"{Path(path).name}, sheet '{name}': the header row is missing or changed (no "
                    f"{', '.join(repr(m) for m in missing)} column); restore row 1 from the review.xlsx "
                    "of the last run and import again")
            text_col = next((h for h, src, _ in sheet.columns if src in ("text", "evidence")), None)
            seen: dict[str, tuple[int, dict]] = {}
            for number, values in enumerate(rows, start=2):
                def get(h, raw=False):
                    if h not in col or col[h] >= len(values):
                        return None if raw else ""
                    return values[col[h]] if raw else _cell_text(values[col[h]])
                answers = {REVIEW_HEADERS[h]: get(h) for h in sheet.review_headers}
                if not get("row_id") or not any(answers.values()):
                    continue
                answers["correct"] = normalise_correct(answers.get("correct", ""))
                if "due_date" in answers and answers["due_date"]:
                    typed = get("corrected due date", raw=True)
                    iso = parse_due(typed)
                    if iso is None:
                        note = answers.get("note", "")
                        answers["note"] = f"{note}{'; ' if note else ''}due date as typed: {answers['due_date']}"
                        problems.append(f"'{name}' row {number}: due date '{answers['due_date']}' is not a "
                                        "date minutebook can read; kept in the note, due date unchanged")
                        answers["due_date"] = ""
                    else:
                        answers["due_date"] = iso
                row_id = get("row_id")
                key_answers = {k: answers.get(k, "") for k in ("correct", "owner", "due_date", "note")}
                if row_id in seen:
                    first, earlier = seen[row_id]
                    if earlier != key_answers:
                        problems.append(f"'{name}' rows {first} and {number} answer the same row "
                                        f"({row_id}) differently; row {number} (the lower one) is kept")
                    out = [r for r in out if not (r["table_name"] == sheet.table and r["row_id"] == row_id)]
                seen[row_id] = (number, key_answers)
                out.append({"table_name": sheet.table, "row_id": row_id, "doc_id": get("doc_id"),
                            "file": get("file"), "char_start": _to_int(get("char_start")),
                            "char_end": _to_int(get("char_end")),
                            "text": _review_text(sheet.table, get("amount"), get("source sentence")
                                                 or (get(text_col) if text_col else "")),
                            "owner": "", "note": "", **answers, "imported_at": stamp})
    finally:
        book.close()
    return ImportResult(out, problems)


def read_workbook(path: Path) -> list[dict]:
    """Every row of the workbook with at least one review answer, as store rows."""
    return read_workbook_checked(path).rows


def _review_text(table: str, amount: str, sentence: str) -> str:
    """The words a review re-attaches by: the sentence, led by the amount itself for Money rows
    (one sentence often holds several amounts)."""
    return f"{amount} :: {sentence}" if table == "amounts" and amount else sentence


def import_review(path: Path, store: Path | None = None, overwrite: bool = True
                  ) -> tuple[int, Path, list[str]]:
    """Store the workbook's review answers; returns (rows written, store path, problems reported)."""
    path = Path(path)
    if unchanged_since_written(path):
        # The workbook a run wrote, untouched: its answers are the stored ones.  Reading 10,000
        # rows with openpyxl takes seconds; a run imports the last workbook every time.
        return 0, Path(store) if store else default_store(path), []
    result = read_workbook_checked(path)
    store = Path(store) if store else default_store(path)
    return store_reviews(result.rows, store, overwrite=overwrite), store, result.problems


def _written_mark(path: Path) -> Path:
    return Path(path).parent / f".{Path(path).name}.sha256"


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def unchanged_since_written(path: Path) -> bool:
    """True when `path` is byte for byte the workbook write_workbook last saved there."""
    mark = _written_mark(path)
    try:
        return mark.read_text(encoding="ascii").strip() == _sha256(path)
    except OSError:
        return False


def import_workbook(path: Path, store: Path | None = None, overwrite: bool = True) -> tuple[int, Path]:
    """Store the workbook's review answers; returns (rows written, store path)."""
    written, store, _problems = import_review(path, store, overwrite)
    return written, store


_OUT_MARK = "minutebook output folder: "


def default_store(workbook: Path) -> Path:
    """The store of the output folder the workbook was written into (recorded in its properties),
    so a copy saved elsewhere still updates the run's reviews; else the folder it is in."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(workbook, read_only=True)
        description = book.properties.description or ""
        book.close()
    except Exception:
        description = ""
    if description.startswith(_OUT_MARK):
        out_dir = Path(description[len(_OUT_MARK):].strip())
        if out_dir.is_dir():
            return out_dir / STORE_NAME
    return Path(workbook).parent / STORE_NAME


def _to_int(value):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- applying
class RowFinder:
    """Finds the row a review belongs to among `candidates` (id_column, target_column, doc_id,
    file, char_start, char_end, text): by id first (a dict look-up), else over the same
    document's rows only, so applying many reviews costs little more than reading them."""

    def __init__(self, candidates: pd.DataFrame, id_column: str, target_column: str):
        self.target_column = target_column
        records = candidates.to_dict("records")
        self.by_id: dict[str, str] = {}
        self.by_doc: dict[str, list[dict]] = {}
        self.by_file: dict[str, list[dict]] = {}
        for pos, row in enumerate(records):
            row["_pos"] = pos
            self.by_id.setdefault(row[id_column], str(row[target_column]))
            self.by_doc.setdefault(row["doc_id"], []).append(row)
            self.by_file.setdefault(row["file"], []).append(row)

    def find(self, review: dict) -> tuple[str, str]:
        """The target id and how it was found: id / span / text / ("", unattached)."""
        if review["row_id"] in self.by_id:
            return self.by_id[review["row_id"]], "id"
        rows = self.by_doc.get(review.get("doc_id") or "\0", []) + self.by_file.get(review.get("file") or "\0", [])
        same_doc = sorted({row["_pos"]: row for row in rows}.values(), key=lambda row: row["_pos"])
        best, best_score, how = "", 0.0, "unattached"
        rs, re_ = _to_int(review.get("char_start")), _to_int(review.get("char_end"))
        mine = str(review.get("text") or "")
        for row in same_doc:
            theirs = str(row.get("text") or "")
            if " :: " in mine and " :: " in theirs and mine.split(" :: ")[0] != theirs.split(" :: ")[0]:
                continue   # another amount of the same sentence
            cs, ce = _to_int(row.get("char_start")), _to_int(row.get("char_end"))
            if row["doc_id"] == review.get("doc_id") and None not in (rs, re_, cs, ce):
                overlap = min(re_, ce) - max(rs, cs)
                shortest = max(1, min(re_ - rs, ce - cs))
                if overlap > 0 and overlap / shortest >= 0.5 and 1 + overlap / shortest > best_score:
                    best, best_score, how = str(row[self.target_column]), 1 + overlap / shortest, "span"
                    continue
            score = similarity(mine, theirs)
            if score >= 0.6 and score > best_score:
                best, best_score, how = str(row[self.target_column]), score, "text"
        return best, how


def find_row(review: dict, candidates: pd.DataFrame, id_column: str, target_column: str
             ) -> tuple[str, str]:
    """The target id a review belongs to and how it was found: id / span / text / ("", unattached).

    `candidates` has id_column, target_column, doc_id, file, char_start,
    char_end and text: the rows a review may have been made on.
    """
    if candidates.empty:
        return "", "unattached"
    return RowFinder(candidates, id_column, target_column).find(review)


def _candidates(frames: dict[str, pd.DataFrame], table: str) -> tuple[pd.DataFrame, str, str]:
    """Rows a review of `table` may point at: (frame, id column, target column)."""
    cols = ["doc_id", "file", "char_start", "char_end", "text"]
    docs = frames.get("documents", pd.DataFrame(columns=["doc_id", "source_path"]))
    files = dict(zip(docs["doc_id"], docs["source_path"]))
    if table == "action_tracks":
        hist = frames["action_history"].rename(columns={"sighting_id": "row_id"})
        tracks = frames["action_tracks"].assign(row_id=frames["action_tracks"]["track_id"])
        both = pd.concat([tracks.assign(text=tracks["evidence"]), hist.assign(text=hist["evidence"])],
                         ignore_index=True)
        return both[["row_id", "track_id", *cols]], "row_id", "track_id"
    if table == "decisions":
        d = frames["decisions"]
        return d.assign(text=d["evidence"])[["decision_id", *cols]], "decision_id", "decision_id"
    a = frames["amounts"]
    # the workbook stored the amount's sentence, so compare sentences, not "£23.3m" with a sentence
    a = a.assign(file=a["doc_id"].map(files).fillna(""),
                 text=[_review_text("amounts", t, e) for t, e in zip(a["text"], evidence_column(a, frames))])
    return a[["amount_id", *cols]], "amount_id", "amount_id"


def apply_reviews(frames: dict[str, pd.DataFrame], store: Path) -> dict[str, pd.DataFrame]:
    """Stored reviews laid over the tables; adds a `reviews` table saying where each attached.

    A corrected owner or due date replaces the extracted one (which stays in
    owner_extracted / due_date_extracted); a row marked wrong stays, with
    review = "wrong".
    """
    out = dict(frames)
    if "amounts" in out:
        out["amounts"] = out["amounts"].copy()
        for col in ("review", "review_note"):
            if col not in out["amounts"].columns:
                out["amounts"][col] = pd.Series([""] * len(out["amounts"]), dtype="string")
    for name in ("action_tracks", "decisions"):
        if name in out:
            out[name] = out[name].copy()
    # Oldest first: when two stored reviews land on one row (an answer re-attached after an id
    # change, then answered again under the new id) the newest answer is applied last and wins.
    reviews = load_reviews(store).sort_values("imported_at", kind="stable").reset_index(drop=True)
    attached, hows, finders = [], [], {}
    changes: dict[str, dict[str, dict]] = {}       # table -> target id -> column -> value (newest wins)
    for review in reviews.to_dict("records"):
        table = review["table_name"]
        if table not in out or (table == "action_tracks" and "action_history" not in out):
            attached.append(""), hows.append("unattached")
            continue
        if table not in finders:   # once per table: reviews share them
            cands, id_col, target = _candidates(out, table)
            finders[table] = RowFinder(cands, id_col, target)
        target_id, how = finders[table].find(review)
        attached.append(target_id), hows.append(how)
        if not target_id:
            continue
        change = changes.setdefault(table, {}).setdefault(target_id, {})
        verdict = {"yes": "correct", "no": "wrong"}.get(review.get("correct") or "", review.get("correct") or "")
        if verdict:
            change["review"] = verdict
        if review.get("note"):
            change["review_note"] = review["note"]
        if table == "action_tracks":
            if review.get("owner"):
                change["owner"] = review["owner"]
            if review.get("due_date"):
                change["due_date"] = review["due_date"]
    for table, by_target in changes.items():
        df = out[table]
        key = {"action_tracks": "track_id", "decisions": "decision_id", "amounts": "amount_id"}[table]
        ids = df[key].astype(str)
        for column in ("review", "review_note", "owner", "due_date"):
            values = {t: c[column] for t, c in by_target.items() if column in c}
            if not values:
                continue
            mask = ids.isin(values.keys())
            if column not in df.columns:
                df[column] = pd.Series([""] * len(df), index=df.index, dtype="string")
            df.loc[mask, column] = ids[mask].map(values)
        if table == "action_tracks":
            from flows.tracking import recompute_track

            redated = {t for t, c in by_target.items() if "due_date" in c}
            for idx in df.index[ids.isin(redated)]:
                df.at[idx, "days_open"], df.at[idx, "overdue"] = recompute_track(df.loc[idx].to_dict())
    table = reviews.copy()
    table["attached_to"] = pd.Series(attached, dtype="string")
    table["match"] = pd.Series(hows, dtype="string")
    for col in table.columns:
        table[col] = (pd.to_numeric(table[col], errors="coerce").astype("Int64") if col in ("char_start", "char_end")
                      else table[col].astype("string").fillna(""))
    out["reviews"] = table
    return out


# ---------------------------------------------------------------- the workbook
def _sheet_rows(sheet: Sheet, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    df = frames.get(sheet.table, pd.DataFrame())
    if df.empty:
        return df
    df = df.copy()
    docs = frames.get("documents", pd.DataFrame(columns=["doc_id", "source_path"]))
    if "file" not in df.columns:
        df["file"] = df["doc_id"].map(dict(zip(docs["doc_id"], docs["source_path"]))).fillna("")
    if "evidence" not in df.columns:
        df["evidence"] = evidence_column(df, frames)
    if sheet.table == "action_tracks":
        df = df[df["state"] != "closed"]
        df = df.assign(_o=~df["overdue"].fillna(False).astype(bool)).sort_values(
            ["_o", "due_date", "first_raised"]).drop(columns="_o")
    return df


def evidence_column(df: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> list[str]:
    from flows.tracking.context import Context

    ctx = Context({k: frames[k] for k in ("documents", "pages", "parts", "items") if k in frames})
    def column(name, default=None):       # only the four columns read: to_dict of a wide frame is slow
        return df[name].tolist() if name in df.columns else [default] * len(df)

    return [ctx.evidence(d, s, e, t) for d, s, e, t in
            zip(column("doc_id"), column("char_start"), column("char_end"), column("text", ""))]


def write_workbook(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    """review.xlsx: Open actions (overdue first, highlighted), Decisions, Money.

    Stored answers are filled in, so a regenerated workbook keeps them.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    stored = frames.get("reviews", pd.DataFrame(columns=[*STORE_COLUMNS, "attached_to"]))
    answers = {(r["table_name"], r["attached_to"]): r for r in stored.to_dict("records") if r.get("attached_to")}
    book = Workbook()
    book.remove(book.active)
    book.properties.title = "minutebook review"
    book.properties.description = _OUT_MARK + str(Path(path).resolve().parent)
    bold, overdue_fill = Font(bold=True), PatternFill("solid", fgColor="F8CBAD")
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.title)
        headers = [h for h, _, _ in sheet.columns] + list(sheet.review_headers) + [h for h, _ in _LOCATOR]
        widths = [w for _, _, w in sheet.columns] + [16] * len(sheet.review_headers) + [w for _, w in _LOCATOR]
        ws.append(headers)
        for i, (cell, width) in enumerate(zip(ws[1], widths), start=1):
            cell.font, cell.fill = bold, header_fill
            ws.column_dimensions[get_column_letter(i)].width = width
        df = _sheet_rows(sheet, frames)
        # The row just appended, counted here: ws.max_row scans every cell (quadratic over a sheet).
        current = ws.max_row
        for row in ([] if df.empty else df.to_dict("records")):
            row_id = str(row[sheet.id_column])
            given = answers.get((sheet.table, row_id), {})
            values = [_excel_number(row.get(src)) if src in NUMBER_COLUMNS else _excel_value(row.get(src))
                      for _, src, _ in sheet.columns]
            values += [_stored_answer(given, REVIEW_HEADERS[h]) for h in sheet.review_headers]
            values += [row_id, row.get("doc_id", ""), _excel_value(row.get("char_start")),
                       _excel_value(row.get("char_end"))]
            ws.append(values)
            current += 1
            # ws.cell, not ws[current]: a row look-up scans every cell for the width (quadratic)
            cells = [ws.cell(row=current, column=i) for i in range(1, len(values) + 1)]
            for cell in cells:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value[:1] in FORMULA_STARTS):
                    cell.data_type = "s"      # text, never a live formula (a cell may hold "=HYPERLINK(...)")
            ws.row_dimensions[current].height = row_height(values, widths)
            if sheet.table == "action_tracks" and bool(row.get("overdue")) is True:
                for cell in cells:
                    cell.fill = overdue_fill
        for i, (_, src, _) in enumerate(sheet.columns, start=1):
            if src in NUMBER_COLUMNS:
                for (cell,) in ws.iter_rows(min_row=2, max_row=ws.max_row, min_col=i, max_col=i):
                    cell.number_format = NUMBER_COLUMNS[src]
        wrap = Alignment(wrap_text=True, vertical="top")     # one style object: openpyxl interns it
        for col_cells in ws.iter_cols(min_row=2, max_row=ws.max_row):
            for cell in col_cells:
                cell.alignment = wrap
        first_locator = len(sheet.columns) + len(sheet.review_headers) + 1
        for i in range(first_locator, first_locator + len(_LOCATOR)):
            ws.column_dimensions[get_column_letter(i)].hidden = True
        ws.freeze_panes = "A2"
        ws.page_setup.orientation = "landscape"           # printed: all visible columns on the page width
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"
        correct_col = get_column_letter(len(sheet.columns) + 1)
        check = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
        ws.add_data_validation(check)
        check.add(f"{correct_col}2:{correct_col}{max(ws.max_row, 2) + 500}")
    from flows.atomic import atomic_output

    path = Path(path)
    with atomic_output(path) as tmp:   # atomic, with the umask's mode: Excel never sees half a workbook
        book.save(tmp)
    try:
        _written_mark(path).write_text(_sha256(path) + "\n", encoding="ascii")
    except OSError:
        pass                # without the mark the next run only reads the workbook again
    return path


def row_height(values: list, widths: list[int], line_points: float = 15.0, most_lines: int = 12) -> float:
    """Points for a row whose long cells wrap: neither Excel nor LibreOffice grows a row written
    without a height, so wrapped sentences would hide (or overlap) their neighbours."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and value:
            lines = max(lines, -(-len(value) // max(int(width), 1)))
    return line_points * min(lines, most_lines)


def _stored_answer(given: dict, key: str) -> str:
    value = str(given.get(key) or "")
    return value


# Text that a spreadsheet would read as a formula (OWASP's list): stored as text cells.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Columns written as number cells (so a workbook sums and sorts them), with their display format.
NUMBER_COLUMNS = {"value_gbp": "£#,##0.00"}


def _excel_number(value):
    """A number cell for a numeric value (a decimal string such as "2100000" included); else the text."""
    value = _excel_value(value)
    if isinstance(value, str):
        try:
            number = float(value.replace(",", ""))
        except ValueError:
            return value
        return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number
    return value


def _excel_value(value):
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return "yes" if value else ""
    return value
