"""Words several extractors share: body names, people's names, agenda and decision verbs,
and token similarity.

One module, so a body name or a verb one rule reads every rule reads: before, the
decision rules, the clause splitter and the action rules each kept their own copy,
and the copies had drifted.  Everything here is a plain string, set or pure function;
the rules that use them compile their own patterns.
"""
from __future__ import annotations

import re
from collections import Counter

from .names import HONORIFIC

# --- bodies ---------------------------------------------------------------------------

# A decision-making body as minutes name it: "Council", "the Planning Committee",
# "Full Council", "the meeting".  NHS minutes write "The committee agreed to" in lower case.
BODY = (r"(?:Parish\s+|Town\s+|County\s+|City\s+|District\s+|Borough\s+|Full\s+|Scrutiny\s+|"
        r"Cabinet\s+|Policy\s+|Planning\s+|Finance\s+|Health\s+and\s+Wellbeing\s+|Community\s+|"
        r"Combined\s+Authority\s+|Joint\s+)?"
        r"(?:Council|Committee|Sub-Committee|Board|Cabinet|Panel|Forum|Partnership|Group|"
        r"Executive|Assembly|Commission|Authority|meeting|Meeting|committee|sub-committee|board|panel|group|council|cabinet)")
# A council written as its initials: "the PC" (parish), "The CC" (community), "the TC" (town):
# capitals ending in C, so "the ICB agreed to fund ..." (another body's decision) is not one.
BODY_INITIALS = r"(?:[A-Z]{1,3}C)"
# Where a body's name (with "the" before it) can start: a capital, or one of the lower-case
# names BODY and the trigger patterns allow.  A guard for patterns that open with a body.
BODY_START = r"(?=[A-Z]|the\s|meeting|committee|sub-committee|board|panel|group|members|councillors|council|cabinet)"

# --- people ---------------------------------------------------------------------------

TITLE = rf"(?:{HONORIFIC}|the)"
# A name as printed: "Cllr A. Smith", "Mrs B Jones", "the Leader", initials "AB".  A full
# stop only after an initial, so "12 High Street. AB proposed" gives "AB".
NAME = (rf"(?:{TITLE}\s+)?(?:[A-Z]\.?\s+|[A-Z][A-Za-z'’\-]+\s+){{0,3}}[A-Z][A-Za-z'’\-]+"
        r"|[A-Z]{2,4}")
# Words a name pattern can take that are never a person.
NOT_NAMES = frozenset({"It", "This", "That", "The", "He", "She", "They", "Members", "Council", "Committee",
                       "Resolved", "RESOLVED", "Motion", "Amendment", "And"})

# --- verbs ----------------------------------------------------------------------------

# What an agenda asks a meeting "To ...": "To approve the minutes", "To receive apologies".
AGENDA_VERBS = ("approve", "consider", "receive", "note", "agree", "adopt", "endorse", "confirm", "elect",
                "appoint", "resolve", "ratify", "review", "comment", "authorise", "accept", "decide",
                "determine", "sign", "co-opt", "nominate", "set", "discuss")

# The verbs a recommendation or decision opens with (first_verb's vocabulary).
DECISION_VERBS = frozenset({
    "note", "approve", "agree", "endorse", "comment", "support", "confirm", "recommend",
    "consider", "receive", "adopt", "accept", "delegate", "authorise", "authorize", "review",
    "champion", "provide", "award", "procure", "procuring", "ratify", "appoint", "elect",
    "defer", "refer", "request", "reject", "refuse", "grant", "allocate", "transfer", "submit",
    "amend", "rescind", "establish", "set", "continue", "commission", "discuss", "resolve",
    "welcome", "thank", "instruct", "ask", "invite", "purchase", "pay", "make", "give",
    "nominate", "object", "release", "sign", "publish", "proceed", "write",
    "investigate", "obtain", "seek", "ensure", "renew", "extend", "apply", "replace", "install",
    "increase", "reduce", "precept", "fund", "spend", "retain", "remove", "add", "co-opt",
    "expect", "enter", "vary", "waive", "withdraw", "declare", "implement", "launch", "undertake",
})

# A decided verb printed in capitals after the body: "The Board NOTED the report".
DECIDED_UPPER = ("NOTED", "APPROVED", "ENDORSED", "RATIFIED", "SUPPORTED", "ACCEPTED", "RECEIVED",
                 "CONFIRMED", "AGREED", "DELEGATED", "ADOPTED", "RECOMMENDED")

# A decision recording form's items open with a past-tense verb: "Approved the ...",
# "Authorised the Director to ...", "Noted the update".
DECIDED_PAST = ("approved", "agreed", "noted", "authorised", "authorized", "delegated", "endorsed",
                "accepted", "adopted", "confirmed", "ratified", "received", "resolved", "supported",
                "deferred", "requested", "appointed", "elected", "commissioned", "instructed",
                "granted", "awarded", "allocated", "refused", "rejected", "welcomed", "recommended",
                "considered", "co-opted", "declined", "withdrew", "amended", "rescinded")


def upper_verbs() -> tuple[str, ...]:
    """The decision verbs as an executive decision prints them: "APPROVE", "DELEGATE", "AGREE"."""
    return tuple(sorted(v.upper() for v in DECISION_VERBS if v.isalpha() and len(v) >= 3))


# --- token similarity -------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9£]+")


def norm(text: str) -> str:
    """Lower-case words and numbers only: what two clauses compare on."""
    return " ".join(_WORD.findall(text.lower()))


def token_f1(a: str, b: str) -> float:
    """Token overlap of two texts (F1 of their word bags), 0..1."""
    ta, tb = Counter(norm(a).split()), Counter(norm(b).split())
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


def covered_share(part: str, pool: str) -> float:
    """Share of `part`'s words that `pool` holds (0..1)."""
    words = Counter(norm(part).split())
    total = sum(words.values())
    return sum((words & Counter(norm(pool).split())).values()) / total if total else 0.0
