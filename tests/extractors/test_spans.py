"""Records ride on spans: two records of different kinds on one character span stay apart."""
from __future__ import annotations

import spacy

from extractors.records import Motion, Resolution
from extractors.spans import records_of, set_records


def test_records_of_two_kinds_on_the_same_span_keep_their_own_kind():
    # A carried motion "the revised Standing Orders be adopted" is also the resolution:
    # both records have the same span; spaCy keys span extensions by offsets alone.
    doc = spacy.blank("en")("It was proposed that the revised Standing Orders be adopted.")
    start = doc.text.index("the revised")
    end = len(doc.text)
    set_records(doc, "resolutions", [Resolution(text="the revised Standing Orders be adopted.", vote="majority",
                                                char_start=start, char_end=end)])
    set_records(doc, "motions", [Motion(text="the revised Standing Orders be adopted.", kind="motion",
                                        char_start=start, char_end=end)])
    (res,), (motion,) = records_of(doc, "resolutions"), records_of(doc, "motions")
    assert isinstance(res, Resolution) and res.vote == "majority"
    assert isinstance(motion, Motion)


def test_two_records_of_one_kind_on_one_token_stay_apart():
    doc = spacy.blank("en")("£2m-£3m")
    set_records(doc, "amounts", [Resolution(text="a", char_start=0, char_end=3),
                                 Resolution(text="b", char_start=4, char_end=7)])
    assert [r.text for r in records_of(doc, "amounts")] == ["a", "b"]
