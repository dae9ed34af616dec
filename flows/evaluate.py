"""Score output tables against gold annotations: precision, recall and F1 per kind.

The matching rules are those of `corpora/gold/GUIDELINES.md` and the shared
scorer's docstring:
- amounts match when the digits of their printed text agree;
- dates match when start and end agree (ties broken by text overlap);
- recommendations, resolutions and actions match when the token F1 of their
  normalised texts reaches 0.6, 0.6 and 0.5;
- matching is one-to-one, best pairs first, within each document;
- dates of granularity fiscal_year/quarter and table-sourced amounts are
  outside v1 gold and not scored either way;
- decision links (GUIDELINES v1.3, where the gold folder holds `links.tsv`):
  a gold link is found when a `decisions` row from that report (stem of
  `rec_file`) and those minutes (stem of `file`) has a recommendation and a
  resolution whose token F1 with the gold's reach 0.6; a row of a linked
  report whose recommendation matches a gold one but whose resolution matches
  none of that recommendation's gold resolutions (or comes from other
  minutes) is a wrong link; outcome accuracy is over the links found, with
  the tables' outcome words read as the gold's (`OUTCOME_WORDS`).
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

KINDS = ("recommendations", "resolutions", "amounts", "dates", "actions")
TEXT_THRESHOLDS = {"recommendations": 0.6, "resolutions": 0.6, "actions": 0.5}
_LEADING_LABEL = re.compile(r"^\s*(?:[-*\u2022]\s*|\(?[a-z0-9]{1,3}[.)]\s+|\d+(?:\.\d+)+\s+)+", re.I)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, without a leading list label and with curly quotes folded."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'")
    text = _LEADING_LABEL.sub("", text).lower()
    return re.findall(r"[a-z0-9£]+", text)


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(tb.values()), common / sum(ta.values())
    return 2 * precision * recall / (precision + recall)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def pair_score(kind: str, gold: dict, pred: dict) -> float:
    """How well a predicted row matches a gold object; 0 means no match."""
    if kind == "amounts":
        d = _digits(gold["text"])
        return 1.0 if d and d == _digits(pred.get("text", "")) else 0.0
    if kind == "dates":
        same = (gold["start"], gold["end"]) == ((pred.get("start_date") or "")[:10],
                                                 (pred.get("end_date") or "")[:10])
        return 1.0 + token_f1(gold["text"], pred.get("text", "")) if same else 0.0
    s = token_f1(gold["text"], pred.get("text", ""))
    return s if s >= TEXT_THRESHOLDS[kind] else 0.0


def match(kind: str, gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best scores first."""
    candidates = sorted(
        ((s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
         if (s := pair_score(kind, g, p)) > 0),
        key=lambda t: -t[0])
    used_gold, used_pred, pairs = set(), set(), []
    for _s, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_ok: Counter = field(default_factory=Counter)   # field name -> matched rows right

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_ok[name] / self.tp if self.tp else 0.0


def _field_checks(kind: str, gold: dict, pred: dict) -> dict[str, bool]:
    if kind == "amounts":
        try:
            value = float(str(pred.get("value_gbp", "")).replace(",", "").replace("£", ""))
        except ValueError:
            return {"value": False}
        expected = float(gold["value"])
        return {"value": abs(value - expected) <= 0.005 * abs(expected) + 0.01}
    if kind == "resolutions":
        return {"vote": (pred.get("vote") or "").strip().lower() == gold.get("vote", "")}
    if kind == "actions":
        return {"owner": tokens(pred.get("owner", "")) == tokens(gold.get("owner", ""))}
    return {}


def load_predictions(pred_dir: Path) -> dict[str, dict[str, list[dict]]]:
    """Output rows grouped by document stem and kind, v1-excluded rows left out."""
    def read(name: str) -> pd.DataFrame:
        path = pred_dir / f"{name}.csv"
        return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()

    documents = read("documents")
    stems = {row["doc_id"]: Path(row["source_path"]).stem for _, row in documents.iterrows()}
    grouped: dict[str, dict[str, list[dict]]] = {}
    for kind in KINDS:
        df = read(kind)
        if df.empty:
            continue
        if kind == "dates" and "granularity" in df:
            df = df[~df["granularity"].str.lower().isin(["fiscal_year", "quarter"])]
        if kind == "amounts" and "source" in df:
            df = df[df["source"].str.lower() != "table"]
        for row in df.to_dict("records"):
            stem = stems.get(row.get("doc_id", ""))
            if stem is not None:
                grouped.setdefault(stem, {}).setdefault(kind, []).append(row)
    return grouped


class Scores(dict):
    """Kind -> KindScore, and the decision-link figures (or None without links.tsv)."""
    links: dict | None = None


def evaluate(gold_dir: str | Path, pred_dir: str | Path) -> Scores:
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    predictions = load_predictions(pred_dir)
    scores = Scores((kind, KindScore()) for kind in KINDS)
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for kind in KINDS:
            g, p = gold.get(kind, []), predictions.get(gold_file.stem, {}).get(kind, [])
            pairs = match(kind, g, p)
            score = scores[kind]
            score.tp += len(pairs)
            score.fp += len(p) - len(pairs)
            score.fn += len(g) - len(pairs)
            for gi, pi in pairs:
                for name, ok in _field_checks(kind, g[gi], p[pi]).items():
                    score.field_ok[name] += int(ok)
    scores.links = evaluate_links(gold_dir, pred_dir)
    return scores


# The tables' outcome words for the gold's six (GUIDELINES.md v1.3).
OUTCOME_WORDS = {"agreed as recommended": "agreed", "agreed with amendment": "amended",
                 "not agreed": "rejected", "no decision found": "undecided"}
LINK_THRESHOLD = 0.6


def evaluate_links(gold_dir: str | Path, pred_dir: str | Path) -> dict | None:
    """Recommendation -> resolution links against GOLD_DIR/links.tsv, or None without one."""
    path = Path(gold_dir) / "links.tsv"
    if not path.exists():
        return None
    with path.open(newline="", encoding="utf-8") as fh:
        gold = [g for g in csv.DictReader(fh, delimiter="\t") if (g.get("resolution") or "").strip()]
    decisions = Path(pred_dir) / "decisions.csv"
    rows = (pd.read_csv(decisions, dtype=str, keep_default_na=False).to_dict("records")
            if decisions.exists() else [])

    def stem(p) -> str:
        return Path(p or "").stem

    def same(a: str, b: str) -> bool:
        return token_f1(a, b or "") >= LINK_THRESHOLD

    reports = {g["report"] for g in gold}
    found = outcome_ok = wrong = 0
    for g in gold:
        hits = [r for r in rows if stem(r.get("rec_file")) == g["report"] and stem(r.get("file")) == g["minutes"]
                and same(g["recommendation"], r.get("recommendation")) and same(g["resolution"], r.get("resolution"))]
        if hits:
            found += 1
            said = (hits[0].get("outcome") or "").strip().lower()
            outcome_ok += OUTCOME_WORDS.get(said, said) == g["outcome"].strip().lower()
    for r in rows:
        if stem(r.get("rec_file")) not in reports or not (r.get("resolution") or "").strip():
            continue
        mine = [g for g in gold if g["report"] == stem(r.get("rec_file"))
                and same(g["recommendation"], r.get("recommendation"))]
        if mine and not any(stem(r.get("file")) == g["minutes"] and same(g["resolution"], r.get("resolution"))
                            for g in mine):
            wrong += 1
    total = len(gold)
    return {"gold": total, "found": found, "wrong": wrong, "recall": found / total if total else 0.0,
            "outcome_accuracy": outcome_ok / found if found else 0.0}


def format_links(links: dict) -> str:
    return (f"links: {links['found']}/{links['gold']} found (recall {links['recall']:.2f}), "
            f"{links['wrong']} wrong, outcome_accuracy={links['outcome_accuracy']:.2f}")


class NoPredictions(ValueError):
    """The prediction folder holds no tables of a run: there is nothing to score."""


def check_folders(gold_dir: str | Path, pred_dir: str | Path) -> None:
    """Raise NoPredictions / ValueError when a score would mean nothing: no gold files, or a
    prediction folder without a run's documents table."""
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    if not any(gold_dir.glob("*.json")):
        raise ValueError(f"{gold_dir} holds no gold files (<document stem>.json)")
    if not (pred_dir / "documents.csv").exists():
        tables = sorted(p.name for p in pred_dir.glob("*.csv"))
        raise NoPredictions(f"{pred_dir} holds no tables of a minutebook run (no documents.csv"
                            f"{'; found ' + ', '.join(tables[:3]) if tables else ''})")


def unpredicted_documents(gold_dir: str | Path, pred_dir: str | Path) -> list[tuple[str, str]]:
    """(gold document stem, why) for every gold document the run gave no predictions for:
    not among the run's documents, or failed in it.  Their gold rows all count as missed,
    so a partial run's F1 says little about the extractors."""
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    docs = pd.read_csv(pred_dir / "documents.csv", dtype=str, keep_default_na=False)
    status: dict[str, str] = {}
    for _, row in docs.iterrows():
        stem = Path(row.get("source_path", "")).stem
        if status.get(stem) != "ok":                     # one ok copy is enough
            status[stem] = row.get("status", "ok") or "ok"
    missing = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        state = status.get(gold_file.stem)
        if state is None:
            missing.append((gold_file.stem, "not in the run"))
        elif state != "ok":
            missing.append((gold_file.stem, f"{state} in the run"))
    return missing


def format_scores(scores: dict[str, KindScore]) -> str:
    lines = [f"{'kind':<16}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>7}{'rec':>7}{'f1':>7}  field accuracy"]
    for kind, s in scores.items():
        extra = "  ".join(f"{name}={s.accuracy(name):.2f}" for name in sorted(s.field_ok)) if s.tp else ""
        if not extra and kind in ("amounts", "resolutions", "actions"):
            extra = {"amounts": "value", "resolutions": "vote", "actions": "owner"}[kind] + "=0.00"
        lines.append(f"{kind:<16}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
                     f"{s.precision:>7.2f}{s.recall:>7.2f}{s.f1:>7.2f}  {extra}")
    if getattr(scores, "links", None) is not None:
        lines.append(format_links(scores.links))
    return "\n".join(lines)
