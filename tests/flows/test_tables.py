"""Table writing: exact columns, three formats, and no half-written output."""
import sqlite3
from decimal import Decimal

import pandas as pd
import pytest

from extractors.records import TABLES, Amount, Document, columns
from flows import tables


def _frames():
    doc = Document(doc_id="ab12cd34ef56ab78", source_path="corpora/pdfs/minutes.pdf", doc_type="minutes",
                   meeting_date="2025-01-09", pages=9)
    amount = Amount(text="£1.64m", value_gbp=str(Decimal("1640000")), char_start=10, char_end=16,
                    amount_id="0123456789abcdef", doc_id=doc.doc_id, page=3)
    return tables.build_frames({"documents": [doc], "amounts": [amount]})


def test_every_table_has_exactly_its_record_columns():
    frames = _frames()
    assert set(frames) == set(TABLES)
    for name, df in frames.items():
        assert list(df.columns) == columns(TABLES[name])


def test_three_formats_agree(tmp_path):
    tables.write_tables(_frames(), tmp_path)
    csv = pd.read_csv(tmp_path / "amounts.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(tmp_path / "amounts.parquet")
    with sqlite3.connect(tmp_path / "minutebook.sqlite") as con:
        row = con.execute("SELECT text, value_gbp, page FROM amounts").fetchone()
    assert csv.loc[0, "value_gbp"] == "1640000" == parquet.loc[0, "value_gbp"] == row[1]
    assert row == ("£1.64m", "1640000", 3)
    assert (tmp_path / "recommendations.csv").read_text().startswith("text,verb,label")


def test_failed_write_leaves_previous_tables(tmp_path, monkeypatch):
    tables.write_tables(_frames(), tmp_path)
    before = (tmp_path / "documents.csv").read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(tables, "write_sqlite", broken)
    frames = _frames()
    frames["documents"].loc[0, "doc_type"] = "agenda"
    with pytest.raises(OSError):
        tables.write_tables(frames, tmp_path)
    assert (tmp_path / "documents.csv").read_bytes() == before
    assert not [p for p in tmp_path.parent.iterdir() if p.name.startswith(f".{tmp_path.name}.tmp-")]
