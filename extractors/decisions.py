"""Recommendations, resolutions and motions.

Recommendations are what a report, cover sheet or agenda asks the body to do
("Recommendation: The Committee is asked to: a) note ...", "2 Recommendations
2.1 That the Board ...", "It is recommended that the Committee note ...",
agenda items "To approve the minutes of ...").  Resolutions are what the
meeting decided, as its minutes record it ("It was resolved unanimously to:",
"RESOLVED: That ...", "AB proposed CD seconded and it was RESOLVED to ...",
"The Council agreed to ...", "DECISION: ...", "The minutes ... were agreed as
a correct record").  Motions and amendments that members put in the meeting
are motions, not resolutions.

Both are split into one record per lettered or numbered clause
(`extractors.clauses`).  Vote, outcome, recorded counts, proposer and
seconder are read from the resolution's own sentence and the vote note that
follows it (`vote_of`, `recorded_vote`, `mover_of`: pure functions the tests
call directly).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.language import Language

from .clauses import Clause, block_after, clean_clause, first_verb, paragraph_end
from .guards import caseless, finditer, guarded, needing
from .memo import per_text
from .names import HONORIFIC
from .records import Motion, Recommendation, Resolution
from .spans import records_of, set_records

# --- shared pieces --------------------------------------------------------------------

_BODY = (r"(?:Parish\s+|Town\s+|County\s+|City\s+|District\s+|Borough\s+|Full\s+|Scrutiny\s+|"
         r"Cabinet\s+|Policy\s+|Planning\s+|Finance\s+|Health\s+and\s+Wellbeing\s+)?"
         # NHS minutes write "The committee agreed to" in lower case
         r"(?:Council|Committee|Sub-Committee|Board|Cabinet|Panel|Forum|Partnership|Group|"
         r"Executive|Assembly|Commission|meeting|Meeting|committee|sub-committee|board|panel|group)")
_TITLE = rf"(?:{HONORIFIC}|the)"
# A name as printed: "Cllr A. Smith", "Mrs B Jones", "the Leader", initials "AB".  A full
# stop only after an initial, so "12 High Street. AB proposed" gives "AB".
_NAME = (rf"(?:{_TITLE}\s+)?(?:[A-Z]\.?\s+|[A-Z][A-Za-z'’\-]+\s+){{0,3}}[A-Z][A-Za-z'’\-]+"
         r"|[A-Z]{2,4}")
# Where a body's name (with "the" before it) can start: a capital, or one of the
# lower-case names _BODY and the trigger patterns allow.  Guards for patterns that open
# with a body, so `re` skips other positions at once (extractors/guards.py).
_BODY_START = r"(?=[A-Z]|the\s|meeting|committee|sub-committee|board|panel|group|members|councillors)"
# A sentence or line start is after whitespace (or at the very start).
_AFTER_SPACE = r"(?<!\S)"


# --- votes ----------------------------------------------------------------------------

_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\ball\s+(?:(?:members|councillors)\s+)?in\s+favour\b|"
                        r"\bnem\.?\s*con\b|\bnemine\s+contradicente\b|\bwithout\s+dissent\b|"
                        r"\ball\s+agreed\b|\bagreed\s+by\s+all\b", re.I)
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
    rf"\b{_COUNT}\s+(?:votes?\s+)?{_FOR}\b(?:\s+the\s+(?:motion|amendment|proposal|recommendations?))?[\s,;]*(?:with\s+|and\s+)?{_COUNT}\s+(?:votes?\s+)?{_AGAINST}\b"
    rf"(?:[\s,;]*(?:and|with)?\s*{_COUNT}\s+{_ABSTAIN})?", re.I)


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


# "RESOLVED (by 6 votes to 4, with 1 abstention) that ..."
_VOTES_TO = re.compile(rf"\bby\s+{_COUNT}\s+votes?\s+to\s+{_COUNT}\b(?:[\s,]*(?:with\s+)?{_COUNT}\s+{_ABSTAIN})?",
                       re.I)


def recorded_vote(text: str) -> tuple[int | None, int | None, int | None]:
    """(for, against, abstain) when a recorded vote is printed, else Nones."""
    for pattern in (_LABELLED_VOTE, _COUNTED_VOTE, _VOTES_TO):
        m = pattern.search(text)
        if m:
            return _count(m.group(1)), _count(m.group(2)), _count(m.group(3))
    return None, None, None


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
_NOT_NAMES = {"It", "This", "That", "The", "He", "She", "They", "Members", "Council", "Committee",
              "Resolved", "RESOLVED", "Motion", "Amendment", "And"}


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


# --- minute headings ------------------------------------------------------------------

# "43. Minutes – 14 October 2021", "23 MINUTES OF PREVIOUS MEETING", "FC23/145 Planning",
# "Minute 45: Finance", "56. a) Healthwatch ..."
_HEADING = re.compile(
    r"^[^\S\n]*(?:[-*]\s+)?(?:(?:Minute|MINUTE|Item|ITEM|Min\.?|MIN\.?)\s+(?:No\.?\s*)?)?"
    # "FC23/145", "BoD/24/041" (a mixed-case prefix only before a two-part number)
    r"(?P<num>(?:[A-Z]{1,4}[ ./-]?|[A-Z][A-Za-z]{1,4}[./-](?=\d{1,4}[./-]\d))?\d{1,4}(?:[./-]\d{1,4}){0,2})\.?[^\S\n]+(?:[-–:][^\S\n]*)?(?:\*\*)?"
    r"(?:[a-z]\)[^\S\n]+)?(?P<title>(?:[A-Z‘'\"(]|\d{2,4}/\d{2,6}\b)[^\n]{2,200})$", re.M)


@dataclass
class Heading:
    number: str
    title: str
    start: int


def _is_heading_title(title: str) -> bool:
    title = title.replace("**", "").strip()
    words = title.split()
    if re.match(r"(?:RESOLVED|Resolved|It was|That\b|To\b|The minutes)", title):
        return False
    if len(title) > 220 or len(words) > 32:
        return False
    return not title.endswith((".", ";", ",")) or title.endswith("etc.")


def find_headings(text: str) -> list[Heading]:
    heads = []
    for m in _HEADING.finditer(text):
        title = re.sub(r"\s*\(Pages?\s*[\d\s\-–]+\)\s*$", "", m.group("title").replace("**", "")).strip()
        if _is_heading_title(title) and not re.fullmatch(r"\d+(?:\.\d+)+", m.group("num")):
            heads.append(Heading(m.group("num"), title, m.start()))
    return heads


def _number_value(number: str) -> int | None:
    digits = re.findall(r"\d+", number)
    return int(digits[-1]) if digits else None


def minute_for(headings: list[Heading], pos: int, own_number: int | None) -> Heading | None:
    """The minute heading a decision at `pos` sits under.

    Minutes number their paragraphs too ("1. Mr Shipton introduced ...",
    "3. RESOLVED that ..."): walking back from a decision numbered 3, lines
    numbered 3 or less are paragraphs and lists of the same minute; the
    first heading with a higher number is the minute.
    """
    for head in reversed([h for h in headings if h.start < pos]):
        value = _number_value(head.number)
        if own_number is not None and value is not None and value <= own_number:
            continue    # a numbered paragraph (or list item) of the same minute
        if len(head.title.split()) > 12 and head.title[:1].isupper() \
                and re.search(r"\b(?:introduced|explained|noted|reported|said|outlined|presented)\b", head.title):
            continue
        return head
    return None


# --- resolutions ----------------------------------------------------------------------

_VOTE_WORDS = (r"(?:\s*,?\s*(?:unanimously|by\s+(?:a\s+)?majority(?:\s+vote)?|nem\.?\s*con\.?|"
               r"with\s+a\s+(?:unanimous|majority)\s+vote|by\s+\d+\s+votes?\s+to\s+\d+|"
               r"\((?:unanimous(?:ly)?|nem\.?\s*con\.?|by\s+(?:a\s+)?majority|[^()\n]{0,40}\bvotes?\b[^()\n]{0,40})\))\s*,?)*")
_UPPER_DECIDED = (r"(?:NOTED|APPROVED|ENDORSED|RATIFIED|SUPPORTED|ACCEPTED|RECEIVED|CONFIRMED|AGREED|DELEGATED|"
                  r"ADOPTED|RECOMMENDED)")
_CONNECT = r"(?:\s*[:\-–][^\S\n]*(?:(?i:that)\b)?|\s+(?i:that)\b|\s+(?i:to)\b(?=\s*:?\s*\S))"
_RESOLVED_TRIGGERS = [
    # "RESOLVED: That", "3. RESOLVED that", "it was RESOLVED to", "Resolved unanimously that"
    re.compile(rf"(?<![A-Za-z])RESOLVED\b{_VOTE_WORDS}{_CONNECT}?"),
    guarded(_AFTER_SPACE, rf"(?:^|(?<=[.:;]\s)|(?<=\d\.\s)|(?<=\d\s)|(?<=\)\s))[^\S\n]*Resolved\b{_VOTE_WORDS}{_CONNECT}", re.M),
    re.compile(rf"\b(?i:it\s+was\s+(?:unanimously\s+|therefore\s+)?resolved){_VOTE_WORDS}{_CONNECT}"),
    guarded(_BODY_START, rf"\b(?:[Tt]he\s+)?(?:{_BODY}|Members|Councillors)\s+(?:(?i:unanimously)\s+)?(?i:resolved){_VOTE_WORDS}{_CONNECT}"),
    # "It was agreed (unanimously) to", "The Council agreed to", "AGREED:", "Agreed unanimously:"
    re.compile(rf"\b(?i:it\s+was\s+(?:unanimously\s+|therefore\s+)?agreed){_VOTE_WORDS}(?:\s+that\b|\s+to\b|\s*:-?)"),
    # "The Committee voted 9 in favour, 1 against with 1 abstention to approve ..."
    guarded(_BODY_START, rf"\b(?:[Tt]he\s+)?(?:{_BODY}|Members|Councillors)\s+(?i:voted){_VOTE_WORDS}"
               rf"(?:\s+(?:by\s+)?\d{{1,3}}\b[^.\n]{{0,80}}?)?\s+(?:to\b(?=\s+[a-z])|in\s+favour\s+of\b)"),
    # "... and agreed to": "Cabinet noted the report and agreed to ask all directorates ..."
    guarded(_BODY_START, rf"(?<!meeting,\s)\b(?:[Tt]he\s+)?(?:{_BODY}|[Mm]embers|[Cc]ouncillors)\s+(?:(?i:unanimously)\s+)?"
               rf"(?:(?i:noted|considered|received|discussed|welcomed)\b[^.;\n]{{0,100}}?\s+and\s+)?(?i:agreed)"
               rf"{_VOTE_WORDS}(?:\s+that\b|\s+to\b(?!\s+the\s+following)|\s*:-?)"),
    guarded(_AFTER_SPACE, rf"(?:^|(?<=\d\.\s)|(?<=\d\s))[^\S\n]*(?:AGREED|Agreed){_VOTE_WORDS}\s*[:\-–]\s*(?:that\b)?", re.M),
    # Records of executive decisions
    # "DECISION:" or a "DECISION" heading over "That Cabinet: (i) ... (ii) ..."
    re.compile(r"^[^\S\n]*(?:DECISIONS?|Decisions?)(?:\s+(?:TAKEN|taken|MADE|made))?[^\S\n]*(?::|(?=\n\s*(?:That|THAT)\b))"
               r"(?:\s*(?:As\s+[^:\n]{0,200}?,\s*)?I\s+(?:agree|have\s+decided|have\s+agreed|approve)\s+(?:to|that)\s*:?)?", re.M),
    # NHS board minutes print the decision verb in capitals: "The Board NOTED the report",
    # "The Committee APPROVED:" over a list.  The verb stays in the decided text.
    guarded(_BODY_START, rf"\b(?:[Tt]he\s+)?(?:{_BODY}|Members|Governors|Directors)\s+(?:(?:formally|unanimously|also)\s+)?"
               rf"(?:was\s+(?:ASSURED|assured)\b[^.\n]{{0,120}}?\s+and\s+)?"
               rf"(?:{_UPPER_DECIDED}(?:\s+the\s+following)?\s*:|(?={_UPPER_DECIDED}\b\s+\S))"),
    # "Resolution: to accept the quote ..." (parish minutes label the decision)
    re.compile(r"^[^\S\n]*(?:[a-z]\)[^\S\n]+)?(?:RESOLUTION|Resolution)[^\S\n]*[:\-–][^\S\n]*(?:(?i:that)\b)?", re.M),
    # "Proposed Cllr A, seconded Cllr B, all in favour, that the apologies be accepted."
    guarded(_AFTER_SPACE, rf"(?:^|(?<=[.;:]\s))[^\S\n]*(?:[Ii]t\s+was\s+)?(?i:proposed|moved)\s*(?:by)?\s*[:\-–]?\s*(?:{_NAME})[\s,;]+"
               rf"(?:and\s+)?(?i:seconded)\s*(?:by)?\s*[:\-–]?\s*(?:{_NAME})[\s,;]+(?:and\s+)?"
               r"(?i:all\s+(?:members\s+|councillors\s+)?in\s+favour|unanimously(?:\s+agreed)?|agreed(?:\s+unanimously)?|"
               r"carried(?:\s+unanimously|\s+nem\.?\s*con\.?)?|nem\.?\s*con\.?)[\s,;]*(?:(?i:that)\b|(?i:to)\b(?=\s+[a-z]))", re.M),
]
# The word every match of each trigger holds, in the triggers' order: most reports print
# no "voted", "seconded" or upper-case "NOTED", and are then not scanned for those triggers.
# A word in any case is written with its first letter's cases spelled out, so `re` skips
# to that letter; the rest matches as (?i) would (guards.caseless).
_IT_WAS = r"it\s+was\s+(?:unanimously\s+|therefore\s+)?"
_TRIGGER_WORDS = ["RESOLVED", "Resolved", caseless(_IT_WAS + "resolved"), caseless("resolved"),
                  caseless(_IT_WAS + "agreed"),
                  caseless("voted"), caseless("agreed"), "AGREED|Agreed", "DECISION|Decision",
                  _UPPER_DECIDED, "RESOLUTION|Resolution", caseless("seconded")]
for _pattern, _word in zip(_RESOLVED_TRIGGERS, _TRIGGER_WORDS, strict=True):
    needing(_pattern, _word)
_CORRECT_RECORD = guarded(
    r"(?=[TtMmNn])",
    r"(?:[Tt]he\s+)?(?:[Mm]inutes?|notes?)\s+of\s+(?:the\s+|its\s+)?[^.\n]{0,160}?"
    r"(?:meeting|Meeting)[^.\n]{0,120}?\s+(?:were|was|be|are)\s+(?:(?:duly|taken|as|read|and|having|been|"
    r"unanimously|formally)[\s,]+){0,5}"
    r"(?:agreed|approved|confirmed|accepted|adopted|signed)[^.\n]{0,40}?"
    r"(?:as\s+(?:a|an)\s+(?:true|correct|accurate|full)[^.]{0,40}?record)?[^.]{0,120}[.]?")
_MOTION_CUE = re.compile(
    r"\b(?:proposed|moved|suggested|tabled|submitted)\b(?:[^.\n]|\n(?![^\S\n]*\n)){0,200}?\b(?:amendment|motion)\b|"
    r"\b(?:amendment|motion)\b[^.\n]{0,60}\b(?:was|were)\s+(?:proposed|moved|put|tabled)\b|"
    r"\bagreed\s+to\s+the\s+following\s+amendment\b|\bseconded\s*,?\s+that\b", re.I)
_NARRATIVE_BEFORE = re.compile(r"\b(?:if|whether|once|until|when|had\s+been|have\s+been|not\s+yet)\s*$", re.I)


@dataclass
class _Found:
    start: int          # the trigger
    body: int           # where the decided text starts
    pattern: int


_AGREED_PATTERNS = (4, 5, 6, 7)   # "It was agreed", "voted to", "The Council agreed to", "AGREED:"
_DECISION_PATTERN = 8             # "DECISION: ..."
_MINUTES_ONLY = _AGREED_PATTERNS + (9, 10, 11)   # upper-case verbs, "Resolution:", carried proposals
# Not after an item number: "3. Minutes of the meeting held on 2 May 2024" is an agenda item.
_NOT_ITEM = r"(?<!\d\.\s)(?<!\d\s)(?<!\d\)\s)(?<!\d\t)(?<!\d\.\t)"
_MINUTES_MARK = guarded(
    r"(?:^|(?=MINUTES|Minutes))",     # a line start or the word: the only places a match starts
    rf"^[^\S\n]*(?:PRESENT|Present)\b|{_NOT_ITEM}\bMINUTES\s+(?i:of)\b|{_NOT_ITEM}\bMinutes\s+of\s+(?:(?:a|the)\s+)?(?:[\w&'’-]+\s+){{0,8}}?"
    r"(?:meeting|Meeting)\s+(?:of|held)\b|^[^\S\n]*(?:(?:Members|Councillors|Those)\s+)?(?i:present)\s*:", re.M)
_PAPER_MARK = guarded(
    r"(?:^|(?=[cip]))",     # a line start, or "Cover", "is asked", "Purpose" in any case (re.I)
    r"Cover\s+Sheet|^[^\S\n]*Recommendations?(?:\(s\))?\s*:|^[^\S\n]*(?:Report\s+)?(?:Author|From|To)\s*:|"
    r"\bis\s+(?:being\s+)?asked\s+to\b|Purpose\s+of\s+(?:the\s+|this\s+)?report|^[^\S\n]*Executive\s+Summary",
    re.M | re.I)


@dataclass(frozen=True)
class _Marks:
    """Where one text's minutes headings and paper markers are (start and end of each match).

    Matches of one pattern never overlap, so starts and ends both ascend and `bisect`
    answers "the last heading that ends by pos" without rescanning the text: asked
    once per trigger, a rescan from 0 made a 500-page pack quadratic (5 s of 9).
    """
    minutes_starts: list[int]
    minutes_ends: list[int]
    paper_starts: list[int]
    paper_ends: list[int]

    @classmethod
    def scan(cls, text: str) -> "_Marks":
        minutes = [m.span() for m in _MINUTES_MARK.finditer(text)]
        paper = [m.span() for m in _PAPER_MARK.finditer(text)]
        return cls([s for s, _ in minutes], [e for _, e in minutes],
                   [s for s, _ in paper], [e for _, e in paper])

    def last_minutes(self, pos: int) -> int:
        """Start of the last minutes heading whose match ends at or before `pos`, or -1."""
        i = bisect_right(self.minutes_ends, pos) - 1
        return self.minutes_starts[i] if i >= 0 else -1

    def paper_between(self, start: int, pos: int) -> bool:
        """Whether a paper marker starts at or after `start` and ends at or before `pos`."""
        j = bisect_left(self.paper_starts, start)
        return j < len(self.paper_starts) and self.paper_ends[j] <= pos


# Every trigger asks where the markers are; the text is scanned once (extractors/memo.py).
_marks = per_text(_Marks.scan)


def in_minutes(text: str, pos: int, doc_type: str = "") -> bool:
    """Whether `pos` lies in minutes: the last paper marker before it is a minutes heading
    (or, in a document classified as minutes, no report marker comes before it).

    "It was agreed that ..." records a decision in minutes but is narrative in a
    report, so the weaker "agreed" cues count only inside minutes.  A marker counts
    when its match ends at or before `pos`.
    """
    marks = _marks(text)
    last_minutes = marks.last_minutes(pos)
    if last_minutes < 0:
        return doc_type in ("minutes", "decision") and not marks.paper_between(0, pos)
    return not marks.paper_between(last_minutes, pos)


def in_paper(text: str, pos: int) -> bool:
    """Whether `pos` lies in a report or cover sheet: a paper marker comes after the last
    minutes heading before it.  "After the debate, the Committee resolved, with a
    unanimous vote, to refer the matter" in a call-in report narrates another meeting."""
    marks = _marks(text)
    return marks.paper_between(max(0, marks.last_minutes(pos)), pos)


_COVER_VALUE = re.compile(r"[^\S\n]*(?:for\s+\w+|yes|no|key|non[\s-]key|approval|information|noting|note|discussion|"
                          r"assurance|required|n/?a|none)\b[^\S\n]*\.?[^\S\n]*(?:\n|$)", re.I)
_NARRATED = (2, 3)   # "It was resolved", "The Committee resolved": plain words a report may quote


def _triggers(text: str, doc_type: str = "") -> list[_Found]:
    found: list[_Found] = []
    for i, pattern in enumerate(_RESOLVED_TRIGGERS):
        for m in finditer(pattern, text):
            if _NARRATIVE_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
                continue
            if i in _MINUTES_ONLY and not in_minutes(text, m.start(), doc_type):
                continue
            if i in _NARRATED and (in_paper(text, m.start()) or
                                   (doc_type in ("report", "plan") and not in_minutes(text, m.start(), doc_type))):
                continue    # "In March 2023 the Cabinet resolved to ..." in a report tells its history
            if i in _AGREED_PATTERNS and re.search(r"\b(?:at|in)\s+(?:that|the|its|their)\s+(?:[\w-]+\s+){0,4}?"
                                                   r"meeting\s*,?\s*$", text[max(0, m.start() - 80):m.start()], re.I):
                continue    # "At that meeting, Members agreed ...": another meeting's decision reported
            if i == _DECISION_PATTERN and re.search(r"\bproposed\s+(?:record\s+of\s+)?decision\b|\bdraft\b",
                                                    text[max(0, m.start() - 400):m.start()], re.I):
                continue    # a Proposed Record of Decision in a report is a proposal, not a decision
            if i == _DECISION_PATTERN and _COVER_VALUE.match(text, m.end()):
                continue    # a report's cover sheet: "Decision: For approval", "Decision: Key"
            found.append(_Found(m.start(), m.end(), i))
    found.sort(key=lambda f: (f.start, -f.body))
    unique: list[_Found] = []
    for f in found:
        if unique and f.start < unique[-1].body:
            continue
        unique.append(f)
    return unique


def _own_number(text: str, pos: int) -> int | None:
    line_start = text.rfind("\n", 0, pos) + 1
    m = re.match(r"\s*(\d{1,2})\.\s*$", text[line_start:pos])
    return int(m.group(1)) if m else None


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos` (for "AB proposed CD seconded and it was RESOLVED")."""
    floor = max(0, pos - 400)
    cut = floor
    # A sentence also ends at a vote note's closing bracket and before a minute heading.
    for m in re.finditer(r"[.!?]\s|\n\s*\n|\)[^\S\n]*\n|\n(?=[^\S\n]*[A-Z]{0,4}[ ./-]?\d{1,4}(?:[./-]\d{1,4}){0,2}"
                         r"\.?[^\S\n]+[A-Z])", text[floor:pos]):
        cut = floor + m.end()
    return cut


def _vote_note(text: str, end: int) -> str:
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


def _strip_vote_text(clause: str) -> str:
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


def _previous_line(text: str, pos: int) -> str:
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


def find_resolutions(text: str, items: list | None = None, meeting_date=None,
                     doc_type: str = "") -> tuple[list[Resolution], list[Motion]]:
    """Resolutions (one per clause) and the motions and amendments put in the meeting.

    `items` (the structure component's numbered items) give the minute when no
    minute heading is found; `meeting_date` resolves "held on 12 March" in
    "minutes ... agreed as a correct record"; `doc_type` "minutes" lets "It was
    agreed to" count in minutes that have no "Present:" heading.
    """
    from .dates import find_dates

    headings = find_headings(text)
    resolutions: list[Resolution] = []
    covered: list[tuple[int, int]] = []
    for trig in _triggers(text, doc_type):
        if any(s <= trig.start < e for s, e in covered):
            continue
        sentence = text[_sentence_start(text, trig.start):trig.body]
        if _MOTION_CUE.search(sentence):
            continue
        clauses = block_after(text, trig.body)
        if not clauses:
            continue
        if len(clauses) == 1 and not clauses[0].label:
            clauses[0].char_end = cut_notes(text, clauses[0].char_start, clauses[0].char_end)
            if trig.pattern in _MINUTES_ONLY:
                # "It was agreed to X." is one sentence; what follows is narrative again.
                stop = re.search(r"[.!?](?=\s+[A-Z(])", text[clauses[0].char_start:clauses[0].char_end])
                if stop:
                    clauses[0].char_end = clauses[0].char_start + stop.end()
        last_end = clauses[-1].char_end
        note = _vote_note(text, last_end)
        context = sentence + " " + note
        previous = _previous_line(text, trig.start)
        if re.search(r"(?:\band|,)\s*$", previous) and re.search(r"\b(?:moved|proposed|seconded)\b", previous):
            context = previous + " " + context   # "It was moved by Cllr A, seconded by Cllr B and" / "RESOLVED ..."
        if recorded_vote(previous)[1] is not None and not re.search(r"amendment|resolved|agreed", previous, re.I):
            context += " " + previous     # "For 31, Against 0, Abstentions 3." then "RESOLVED that ..."
        trailing = re.search(r"\([^()]{0,120}\)\W*$", text[clauses[-1].char_start:last_end])
        if trailing:
            context += " " + trailing.group(0)      # "... for 3 years (nem con)."
        vote = vote_of(context)
        v_for, v_against, v_abstain = recorded_vote(context)
        proposer, seconder = mover_of(context)
        own = _own_number(text, trig.start)
        head = minute_for(headings, trig.start, own)
        minute, title = _minute_from_items(items, trig.start, head)
        minute = _row_ref(text, trig.start) or minute
        for clause in clauses:
            clause_text = _strip_vote_text(clean_clause(text[clause.char_start:clause.char_end]))
            if len(re.findall(r"[A-Za-z]{2,}", clause_text)) < 2:
                continue
            resolution = Resolution(
                text=clause_text, verb=first_verb(clause_text), label=clause.label,
                minute=minute, item_title=title, vote=vote, outcome=outcome_of(note) or _deferred(clause_text),
                votes_for=v_for, votes_against=v_against, votes_abstain=v_abstain,
                proposer=proposer, seconder=seconder,
                minutes_of=_minutes_of(clause_text, meeting_date, find_dates),
                char_start=clause.char_start, char_end=clause.char_end)
            resolutions.append(resolution)
        covered.append((trig.start, last_end))
    for m in _CORRECT_RECORD.finditer(text):
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
        note = _vote_note(text, end)
        head = minute_for(headings, start, _own_number(text, start))
        minute, title = _minute_from_items(items, start, head)
        minute = _row_ref(text, start) or minute
        # "... signed by the Town Mayor (unanimous)." carries its vote inside the sentence.
        vote_text = clause_text + " " + note
        clause_text = _strip_vote_text(clause_text)
        v_for, v_against, v_abstain = recorded_vote(vote_text)
        proposer, seconder = mover_of(vote_text)
        resolutions.append(Resolution(
            text=clause_text, verb=first_verb(clause_text) or "agree", minute=minute, item_title=title,
            vote=vote_of(vote_text), votes_for=v_for, votes_against=v_against, votes_abstain=v_abstain,
            proposer=proposer, seconder=seconder,
            minutes_of=_minutes_of(clause_text, meeting_date, find_dates),
            char_start=start, char_end=end))
        covered.append((start, end))
    motions = find_motions(text, headings, items, covered)
    _movers_from_motions(text, resolutions, motions)
    resolutions += _carried_proposals(text, motions, covered, headings, items)
    resolutions.sort(key=lambda r: r.char_start)
    return resolutions, motions


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
        if re.search(r"RESOLVED|[Rr]esolved\s+(?:to|that)", window) or \
                any(motion.char_end <= s < motion.char_end + len(window) for s, _ in covered):
            continue
        body = motion.text.rstrip(".") + "."
        head = minute_for(headings, motion.char_start, None)
        minute, title = _minute_from_items(items, motion.char_start, head)
        vote = ("unanimous" if motion.votes_against == 0 else "majority") if motion.votes_against is not None \
            else vote_of(window[:200])
        found.append(Resolution(
            text=motion.text, verb=first_verb(body), minute=minute, item_title=title, vote=vote,
            outcome="carried", votes_for=motion.votes_for, votes_against=motion.votes_against,
            votes_abstain=motion.votes_abstain, proposer=motion.proposer, seconder=motion.seconder,
            char_start=motion.char_start, char_end=motion.char_end))
    return found


_ROW_REF = re.compile(r"[^\S\n]*((?:[A-Z][A-Za-z]{0,4}[ ./-]?)?\d{1,4}(?:[./-]\d{1,4}){0,2})\.?[^\S\n]*\t")


def _row_ref(text: str, pos: int) -> str:
    """The minute number in the first cell of the table row holding `pos` ("24/34<tab>Resolved: ..."):
    minutes printed as a table carry each minute's number in its row, not in a heading."""
    line_start = text.rfind("\n", 0, pos) + 1
    m = _ROW_REF.match(text, line_start)
    return m.group(1) if m and m.end() <= pos else ""


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


def _minute_from_items(items: list | None, pos: int, head: Heading | None) -> tuple[str, str]:
    """Minute number and title: the nearest minute heading, else the structure's item."""
    if head is not None:
        return head.number, head.title
    for item in items or []:
        if item.char_start <= pos < item.char_end:
            return item.number, item.title
    return "", ""


# --- motions --------------------------------------------------------------------------

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
    rf"|[Ii]t\s+was\s+(?:proposed|moved)\s+by\s+(?:{_NAME})\s*,?\s+(?:and\s+)?seconded\s+by\s+(?:{_NAME})\s*,?\s+that\b))",
    re.M)
# Every motion trigger names an amendment or a motion, or is seconded: most reports print none of them.
needing(_MOTION_TRIGGER, r"amendment|motion|seconded")
_SECONDED_AFTER = re.compile(
    rf"[;,.]?\s*(?:(?:and\s+)?(?:the|this|which)\s+(?:amendment|motion|proposal)?\s*was\s+|and\s+)?seconded\s+by\s+(?P<s>{_NAME})\W*$")
_RESOLVED_INSIDE = re.compile(r"(?<=[.;])\s+(?:(?:and\s+)?[Ii]t\s+was\s+)?(?:RESOLVED|[Rr]esolved)\b")
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
        body = clean_clause(text[start:end]).strip('"“”')
        if len(body.split()) < 3:
            continue
        limit = triggers[n + 1].start() if n + 1 < len(triggers) else len(text)
        after = text[end:min(limit, end + 600)]
        stop = re.search(r"RESOLVED|[Ii]t was resolved|\n\s*\d{1,3}\.\s+[A-Z]", after)
        window = after[:stop.start()] if stop else after
        result = _MOTION_RESULT.search(window)
        result_text = result.group(0) if result else window[:200]
        v_for, v_against, v_abstain = recorded_vote(result_text)
        outcome = outcome_of(result_text) if result else ""
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
        head = minute_for(headings, m.start(), _own_number(text, at))
        minute, _ = _minute_from_items(items, m.start(), head)
        motions.append(Motion(
            text=body, kind=kind, minute=minute, proposer=proposer, seconder=seconder,
            outcome=outcome, votes_for=v_for, votes_against=v_against, votes_abstain=v_abstain,
            char_start=start, char_end=end))
    return motions


# --- recommendations ------------------------------------------------------------------

_ASKED = guarded(
    r"(?=[A-Z&]|the|and|of|meeting|committee|sub-committee|board|panel|group|it)",
    # The body's name on one line: a heading above ("... STATEMENT OF PRINCIPLES") is not part of it.
    rf"(?:(?:[Tt]he[^\S\n]+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)[^\S\n]+){{0,8}}?(?:{_BODY}|Members|Councillors|Trustees|Governors|Cabinet\s+Member|Leader|Council)"
    r"\s+(?:is|are)\s+(?:being\s+)?(?i:asked|recommended|invited|requested)\s+to\b\s*:?"
    r"|[Ii]t\s+is\s+(?:therefore\s+)?recommended\s+that\s+(?:the\s+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)\s+){0,8}?"
    rf"(?:{_BODY}|Members|Cabinet\s+Member)\b(?:\s*[:,])?"
    r"|[Ii]t\s+is\s+(?:therefore\s+)?recommended\s+that\s*:?)")
# Every "is asked to" / "it is recommended that" holds its verb right after "is" or "are".
needing(_ASKED, r"(?:is|are)\s+(?:being\s+|therefore\s+)?(?i:asked|recommended|invited|requested)\s+t")
_REC_LABEL = re.compile(
    r"^[^\S\n]*(?:\*\*)?(?:\d{1,2}\.?[^\S\n]+)?(?:Recommendations?|RECOMMENDATIONS?|Recommendation\(s\)|"
    r"RECOMMENDATION\(S\)|Recommended\s+(?:action|decision)s?|RECOMMENDED)(?:\*\*)?[^\S\n]*(?::|\t|-|–|$)", re.M)
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
_AGENDA_VERBS = ("approve", "consider", "receive", "note", "agree", "adopt", "endorse", "confirm", "elect",
                 "appoint", "resolve", "ratify", "review", "comment", "authorise", "accept", "decide",
                 "determine", "sign", "co-opt", "nominate", "set", "discuss")


def _rec(text: str, clause: Clause) -> Recommendation | None:
    body = clean_clause(text[clause.char_start:clause.char_end])
    body = re.sub(r"^(?:[Tt]he\s+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)\s+){0,8}?(?:Committee|Board|Cabinet|Council|Panel)"
                  r"\s+(?:is|are)\s+(?:being\s+)?(?:asked|recommended)\s+to\s*:?\s*", "", body)
    body = re.sub(r"^[Ii]t\s+is\s+recommended\s+that\s+(?:the\s+)?(?:(?:[A-Z][\w&'’-]*|and|&|of)\s+){0,8}?"
                  r"(?:Committee|Board|Cabinet|Council|Panel)\s+", "", body)
    if len(re.findall(r"[A-Za-z]{2,}", body)) < 3 or re.fullmatch(r"(?:N/?A|None|No|Yes)\.?", body, re.I):
        return None
    return Recommendation(text=body, verb=first_verb(body), label=clause.label,
                          char_start=clause.char_start, char_end=clause.char_end)


def _recommendation_blocks(text: str) -> list[tuple[int, list[Clause]]]:
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
            nxt = _next_line_start(text, pos)
            if not text[pos:text.find("\n", pos) if text.find("\n", pos) >= 0 else len(text)].strip() and nxt:
                asked = _ASKED.match(text, _skip_space_tags(text, nxt))
                if asked:
                    pos = asked.end()
        clauses = block_after(text, pos)
        if len(clauses) == 1 and not clauses[0].label:
            clauses += _more_that_paragraphs(text, clauses[0])
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
    for start, clause in _agenda_items(text):
        add(start, [clause])
    blocks.sort(key=lambda b: b[0])
    return blocks


def _more_that_paragraphs(text: str, first: Clause) -> list[Clause]:
    """Unnumbered recommendations in separate paragraphs: "That the Committee notes ...",
    then "That the Committee approves ..." -- each paragraph of the same form is one more."""
    form = re.match(r"\s*(That|To)\s", text[first.char_start:first.char_end])
    more: list[Clause] = []
    end = first.char_end
    while form:
        nxt = _next_line_start(text, end)
        if nxt is None or not re.match(rf"{form.group(1)}\s+(?:the\s+)?[A-Za-z]", text[nxt:nxt + 40]):
            break
        stop = paragraph_end(text, nxt)
        more.append(Clause("", nxt, stop))
        end = stop
    return more


def _skip_space_tags(text: str, pos: int) -> int:
    """Past spaces, HTML tags and a paragraph number ("1.1 The Board is asked to:")."""
    while True:
        m = re.match(r"[^\S\n]+|<[^<>\n]{0,200}>|\d{1,2}(?:\.\d{1,2})*\.?[^\S\n]+(?=[A-Z])", text[pos:pos + 300])
        if not m or not m.group():
            return pos
        pos += m.end()


def _next_line_start(text: str, pos: int) -> int | None:
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


_AGENDA_HEAD = re.compile(r"^[^\S\n]*(?:[-*]\s+)?(?:item\s+)?\d{1,3}[.)]?[^\S\n]+(?:\*\*)?[A-Z‘'\"][^\n]{2,200}$",
                          re.M | re.I)
_AGENDA_NUMBER = r"(?:(?:[Ii]tem\s+)?[A-Z]{0,3}\d{1,4}(?:[./]\d{1,4})?[.):]?[^\S\n]+|\(?[a-z]\)[^\S\n]+|[-*•][^\S\n]+)"
_TO_VERB = re.compile(rf"^[^\S\n]*{_AGENDA_NUMBER}?(?:\*\*)?(?:To|TO)\s+(?i:{'|'.join(_AGENDA_VERBS)})\b[^\n]*$",
                      re.M)


def _agenda_items(text: str):
    for m in _TO_VERB.finditer(text):
        line = m.group(0)
        numbered = re.match(rf"[^\S\n]*{_AGENDA_NUMBER}", line)
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
        if in_minutes(text, m.start()):
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


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9£]+", text.lower()))


def _similar(a: str, b: str) -> float:
    from collections import Counter
    ta, tb = Counter(_norm(a).split()), Counter(_norm(b).split())
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


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
            key = _norm(rec.text)
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
    from collections import Counter
    words = Counter(_norm(block[0].text).split())
    pool = Counter(_norm(" ".join(r.text for r in listed)).split())
    total = sum(words.values())
    return total > 0 and sum((words & pool).values()) / total >= 0.8


def _repeats(block: list[Recommendation], old: list[Recommendation]) -> bool:
    if len(block) != len(old):
        return False
    scores = [_similar(a.text, b.text) for a, b in zip(old, block)]
    return sum(scores) / len(scores) >= 0.85 and min(scores) >= 0.5


def find_recommendations(text: str) -> list[Recommendation]:
    """Recommendations put to the body, one per clause, each listed once."""
    blocks = []
    for _start, clauses in _recommendation_blocks(text):
        recs = [rec for clause in clauses if (rec := _rec(text, clause)) is not None]
        if recs:
            blocks.append(recs)
    return dedupe(blocks)


# --- component ------------------------------------------------------------------------

@Language.factory("minutebook_decisions")
def make_decisions(nlp: Language, name: str):
    return DecisionsComponent()


class DecisionsComponent:
    """Sets doc.spans["recommendations"], ["resolutions"] and ["motions"]."""

    def __call__(self, doc):
        items = records_of(doc, "items")
        set_records(doc, "recommendations", find_recommendations(doc.text))
        resolutions, motions = find_resolutions(doc.text, items=items, meeting_date=doc._.meeting_date,
                                                doc_type=doc._.doc_type)
        set_records(doc, "resolutions", resolutions)
        set_records(doc, "motions", motions)
        return doc
