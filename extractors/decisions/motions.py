"""Motions and amendments that members put in the meeting (not resolutions).

"Mr A proposed and Mr B seconded the following amendment: ...", "An amendment
was moved by Cllr A, seconded by Cllr B: ...", "Cllr A proposed and Cllr B
seconded that the Council object to ...": the motion's text, kind, movers,
outcome and recorded counts.
"""
from __future__ import annotations

import re

from ..clauses import block_after, clean_clause
from ..guards import finditer, guarded, needing
from ..records import Motion
from ..vocabulary import NAME as _NAME
from .headings import Heading, find_headings, minute_for, minute_from_items, own_number
from .notes import cut_notes
from .triggers import AFTER_SPACE as _AFTER_SPACE
from .votes import _clean_name, mover_of, named_vote, outcome_of, recorded_vote

_MOTION_TRIGGER = guarded(
    _AFTER_SPACE,
    # Tried only where a sentence starts (a line, or after a full stop): fast on long packs.
    r"(?:^|(?<=[.!?:]\s)|(?<=[.!?]\s\s))[^\S\n]*(?:\(?[a-z0-9]{1,3}[.)][^\S\n]+)?"
    r"(?:(?P<intro>[^.\n]{0,200}?\b(?:proposed|moved|suggested|tabled|submitted)\b(?:[^.\n]|\n(?![^\S\n]*\n)){0,200}?"
    r"\b(?P<kind>amendment|motion)s?\b(?:[^.:\n]|\n(?![^\S\n]*\n)){0,200}?(?:[:]|as\s+follows?\b:?|\bthat\b|[.])"
    # "An amendment was moved by Cllr A, seconded by Cllr B: ..."
    r"|[^.\n]{0,60}?\b(?P<kind2>amendment|motion)\s+(?:was\s+)?(?:moved|proposed)\s+by\b[^.:\n]{0,200}?(?:[:]|\bthat\b))"
    # "Cllr A proposed and Cllr B seconded that the Council object to ..."
    rf"|(?P<plain>(?:{_NAME})\s*,?\s+(?:proposed|moved)(?:\s*,)?(?:\s+and)?\s+(?:{_NAME})\s*,?\s+seconded\s*,?\s+that\b"
    rf"|(?:[Ii]t\s+was\s+(?:proposed|moved)|(?<=[:;]\s)(?:proposed|moved)|(?:Proposed|Moved))\s+by\s+(?:{_NAME})\s*,?\s+(?:and\s+)?seconded\s+by\s+(?:{_NAME})\s*,?\s+that\b))",
    re.M)
# Every motion trigger names an amendment or a motion, or is seconded: most reports print none of them.
needing(_MOTION_TRIGGER, r"amendment|motion|seconded")
_SECONDED_AFTER = re.compile(
    rf"[;,.]?\s*(?:(?:and\s+)?(?:the|this|which)\s+(?:amendment|motion|proposal)?\s*was\s+|and\s+)?seconded\s+by\s+(?P<s>{_NAME})\W*$")
_RESOLVED_INSIDE = re.compile(r"(?<=[.;])\s+(?:(?:and\s+)?[Ii]t\s+was\s+)?(?:RESOLVED|[Rr]esolved)\b")
# The motion's own sentence ends with its result: "that X be accepted, and on being put to the
# vote was CARRIED (3 for, 1 against)", "that X be given, which was carried by 6 votes to 2".
_RESULT_INSIDE = re.compile(
    r"[,;]?\s+(?:and\s+)?(?:(?:on|upon|when)\s+(?:being\s+)?put\s+to\s+(?:the|a)\s+vote\s*,?\s*(?:it\s+|this\s+)?"
    r"(?:was\s+)?|(?:this\s+|which\s+)?was\s+)(?:CARRIED|[Cc]arried|LOST|[Ll]ost|DEFEATED|[Dd]efeated)\b[^\n]*")
_MOTION_RESULT = re.compile(
    r"[^.\n]*\b(?:amendment|motion|this|it|proposal)\b[^.\n]*\b(?:fell|lost|carried|defeated|passed|withdrawn|"
    r"rejected)\b[^\n]*", re.I)


def find_motions(text: str, headings: list[Heading] | None = None, items: list | None = None,
                 covered: list[tuple[int, int]] | None = None) -> list[Motion]:
    """Motions and amendments moved in the meeting, with mover, seconder, outcome and counts.

    `covered` are the spans of resolutions: "RESOLVED that Cabinet considered the
    proposed amendments" is not an amendment moved in the meeting.
    """
    headings = headings if headings is not None else find_headings(text)
    covered = covered or []
    motions: list[Motion] = []
    triggers = list(finditer(_MOTION_TRIGGER, text))
    for n, m in enumerate(triggers):
        intro = m.group("intro") or m.group("plain")
        kind = (m.group("kind") or m.group("kind2") or "motion").lower()
        verb = re.search(r"\b(?:proposed|moved|suggested|tabled|submitted)\b", intro)
        if verb and re.search(r"\b(?:the|a|an|these|those|any|its|their)\s*$", intro[:verb.start()], re.I):
            continue    # "the proposed amendments": an adjective, not a member moving one
        at = m.start("intro") if m.group("intro") else m.start("plain")
        if any(s <= at < e for s, e in covered):
            continue
        if re.search(r"\b(?:will|would|may|could|should|can)\s+(?:be\s+)?(?:proposed|moved|put)\b", intro, re.I):
            continue
        body_start = m.end()
        clauses = block_after(text, body_start)
        if not clauses:
            continue
        start, end = clauses[0].char_start, clauses[-1].char_end
        if len(clauses) == 1 and text[start:end].rstrip().endswith(":"):
            # "Delete recommendation c) and replace with:" and the new wording after it.
            more = block_after(text, end)
            if more:
                end = more[-1].char_end
        elif len(clauses) == 1:
            end = cut_notes(text, start, end)
        # "X proposed and Y seconded that the payments be approved. It was RESOLVED ...":
        # the motion ends where the meeting's resolution begins, and a plain motion
        # the meeting then resolved was carried.
        resolved_here = _RESOLVED_INSIDE.search(text, start, end)
        if resolved_here:
            end = resolved_here.start()
        inside = _RESULT_INSIDE.search(text, start, end)
        result_inside = ""
        if inside:
            result_inside = text[inside.start():end]
            end = inside.start()
        body = clean_clause(text[start:end]).strip('"“”')
        if len(body.split()) < 3:
            continue
        limit = triggers[n + 1].start() if n + 1 < len(triggers) else len(text)
        # A named vote (For / Against / Abstain and every member's name) can run to a page.
        after = text[end:min(limit, end + 4000)]
        stop = re.search(r"RESOLVED|[Ii]t was resolved|\n\s*\d{1,3}\.\s+[A-Z]", after)
        window = after[:stop.start()] if stop else after
        result = _MOTION_RESULT.search(window)
        if result is not None and result.start() > 600 and named_vote(window[:result.start()])[1] is None:
            result = None    # far beyond the motion, with no named vote between: another motion's result
        result_text = result.group(0) if result else window[:200]
        v_for, v_against, v_abstain = recorded_vote(result_text)
        if v_against is None and result is not None:
            # "For (14) <names> Against (45) <names> Abstain (7) <names>" then "Amendment lost."
            v_for, v_against, v_abstain = named_vote(window[:result.start()])
        outcome = outcome_of(result_text) if result else ""
        if result_inside:
            v_for, v_against, v_abstain = recorded_vote(result_inside)
            outcome = outcome_of(result_inside)
        if not outcome and re.match(r"\s*\(?(?:all\s+(?:members\s+|councillors\s+)?in\s+favour|agreed|carried|"
                                    r"approved|unanimous(?:ly\s+agreed)?|nem\.?\s*con)\b", window, re.I):
            outcome = "carried"     # "... that the council adopts X. All in favour."
        if not outcome and v_for is not None and v_against is not None:
            outcome = "carried" if v_for > v_against else "lost"
        if re.search(r"agreed\s+to\s+the\s+following\s+amendment", intro):
            outcome = outcome or "carried"
        if resolved_here and kind == "motion" and not outcome:
            outcome = "carried"
        proposer, seconder = mover_of(intro + " " + text[m.start():body_start])
        seconded = _SECONDED_AFTER.search(body)
        if seconded:   # "...; the amendment was seconded by Cllr Smith." closes the motion's text
            seconder = seconder or _clean_name(seconded.group("s"))
            body = body[:seconded.start()].rstrip(" ;,")
        if not proposer:
            pm = re.search(rf"(?P<p>{_NAME})\s+(?:proposed|moved|suggested)", intro)
            proposer = _clean_name(pm.group("p")) if pm else ""
        head = minute_for(headings, m.start(), own_number(text, at))
        minute, _ = minute_from_items(items, m.start(), head)
        motions.append(Motion(
            text=body, kind=kind, minute=minute, proposer=proposer, seconder=seconder,
            outcome=outcome, votes_for=v_for, votes_against=v_against, votes_abstain=v_abstain,
            char_start=start, char_end=end))
    return motions

