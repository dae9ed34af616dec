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
