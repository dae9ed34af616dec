"""Recommendations: what a report, cover sheet or agenda asks the body to do.

"Recommendation: The Committee is asked to: a) note ...", "2 Recommendations 2.1
That the Board ...", "It is recommended that the Committee note ...", agenda items
"To approve the minutes of ...".  One record per clause (a lead-in's items, each
taking the lead-in's verb when it has none of its own), each listed once.
"""
from __future__ import annotations

import re

from ..clauses import Clause, block_after, clean_clause, first_verb, paragraph_end
from ..guards import caseless, finditer, guarded, needing
from ..records import Recommendation
from ..vocabulary import AGENDA_VERBS as _AGENDA_VERBS
from ..vocabulary import BODY as _BODY
from ..vocabulary import covered_share, norm, token_f1
from .context import in_minutes
from .lists import is_lead_in, item_verb, lead_in_before, more_that_paragraphs, next_line_start

_ASKED = guarded(
    r"(?=[A-Z&]|the|and|of|meeting|committee|sub-committee|board|panel|group|council|cabinet|it|officers|members)",
    # The body's name on one line: a heading above ("... STATEMENT OF PRINCIPLES") is not part of it.
    rf"(?:(?:[Tt]he[^\S\n]+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)[^\S\n]+){{0,8}}?(?:{_BODY}|Members|Councillors|Trustees|Governors|Cabinet\s+Member|Leader|Council|"
    r"(?<=[A-Za-z]\s)members)"
    r"\s+(?:is|are)\s+(?:being\s+)?(?i:asked|recommended|invited|requested)\s+to\b\s*:?"
    r"|[Ii]t\s+is\s+(?:therefore\s+)?recommended\s+that\s+(?:the\s+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)\s+){0,8}?"
    rf"(?:{_BODY}|Members|Cabinet\s+Member)\b(?:\s*[:,])?"
    r"|[Ii]t\s+is\s+(?:therefore\s+)?recommended\s+that\s*:?"
    # "Officers recommend that the Committee grants permission ..."
    rf"|(?:[Oo]fficers|OFFICERS)\s+(?:therefore\s+)?recommend\s+that\s+(?:(?:the\s+)?(?:{_BODY}|Members)\s+)?)")
# Every "is asked to" / "it is recommended that" holds its verb right after "is" or "are";
# officers "recommend that".
needing(_ASKED, r"(?:is|are)\s+(?:being\s+|therefore\s+)?(?i:asked|recommended|invited|requested)\s+t|"
                r"recommend\s+that")
_REC_LABEL = re.compile(
    r"^[^\S\n]*(?:\*\*)?(?:\d{1,2}\.?[^\S\n]+)?(?:Recommendations?|RECOMMENDATIONS?|Recommendation\(s\)|"
    r"RECOMMENDATION\(S\)|Recommended\s+(?:action|decision)s?|RECOMMENDED|Recommended(?=\s*:)|"
    # a cover sheet's "Action required:" / "Decision required:" / "Decision sought:"
    r"(?:Action|ACTION|Decision|DECISION)s?\s+(?:required|REQUIRED|sought|SOUGHT|requested|REQUESTED))"
    # "Recommendation to Council:", "Recommendations for the Board -"
    r"(?:[^\S\n]+(?:to|for)[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w&'’ -]{1,40}?(?=[^\S\n]*[:\-–]))?"
    r"(?:\*\*)?[^\S\n]*(?::|\t|-|–|$)", re.M)
# A cover-sheet row whose first cell names the recommendation ("Recommendation(s)\t...",
# "Key Actions ... Please state recommendations for action.\t..."), not any row that
# mentions recommendations ("Progress against audit recommendations\t5").
_COVER_CELL = re.compile(
    r"^[^\S\n]*(?:<[^>\n]+>[^\S\n]*)*(?:\d+\.?[^\S\n]*)?(?:recommendations?\b|recommendation\(s\)|recommended\s+\w+)"
    r"[^\t\n?]{0,40}\t|^[^\t\n?]*\b(?:state\s+(?:the\s+)?recommendations?|recommendations?\s+for\s+action|"
    r"recommendations?\s+to\s+the\s+(?:board|committee|council|cabinet))\b[^\t\n?]*\t", re.M | re.I)
# A cover cell is a line with "recommend..." before a tab; papers without such a table skip the scan.
needing(_COVER_CELL, caseless("recommend") + r"[^\n]*\t")
_NOT_REC_LINE = re.compile(r"^\s*(?:Outcome|Purpose|Background|Reasons?|Summary)\b", re.I)

def _rec(text: str, clause: Clause, lead_in: str = "") -> Recommendation | None:
    body = clean_clause(text[clause.char_start:clause.char_end])
    body = re.sub(r"^(?:[Tt]he\s+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)\s+){0,8}?(?:Committee|Board|Cabinet|Council|Panel)"
                  r"\s+(?:is|are)\s+(?:being\s+)?(?:asked|recommended)\s+to\s*:?\s*", "", body)
    body = re.sub(r"^[Ii]t\s+is\s+recommended\s+that\s+(?:the\s+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)\s+){0,8}?"
                  r"(?:Committee|Board|Cabinet|Council|Panel)\s+", "", body)
    if len(re.findall(r"[A-Za-z]{2,}", body)) < 3 or re.fullmatch(r"(?:N/?A|None|No|Yes)\.?", body, re.I) \
            or is_lead_in(body):
        return None
    verb = item_verb(body, lead_in) if lead_in else first_verb(body)
    return Recommendation(text=body, verb=verb, label=clause.label,
                          char_start=clause.char_start, char_end=clause.char_end)


def _recommendation_blocks(text: str, doc_type: str = "") -> list[tuple[int, list[Clause]]]:
    """(start, clauses) for each place a recommendation is made."""
    blocks: list[tuple[int, list[Clause]]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, clauses: list[Clause]) -> None:
        clauses = [c for c in clauses if not any(s <= c.char_start < e for s, e in taken)
                   and _rec(text, c) is not None]
        if clauses:
            blocks.append((start, clauses))
            taken.append((min(c.char_start for c in clauses), max(c.char_end for c in clauses)))

    # 1. "Recommendation(s):" labels, cover-sheet cells and numbered sections.
    for m in list(_REC_LABEL.finditer(text)) + list(finditer(_COVER_CELL, text)):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _NOT_REC_LINE.match(text[line_start:m.start() + 1]):
            continue
        label_line = text[line_start:text.find("\n", m.end()) if text.find("\n", m.end()) >= 0 else len(text)]
        if re.search(r"\breasons?\s+for\b|\?|\bimplications?\b", label_line[: m.end() - line_start], re.I):
            continue
        pos = m.end()
        asked = _ASKED.match(text, _skip_space_tags(text, pos))
        if asked:
            pos = asked.end()
        else:
            nxt = next_line_start(text, pos)
            if not text[pos:text.find("\n", pos) if text.find("\n", pos) >= 0 else len(text)].strip() and nxt:
                asked = _ASKED.match(text, _skip_space_tags(text, nxt))
                if asked:
                    pos = asked.end()
        clauses = block_after(text, pos)
        if len(clauses) == 1 and not clauses[0].label:
            clauses += more_that_paragraphs(text, clauses[0])
        add(m.start(), clauses)
    # 2. "The Committee is asked to ..." in running text, "It is recommended that the Board note ...".
    for m in finditer(_ASKED, text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start:m.start()]
        if _NOT_REC_LINE.match(before) or re.search(r"\b(?:were|was|had been)\b", before):
            continue
        if before.strip() and not re.fullmatch(r"[\s\d.()a-z\-•*]*|.*\t\s*(?:<[^>]+>\s*)*|"
                                               r"[\w\s()/&*-]{0,40}:[\s*]*", before):
            continue
        add(m.start(), block_after(text, m.end()))
    # 3. Agenda items: "3. Minutes of Previous Meeting" then "To approve the minutes of ...",
    #    or "5. To receive the Clerk's report" when no decision follows (an agenda, not minutes).
    for start, clause in _agenda_items(text, doc_type):
        add(start, [clause])
    blocks.sort(key=lambda b: b[0])
    return blocks


def _skip_space_tags(text: str, pos: int) -> int:
    """Past spaces, HTML tags and a paragraph number ("1.1 The Board is asked to:")."""
    while True:
        m = re.match(r"[^\S\n]+|<[^<>\n]{0,200}>|\d{1,2}(?:\.\d{1,2})*\.?[^\S\n]+(?=[A-Z])", text[pos:pos + 300])
        if not m or not m.group():
            return pos
        pos += m.end()


_AGENDA_HEAD = re.compile(r"^[^\S\n]*(?:[-*]\s+)?(?:item\s+)?\d{1,3}[.)]?[^\S\n]+(?:\*\*)?[A-Z‘'\"][^\n]{2,200}$",
                          re.M | re.I)
_AGENDA_NUMBER = r"(?:(?:[Ii]tem\s+)?[A-Z]{0,3}\d{1,4}(?:[./]\d{1,4})?[.):]?[^\S\n]+|\(?[a-z]\)[^\S\n]+|[-*•][^\S\n]+)"
_TO_VERB = re.compile(rf"^[^\S\n]*{_AGENDA_NUMBER}?(?:\*\*)?(?:To|TO)\s+(?i:{'|'.join(_AGENDA_VERBS)})\b[^\n]*$",
                      re.M)


_SECTION_HEAD = re.compile(r"[^\S\n]*(?:\d{1,2}\.?\s+)?(?:Purpose|Background|Introduction|Summary|Executive\s+summary|"
                           r"Context|Reasons?)\b[^\n]{0,40}$", re.I)


def _agenda_items(text: str, doc_type: str = ""):
    for m in _TO_VERB.finditer(text):
        line = m.group(0)
        numbered = re.match(rf"[^\S\n]*{_AGENDA_NUMBER}", line)
        prev_line = _previous_nonblank(text, m.start())
        if not numbered:
            # "3. **Minutes of Previous Meeting** (Pages 3 - 6)" then "To approve the minutes ..."
            prev = _previous_nonblank(text, m.start())
            if prev is None or not _AGENDA_HEAD.match(prev[1]) or _is_recommendation_heading(prev[1]):
                continue
        # Minutes headings look the same ("5. To approve the minutes"): a decision in the
        # next few lines means these are minutes, not an agenda.
        follow = text[m.end():m.end() + 700]
        nxt_head = _AGENDA_HEAD.search(follow)
        follow = follow[: nxt_head.start()] if nxt_head else follow
        if re.search(r"RESOLVED|[Rr]esolved|AGREED|[Aa]greed\s+(?:that|to)|\bwere\s+(?:approved|agreed)", follow):
            continue
        if re.match(r"[^\n]*?To\s+set\s+out\b", line, re.I) or (
                prev_line is not None and _SECTION_HEAD.match(prev_line[1])):
            continue    # "1. Purpose" / "1.1 To set out the options": a report's own paragraph
        if in_minutes(text, m.start(), doc_type):
            continue    # "23/45 To receive apologies" heads a minute: "Apologies were received from ..."
        start = m.start() + (numbered.end() if numbered else len(line) - len(line.lstrip()))
        end = paragraph_end(text, start)
        yield m.start(), Clause("", start, end)


def _is_recommendation_heading(line: str) -> bool:
    return bool(re.search(r"recommendation", line, re.I))


def _previous_nonblank(text: str, pos: int) -> tuple[int, str] | None:
    end = pos - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            return start, line
        end = start - 1
    return None


def dedupe(blocks: list[list[Recommendation]]) -> list[Recommendation]:
    """One row per recommendation: a clause repeated word for word, or a whole numbered
    list repeated with trivial differences (cover sheet and body), is kept once.

    `blocks` are the recommendations grouped by the place that makes them, in order.
    """
    kept: list[Recommendation] = []
    seen = set()
    earlier: list[list[Recommendation]] = []
    blocks = [members for n, members in enumerate(blocks)
              if not any(summarises(members, blocks[k]) for k in (n - 1, n + 1) if 0 <= k < len(blocks))]
    for members in blocks:
        if len(members) >= 2 and any(_repeats(members, old) for old in earlier):
            continue
        earlier.append(members)
        for rec in members:
            key = norm(rec.text)
            if key in seen:
                continue
            seen.add(key)
            kept.append(rec)
    return kept


def summarises(block: list[Recommendation], listed: list[Recommendation]) -> bool:
    """A one-sentence summary ("The Board is asked to APPROVE the plan and NOTE the progress")
    next to the numbered recommendations it restates (v1.2: not a recommendation of its own)."""
    if len(block) != 1 or block[0].label or len(listed) < 2:
        return False
    return covered_share(block[0].text, " ".join(r.text for r in listed)) >= 0.8


def _repeats(block: list[Recommendation], old: list[Recommendation]) -> bool:
    if len(block) != len(old):
        return False
    scores = [token_f1(a.text, b.text) for a, b in zip(old, block)]
    return sum(scores) / len(scores) >= 0.85 and min(scores) >= 0.5


def find_recommendations(text: str, doc_type: str = "") -> list[Recommendation]:
    """Recommendations put to the body, one per clause, each listed once.  `doc_type`
    "minutes": a "To note ..." line the minutes record is a decision, not an agenda item."""
    blocks = []
    for start, clauses in _recommendation_blocks(text, doc_type):
        # the lead-in ("is asked to agree the following:") gives noun-phrase items their verb
        lead_in = lead_in_before(text, start, clauses[0].char_start) if len(clauses) > 1 else ""
        recs = [rec for clause in clauses if (rec := _rec(text, clause, lead_in)) is not None]
        if recs:
            blocks.append(recs)
    return dedupe(blocks)

