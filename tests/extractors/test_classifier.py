"""The classifier's overlap check: a clause the rules already cover is not added again."""
from __future__ import annotations

from hypothesis import given, strategies as st

from extractors.classifier import Covered


def test_touching_spans_do_not_overlap():
    covered = Covered([(100, 180), (10, 40)])      # the rules' records, in any order
    assert covered.overlaps(30, 60)                 # starts inside a record
    assert covered.overlaps(90, 200)                # holds a whole record
    assert not covered.overlaps(40, 100)            # between them, touching both
    assert not covered.overlaps(180, 250)
    assert not Covered([]).overlaps(0, 10)


def test_a_long_span_is_seen_past_later_short_ones():
    # A resolution over a whole list, then the list's short clauses found again by another rule.
    covered = Covered([(0, 1000), (10, 20), (30, 40)])
    assert covered.overlaps(500, 600)


_SPAN = st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(_SPAN, max_size=30), _SPAN)
def test_overlaps_agrees_with_checking_every_span(spans, query):
    start, end = query
    expected = any(start < e and s < end for s, e in spans)
    assert Covered(spans).overlaps(start, end) == expected
