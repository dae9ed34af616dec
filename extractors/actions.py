"""Actions: marked lines, action-log rows, "<owner> to <verb>".  (v0 stub: replaced in issue 6)"""
from __future__ import annotations

from spacy.language import Language

from .records import Action
from .spans import set_records


def find_actions(text: str) -> list[Action]:
    return []


@Language.factory("minutebook_actions")
def make_actions(nlp: Language, name: str):
    return ActionsComponent()


class ActionsComponent:
    def __call__(self, doc):
        set_records(doc, "actions", find_actions(doc.text))
        return doc
