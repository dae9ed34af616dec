"""The phrasings that open a decision, as a table of rows.

Each row (`Trigger`) is one family of phrasing: its regex, the word every match
holds (so a text without the word is never scanned, extractors/guards.py), an
optional guard, what it yields and where it counts.  The way spaCy's
entity_ruler takes patterns as rows: adding a phrasing is one row here plus a
test; no code elsewhere addresses a trigger by its position.

yields
    "clauses"   the decided text follows the match: a list (one record per item)
                or one paragraph ("RESOLVED that ...", "I agree to: APPROVE ...").
    "sentence"  the matched sentence is itself the decision ("The following
                accounts were approved for payment", "All were in agreement
                that the quotes be accepted").
scope
    "any"       wherever it appears.
    "minutes"   only inside minutes (a report uses the same words as narrative).
    "unnarrated"  not in a report or plan telling its history ("In March the
                Cabinet resolved to ...").
checks
    named vetoes tried at each match (`VETOES`): "another_meeting" ("At that
    meeting, Members agreed ..."), "earlier_decision" ("... were approved at the
    last meeting"), "after_heading", "proposed_decision" (a draft record of
    decision in a report), "cover_value" ("Decision: For approval").
vote
    a vote the phrasing itself states ("All were in agreement" is unanimous),
    used when the text around it states none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..guards import caseless, finditer, guarded, needing
from ..vocabulary import BODY, BODY_INITIALS, BODY_START, DECIDED_PAST, DECIDED_UPPER, NAME
from .context import in_minutes, in_paper

# A sentence or line start is after whitespace (or at the very start).
AFTER_SPACE = r"(?<!\S)"
# A vote printed inside the trigger: "RESOLVED unanimously that", "It was agreed (nem con) to".
VOTE_WORDS = (r"(?:\s*,?\s*(?:unanimously|by\s+(?:a\s+)?majority(?:\s+vote)?|nem\.?\s*con\.?|"
              r"with\s+a\s+(?:unanimous|majority)\s+vote|by\s+\d+\s+votes?\s+to\s+\d+|"
              r"\((?:unanimous(?:ly)?|nem\.?\s*con\.?|by\s+(?:a\s+)?majority|[^()\n]{0,40}\b(?:votes?|voting|voted|against)\b[^()\n]{0,40})\))\s*,?)*")
_UPPER = "(?:" + "|".join(DECIDED_UPPER) + ")"
_PAST = "(?:" + "|".join(v.capitalize() for v in DECIDED_PAST) + ")"
_CONNECT = r"(?:\s*[:\-–][^\S\n]*(?:(?i:that)\b)?|\s+(?i:that)\b|\s+(?i:to)\b(?=\s*:?\s*\S))"
# What minutes record as done with a "To ..." line: "To note the report." "To approve the accounts."
MINUTED_VERBS = ("note", "receive", "approve", "agree", "accept", "adopt", "ratify", "confirm", "endorse")
# A sub-item's label before a decision that opens its line: "(a) The following ...", "c) Proposed by ..."
_ITEM_LABEL = r"(?:\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)[^\S\n]+)?"
_IT_WAS = r"it\s+was\s+(?:unanimously\s+|therefore\s+|also\s+|then\s+)?"
# "As Cabinet Member for Finance, I agree to:", "I have decided to:", "I approve the following:"
_I_AGREE = (r"(?:As\s+[^:\n]{0,200}?,?\s*)?I\s+(?:agree|have\s+decided|have\s+agreed|approve|hereby\s+agree|"
            r"have\s+approved)\s+(?:to|that|the\s+following)\s*:?")
# What minutes approve in a batch: "The following accounts were approved for payment".
_BATCH = (r"(?:accounts?|payments?|invoices?|bills?|cheques?|expenditure|items?|applications?|grants?|"
          r"quotes?|quotations?|donations?|transfers?|receipts?|orders?|schedules?|nominations?)")


@dataclass(frozen=True)
class Trigger:
    """One phrasing that opens a decision: a row of the trigger table."""
    name: str
    pattern: str
    needs: str                      # a regex every match holds (within its first 20 characters after)
    yields: str = "clauses"         # "clauses" | "sentence"
    scope: str = "any"              # "any" | "minutes" | "unnarrated"
    guard: str = ""                 # a zero-width check every match passes where it starts
    flags: int = 0
    checks: tuple[str, ...] = ()    # named vetoes, see VETOES
    vote: str = ""                  # the vote the phrasing itself states
    # A regex the text before the match (on its line) must end with: the subject of a phrasing
    # matched at its verb ("The following accounts" | "were approved"), so `re` scans for the
    # verb, which it finds fast, rather than trying the subject at every line start.
    before: str = ""

    def compile(self) -> re.Pattern:
        pattern = guarded(self.guard, self.pattern, self.flags) if self.guard else re.compile(self.pattern, self.flags)
        return needing(pattern, self.needs)


TRIGGERS: tuple[Trigger, ...] = (
    # "RESOLVED: That", "3. RESOLVED that", "it was RESOLVED to", "RESOLVED unanimously that"
    Trigger("resolved-upper", rf"(?<![A-Za-z])RESOLVED\b{VOTE_WORDS}{_CONNECT}?", needs="RESOLVED"),
    # "Resolved: That ..." at a line or sentence start, or after the Welsh word in bilingual
    # minutes ("Penderfynwyd / Resolved:")
    Trigger("resolved-line", rf"(?:^|(?<=[.:;]\s)|(?<=\d\.\s)|(?<=\d\s)|(?<=\)\s)|(?<=\t)|(?<=/\s))[^\S\n]*Resolved\b{VOTE_WORDS}{_CONNECT}",
            needs="Resolved", guard=AFTER_SPACE, flags=re.M),
    # "It was resolved to", "It was unanimously resolved that"
    Trigger("it-was-resolved", rf"\b(?i:{_IT_WAS}resolved){VOTE_WORDS}{_CONNECT}",
            needs=caseless(_IT_WAS + "resolved"), scope="unnarrated"),
    # "The Committee resolved to", "Members unanimously resolved that"
    Trigger("body-resolved", rf"\b(?:[Tt]he\s+)?(?:{BODY}|Members|Councillors)\s+(?:(?i:unanimously)\s+)?(?i:resolved)"
                             rf"{VOTE_WORDS}{_CONNECT}",
            needs=caseless("resolved"), guard=BODY_START, scope="unnarrated"),
    # "It was agreed (unanimously) to", "It was AGREED that", "It was APPROVED:", "It was decided to"
    Trigger("it-was-agreed", rf"\b(?i:{_IT_WAS})(?:(?i:agreed|decided|approved)|NOTED|ENDORSED){VOTE_WORDS}"
                             r"(?:\s+that\b|\s+to\b|\s*:-?|(?<=[A-Z]{5})(?=\s+(?:the|that|to)\b))",
            needs=caseless(_IT_WAS) + r"(?i:agreed|decided|approved)|NOTED|ENDORSED",
            scope="minutes", checks=("another_meeting",)),
    # "The Committee voted 9 in favour, 1 against with 1 abstention to approve ..."
    Trigger("body-voted", rf"\b(?:[Tt]he\s+)?(?:{BODY}|Members|Councillors)\s+(?i:voted){VOTE_WORDS}"
                          rf"(?:\s+(?:by\s+)?\d{{1,3}}\b[^.\n]{{0,80}}?)?\s+(?:to\b(?=\s+[a-z])|in\s+favour\s+of\b)",
            needs=caseless("voted"), guard=BODY_START, scope="minutes", checks=("another_meeting",)),
    # "The Council agreed to", "Cabinet noted the report and agreed to ask ...", "The PC agreed that"
    Trigger("body-agreed", rf"(?<!meeting,\s)\b(?:[Tt]he\s+)?(?:{BODY}|[Mm]embers|[Cc]ouncillors|(?<=[Tt]he\s){BODY_INITIALS})"
                           r"\s+(?:(?i:unanimously)\s+)?"
                           r"(?:(?i:noted|considered|received|discussed|welcomed)\b[^.;\n]{0,100}?\s+and\s+)?(?i:agreed)"
                           rf"{VOTE_WORDS}(?:\s+that\b|\s+to\b(?!\s+the\s+following)|\s*:-?)",
            needs=caseless("agreed"), guard=BODY_START, scope="minutes", checks=("another_meeting",)),
    # "AGREED: that ...", "Agreed unanimously -", "AGREED" alone on a line over "That ..." or a list
    Trigger("agreed-label", rf"(?:^|(?<=\d\.\s)|(?<=\d\s)|(?<=\t)|(?<=/\s))[^\S\n]*(?:AGREED|Agreed){VOTE_WORDS}"
                            r"(?:\s*[:\-–]\s*(?:that\b)?|[^\S\n]*(?=\n[^\S\n]*(?:That\b|THAT\b|\(?[a-z0-9]{1,3}[.)][^\S\n])))",
            needs="AGREED|Agreed", guard=AFTER_SPACE, flags=re.M, scope="minutes", checks=("another_meeting",)),
    # Committee-system minutes label the decision with a past participle: "DECIDED: That ...",
    # "Decided – to defer the item" (the verb of a decision taken, not a "Decision:" form label).
    Trigger("decided-label", rf"(?:^|(?<=\d\.\s)|(?<=\d\s)|(?<=\t))[^\S\n]*(?:DECIDED|Decided){VOTE_WORDS}"
                             r"[^\S\n]*[:\-–][^\S\n]*(?:(?i:that)\b)?",
            needs="DECIDED|Decided", guard=AFTER_SPACE, flags=re.M, scope="minutes", checks=("another_meeting",)),
    # Records of executive decision and decision recording forms: "DECISION:", a "Decision taken"
    # heading over a list, "Decision: As Cabinet Member for X I agree to:" over its paragraphs.
    Trigger("decision-label",
            r"^[^\S\n]*(?:DECISIONS?|Decisions?)(?:\s+(?:TAKEN|taken|MADE|made|AGREED|agreed))?[^\S\n]*"
            rf"(?::|(?=\n\s*(?:That|THAT|As\s|I\s)\b)|(?=\n\s*(?:[A-Z][\w ,&'’-]{{0,40}}\n\s*)?(?:\(?[0-9a-z]{{1,3}}[.)][^\S\n]+)?{_PAST}\b)"
            # "Decision taken" over a lead-in line: "The Combined Authority Board:"
            r"|(?=[^\S\n]*\n(?:[^\S\n]*\n)?[^\S\n]*(?:The\s+|That\s+)?[A-Z][^:\n]{0,60}:[^\S\n]*\n))"
            rf"(?:\s*{_I_AGREE})?",
            needs="DECISION|Decision", flags=re.M, checks=("proposed_decision", "cover_value")),
    # "As Cabinet Member for Highways, I agree to:" with no "Decision" label above it
    Trigger("i-agree", r"I\s+(?:agree|have\s+decided|have\s+agreed|approve|hereby\s+agree|have\s+approved)\s+"
                       r"(?:to|that|the\s+following)\s*:?(?=[^\S\n]*\n)",
            before=r"^[^\S\n]*(?:As\s+[^:\n]{0,200}?,?\s*)?", needs=r"I\s+(?:agree|have|approve|hereby)",
            checks=("proposed_decision",)),
    # NHS board minutes print the decision verb in capitals: "The Board NOTED the report",
    # "The Committee APPROVED:" over a list.  The verb stays in the decided text.
    Trigger("body-upper-verb", rf"\b(?:[Tt]he\s+)?(?:{BODY}|Members|Governors|Directors)\s+(?:(?:formally|unanimously|also)\s+)?"
                               rf"(?:was\s+(?:ASSURED|assured)\b[^.\n]{{0,120}}?\s+and\s+)?"
                               rf"(?:{_UPPER}(?:\s+the\s+following)?\s*:|(?={_UPPER}\b\s+\S))",
            needs=_UPPER, guard=BODY_START, scope="minutes"),
    # "Resolution: to accept the quote ..." (parish minutes label the decision)
    Trigger("resolution-label", r"^[^\S\n]*(?:[a-z]\)[^\S\n]+)?(?:RESOLUTION|Resolution)[^\S\n]*[:\-–][^\S\n]*(?:(?i:that)\b)?",
            needs="RESOLUTION|Resolution", flags=re.M, scope="minutes"),
    # "Proposed Cllr A, seconded Cllr B, all in favour, that the apologies be accepted."
    Trigger("proposed-seconded-carried",
            rf"(?:^|(?<=[.;:]\s))[^\S\n]*{_ITEM_LABEL}(?:[Ii]t\s+was\s+)?(?i:proposed|moved)\s*(?:by)?\s*[:\-–]?\s*(?:{NAME})[\s,;]+"
            rf"(?:and\s+)?(?i:seconded)\s*(?:by)?\s*[:\-–]?\s*(?:{NAME})[\s,;]+(?:and\s+)?"
            r"(?i:all\s+(?:members\s+|councillors\s+)?in\s+favour|unanimously(?:\s+agreed)?|agreed(?:\s+unanimously)?|"
            r"carried(?:\s+unanimously|\s+nem\.?\s*con\.?)?|nem\.?\s*con\.?)[\s,;]*(?:(?i:that)\b|(?i:to)\b(?=\s+[a-z]))",
            needs=caseless("seconded"), guard=AFTER_SPACE, flags=re.M, scope="minutes"),
    # "All were in agreement that the quotes be accepted", "All members were in agreement to ..."
    Trigger("all-in-agreement", r"in\s+agreement\s+(?:that|to|with)\b",
            before=r"(?:^|(?<=[.;:]))\s*(?:All|all|Everyone|everyone)(?:\s+(?:members|councillors|present|those\s+present))?"
                   r"\s+(?:were|was)\s+",
            needs=r"in\s+agreement", yields="sentence", scope="minutes", vote="unanimous"),
    # "The following accounts were approved for payment", "Payments listed below were authorised"
    Trigger("batch-approved",
            r"(?:were|was|have\s+been|had\s+been)\s+(?:duly\s+|unanimously\s+|formally\s+)?"
            r"(?:approved|authorised|authorized|agreed|ratified|accepted)\b",
            before=rf"(?:^|(?<=[.:;\-–]))[^\S\n]*{_ITEM_LABEL}(?:[Tt]he\s+|[Aa]ll\s+)?(?:following\s+)?(?:[\w'’-]+\s+){{0,2}}?{_BATCH}"
                   r"(?:\s+(?:listed|set\s+out|shown)\s+(?:below|above))?\s+",
            needs=r"(?:were|was|been)\s+(?:duly\s+|unanimously\s+|formally\s+)?(?:approved|authori[sz]ed|agreed|"
                  r"ratified|accepted)",
            yields="sentence", scope="minutes", checks=("earlier_decision",)),
    # "The Council noted the report.", "Members noted the update." as a sentence of its own
    # (not a bullet of the debate, not "noted that ..." reporting what someone said)
    Trigger("body-noted", r"(?:noted|received\s+and\s+noted)\s+(?!that\b)(?=(?:the|its)\b)",
            before=rf"(?:^|(?<=[.]))[^\S\n]*{_ITEM_LABEL}(?:[Tt]he\s+)?(?:{BODY}|Members|Councillors|(?<=[Tt]he\s){BODY_INITIALS})"
                   r"\s+(?:formally\s+|unanimously\s+)?",
            needs=r"noted", yields="sentence", scope="minutes", checks=("earlier_decision",)),
    # "Members approved the schedule of payments.", "The Committee adopted the revised policy." as a
    # sentence of its own in minutes (the lower-case verb; "APPROVED" is body-upper-verb's)
    Trigger("body-approved", r"(?:approved|adopted|ratified|endorsed)\s+(?=(?:the|its|a|an)\b)",
            before=rf"(?:^|(?<=[.]))[^\S\n]*{_ITEM_LABEL}(?:[Tt]he\s+)?(?:{BODY}|Members|Councillors|(?<=[Tt]he\s){BODY_INITIALS})"
                   r"\s+(?:formally\s+|unanimously\s+|also\s+)?",
            needs=r"approved|adopted|ratified|endorsed", yields="sentence", scope="minutes",
            checks=("earlier_decision", "another_meeting")),
    # Minutes that record an agenda line as the decision: "To note the Clerk's report on the survey."
    # (a full sentence of its own line, not a heading "To receive apologies").
    Trigger("to-verb-minuted",
            rf"^[^\S\n]*(?:\(?[a-z]\)[^\S\n]+|[-\u2022][^\S\n]+)?(?:To|TO)[^\S\n]+(?=(?i:{'|'.join(MINUTED_VERBS)})\b[^\n]*\.[^\S\n]*$)",
            needs=r"(?:To|TO)[^\S\n]+(?i:" + "|".join(MINUTED_VERBS) + ")", flags=re.M, scope="minutes",
            checks=("after_heading",)),
    # "Cllr A proposed to accept the quote, seconded by Cllr B and unanimously agreed."
    Trigger("seconded-and-agreed",
            rf"(?i:seconded)\s+(?:by\s+)?(?:{NAME})\s*,?\s*(?:and\s+)?(?:was\s+|it\s+was\s+)?"
            r"(?i:(?:unanimously\s+)?(?:agreed|carried|approved|resolved)(?:\s+unanimously|\s+by\s+all|\s+nem\.?\s*con\.?)?)"
            r"(?=\s*[.;\n])",
            needs=caseless("seconded"), guard=r"(?=[Ss])", yields="sentence", scope="minutes"),
)

COMPILED: tuple[tuple[Trigger, re.Pattern], ...] = tuple((t, t.compile()) for t in TRIGGERS)
PATTERNS = tuple(p for _t, p in COMPILED)

_NARRATIVE_BEFORE = re.compile(r"\b(?:if|whether|once|until|when|had\s+been|have\s+been|not\s+yet)\s*$", re.I)
_COVER_VALUE = re.compile(r"[^\S\n]*(?:for\s+\w+|yes|no|key|non[\s-]key|approval|information|noting|note|discussion|"
                          r"assurance|required|n/?a|none)\b[^\S\n]*\.?[^\S\n]*(?:\n|$)", re.I)


def _another_meeting(text: str, m: re.Match) -> bool:
    """"At that meeting, Members agreed ...": another meeting's decision reported."""
    return bool(re.search(r"\b(?:at|in)\s+(?:that|the|its|their)\s+(?:[\w-]+\s+){0,4}?meeting\s*,?\s*$",
                          text[max(0, m.start() - 80):m.start()], re.I))


def _proposed_decision(text: str, m: re.Match) -> bool:
    """A Proposed Record of Decision in a report is a proposal, not a decision."""
    return bool(re.search(r"\b(?:proposed|draft)\s+(?:record\s+of\s+)?(?:executive\s+)?decision\b|^[^\S\n]*DRAFT\b",
                          text[max(0, m.start() - 400):m.start()], re.I | re.M))


def _cover_value(text: str, m: re.Match) -> bool:
    """A report's cover sheet: "Decision: For approval", "Decision: Key"."""
    return bool(_COVER_VALUE.match(text, m.end()))


def _after_heading(text: str, m: re.Match) -> bool:
    """Only a "To note ..." line directly under a minute heading (or a table cell) is a
    decision; one inside narrative or a list of agenda items is not: vetoed otherwise."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    prev_end = line_start - 1
    prev_start = text.rfind("\n", 0, max(0, prev_end)) + 1
    previous = text[prev_start:max(prev_start, prev_end)]
    return not re.match(r"[^\S\n]*(?:(?:Minute|Item|Min\.?)\s+)?(?:[A-Z]{1,4}[/.\-]?)?\d{1,4}(?:[./]\d{1,4}){0,2}[.):]?"
                        r"[^\S\n]+[A-Z‘'\"][^.\n]{0,100}$", previous) \
        or bool(re.match(r"[^\S\n]*(?:\(?[a-z]\)[^\S\n]+|[-\u2022][^\S\n]+)?(?:To|TO)\s", text[m.end():]))


_EARLIER = re.compile(r"\b(?:at|in|during)\s+(?:the|its|a|their)\s+(?:last|previous|earlier|former|[A-Z][a-z]+)\s+meeting\b|"
                      r"\bpreviously\b|\blast\s+(?:year|month|week)\b|\bin\s+(?:19|20)\d\d\b|"
                      r"\bby\s+(?:the\s+)?(?:Cabinet|Executive|County\s+Council|District\s+Council|Secretary\s+of\s+State)\b")


def _earlier_decision(text: str, m: re.Match) -> bool:
    """"The following schemes were approved at the last meeting": a decision reported, not taken."""
    end = re.search(r"[.!?\n]", text[m.end():m.end() + 300])
    return bool(_EARLIER.search(text, m.end(), m.end() + (end.start() if end else 300)))


VETOES = {"after_heading": _after_heading, "earlier_decision": _earlier_decision, "another_meeting": _another_meeting, "proposed_decision": _proposed_decision,
          "cover_value": _cover_value}


@dataclass
class Found:
    """One trigger match: where it starts, where the decided text starts, and its row."""
    start: int
    body: int
    trigger: Trigger


_BEFORE: dict[str, re.Pattern] = {}


def _before(trigger: Trigger) -> re.Pattern:
    """The trigger's `before` regex, anchored to end where the match starts."""
    if trigger.before not in _BEFORE:
        _BEFORE[trigger.before] = re.compile(f"(?:{trigger.before})$", re.M)
    return _BEFORE[trigger.before]


def in_scope(trigger: Trigger, text: str, pos: int, doc_type: str = "") -> bool:
    if trigger.scope == "minutes":
        return in_minutes(text, pos, doc_type)
    if trigger.scope == "unnarrated":
        # "In March 2023 the Cabinet resolved to ..." in a report tells its history
        return not (in_paper(text, pos) or (doc_type in ("report", "plan") and not in_minutes(text, pos, doc_type)))
    return True


def find_triggers(text: str, doc_type: str = "") -> list[Found]:
    """Every trigger match that counts, in text order; of overlapping matches the first
    (and longest) is kept."""
    found: list[Found] = []
    for trigger, pattern in COMPILED:
        for m in finditer(pattern, text):
            if _NARRATIVE_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
                continue
            if not in_scope(trigger, text, m.start(), doc_type):
                continue
            start = m.start()
            if trigger.before:
                line_start = text.rfind("\n", 0, start) + 1
                subject = _before(trigger).search(text, max(line_start, start - 300), start)
                if subject is None:
                    continue
                start = subject.start()
            if any(VETOES[name](text, m) for name in trigger.checks):
                continue
            found.append(Found(start, m.end(), trigger))
    found.sort(key=lambda f: (f.start, -f.body))
    unique: list[Found] = []
    for f in found:
        if unique and f.start < unique[-1].body:
            continue
        unique.append(f)
    return unique
