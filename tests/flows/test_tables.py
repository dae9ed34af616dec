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
    # value_gbp: the exact decimal string in CSV, a number in Parquet and SQLite (issue 20.2)
    assert csv.loc[0, "value_gbp"] == "1640000"
    assert Decimal(csv.loc[0, "value_gbp"]) == Decimal(parquet.loc[0, "value_gbp"]) == Decimal(row[1])
    assert pd.api.types.is_float_dtype(parquet.value_gbp)
    assert row == ("£1.64m", 1640000.0, 3)
    with sqlite3.connect(tmp_path / "minutebook.sqlite") as con:
        assert con.execute("SELECT typeof(value_gbp), value_gbp >= 1000000 FROM amounts").fetchone() == ("real", 1)
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
    # the failed write's generation is gone; only the published one is left
    assert len(list((tmp_path / tables.STATE_DIRNAME / tables.GENERATIONS).iterdir())) == 1
