"""Leave-one-document-out evaluation: rules alone, the model alone, and both.

    python -m models.loo [--seed 0] [--json models/loo_results.json]

For each gold document: train the classifier on the other gold documents (plus
the hand-labelled extras), then score on the held-out one
- rules alone: the pipeline without `minutebook_clause_classifier`;
- model alone: the classifier's clauses, no rules (at the chosen thresholds,
  and at argmax: every clause whose most probable class is not "other");
- both: the rules, plus the classifier's clauses clear of the rules' spans
  (exactly what the component adds: `extractors.classifier.select`).
Counts are summed over the held-out documents (micro P/R/F1, the scorer's
matching rules), per kind.  The thresholds are chosen here, one per kind
(`choose_thresholds`): the lowest on the grid at which "both" is no worse than
rules alone on that kind and the model alone keeps precision >= 0.9 on it.
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

from extractors.classifier import KINDS, Scored, in_place, score_candidates, select
from flows.evaluate import KindScore, match

from .candidates import cut_candidates
from .clauses import MODELS, document_examples, extra_examples, fit, gold_files, source_for

TABLES = [kind for kind, _cls in KINDS.values()]          # recommendations, resolutions, actions
LABEL_OF = {kind: label for label, (kind, _cls) in KINDS.items()}
GRID = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99, 1.01)
CLASSIFIER = "minutebook_clause_classifier"


@dataclass
class Fold:
    stem: str
    gold: dict
    rules: dict[str, list]          # table -> rule records (text, char_start, char_end)
    scored: list[Scored]            # the held-out document's candidates, scored, kept where their kind may be


def rules_records(text_by_stem: dict) -> dict[str, dict[str, list]]:
    """The pipeline without the classifier, per document: table -> records."""
    from extractors.pipeline import COMPONENTS, build_nlp, extract

    nlp = build_nlp(tuple(c for c in COMPONENTS if c != CLASSIFIER))
    out = {}
    for stem, paged in text_by_stem.items():
        found = extract(paged, doc_id=stem, source_name=stem, nlp=nlp)
        out[stem] = {t: found.records.get(t, []) for t in TABLES}
        out[stem]["_place"] = (found.parts, found.doc_type)
    return out


def build_folds(seed: int = 0) -> list[Fold]:
    from flows.reading import convert

    golds = gold_files()
    paged = {stem: convert(source_for(stem)) for stem in golds}
    examples = {stem: document_examples(stem, golds[stem], paged[stem].flow().text) for stem in golds}
    extras = extra_examples()
    rules = rules_records(paged)
    folds = []
    for stem in golds:
        train = [e for other, ex in examples.items() if other != stem for e in ex] + extras
        estimator = fit(train, seed)
        scored = in_place(score_candidates(estimator, cut_candidates(paged[stem].text)), *rules[stem]["_place"])
        folds.append(Fold(stem, golds[stem], rules[stem], scored))
    return folds


def predictions(fold: Fold, mode: str, threshold) -> dict[str, list[str]]:
    """Predicted texts per table for one held-out document."""
    if mode == "rules":
        return {t: [r.text for r in fold.rules[t]] for t in TABLES}
    if mode == "model":
        chosen = select(fold.scored, [], {}, threshold)
        return {t: [s.text for s in chosen if s.label == LABEL_OF[t]] for t in TABLES}
    taken = [(r.char_start, r.char_end) for t in TABLES for r in fold.rules[t]]
    found = {LABEL_OF[t]: [r.text for r in fold.rules[t]] for t in TABLES}
    chosen = select(fold.scored, taken, found, threshold)
    return {t: [r.text for r in fold.rules[t]] + [s.text for s in chosen if s.label == LABEL_OF[t]]
            for t in TABLES}


def score(folds: list[Fold], mode: str, threshold) -> dict[str, KindScore]:
    totals = {t: KindScore() for t in TABLES}
    for fold in folds:
        pred = predictions(fold, mode, threshold)
        for t in TABLES:
            gold = fold.gold.get(t, [])
            rows = [{"text": text} for text in pred[t]]
            pairs = match(t, gold, rows)
            totals[t].tp += len(pairs)
            totals[t].fp += len(rows) - len(pairs)
            totals[t].fn += len(gold) - len(pairs)
    return totals


MIN_MODEL_PRECISION = 0.9
MIN_THRESHOLD = 0.7   # never below: a kind the model rarely predicts on five documents is not thereby safe


def choose_thresholds(folds: list[Fold]) -> dict[str, float]:
    """Per kind (label), the lowest grid threshold (>= MIN_THRESHOLD) at which rules + model is no worse than
    rules alone on that kind and the model alone keeps LOO precision >= MIN_MODEL_PRECISION.

    The second condition matters because the rules were written on these
    same documents: "rules alone" is near perfect here and cannot show how
    many wrong clauses the model would add where the rules miss.  Kinds are
    independent (a kind's additions never change another kind's), so each
    gets its own threshold.
    """
    rules = score(folds, "rules", 0.0)
    chosen = {}
    for table in TABLES:
        chosen[LABEL_OF[table]] = GRID[-1]
        for threshold in (t for t in GRID if t >= MIN_THRESHOLD):
            both, model = score(folds, "both", threshold)[table], score(folds, "model", threshold)[table]
            precise = model.tp + model.fp == 0 or model.precision >= MIN_MODEL_PRECISION
            if both.f1 >= rules[table].f1 - 1e-9 and precise:
                chosen[LABEL_OF[table]] = threshold
                break
    return chosen


def as_dict(scores: dict[str, KindScore]) -> dict:
    return {t: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 3),
                "recall": round(s.recall, 3), "f1": round(s.f1, 3)} for t, s in scores.items()}


def report(folds: list[Fold], thresholds: dict[str, float]) -> dict:
    shown = ", ".join(f"{label[:3]} {t:g}" for label, t in thresholds.items())
    rows = {
        "rules alone": score(folds, "rules", 0.0),
        "model alone (chosen)": score(folds, "model", thresholds),
        "model alone (argmax)": score(folds, "model", 0.0),
        "rules + model (chosen)": score(folds, "both", thresholds),
    }
    sweep = {f"{t:g}": {k: round(s.f1, 3) for k, s in score(folds, "both", t).items()} for t in GRID}
    model_sweep = {f"{t:g}": {k: f"P={s.precision:.2f} R={s.recall:.2f} tp={s.tp} fp={s.fp}"
                              for k, s in score(folds, "model", t).items()} for t in GRID}
    return {"thresholds": thresholds, "thresholds_shown": shown, "documents": [f.stem for f in folds],
            "scores": {name: as_dict(s) for name, s in rows.items()}, "both_f1_by_threshold": sweep,
            "model_alone_by_threshold": model_sweep}


def format_report(result: dict) -> str:
    lines = [f"{'setting':<28}{'kind':<17}{'tp':>4}{'fp':>5}{'fn':>4}{'P':>7}{'R':>7}{'F1':>7}"]
    for name, kinds in result["scores"].items():
        for kind, s in kinds.items():
            lines.append(f"{name:<28}{kind:<17}{s['tp']:>4}{s['fp']:>5}{s['fn']:>4}"
                         f"{s['precision']:>7.2f}{s['recall']:>7.2f}{s['f1']:>7.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=None,
                        help="report at this one threshold for every kind instead of choosing them")
    parser.add_argument("--json", type=Path, default=MODELS / "loo_results.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folds = build_folds(args.seed)
    thresholds = ({label: args.threshold for label in LABEL_OF.values()} if args.threshold is not None
                  else choose_thresholds(folds))
    result = report(folds, thresholds)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(format_report(result))
    print(f"thresholds {result['thresholds_shown']}; {result['seconds']}s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
