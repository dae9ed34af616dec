"""A floor on the unseen-styles set: papers of organisations the rules were not written for.

tests/data/unseen holds twelve committee papers written in house styles unlike the dev
corpus, each with gold per corpora/gold/GUIDELINES.md in tests/data/unseen/gold.
First batch (8): a committee-system city council, a London borough cabinet cover sheet,
a combined authority's portfolio-holder decision, an NHS trust board, Welsh and Scottish
community councils, a parish council, a library board.  Second batch (4, written after
the first batch's fixes): a fire authority, an ICB board, a police and crime panel's
decision recording form, a town council.

Measured on each batch before any rule was changed for it (the honest generalisation
figures): batch 1 recommendations F1 1.00, resolutions 0.94 (vote accuracy 0.93),
amounts 1.00, dates 1.00, actions 0.75 (owner accuracy 0.78); batch 2 resolutions 0.80
(P 1.00 R 0.67, vote 0.93), amounts, dates and actions 1.00 (no recommendations).  The
families then fixed (each with tests of its own in tests/extractors/test_unseen_families.py)
brought all twelve to 1.00 for every kind but actions (0.97: one model-added narrative
sentence).  The floors below are that figure less a small margin: they guard against a
regression, they are not a measure of generalisation any more.
"""
from __future__ import annotations

from pathlib import Path

import pytest

UNSEEN = Path(__file__).resolve().parent.parent / "data" / "unseen"
GOLD = UNSEEN / "gold"

F1_FLOOR = {"recommendations": 0.95, "resolutions": 0.95, "amounts": 0.95, "dates": 0.95, "actions": 0.9}
FIELD_FLOOR = {("resolutions", "vote"): 0.95, ("actions", "owner"): 0.95, ("amounts", "value"): 0.95}


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    """Every paper of tests/data/unseen read and extracted in this process, scored against its gold."""
    from flows.document import process_file
    from flows.evaluate import KINDS, evaluate
    from flows.pipeline import discover
    from flows.tables import build_frames, collect

    paths = discover([str(UNSEEN)])
    assert {Path(p).stem for p in paths} == {g.stem for g in GOLD.glob("*.json")}, "a paper without gold"
    frames = build_frames(collect([process_file(path, f"{i:016x}") for i, path in enumerate(paths)]))
    out = tmp_path_factory.mktemp("unseen")
    for name in ("documents", *KINDS):
        frames[name].to_csv(out / f"{name}.csv", index=False)
    return evaluate(GOLD, out)


@pytest.mark.parametrize("kind", sorted(F1_FLOOR))
def test_f1_floor_per_kind(scores, kind):
    score = scores[kind]
    assert score.tp > 0
    assert score.f1 >= F1_FLOOR[kind], (kind, score.tp, score.fp, score.fn)


@pytest.mark.parametrize("kind,field", sorted(FIELD_FLOOR))
def test_field_accuracy_floor(scores, kind, field):
    assert scores[kind].accuracy(field) >= FIELD_FLOOR[(kind, field)]
