"""Resolutions: what the meeting decided, as its minutes (or a record of decision) record it.

"It was resolved unanimously to:", "RESOLVED: That ...", "The Council agreed to
...", "DECISION: As Cabinet Member ... I agree to: APPROVE ...", "The following
accounts were approved for payment", "The minutes ... were agreed as a correct
record".  The phrasings are rows of the trigger table (triggers.py); the items
a lead-in introduces come from lists.py, one record per item.  Vote, counts,
outcome and movers come from the decision's sentence, the note after it and,
when those state none, the vote recorded just before it (votes.py).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..clauses import clean_clause, first_verb
from ..guards import guarded
from ..records import Motion, Resolution
from ..vocabulary import token_f1
from .context import in_minutes
from .headings import Heading, find_headings, minute_at, minute_for, minute_from_items
from .lists import decided_clauses, is_lead_in, item_verb, lead_in_before
from .motions import find_motions
from .notes import cut_notes, previous_line, sentence_start, strip_vote_text, vote_note
from .triggers import Found, find_triggers
from .votes import LOST_RESULT, mover_of, outcome_of, recorded_vote, vote_before, vote_of

CORRECT_RECORD = guarded(
    r"(?=[TtMmNn])",
    r"(?:[Tt]he\s+)?(?:[Mm]inutes?|notes?)\s+of\s+(?:the\s+|its\s+)?[^.\n]{0,160}?"
    # "were agreed", "were read, checked for accuracy and content, agreed as a true record"
    r"(?:meeting|Meeting)[^.\n]{0,120}?\s+(?:were|was|be|are)\s+(?:(?!not\b)[\w,]+\s+){0,8}?"
    r"(?:agreed|approved|confirmed|accepted|adopted|signed)[^.\n]{0,40}?"
    r"(?:as\s+(?:a|an)\s+(?:true|correct|accurate|full)[^.]{0,40}?record)?[^.]{0,120}[.]?")
MOTION_CUE = re.compile(
    r"\b(?:proposed|moved|suggested|tabled|submitted)\b(?:[^.\n]|\n(?![^\S\n]*\n)){0,200}?\b(?:amendment|motion)\b|"
    r"\b(?:amendment|motion)\b[^.\n]{0,60}\b(?:was|were)\s+(?:proposed|moved|put|tabled)\b|"
    r"\bagreed\s+to\s+the\s+following\s+amendment\b|\bseconded\s*,?\s+that\b", re.I)


_HEADING_LINE = re.compile(r"[^\S\n]*(?:(?:Minute|Item|Min\.?)\s+)?[A-Z]{0,4}\d{1,4}(?:[./]\.?\d{1,4}){0,2}[.):]?"
                           r"[^\S\n]+[A-Z‘'\"][^.\n]{0,100}")


def _sentence_clause(text: str, trig: Found) -> tuple[int, int]:
    """The span of a decision that is its own sentence: from the sentence start to its end,
    a colon before a table, or the movers' note ("..., proposed by A, seconded by B")."""
    start = sentence_start(text, trig.start)
    # a label or dash-separated heading before it on the line: "Finance - The following ..."
    line_start = text.rfind("\n", 0, trig.start) + 1
    head = re.match(r"[^\n]{0,80}?\s[-–]\s*(?=\S)", text[max(start, line_start):trig.body])
    if head and max(start, line_start) + head.end() <= trig.start + len(text[trig.start:trig.body]) - len(
            text[trig.start:trig.body].lstrip()):
        start = max(start, line_start) + head.end()
    start = max(start, line_start) if text[line_start:trig.start].strip() == "" else start
    first = text[start:text.find("\n", start) if "\n" in text[start:trig.start] else start]
    if first and _HEADING_LINE.fullmatch(first):
        start += len(first) + 1    # "26.05.10 Planters" above "Cllr A proposed ...": the minute's heading
    end = _sentence_end(text, trig.body)
    if trig.trigger.name == "seconded-and-agreed":
        if re.match(r"\s*\(?(?:it\s+was\s+)?(?:proposed|moved|seconded)\b", text[start:trig.start + 9], re.I):
            return start, start     # a vote note after a decision already read, not a decision of its own
        movers = re.search(r"[,;]?\s*(?:(?:it\s+was|and|which\s+was|this\s+was)\s+)?(?:proposed|moved)\s+by\b",
                           text[start:trig.start], re.I)
        if movers and movers.start() > 0:
            end = start + movers.start()
        else:
            seconded = re.search(r"[,;]?\s*(?:and\s+)?seconded\b", text[start:trig.start + 9], re.I)
            end = start + seconded.start() if seconded and seconded.start() > 0 else end
    while start < end and text[start].isspace():
        start += 1
    return start, end


_RUNS_ON = re.compile(r"(?:\b(?:to|of|and|or|the|a|an|for|by|with|from|in|on|at|that|be|were|was)|[,(\-–])[^\S\n]*$", re.I)


def _sentence_end(text: str, pos: int, limit: int = 600) -> int:
    """End of the sentence running from `pos`: a full stop, a colon before a list or table,
    a blank line, or a line break before a line that starts like a new sentence or heading
    (PDF minutes often print a decision without a full stop)."""
    stop = min(len(text), pos + limit)
    i = pos
    depth = 0
    while i < stop:
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth and c != "\n":
            pass    # "(Action: Clerk)": a note in brackets does not end the sentence
        elif c in ".!?" and (i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1].isupper()):
            return i + 1
        elif c == ":":
            return i
        elif c == "\n":
            nxt = text[i + 1:i + 2]
            if not nxt.strip() or (not nxt.islower() and not _RUNS_ON.search(text[pos:i])):
                return i
        i += 1
    return stop


def _dedupe(resolutions: list[Resolution], groups: list[list[Resolution]]) -> list[Resolution]:
    """A summary that repeats a meeting's decisions (a list of two or more, or one long decision
    word for word) is not a second set."""
    dropped: set[int] = set()
    kept_groups: list[list[Resolution]] = []
    for group in groups:
        if not group:
            continue
        repeated = any(len(old) == len(group) and all(token_f1(a.text, b.text) >= 0.85 for a, b in zip(old, group))
                       for old in kept_groups)
        # a single decision repeated word for word: only a long one ("That the report be noted"
        # is decided again and again in one meeting)
        if repeated and (len(group) >= 2 or len(group[0].text.split()) >= 12 and any(
                len(old) == 1 and token_f1(old[0].text, group[0].text) >= 0.95 for old in kept_groups)):
            dropped.update(id(r) for r in group)
            continue
        kept_groups.append(group)
    return [r for r in resolutions if id(r) not in dropped]


def find_resolutions(text: str, items: list | None = None, meeting_date=None,
                     doc_type: str = "") -> tuple[list[Resolution], list[Motion]]:
    """Resolutions (one per clause) and the motions and amendments put in the meeting.

    `items` (the structure component's numbered items) give the minute when no
    minute heading is found; `meeting_date` resolves "held on 12 March" in
    "minutes ... agreed as a correct record"; `doc_type` "minutes" lets "It was
    agreed to" count in minutes that have no "Present:" heading.
    """
    from ..dates import find_dates

    headings = find_headings(text)
    heading_starts = [h.start for h in headings]
    resolutions: list[Resolution] = []
    groups: list[list[Resolution]] = []
    covered: list[tuple[int, int]] = []
    for trig in find_triggers(text, doc_type):
        if any(s <= trig.start < e for s, e in covered):
            continue
        sentence = text[sentence_start(text, trig.start):trig.body]
        if trig.trigger.yields == "clauses" and MOTION_CUE.search(sentence):
            continue

        if trig.trigger.yields == "sentence":
            start, end = _sentence_clause(text, trig)
            if end <= start:
                continue
            from ..clauses import Clause
            clauses = [Clause("", start, end)]
            sentence = text[start:trig.body]
        else:
            clauses = decided_clauses(text, trig.body)
        if not clauses:
            continue
        if len(clauses) == 1 and not clauses[0].label and trig.trigger.yields == "clauses":
            clauses[0].char_end = cut_notes(text, clauses[0].char_start, clauses[0].char_end)
            if trig.trigger.scope == "minutes":
                # "It was agreed to X." is one sentence; what follows is narrative again.
                clauses[0].char_end = min(clauses[0].char_end, _sentence_end(text, clauses[0].char_start))
        lead_in = lead_in_before(text, text.rfind("\n", 0, trig.start) + 1, clauses[0].char_start)
        last_end = max(clauses[-1].char_end, trig.body)
        note = vote_note(text, last_end)
        context = sentence + " " + note
        previous = previous_line(text, trig.start)
        if re.search(r"(?:\band|,)\s*$", previous) and re.search(r"\b(?:moved|proposed|seconded)\b", previous):
            context = previous + " " + context   # "It was moved by Cllr A, seconded by Cllr B and" / "RESOLVED ..."
        own_item = _own_item_start(text, trig.start)
        if recorded_vote(previous)[1] is not None and own_item is None and not LOST_RESULT.search(previous) and \
                not re.search(r"amendment|resolved|agreed", previous, re.I):
            context += " " + previous     # "For 31, Against 0, Abstentions 3." then "RESOLVED that ..."
        trailing = re.search(r"\([^()]{0,120}\)\W*$", text[clauses[-1].char_start:last_end])
        if trailing:
            context += " " + trailing.group(0)      # "... for 3 years (nem con)."
        if trig.trigger.yields == "sentence":
            context += " " + text[trig.start:trig.body]
        vote = vote_of(context)
        v_for, v_against, v_abstain = recorded_vote(context)
        if not vote and v_against is None:
            # "Agreed unanimously." or a named vote on the substantive motion, then "RESOLVED ..."
            before = vote_before(text[_floor(text, trig.start, headings, covered, heading_starts):trig.start])
            vote = vote_of(before)
            v_for, v_against, v_abstain = recorded_vote(before)
        vote = vote or trig.trigger.vote
        proposer, seconder = mover_of(context)
        minute, title = minute_at(text, trig.start, headings, items)
        group = []
        for clause in clauses:
            clause_text = strip_vote_text(clean_clause(text[clause.char_start:clause.char_end]))
            clause_text = re.sub(r"\s+([.;,])$", r"\1", clause_text)     # "for 25/26 ." as printed, tidied
            if len(re.findall(r"[A-Za-z]{2,}", clause_text)) < 2 or is_lead_in(clause_text):
                continue
            group.append(Resolution(
                text=clause_text, verb=item_verb(clause_text, lead_in) if len(clauses) > 1 else first_verb(clause_text),
                label=clause.label,
                minute=minute, item_title=title, vote=vote, outcome=outcome_of(note) or _deferred(clause_text),
                votes_for=v_for, votes_against=v_against, votes_abstain=v_abstain,
                proposer=proposer, seconder=seconder,
                minutes_of=_minutes_of(clause_text, meeting_date, find_dates),
                char_start=clause.char_start, char_end=clause.char_end))
        resolutions += group
        groups.append(group)
        covered.append((min(trig.start, clauses[0].char_start), last_end))
    for m in CORRECT_RECORD.finditer(text):
        start, end = m.start(), m.end()
        if any(s <= start < e or s < end <= e for s, e in covered):
            continue
        before = text[max(0, start - 80):start]
        if re.search(r"\b(?:To\s+(?:approve|confirm|receive|agree)|asked\s+to|recommend)\w*\s*$", before, re.I):
            continue
        if re.match(r"\s*(?:To|to)\b", before[-3:]):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if re.match(r"\s*(?:\d+\.?\s+)?To\s", text[line_start:start + 3]):
            continue
        clause_text = clean_clause(text[start:end])
        if not re.search(r"\b(?:were|was|are|be)\s+(?:[\w,]+\s+){0,5}?(?:agreed|approved|confirmed|accepted|"
                         r"adopted|signed)", clause_text):
            continue
        note = vote_note(text, end)
        minute, title = minute_at(text, start, headings, items)
        # "... signed by the Town Mayor (unanimous)." carries its vote inside the sentence.
        vote_text = clause_text + " " + note
        clause_text = strip_vote_text(clause_text)
        v_for, v_against, v_abstain = recorded_vote(vote_text)
        proposer, seconder = mover_of(vote_text)
        resolutions.append(Resolution(
            text=clause_text, verb=first_verb(clause_text) or "agree", minute=minute, item_title=title,
            vote=vote_of(vote_text), votes_for=v_for, votes_against=v_against, votes_abstain=v_abstain,
            proposer=proposer, seconder=seconder,
            minutes_of=_minutes_of(clause_text, meeting_date, find_dates),
            char_start=start, char_end=end))
        covered.append((start, end))
    resolutions += _table_decisions(text, covered, headings, items, doc_type)
    motions = find_motions(text, headings, items, covered)
    _movers_from_motions(text, resolutions, motions)
    resolutions += _carried_proposals(text, motions, covered, headings, items)
    resolutions = _dedupe(resolutions, groups)
    resolutions.sort(key=lambda r: r.char_start)
    return resolutions, motions


# A table's header cell that names the decision column: "Decision", "Decisions taken", "Resolution", "Outcome"
_DECISION_COLUMN = re.compile(r"\s*(?:decisions?(?:\s+(?:taken|made|agreed))?|resolutions?|resolved|outcome|agreed)\s*:?\s*",
                              re.I)


def _table_decisions(text: str, covered: list[tuple[int, int]], headings: list[Heading], items: list | None,
                     doc_type: str = "") -> list[Resolution]:
    """Minutes printed as a table with a Decision column: each row's decision cell is a resolution
    ("4/26<tab>Path lighting<tab>Council to ask for two new lamps")."""
    found: list[Resolution] = []
    if "\t" not in text:
        return found
    column = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cells = line.split("\t")
        if len(cells) < 2:
            column = None
            continue
        names = [i for i, cell in enumerate(cells) if _DECISION_COLUMN.fullmatch(cell)]
        if names:
            column = names[-1]
            continue
        if column is None or column >= len(cells) or not in_minutes(text, start, doc_type or "minutes"):
            continue
        cell = cells[column].strip()
        cell_start = start + sum(len(c) + 1 for c in cells[:column])
        cell_start += len(cells[column]) - len(cells[column].lstrip())
        cell_end = cell_start + len(cell)
        if len(cell.split()) < 3 or re.match(r"(?:n/?a|none|-|–|tbc)\b", cell, re.I) or any(
                s <= cell_start < e or cell_start <= s < cell_end for s, e in covered):
            continue
        minute, title = minute_at(text, cell_start, headings, items)
        clause_text = strip_vote_text(clean_clause(cell))
        found.append(Resolution(
            text=clause_text, verb=first_verb(clause_text), minute=minute, item_title=title, vote=vote_of(cell),
            char_start=cell_start, char_end=cell_end))
        covered.append((cell_start, cell_end))
    return found


def _floor(text: str, pos: int, headings: list[Heading], covered: list[tuple[int, int]],
           starts: list[int]) -> int:
    """Where the text that can hold a decision's earlier vote starts: after the last decision
    (and its vote note), at the minute heading, at most 4,000 characters back."""
    floor = max(0, pos - 4000)
    for s, e in reversed(covered):      # decisions are read in text order: the latest comes last
        if e <= pos:
            note = vote_note(text, e)
            floor = max(floor, e + (text.find(note, e) - e + len(note) if note else 0))
            break
    i = bisect_left(starts, pos) - 1
    if i >= 0 and headings[i].start >= floor:
        floor = headings[i].start
    own_item = _own_item_start(text, pos)
    return max(floor, own_item) if own_item is not None else floor


def _movers_from_motions(text: str, resolutions: list[Resolution], motions: list[Motion]) -> None:
    """A resolution that follows straight on from a carried motion takes its mover and seconder.

    "Cllr Brown proposed and Cllr Patel seconded that the payments be approved.
    It was RESOLVED unanimously to approve the payments."
    """
    for motion in motions:
        if motion.kind != "motion" or motion.outcome != "carried" or not motion.proposer:
            continue
        for res in resolutions:
            gap = text[motion.char_end:res.char_start]
            if 0 <= res.char_start - motion.char_end <= 120 and "\n\n" not in gap and not res.proposer:
                res.proposer, res.seconder = motion.proposer, motion.seconder


# A line that opens a lettered or roman sub-item of a minute: "(c) Precept ...", "b) Resolved ..."
_SUB_ITEM = re.compile(r"\n[^\S\n]*\(?(?:[a-z]|[ivx]{1,4})\)[^\S\n]+\S")


def _own_item_start(text: str, pos: int) -> int | None:
    """Where the sub-item holding `pos` starts when its line opens with a label ("(c) ..."):
    a vote printed before that belongs to the item above."""
    line_start = text.rfind("\n", 0, pos) + 1
    return line_start if _SUB_ITEM.match(text, line_start - 1) and line_start > 0 else None


def _carried_proposals(text: str, motions: list[Motion], covered: list[tuple[int, int]],
                       headings: list[Heading], items: list | None) -> list[Resolution]:
    """"Cllr A proposed and Cllr B seconded that X. This was carried" records a decision
    when no RESOLVED follows: X is then also a resolution."""
    found = []
    for motion in motions:
        if motion.outcome != "carried" or motion.kind != "motion":
            continue
        if not re.search(r"seconded(?:\s+by\s+[^,.\n]{1,60})?\s*,?\s+that\s*$",
                         text[max(0, motion.char_start - 200):motion.char_start]):
            continue
        after = text[motion.char_end:motion.char_end + 600]
        nxt = re.search(r"\n[^\S\n]*(?:[A-Z]{0,4}\d{1,4}(?:[./]\d{1,4})?\.?\s+[A-Z])", after)
        window = after[: nxt.start()] if nxt else after
        # the next sub-item ("(c) Precept: ... RESOLVED") is another decision, not this one's record
        sub = _SUB_ITEM.search(window)
        reach = sub.start() if sub else max(len(window), 300)
        window = window[:sub.start()] if sub else window
        # the meeting's own RESOLVED just after ("Agreed unanimously." / "2. RESOLVED that ...") records it
        if re.search(r"RESOLVED|[Rr]esolved\s+(?:to|that)", after[:reach]) or \
                any(motion.char_end <= s < motion.char_end + len(window) for s, _ in covered):
            continue
        body = motion.text.rstrip(".") + "."
        head = minute_for(headings, motion.char_start, None)
        minute, title = minute_from_items(items, motion.char_start, head)
        vote = ("unanimous" if motion.votes_against == 0 else "majority") if motion.votes_against is not None \
            else vote_of(window[:200])
        found.append(Resolution(
            text=motion.text, verb=first_verb(body), minute=minute, item_title=title, vote=vote,
            outcome="carried", votes_for=motion.votes_for, votes_against=motion.votes_against,
            votes_abstain=motion.votes_abstain, proposer=motion.proposer, seconder=motion.seconder,
            char_start=motion.char_start, char_end=motion.char_end))
    return found


def _deferred(clause: str) -> str:
    return "deferred" if re.match(r"(?:that\s+)?(?:the\s+\w+\s+)?(?:be\s+)?defer", clause, re.I) else ""


def _minutes_of(clause: str, meeting_date, find_dates) -> str:
    if not re.search(r"\bminutes\b", clause, re.I) or not re.search(r"\brecord\b|\bapproved\b|\bagreed\b|"
                                                                    r"\bconfirmed\b|\bsigned\b", clause, re.I):
        return ""
    for d in find_dates(clause, meeting_date):
        if d.granularity == "day" and d.start_date:
            return d.start_date
    return ""


