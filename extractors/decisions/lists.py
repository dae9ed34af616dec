"""Decision lists as document structure: a lead-in and the items it introduces.

A lead-in ("is asked to agree the following:", "RESOLVED that County Council
agree:", "As Cabinet Member for X, I agree to:", a "Decision taken" heading) is
never a record itself; each item under it is.  Items are labelled ((a), (i),
1., 1.1, bullets: `clauses.split_list`), or unlabelled paragraphs each opening
with a decision verb in capitals ("APPROVE the ...", "DELEGATE authority to
...") or in the past tense ("Approved the ...", "Noted the ..."), the form
records of executive decision and decision recording forms use.  A list ends at
a heading, the next minute, a signature or a paragraph that opens no item.

An item that is a noun phrase ("The net revenue budget of £x for 2025-26")
takes the lead-in's verb (`item_verb`).
"""
from __future__ import annotations

import re

from ..clauses import Clause, block_after, first_verb, is_subheading, lemma, paragraph_end
from ..vocabulary import DECIDED_PAST, DECISION_VERBS, upper_verbs

# An item opener: an upper-case decision verb ("APPROVE", "DELEGATE") or a capitalised
# past-tense one ("Approved", "Authorised"), after an optional label or bullet.
_LABEL = r"(?:\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]?|\(?[a-zA-Z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}[.)]|[-*\u2022\u25cf\u25aa\u00b7\uf0b7])"
OPENER = re.compile(
    rf"[^\S\n]*(?:{_LABEL}[^\S\n]+)?(?P<verb>(?:{'|'.join(upper_verbs())})(?:S|D|ED)?(?:\s+AND\s+[A-Z]+)?|"
    rf"(?:{'|'.join(v.capitalize() for v in DECIDED_PAST)}))\b(?=[^\S\n]+\S|[^\S\n]*:)")
# Where a list of paragraphs stops: a heading the decision forms print after it
# ("Reason(s) for decision:", "Alternatives considered", "Signed"), a minute number.
_STOP = re.compile(
    r"[^\S\n]*(?:(?:Reasons?(?:\(s\))?|Alternatives?|Options?|Conflicts?|Dispensations?|Any\s+interest|"
    r"Background|Signed|Signature|Date\b|Decision\s+(?:maker|number|date)|Contact|Consultation|Wards?|"
    r"Financial|Legal|Equalit|Implications|Summary|Notes?\s*:)"
    r"|[A-Z]{0,4}\d{1,4}(?:[./]\d{1,4}){0,2}\.?[^\S\n]+[A-Z][^.\n]{0,80}$"
    r"|[A-Z][A-Z &'’,-]{6,}$)", re.M)
_TERMINAL = (".", ";", ":", "!", "?")


def _line(text: str, start: int) -> tuple[int, int]:
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _next_nonblank(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    while pos < limit:
        s, e = _line(text, pos)
        e = min(e, limit)
        if text[s:e].strip():
            return s, e
        pos = e + 1
    return None


def opener_items(text: str, pos: int, limit: int | None = None) -> list[Clause]:
    """Paragraphs from the line at `pos` on, each opening with a decision verb: one clause
    each.  Lines in between carry on the current item; a page break (blank lines) between
    two items does not end the list, but a blank line before a line that opens no item does."""
    limit = len(text) if limit is None else limit
    first = _next_nonblank(text, pos, limit)
    if first is None or not OPENER.match(text, first[0]):
        return []
    items: list[Clause] = []
    start, end = first
    cursor = end + 1
    while cursor < limit:
        nxt = _next_nonblank(text, cursor, limit)
        if nxt is None:
            break
        s, e = nxt
        line = text[s:e]
        blank_between = "\n" in text[cursor:s] or s > cursor
        if OPENER.match(text, s):
            items.append(_clause(text, start, end))
            start, end = s, e
        elif blank_between or _STOP.match(line) or (
                text[start:end].rstrip().endswith(_TERMINAL[:1]) and not line.lstrip()[:1].islower()
                and not _continues(text[start:end])):
            break
        else:
            end = e
        cursor = e + 1
    items.append(_clause(text, start, end))
    return items


def _continues(item: str) -> bool:
    """An item whose last line ends mid-sentence ("... in consultation with the") runs on."""
    return not item.rstrip().endswith(_TERMINAL)


def _clause(text: str, start: int, end: int) -> Clause:
    m = re.match(rf"[^\S\n]*(?:{_LABEL}[^\S\n]+)?", text[start:end])
    label = m.group(0).strip().strip("().") if m else ""
    while end > start and text[end - 1].isspace():
        end -= 1
    return Clause(label if label and len(label) <= 4 and not re.fullmatch(r"[-*\u2022\u25cf\u25aa\u00b7\uf0b7]", label)
                  else "", start + len(m.group(0)) if m else start, end)


def decided_clauses(text: str, body: int, limit: int | None = None) -> list[Clause]:
    """The items a decision lead-in introduces (or the one paragraph it opens)."""
    listed = block_after(text, body, limit)
    if len(listed) > 1 or (listed and listed[0].label):
        return listed
    if not listed or is_subheading(text[listed[0].char_start:listed[0].char_end]):
        # "Decision taken" / "Revenue" / "1. Approved ...": a subheading before the first item
        first = _next_nonblank(text, text.find("\n", body) + 1 if "\n" in text[body:body + 300] else len(text),
                               len(text) if limit is None else limit)
        if first and is_subheading(text[first[0]:first[1]]):
            after = block_after(text, first[1], limit)
            if len(after) > 1 or (after and after[0].label):
                return after
    line_end = text.find("\n", body)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[body:line_end]
    if not rest.strip() or rest.rstrip().endswith(":"):
        items = opener_items(text, line_end + 1, limit)
        if items:
            return items
    if len(listed) == 1 and not listed[0].label:
        # "RESOLVED:" / "That the accounts be approved." / "That the Chair sign ..."
        listed += more_that_paragraphs(text, listed[0])
    return listed


def next_line_start(text: str, pos: int) -> int | None:
    i = text.find("\n", pos)
    while i >= 0:
        j = text.find("\n", i + 1)
        line = text[i + 1: j if j >= 0 else len(text)]
        if line.strip():
            return i + 1 + (len(line) - len(line.lstrip()))
        if j < 0:
            return None
        i = j
    return None


def more_that_paragraphs(text: str, first: Clause) -> list[Clause]:
    """Unnumbered items in separate paragraphs: "That the Committee notes ...", then "That the
    Committee approves ..." -- each paragraph of the same form is one more."""
    form = re.match(r"\s*(That|To)\s", text[first.char_start:first.char_end])
    more: list[Clause] = []
    end = first.char_end
    while form:
        nxt = next_line_start(text, end)
        if nxt is None or not re.match(rf"{form.group(1)}\s+(?:the\s+)?[A-Za-z]", text[nxt:nxt + 40]):
            break
        stop = paragraph_end(text, nxt)
        more.append(Clause("", nxt, stop))
        end = stop
    return more


# Verbs that make a lead-in's grammar ("is asked to", "is recommended to"), not its decision.
_LEAD_IN_GRAMMAR = {"ask", "recommend", "invite", "request", "resolve", "set"}


def lead_verb(lead_in: str) -> str:
    """The verb a lead-in gives its items: "is asked to agree the following:" -> "agree",
    "RESOLVED that County Council agree:" -> "agree", "that the following be approved:" ->
    "approve"; "" when it names none ("is asked to:")."""
    lines = [line for line in lead_in.strip().split("\n") if line.strip()]
    # the line that introduces the list, not a subheading printed under it
    introducing = next((line for line in reversed(lines) if line.rstrip().endswith(":")), lead_in.strip())
    for word in reversed(re.findall(r"[A-Za-z]+", introducing)):
        base = lemma(word)
        if base in DECISION_VERBS and base not in _LEAD_IN_GRAMMAR and not word[:1].isupper():
            return base
    return ""


def lead_in_before(text: str, start: int, first: int) -> str:
    """The lead-in's text: from `start` to the line holding the first item (its label left out)."""
    end = text.rfind("\n", 0, first)
    end = first if end < start else end
    return text[max(start, end - 300):end]


def is_lead_in(clause: str) -> bool:
    """A lead-in left without its items ("approve the following:", "As Cabinet Member for X
    I agree to:"): never a record of its own."""
    clause = clause.strip()
    return clause.endswith(":") and (len(clause.split()) <= 14 or bool(
        re.search(r"\b(?:the\s+following|as\s+follows|I\s+(?:agree|have\s+decided|approve))\b", clause, re.I)))


def item_verb(item: str, lead_in: str = "") -> str:
    """An item's own first verb, else (a noun-phrase item) the lead-in's verb."""
    own = first_verb(item)
    words = re.findall(r"[A-Za-z]+", item)
    opening = [w.lower() for w in words[:4]]
    if own in DECISION_VERBS and any(own in w for w in opening):
        return own
    if own in DECISION_VERBS and re.search(rf"\bbe\s+{own}", item, re.I):
        return own
    return lead_verb(lead_in) or own
