"""Monetary amounts: "£2.1 million" -> Decimal("2100000").  (v0 stub: replaced in issue 5)"""
from __future__ import annotations

from spacy.language import Language

from .records import Amount
from .spans import set_records


def find_amounts(text: str) -> list[Amount]:
    return []


@Language.factory("minutebook_amounts")
def make_amounts(nlp: Language, name: str):
    return AmountsComponent()


class AmountsComponent:
    def __call__(self, doc):
        set_records(doc, "amounts", find_amounts(doc.text))
        return doc
