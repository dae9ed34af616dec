"""The text around a decision: its sentence, the vote note after it, and the notes that end it.

"AB proposed CD seconded and it was RESOLVED to ..." (the sentence holds the
movers), "... (Proposed Cllr A, seconded Cllr B, all in favour)" (a vote note
after the list), "It was agreed to obtain quotes. Clerk to write to ..." (an
action note ends the decided text).
"""
from __future__ import annotations

import re

def sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos` (for "AB proposed CD seconded and it was RESOLVED")."""
    floor = max(0, pos - 400)
    cut = floor
    # A sentence also ends at a vote note's closing bracket and before a minute heading.
    for m in re.finditer(r"[.!?]\s|\n\s*\n|\)[^\S\n]*\n|\n(?=[^\S\n]*[A-Z]{0,4}[ ./-]?\d{1,4}(?:[./-]\d{1,4}){0,2}"
                         r"\.?[^\S\n]+[A-Z])", text[floor:pos]):
        cut = floor + m.end()
    return cut


def vote_note(text: str, end: int) -> str:
    """A vote note right after a decision: "(Proposed Cllr A, seconded Cllr B, all in favour)"."""
    tail = text[end:end + 300]
    # A page footer between the list and its note ("Page 1 of 2") is not part of either.
    tail = re.sub(r"^\n[^\S\n]*Page\s+\d+(?:\s+of\s+\d+)?[^\S\n]*(?=\n)", "", tail)
    if tail.startswith("\n") and not re.match(r"\n[^\S\n]*(?:\(|Proposed|Seconded|Moved|Vote|Voting|For\b|"
                                              r"All\s+in\s+favour|Carried|Unanimous|Agreed\s+unanimously)", tail, re.I):
        return ""
    m = re.match(r"\n?[^\S\n]*(\([^()\n]{0,200}\)|(?:[^\n.]*\b(?:proposed|seconded|in\s+favour|unanimous|"
                 r"against|abstain|majority|nem\.?\s*con|carried|vote)\b[^\n]*(?:\n(?=[^\S\n]*[a-z])[^\n]*)?))",
                 tail, re.I)     # a note wrapped onto a line that carries on in lower case
    if m and not re.match(r"\s*(?:\d+\.|RESOLVED|It was resolved)", tail):
        return m.group(1)
    return ""


def strip_vote_text(clause: str) -> str:
    """Drop a trailing vote note (or action marker, "(Action: Clerk)") from a decided text."""
    clause = re.sub(r"\s*\(\s*\**ACTIONS?\**\s*[:\-–][^()]{0,60}\)(?=\s*\.?$)", "", clause, flags=re.I)
    return re.sub(r"\s*\((?:[^()]*\b(?:proposed|seconded|unanimous|in favour|nem\.?\s*con|against|"
                  r"abstain)\b[^()]*)\)\s*\.?$", "", clause, flags=re.I).strip()


_NOTE_SENTENCE = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}to\s+[a-z]+\b"                        # "Clerk to write to ..."
    r"|\(?(?:Proposed|Seconded|Moved|Carried|Lost|Unanimous|Agreed|All\s+in\s+favour|Vote|Voting|For\b|"
    r"On\s+being\s+put|Upon\s+being\s+put|On\s+a\s+vote|The\s+(?:motion|amendment|vote|recommendation)|"
    r"This\s+was\s+(?:carried|agreed|lost)|ACTION|Action\s*:)"
    r"|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:proposed|seconded|moved)\b"
    # "... be elected Town Mayor for 2024/25. Cllr Chen signed the declaration": what a member did next
    r"|(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+(?:[A-Z]\.?\s+)?[A-Z][\w'’-]+\s+(?:signed|thanked|left|"
    r"rejoined|returned|joined|declared|took|withdrew|abstained|asked|said|noted|reported)\b")


def cut_notes(text: str, start: int, end: int) -> int:
    """End of a decided (or moved) text before the notes that follow it on the same line.

    "It was agreed to obtain three quotes. Clerk to write to the contractor."
    ends before "Clerk to ..."; a quoted motion ends at its closing quote.
    """
    segment = text[start:end]
    if segment[:1] in "\"“'‘":
        close = {"\"": "\"", "“": "”", "'": "'", "‘": "’"}[segment[0]]
        i = segment.find(close, 1)
        if i > 0:
            return start + i + 1
    for m in re.finditer(r"[.!?][\"”’)]?[^\S\n]+(?=\S)", segment):
        if _NOTE_SENTENCE.match(segment, m.end()):
            return start + m.end() - len(m.group()) + len(m.group().rstrip())
    return end


def previous_line(text: str, pos: int) -> str:
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    if before.strip() and not re.fullmatch(r"\s*(?:\d{1,2}\.|\(?\d{1,2}\)|\(?[a-z]\))\s*", before):
        return before
    prev_end = line_start - 1
    while prev_end > 0:
        prev_start = text.rfind("\n", 0, prev_end) + 1
        if text[prev_start:prev_end].strip():
            return text[prev_start:prev_end]
        prev_end = prev_start - 1
    return ""


