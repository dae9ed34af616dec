"""models/loo.py: holding out a whole organisation at a time (issue 17, Build 8)."""
from __future__ import annotations

from types import SimpleNamespace

from models.clauses import gold_files
from models.loo import Fold, TABLES, organisation_of, read_organisations, report_groups, score


def test_every_gold_document_has_an_organisation_from_the_table():
    table = read_organisations()
    stems = list(gold_files())
    organisations = {organisation_of(stem, table) for stem in stems}
    assert all(organisation_of(stem, table) != stem for stem in stems)
    assert len(organisations) >= 2 and len(organisations) < len(stems)   # some share one


def test_the_longest_prefix_wins_and_an_unknown_stem_is_its_own_organisation():
    table = sorted([("ab-", "Alpha Borough"), ("ab-pc-", "Alpha Parish")], key=lambda r: -len(r[0]))
    assert organisation_of("ab-pc-2029-minutes", table) == "Alpha Parish"
    assert organisation_of("ab-cabinet-2029-minutes", table) == "Alpha Borough"
    assert organisation_of("zz-board-2029", table) == "zz-board-2029"


def _fold(stem, group, gold_texts, rule_texts):
    rules = {t: [] for t in TABLES}
    rules["actions"] = [SimpleNamespace(text=t, char_start=i * 10, char_end=i * 10 + 5)
                        for i, t in enumerate(rule_texts)]
    return Fold(stem, {"actions": [{"text": t} for t in gold_texts]}, rules, [], group)


def test_figures_per_organisation_add_up_to_the_whole():
    folds = [_fold("a1", "A", ["Clerk to write to the school", "AB to order a bench"], ["Clerk to write to the school"]),
             _fold("a2", "A", ["CD to mow the verge"], ["CD to mow the verge", "Members noted the report"]),
             _fold("b1", "B", ["Director to report back in May"], [])]
    groups = report_groups(folds, {"action": 0.99})
    assert list(groups) == ["A", "B"] and groups["A"]["documents"] == ["a1", "a2"]
    whole = score(folds, "rules", 0.0)["actions"]
    for field in ("tp", "fp", "fn"):
        assert sum(g["scores"]["rules alone"]["actions"][field] for g in groups.values()) == getattr(whole, field)
    assert groups["A"]["scores"]["rules alone"]["actions"]["tp"] == 2
    assert groups["B"]["scores"]["rules alone"]["actions"]["fn"] == 1
