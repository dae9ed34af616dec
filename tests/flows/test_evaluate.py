"""minutebook evaluate: the gold matching rules, on real gold objects."""
import json

import pandas as pd

from flows.evaluate import evaluate, format_scores, token_f1


def _write(folder, name, rows):
    pd.DataFrame(rows).to_csv(folder / f"{name}.csv", index=False)


def test_token_f1_ignores_labels_and_case():
    assert token_f1("a) Note the findings of the self-assessment.",
                    "Note the findings of the self-assessment") == 1.0
    assert token_f1("note the report", "approve the budget") < 0.5


def test_scores_on_a_small_real_gold(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir(), pred_dir.mkdir()
    gold = {
        "recommendations": [],
        "resolutions": [
            {"text": "Note the findings of the self-assessment.", "minute": "46", "vote": "unanimous"},
            {"text": "Approve the public facing 'Local Account' for publication.", "minute": "46", "vote": "unanimous"},
        ],
        "amounts": [{"text": "£2.1 million", "value": 2100000.0}, {"text": "£250m", "value": 250000000.0}],
        "dates": [{"text": "1/4/2022", "start": "2022-04-01", "end": "2022-04-01"},
                  {"text": "April 2022", "start": "2022-04-01", "end": "2022-04-30"}],
        "actions": [],
    }
    (gold_dir / "cambs-ahc-2022-01-13-agenda-pack.json").write_text(json.dumps(gold))
    _write(pred_dir, "documents", [{"doc_id": "d1", "source_path": "corpora/text/cambs-ahc-2022-01-13-agenda-pack.txt"}])
    _write(pred_dir, "resolutions", [
        {"doc_id": "d1", "text": "Note the findings of the self-assessment.", "vote": "unanimous"},
        {"doc_id": "d1", "text": "Approve the public facing 'Local Account' for publication.", "vote": ""},
        {"doc_id": "d1", "text": "The meeting closed at 4pm", "vote": ""},
    ])
    _write(pred_dir, "amounts", [
        {"doc_id": "d1", "text": "£2.1 million", "value_gbp": "2100000", "source": "text"},
        {"doc_id": "d1", "text": "£250m", "value_gbp": "250", "source": "text"},
        {"doc_id": "d1", "text": "10,036", "value_gbp": "10036000", "source": "table"},   # not scored
    ])
    _write(pred_dir, "dates", [
        {"doc_id": "d1", "text": "1/4/2022", "start_date": "2022-01-04", "end_date": "2022-01-04", "granularity": "day"},
        {"doc_id": "d1", "text": "April 2022", "start_date": "2022-04-01", "end_date": "2022-04-30", "granularity": "month"},
        {"doc_id": "d1", "text": "2022/23", "start_date": "2022-04-01", "end_date": "2023-03-31", "granularity": "fiscal_year"},
    ])
    scores = evaluate(gold_dir, pred_dir)
    res = scores["resolutions"]
    assert (res.tp, res.fp, res.fn) == (2, 1, 0)
    assert res.accuracy("vote") == 0.5
    amounts = scores["amounts"]
    assert (amounts.tp, amounts.fp, amounts.fn) == (2, 0, 0)
    assert amounts.accuracy("value") == 0.5          # £250m read as 250 is a value error
    dates = scores["dates"]
    assert (dates.tp, dates.fp, dates.fn) == (1, 1, 1)  # 1/4/2022 read US-style does not match
    assert "resolutions" in format_scores(scores)


def _gold(folder, stem, resolutions):
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.json").write_text(json.dumps({"recommendations": [], "amounts": [], "dates": [],
                                                     "actions": [], "resolutions": resolutions}))


def test_cli_warns_for_each_gold_document_the_run_did_not_predict(tmp_path):
    from click.testing import CliRunner

    from flows.cli import cli

    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    pred_dir.mkdir()
    _gold(gold_dir, "parish-minutes-2024-05", [{"text": "Approve the grass cutting contract.", "vote": ""}])
    _gold(gold_dir, "parish-minutes-2024-06", [{"text": "Approve the play area repairs.", "vote": ""}])
    _gold(gold_dir, "parish-minutes-2024-07", [{"text": "Note the clerk's report.", "vote": ""}])
    _write(pred_dir, "documents", [
        {"doc_id": "a", "source_path": "papers/parish-minutes-2024-05.pdf", "status": "ok"},
        {"doc_id": "b", "source_path": "papers/parish-minutes-2024-07.pdf", "status": "failed"}])
    _write(pred_dir, "resolutions", [{"doc_id": "a", "text": "Approve the grass cutting contract.", "vote": ""}])
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold_dir), "--pred", str(pred_dir)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: gold document")]
    assert len(warnings) == 2
    assert "parish-minutes-2024-06" in warnings[0] and "not in the run" in warnings[0]
    assert "parish-minutes-2024-07" in warnings[1] and "failed" in warnings[1]
    assert "2 of 3 gold documents" in result.output


def test_cli_fails_on_a_folder_without_tables_or_without_any_gold_document(tmp_path):
    from click.testing import CliRunner

    from flows.cli import cli

    gold_dir, empty = tmp_path / "gold", tmp_path / "empty"
    empty.mkdir()
    _gold(gold_dir, "parish-minutes-2024-05", [{"text": "Approve the grass cutting contract.", "vote": ""}])
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold_dir), "--pred", str(empty)])
    assert result.exit_code == 1 and "no tables" in result.output
    other = tmp_path / "other"
    other.mkdir()
    _write(other, "documents", [{"doc_id": "z", "source_path": "papers/budget-2023.pdf", "status": "ok"}])
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold_dir), "--pred", str(other)])
    assert result.exit_code == 1 and "none of the 1 gold documents" in result.output
