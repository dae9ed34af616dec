"""The corpus's meetings, and its decision links against the dev gold (issue 18, "Done when").

The expected meetings were read off the papers in corpora/ by hand: each
paper's letterhead, cover or heading, and the earlier minutes that minutes
approve.  One row per real meeting: a report "To: County Council" and the
minutes of "Kent County Council" that day are one meeting; the panel's
December minutes are not filed under the October meeting whose minutes they
approve; a stand-alone plan is no meeting.
"""
from __future__ import annotations

import pytest

from tests.conftest import CORPORA, GOLD

KCC, PARISH = "Kent County Council", "Souldern Parish Council"
CAMBS, CHESHIRE = "Cambridgeshire County Council", "Cheshire East Council"

# (organisation, body, date) of every meeting a paper of corpora/ is for or records
MEETINGS_WITH_PAPERS = {
    (KCC, "County Council", "2025-01-09"),         # devolution report; the Council's minutes
    (KCC, "County Council", "2025-03-13"),         # governance report
    (KCC, "Cabinet", "2025-01-09"),                # minutes
    (KCC, "Cabinet", "2025-01-30"),                # agenda, two reports, minutes
    (KCC, "Cabinet", "2025-03-04"),                # two reports
    (KCC, "Cabinet", "2025-03-13"),                # reports pack (agenda)
    (KCC, "Corporate Parenting Panel", "2024-12-10"),   # minutes (held at Sessions House, County Hall)
    # the record of decision 24/00093, signed by the Cabinet Member on 17/1/2025
    (KCC, "Cabinet Member for Integrated Children’s Services", "2025-01-17"),
    (PARISH, "Parish Council", "2024-09-26"),
    (PARISH, "Parish Council", "2025-02-27"),
    (PARISH, "Parish Council", "2025-10-30"),
    (PARISH, "Parish Council", "2026-01-29"),
    (CAMBS, "Adults and Health Committee", "2022-01-13"),   # agenda pack and the ICS report
    (CAMBS, "Adults and Health Committee", "2021-12-09"),   # minutes inside the pack
    (CHESHIRE, "Health and Wellbeing Board", "2021-01-26"),   # agenda pack
    (CHESHIRE, "Health and Wellbeing Board", "2020-11-24"),   # minutes inside the pack
}
# Earlier meetings whose minutes the corpus's minutes approve.
APPROVED_MEETINGS = {
    (KCC, "Cabinet", "2024-11-28"),
    (KCC, "Corporate Parenting Panel", "2024-10-29"),
    (CAMBS, "Adults and Health Committee", "2021-10-14"),
    (CHESHIRE, "Health and Wellbeing Board", "2020-09-22"),
    # the parish minutes approve theirs in prose ("were checked ... agreed as a true record"):
    # a meeting each once the resolution extractor reads that form
    (PARISH, "Parish Council", "2024-07-25"), (PARISH, "Parish Council", "2024-12-05"),
    (PARISH, "Parish Council", "2025-09-25"), (PARISH, "Parish Council", "2025-11-27"),
}


@pytest.fixture(scope="module")
def corpus_tables(tmp_path_factory):
    """Every paper of corpora/ read in this process, with the tracking tables, written as CSV."""
    from flows.document import process_file
    from flows.pipeline import discover
    from flows.tables import build_frames, collect
    from flows.tracking import add_tracking

    results = [process_file(path, f"{i:016x}") for i, path in enumerate(discover([str(CORPORA)]))]
    frames = add_tracking(build_frames(collect(results)), as_of="2026-01-31")
    out = tmp_path_factory.mktemp("corpus")
    for name in ("documents", "decisions", "meetings"):
        frames[name].to_csv(out / f"{name}.csv", index=False)
    return frames, out


def test_one_row_per_real_meeting(corpus_tables):
    meetings = corpus_tables[0]["meetings"]
    found = list(zip(meetings["organisation"], meetings["body"], meetings["meeting_date"]))
    assert len(found) == len(set(found)), "a meeting split in two"
    assert MEETINGS_WITH_PAPERS <= set(found)
    assert set(found) <= MEETINGS_WITH_PAPERS | APPROVED_MEETINGS


def test_every_paper_names_its_organisation_or_has_no_meeting(corpus_tables):
    meetings = corpus_tables[0]["meetings"]
    assert (meetings["organisation"] != "").all()


def test_dev_gold_links_are_found_without_a_wrong_one(corpus_tables):
    from flows.evaluate import evaluate_links

    links = evaluate_links(GOLD, corpus_tables[1])
    assert links["found"] / links["gold"] >= 0.95
    assert links["wrong"] == 0
    assert links["outcome_accuracy"] >= 0.90
