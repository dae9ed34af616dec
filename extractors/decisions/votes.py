"""Votes, outcomes, movers: what a decision's own sentence and its vote note say.

Pure functions the tests call directly: `vote_of` ("unanimous", "majority" or ""
as the guidelines define them), `recorded_vote` (for, against, abstain counts),
`named_vote` (For / Against / Abstain lists of names, counted), `outcome_of`
(carried, lost, withdrawn, deferred) and `mover_of` (proposer and seconder).
"""
from __future__ import annotations

import re

from ..vocabulary import NAME as _NAME
from ..vocabulary import NOT_NAMES as _NOT_NAMES

_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\ball\s+(?:(?:members|councillors)\s+)?in\s+favour\b|"
                        r"\bnem\.?\s*con\b|\bnemine\s+contradicente\b|\bwithout\s+dissent\b|"
                        r"\ball\s+agreed\b|\bagreed\s+by\s+all\b|\ball\s+(?:\w+\s+){0,2}(?:were|was)\s+in\s+agreement\b|"
                        r"\beveryone\s+agreed\b|\bno(?:\s+one|body)\s+(?:voted\s+)?against\b", re.I)
_MAJORITY = re.compile(r"\bby\s+(?:a\s+)?majority\b|\bmajority\s+(?:vote|decision)\b", re.I)
_COUNT = r"(\d{1,3}|nil|none|no|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_NUMBER_WORDS = {"nil": 0, "none": 0, "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
                 "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12}
_FOR = r"(?:for|in\s+favour|in\s+support|yes|ayes)"
_AGAINST = r"(?:against|opposed|no(?:es)?)"
_ABSTAIN = r"(?:abstentions?|abstained|abstaining|abstain|abstention)"
# "For 31, Against 0, Abstentions 3", "For: 5  Against: 2"
_LABELLED_VOTE = re.compile(
    rf"\b{_FOR}\s*[:\-–=]?\s*{_COUNT}\b[\s,;.()]*\b{_AGAINST}\s*[:\-–=]?\s*{_COUNT}\b"
    rf"(?:[\s,;.()]*(?:and\s+)?\b{_ABSTAIN}\s*[:\-–=]?\s*{_COUNT}\b)?", re.I)
# "5 votes for, 2 against and 1 abstention", "7 in favour, 2 against, 1 abstained"
_COUNTED_VOTE = re.compile(
    rf"\b{_COUNT}\s+(?:votes?\s+|voting\s+|members?\s+voting\s+)?{_FOR}\b(?:\s+the\s+(?:motion|amendment|proposal|recommendations?))?[\s,;]*(?:with\s+|and\s+)?{_COUNT}\s+(?:votes?\s+|voting\s+)?{_AGAINST}\b"
    rf"(?:[\s,;]*(?:and|with)?\s*{_COUNT}\s+{_ABSTAIN})?", re.I)


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


# "RESOLVED (by 6 votes to 4, with 1 abstention) that ..."
_VOTES_TO = re.compile(rf"\bby\s+{_COUNT}\s+votes?\s+to\s+{_COUNT}\b(?:[\s,]*(?:with\s+)?{_COUNT}\s+{_ABSTAIN})?",
                       re.I)


# "LOST 3-7", "CARRIED 8-2", "carried (9:1)": a result with its score, the winning side first
_RESULT_SCORE = re.compile(r"\b(carried|agreed|approved|passed|lost|defeated|fell|rejected)\s*[(,]?\s*(?:by\s+)?"
                           r"(\d{1,3})\s*(?:[-–:]|votes?\s+to)\s*(\d{1,3})\b(?!\s*(?:[-/.]\d|%|am|pm))", re.I)


# "The vote was 8-3 in favour", "agreed 7:1 in favour"
_SCORE_IN_FAVOUR = re.compile(r"\b(\d{1,3})\s*[-–:]\s*(\d{1,3})\s+in\s+favour\b", re.I)


def recorded_vote(text: str) -> tuple[int | None, int | None, int | None]:
    """(for, against, abstain) when a recorded vote is printed, else Nones."""
    for pattern in (_LABELLED_VOTE, _COUNTED_VOTE, _VOTES_TO):
        m = pattern.search(text)
        if m:
            return _count(m.group(1)), _count(m.group(2)), _count(m.group(3))
    m = _SCORE_IN_FAVOUR.search(text)
    if m:
        return int(m.group(1)), int(m.group(2)), None
    m = _RESULT_SCORE.search(text)
    if m:
        a, b = int(m.group(2)), int(m.group(3))
        lost = m.group(1).lower() in ("lost", "defeated", "fell", "rejected")
        return (min(a, b), max(a, b), None) if lost else (max(a, b), min(a, b), None)
    named = named_vote(text)
    if named[0] is not None or named[1] is not None:
        return named
    return None, None, None


# A named vote: "For (14)" or "For:" at a line start, then the members' names, then
# "Against (45)" ... "Abstain (7)" ...; the count in brackets when printed, else the names counted.
_SIDE = re.compile(r"^[^\S\n]*(?P<side>For|FOR|In\s+favour|IN\s+FAVOUR|Against|AGAINST|Abstain(?:ed|ing)?|ABSTAIN(?:ED)?|"
                   r"Abstentions?|ABSTENTIONS?)[^\S\n]*(?:\((?P<n>\d{1,3})\)|[:\-–][^\S\n]*(?P<n2>\d{1,3})?\b|(?P<n3>\d{1,3}))?"
                   r"[^\S\n]*[:\-–]?(?P<rest>[^\n]*)$", re.M)
_PERSON = re.compile(r"(?:(?:Cllrs?|Councillors?|Mrs?|Ms|Miss|Mx|Dr|Prof|Revd|Rev|Sir|Dame|Lord|Lady)\.?\s+)?"
                     r"(?:[A-Z]\.?\s+){0,3}[A-Z][A-Za-z'’\-]+")


def _names(block: str) -> int:
    """How many people a list of names holds: "Mr A Smith, Mrs Bell and Dr Lee" is 3."""
    parts = re.split(r",|;|\band\b|\n", block)
    return sum(1 for part in parts if _PERSON.fullmatch(part.strip().rstrip("."))
               and not re.fullmatch(r"[A-Z]{2,5}|OBE|MBE|CBE|JP|DL", part.strip().rstrip(".")))


def named_vote(text: str) -> tuple[int | None, int | None, int | None]:
    """(for, against, abstain) from For / Against / Abstain lists of names; Nones without them."""
    sides = list(_SIDE.finditer(text))
    if not any(m.group("side").lower().startswith("against") for m in sides) or \
            not any(m.group("side").lower().startswith(("for", "in")) for m in sides):
        return None, None, None
    counts: dict[str, int] = {}
    for i, m in enumerate(sides):
        key = m.group("side").lower()
        key = "for" if key.startswith(("for", "in")) else "against" if key.startswith("against") else "abstain"
        if key in counts:
            continue
        n = m.group("n") or m.group("n2") or m.group("n3")
        if n is None:
            block_end = sides[i + 1].start() if i + 1 < len(sides) else len(text)
            names = m.group("rest") + "\n" + text[m.end():block_end]
            # the names stop at the first line that is not a list of names (a result, a resolution)
            kept = []
            for line in names.split("\n"):
                if line.strip() and (_names(line) == 0 or re.search(r"\b(?!and\b)[a-z]{2,}\b", line)):
                    break
                kept.append(line)
            counts[key] = _names("\n".join(kept))
        else:
            counts[key] = int(n)
    return counts.get("for"), counts.get("against"), counts.get("abstain")


def vote_of(text: str) -> str:
    """`unanimous`, `majority` or "" as the guidelines define them."""
    votes_for, against, _ = recorded_vote(text)
    if against is not None:
        return "unanimous" if against == 0 else "majority"
    if _MAJORITY.search(text):
        return "majority"
    if _UNANIMOUS.search(text):
        return "unanimous"
    return ""


_OUTCOMES = [
    ("withdrawn", re.compile(r"\bwithdr[ae]wn?\b", re.I)),
    ("lost", re.compile(r"\b(?:was|were|is)\s+(?:lost|defeated|not\s+carried|rejected)\b|\bfell\b|"
                        r"\bmotion\s+(?:was\s+)?lost\b|\bamendment\s+(?:was\s+)?lost\b", re.I)),
    ("carried", re.compile(r"\bcarried\b|\b(?:was|were)\s+(?:passed|agreed|accepted)\b", re.I)),
    ("deferred", re.compile(r"\bdeferred\b|\bto\s+defer\b", re.I)),
]


def outcome_of(text: str) -> str:
    for outcome, pattern in _OUTCOMES:
        if pattern.search(text):
            return outcome
    return ""


_MOVERS = [
    # "Mr A proposed and Mrs B seconded", "AB proposed CD seconded"
    re.compile(rf"(?P<p>{_NAME})\s*,?\s+(?:proposed|moved)(?:\s*,)?(?:\s+and)?\s+(?P<s>{_NAME})\s*,?\s+seconded"),
    # "proposed by Cllr A and seconded by Cllr B", "Proposed: Cllr A; Seconded: Cllr B"
    re.compile(rf"(?i:proposed|moved)\s*(?:by)?\s*[:\-–]?\s*(?P<p>{_NAME})[\s,;.()]*(?i:and\s+)?"
               rf"(?i:seconded)\s*(?:by)?\s*[:\-–]?\s*(?P<s>{_NAME})"),
    # "Mr A proposed ..., which was seconded by Mr B", "the Leader proposed and Mr B, Deputy Leader, seconded"
    re.compile(rf"(?P<p>{_NAME})\s+(?:proposed|moved)\b[^.]{{0,300}}?(?i:seconded\s+by)\s+(?P<s>{_NAME})"),
    re.compile(rf"(?P<p>{_NAME})\s+(?:proposed|moved)\s+and\s+(?P<s>{_NAME})(?:,[^.]{{0,200}}?,)?\s+seconded"),
]


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" ,.;:")
    name = re.sub(r"^(?:and|by)\s+", "", name)
    return name


def mover_of(text: str) -> tuple[str, str]:
    """(proposer, seconder) as printed, when the text states them."""
    for pattern in _MOVERS:
        m = pattern.search(text)
        if m:
            p, s = _clean_name(m.group("p")), _clean_name(m.group("s"))
            if p in _NOT_NAMES or s in _NOT_NAMES:
                continue
            return p, s
    return "", ""



# What shows that a vote was taken before a decision: a result, counts, a named list.
_VOTE_EVENT = re.compile(
    r"\b(?:vote|voting|voted|carried|nem\.?\s*con|all\s+in\s+favour|(?:agreed|approved)\s+unanimously|"
    r"unanimously\s+(?:agreed|approved|carried)|in\s+agreement)\b|^[^\S\n]*(?:For|Against|FOR|AGAINST)\b", re.I | re.M)
_AMENDMENT_RESULT = re.compile(
    r"\bamendments?\b[^.\n]{0,80}?\b(?:lost|carried|fell|defeated|withdrawn|agreed|passed|approved|rejected|"
    r"not\s+carried|was\s+put)\b[^\n]*",
    re.I)


LOST_RESULT = re.compile(r"\b(?:was|were|is)\s+(?:LOST|lost|DEFEATED|defeated|not\s+carried|NOT\s+CARRIED)\b[^\n]*|"
                          r"\b(?:motion|proposal)\s+(?:LOST|lost|fell|FELL)\b[^\n]*")


def vote_before(before: str) -> str:
    """The text just before a decision that records its vote ("Agreed unanimously." then
    "RESOLVED that ...", a named vote on the substantive motion then "RESOLVED"): only
    what follows the last amendment's result counts, so an amendment's vote stays its own."""
    last = None
    for last in _AMENDMENT_RESULT.finditer(before):
        pass
    for lost in LOST_RESULT.finditer(before):     # a motion that fell: its vote was its own
        if last is None or lost.end() > last.end():
            last = lost
    if last is not None:
        before = before[last.end():]
    event = _VOTE_EVENT.search(before)
    if event is None:
        return ""
    return before[before.rfind("\n", 0, event.start()) + 1:]
