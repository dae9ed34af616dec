"""Leave-one-out evaluation of the clause classifier: rules alone, the model alone, and both.

    python -m models.loo [--seed 0] [--json models/loo_results.json]     # one document held out at a time
    python -m models.loo --by organisation                                # one organisation at a time

`--by organisation` holds out every document of one organisation together
(models/organisations.tsv says which, by file-stem prefix), so the model is
scored on a house style it never saw in training, and prints the figures per
organisation.  It uses the shipped thresholds (extractors/classifier.py)
unless `--threshold` is given: choosing them on the held-out folds would
measure the choice, not the model.  The rules have seen every dev document,
so "rules alone" and "rules + model" are in-sample for the rules in both modes.

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


ORGANISATIONS = Path(__file__).resolve().parent / "organisations.tsv"


@dataclass
class Fold:
    stem: str
    gold: dict
    rules: dict[str, list]          # table -> rule records (text, char_start, char_end)
    scored: list[Scored]            # the held-out document's candidates, scored, kept where their kind may be
    group: str = ""                 # what was held out with it: the document, or its organisation


def read_organisations(path: Path = ORGANISATIONS) -> list[tuple[str, str]]:
    """(stem prefix, organisation) rows of models/organisations.tsv, longest prefix first."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("prefix\t"):
            continue
        prefix, _tab, organisation = line.partition("\t")
        rows.append((prefix.strip(), organisation.strip()))
    return sorted(rows, key=lambda r: -len(r[0]))


def organisation_of(stem: str, table: list[tuple[str, str]]) -> str:
    """The organisation a gold document comes from; a stem no prefix matches is its own."""
    return next((org for prefix, org in table if stem.startswith(prefix)), stem)


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


def build_folds(seed: int = 0, by: str = "document") -> list[Fold]:
    """One fold per gold document, scored by a model trained without its group:
    the document itself (`by="document"`) or its whole organisation."""
    from flows.reading import convert

    golds = gold_files()
    table = read_organisations() if by == "organisation" else []
    group_of = {stem: organisation_of(stem, table) if by == "organisation" else stem for stem in golds}
    paged = {stem: convert(source_for(stem)) for stem in golds}
    examples = {stem: document_examples(stem, golds[stem], paged[stem].flow().text) for stem in golds}
    extras = extra_examples()
    rules = rules_records(paged)
    folds = []
    for group in dict.fromkeys(group_of.values()):
        train = [e for other, ex in examples.items() if group_of[other] != group for e in ex] + extras
        estimator = fit(train, seed)
        for stem in (s for s in golds if group_of[s] == group):
            scored = in_place(score_candidates(estimator, cut_candidates(paged[stem].text)), *rules[stem]["_place"])
            folds.append(Fold(stem, golds[stem], rules[stem], scored, group))
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


GROUP_SETTINGS = ("rules alone", "model alone (chosen)", "rules + model (chosen)")


def report_groups(folds: list[Fold], thresholds: dict[str, float]) -> dict:
    """The same scores per held-out group (organisation): its documents' counts summed."""
    out = {}
    for group in dict.fromkeys(f.group for f in folds):
        mine = [f for f in folds if f.group == group]
        out[group] = {"documents": [f.stem for f in mine], "scores": {
            "rules alone": as_dict(score(mine, "rules", 0.0)),
            "model alone (chosen)": as_dict(score(mine, "model", thresholds)),
            "rules + model (chosen)": as_dict(score(mine, "both", thresholds))}}
    return out


def _score_lines(scores: dict, label_width: int = 28) -> list[str]:
    lines = []
    for name, kinds in scores.items():
        for kind, s in kinds.items():
            lines.append(f"{name:<{label_width}}{kind:<17}{s['tp']:>4}{s['fp']:>5}{s['fn']:>4}"
                         f"{s['precision']:>7.2f}{s['recall']:>7.2f}{s['f1']:>7.2f}")
    return lines


def format_report(result: dict) -> str:
    header = f"{'setting':<28}{'kind':<17}{'tp':>4}{'fp':>5}{'fn':>4}{'P':>7}{'R':>7}{'F1':>7}"
    lines = [header, *_score_lines(result["scores"])]
    for group, found in result.get("groups", {}).items():
        lines += ["", f"held out: {group} ({len(found['documents'])} documents)", header,
                  *_score_lines(found["scores"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=None,
                        help="report at this one threshold for every kind instead of choosing them")
    parser.add_argument("--by", choices=("document", "organisation"), default="document",
                        help="hold out one document at a time (and choose thresholds), or one organisation "
                             "at a time (shipped thresholds, figures per organisation)")
    parser.add_argument("--json", type=Path, default=None,
                        help="where to write the figures (default models/loo_results.json, or "
                             "models/loo_organisation_results.json with --by organisation)")
    args = parser.parse_args(argv)
    if args.json is None:
        args.json = MODELS / ("loo_organisation_results.json" if args.by == "organisation" else "loo_results.json")
    started = time.perf_counter()
    folds = build_folds(args.seed, args.by)
    if args.threshold is not None:
        thresholds = {label: args.threshold for label in LABEL_OF.values()}
    elif args.by == "organisation":
        from extractors.classifier import DEFAULT_THRESHOLDS
        thresholds = dict(DEFAULT_THRESHOLDS)
    else:
        thresholds = choose_thresholds(folds)
    result = report(folds, thresholds)
    result["held_out"] = args.by
    if args.by == "organisation":
        result["groups"] = report_groups(folds, thresholds)
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(format_report(result))
    print(f"thresholds {result['thresholds_shown']}; {result['seconds']}s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
