"""Recommendations, resolutions and motions.  (v0 stub: replaced in issue 6)"""
from __future__ import annotations

from spacy.language import Language

from .records import Motion, Recommendation, Resolution
from .spans import set_records


def find_recommendations(text: str) -> list[Recommendation]:
    return []


def find_resolutions(text: str) -> tuple[list[Resolution], list[Motion]]:
    return [], []


@Language.factory("minutebook_decisions")
def make_decisions(nlp: Language, name: str):
    return DecisionsComponent()


class DecisionsComponent:
    def __call__(self, doc):
        set_records(doc, "recommendations", find_recommendations(doc.text))
        resolutions, motions = find_resolutions(doc.text)
        set_records(doc, "resolutions", resolutions)
        set_records(doc, "motions", motions)
        return doc
