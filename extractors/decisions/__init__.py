"""Recommendations, resolutions and motions.

Recommendations are what a report, cover sheet or agenda asks the body to do
(recommendations.py).  Resolutions are what the meeting decided, as its minutes
or a record of decision record it (resolutions.py).  Motions and amendments that
members put in the meeting are motions, not resolutions (motions.py).

    triggers.py   the phrasings that open a decision, one row each (name, pattern, needs, yields, scope)
    lists.py      a lead-in and its items: labelled, upper-case verbs, past-tense verbs
    votes.py      vote, recorded counts, named For/Against lists, outcome, movers
    notes.py      a decision's sentence, its vote note, where its text ends
    headings.py   minute headings and which minute a decision sits under
    context.py    whether a position lies in minutes or in a report

The component (`minutebook_decisions`) reads the structure component's items and
the document's type and meeting date, and sets doc.spans["recommendations"],
["resolutions"] and ["motions"].
"""
from __future__ import annotations

from spacy.language import Language

from ..spans import records_of, set_records
from .context import in_minutes, in_paper
from .headings import Heading, find_headings, minute_for
from .lists import decided_clauses, item_verb, lead_verb, opener_items
from .motions import find_motions
from .notes import cut_notes
from .recommendations import dedupe, find_recommendations, summarises
from .resolutions import find_resolutions
from .triggers import COMPILED, TRIGGERS, Trigger, find_triggers
from .votes import mover_of, named_vote, outcome_of, recorded_vote, vote_before, vote_of

__all__ = [
    "COMPILED", "TRIGGERS", "Heading", "Trigger", "cut_notes", "decided_clauses", "dedupe", "find_headings",
    "find_motions", "find_recommendations", "find_resolutions", "find_triggers", "in_minutes", "in_paper",
    "item_verb", "lead_verb", "minute_for", "mover_of", "named_vote", "opener_items", "outcome_of",
    "recorded_vote", "summarises", "vote_before", "vote_of",
]


@Language.factory(
    "minutebook_decisions",
    requires=["doc._.doc_type", "doc._.meeting_date", "doc.spans"],
    assigns=["doc.spans"],
)
def make_decisions(nlp: Language, name: str):
    return DecisionsComponent()


class DecisionsComponent:
    """Sets doc.spans["recommendations"], ["resolutions"] and ["motions"] from the text,
    the structure component's doc.spans["items"], doc._.doc_type and doc._.meeting_date."""

    requires = ("items", "doc_type", "meeting_date")
    assigns = ("recommendations", "resolutions", "motions")

    def __call__(self, doc):
        items = records_of(doc, "items")
        set_records(doc, "recommendations", find_recommendations(doc.text, doc_type=doc._.doc_type))
        resolutions, motions = find_resolutions(doc.text, items=items, meeting_date=doc._.meeting_date,
                                                doc_type=doc._.doc_type)
        set_records(doc, "resolutions", resolutions)
        set_records(doc, "motions", motions)
        return doc
