"""Which organisation a paper belongs to, and one name for each of its bodies.

Two papers are about one meeting when they name the same organisation, the
same body and the same date.  Papers print all three in many ways: a council's
letterhead ("WESTSHIRE COUNTY COUNCIL"), a minutes heading ("MINUTES OF THE
NORTHTON PARISH COUNCIL MEETING"), a decision record's title ("WESTSHIRE
COUNTY COUNCIL – RECORD OF DECISION"), or only the officers' e-mail addresses
(`jo.bloggs@westshire.gov.uk`); and the council's own meeting is "County
Council", "Full Council", "Council" or "Westshire County Council".

This module is pure (text in, names out).  Its cues are rows of data below;
it holds no organisation's name.  `organisation_key` makes the names and the
domains of one organisation compare equal ("Westshire County Council" and
"westshire.gov.uk" are both `westshire`), and `canonical_body` gives each body
one name within its organisation.
"""
from __future__ import annotations

import re
from collections import Counter

# -- organisation names ---------------------------------------------------------------

# Kinds of local council, as printed before "Council".
COUNCIL_KINDS = ("County", "City", "Borough", "District", "Parish", "Town", "Community",
                 "Metropolitan Borough", "County Borough", "Unitary")
# Names that end an NHS or other public body's name (the words after the place).
NHS_SUFFIXES = ("NHS Foundation Trust", "NHS Trust", "Integrated Care Board",
                "Clinical Commissioning Group", "Combined Authority", "Fire and Rescue Authority",
                "Police and Crime Commissioner")
# Words that never begin a place name: "Full Council", "The County Council", "Budget
# County Council", "December County Council" (running text), "Local Council".
NOT_PLACE = frozenset("""the a an full this that our each every any all local new mayoral youth budget
    previous next special extraordinary annual ordinary joint shadow county city borough district parish
    town community council members member cabinet leader january february march april may june july
    august september october november december should would will was were and of to in at by for
    from with as on""".split())
# National domains: papers cite them, but they belong to no council or trust.
NATIONAL_DOMAINS = frozenset({"gov.uk", "nhs.uk", "data.gov.uk", "ons.gov.uk", "local.gov.uk",
                              "england.nhs.uk", "publishing.service.gov.uk", "legislation.gov.uk",
                              "nhs.net", "parliament.uk", "service.gov.uk"})
DOMAIN_SUFFIXES = (".gov.uk", ".nhs.uk")

_PLACE_WORD = r"[A-Z][\w'’.&-]*"
_KIND = "|".join(sorted((re.escape(k) for k in COUNCIL_KINDS), key=len, reverse=True))
_NHS = "|".join(re.escape(s) for s in NHS_SUFFIXES)
# "Westshire County Council", "Northton Parish Council", "East Vale Council", "Great Wessex NHS
# Foundation Trust"; "and" may join two places ("Kingsbury and Dale District Council").
ORGANISATION_NAME = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?:[ ](?:and[ ]|&[ ])?{_PLACE_WORD}){{0,3}}?)[ ]"
    rf"(?:(?P<kind>{_KIND})[ ])?(?P<noun>Council|{_NHS})\b")
# "London Borough of Hillford", "Royal Borough of Kingsford", "City of Northtown Council"
ORGANISATION_OF = re.compile(
    rf"\b(?P<kind>(?:(?:London|Royal|Metropolitan)[ ])?(?:Borough|City|County)[ ]of)[ ]"
    rf"(?P<place>{_PLACE_WORD}(?:[ ](?:and[ ]|upon[ ]|on[ ])?{_PLACE_WORD}){{0,3}}?)"
    rf"(?P<noun>[ ]Council)?(?=$|[ ,.;:–|-])")
# Words of an organisation's name that its domain leaves out ("NHS Westshire ICB": westshire.icb.nhs.uk).
KEY_SKIP = frozenset({"nhs"})
# Lines that say who wrote a paper or who it is from: the author's employer is not the paper's.
_FROM_LINE = re.compile(r"^\W*(?:from|by|report of|report by|author|contact|lead officer)\s*:", re.I)
_FIELD = re.compile(r"^\W*[A-Z][\w ()/-]{1,40}:")
_EMAIL_DOMAIN = re.compile(r"[\w.+'-]+@((?:[\w-]+\.)+[a-z]{2,})\b", re.I)
_WEB_DOMAIN = re.compile(r"\b(?:https?://)?www\.((?:[\w-]+\.)+[a-z]{2,})\b", re.I)
HEAD_LINES = 8


def tidy_case(line: str) -> str:
    """Words in capitals title-cased ("WESTSHIRE COUNTY COUNCIL – 10th May" -> "Westshire
    County Council – 10th May"), small words lower-cased; other words kept."""
    words = line.split(" ")
    capitals = [w for w in words if len(re.sub(r"\W", "", w)) >= 2 and w.isupper()]
    if len(capitals) < 2 and not (len(capitals) == 1 and len(words) == 1):
        return line
    out = []
    for i, w in enumerate(words):
        if len(re.sub(r"\W", "", w)) >= 2 and w.isupper():
            w = w.title().replace("’S", "’s").replace("'S", "'s")
            if i and w in ("And", "Of", "For", "The", "On", "In", "At"):
                w = w.lower()
        out.append(w)
    return " ".join(out)


def organisation_names(line: str) -> list[str]:
    """Organisation names in one line of text, as printed (case tidied)."""
    found = []
    for m in ORGANISATION_NAME.finditer(tidy_case(" ".join(line.split()))):
        words = m.group("place").split()
        # the name starts at the first word that can begin a place: "the Westshire County Council"
        while words and words[0].lower() in NOT_PLACE:
            words = words[1:]
        if not words or words[-1].lower() in NOT_PLACE:
            continue
        kind = f"{m.group('kind')} " if m.group("kind") else ""
        found.append(f"{' '.join(words)} {kind}{m.group('noun')}")
    for m in ORGANISATION_OF.finditer(tidy_case(" ".join(line.split()))):
        words = m.group("place").split()
        if words[-1].lower() not in NOT_PLACE:
            found.append(f"{m.group('kind')} {' '.join(words)}{m.group('noun') or ''}")
    return found


def domain_of(address: str) -> str:
    """The organisation's part of a web or e-mail domain: "westshire.gov.uk" of
    "jo.bloggs@westshire.gov.uk"; "" for national and private domains."""
    domain = address.lower().strip(".")
    if domain.startswith("www."):
        domain = domain[4:]
    if not domain.endswith(DOMAIN_SUFFIXES) or domain in NATIONAL_DOMAINS:
        return ""
    if any(domain == n or domain.endswith("." + n) for n in NATIONAL_DOMAINS if n.count(".") >= 2):
        return ""
    return domain


def organisation_key(name: str) -> str:
    """One key for the names and domains of an organisation: its place, in letters only.
    "Westshire County Council", "WESTSHIRE COUNTY COUNCIL" and "westshire.gov.uk" -> "westshire"."""
    name = (name or "").strip()
    if not name:
        return ""
    if "." in name and " " not in name:                       # a domain
        return re.sub(r"[^a-z]", "", name.lower().removeprefix("www.").split(".")[0])
    m = ORGANISATION_NAME.search(tidy_case(name)) or ORGANISATION_OF.search(tidy_case(name))
    place = " ".join(w for w in (m.group("place") if m else name).split()
                     if w.lower() not in NOT_PLACE and w.lower() not in KEY_SKIP)
    return re.sub(r"[^a-z]", "", place.lower())


def find_organisation(text: str, body: str = "") -> str:
    """The organisation a paper belongs to, from the strongest cue it has:

    1. a heading line near the top that names one ("WESTSHIRE COUNTY COUNCIL",
       "MINUTES OF THE NORTHTON PARISH COUNCIL MEETING", "... – RECORD OF DECISION");
    2. the domain of the e-mail addresses it gives, else of its web links
       (named in full when the paper prints a name with that key);
    3. the body it is for, when that body is itself an organisation;
    else "".  A "From:" line names the author's employer, not the paper's owner.
    """
    lines = [ln.strip() for ln in text[:6000].splitlines() if ln.strip()]
    in_from = False
    for line in lines[:HEAD_LINES]:
        # a "From:" field and the lines it wraps onto, up to the next "Field:"
        in_from = bool(_FROM_LINE.match(line)) or (in_from and not _FIELD.match(line))
        if in_from or len(line) > 120:
            continue
        names = organisation_names(line)
        # a heading, not a sentence: the name with a few words about the paper around it
        # ("MINUTES OF THE ... PARISH COUNCIL MEETING", "... – RECORD OF DECISION")
        if names and not line.rstrip().endswith((".", ",", ";")) and \
                len(line.split()) - len(names[0].split()) <= 6:
            return names[0]
    domains = Counter(d for d in map(domain_of, _EMAIL_DOMAIN.findall(text)) if d)
    if not domains:
        domains = Counter(d for d in map(domain_of, _WEB_DOMAIN.findall(text)) if d)
    if domains:
        domain = domains.most_common(1)[0][0]
        key = organisation_key(domain)
        named = Counter(n for line in text.splitlines() if not _FROM_LINE.match(line)
                        for n in organisation_names(line) if organisation_key(n) == key)
        return named.most_common(1)[0][0] if named else domain
    if body and organisation_names(body) and organisation_names(body)[0] == body:
        return body
    return ""


# -- where the meeting is held ------------------------------------------------------------------

# "MINUTES of a meeting of the Cabinet held in the Council Chamber, Civic Centre, Northtown on
# Thursday, ...", "Venue: Civic Centre, Northtown".
_HELD_IN = re.compile(r"\bheld\s+(?:in|at)\s+(?:the\s+)?([^\n]+(?:\n[^\n]+)?)", re.I)
_VENUE_FIELD = re.compile(r"^\W*venue\s*:\s*(\S[^\n]*)$", re.I | re.M)
_VENUE_END = re.compile(r"\s+on\s+(?:\w+day\b|\d)|\s+at\s+\d|\.\s|\.$|\t|\s{3,}|\bPRESENT\b", re.I)


def find_venue(text: str) -> str:
    """Where the paper's meeting is held, as printed in its heading ("Council Chamber,
    Civic Centre, Northtown"): after "held in/at" or a "Venue:" field; "" if neither."""
    head = text[:1500]
    m = _HELD_IN.search(head) or _VENUE_FIELD.search(head)
    if not m:
        return ""
    venue = " ".join(m.group(1).split())
    end = _VENUE_END.search(venue)
    return venue[:end.start() if end else 150].strip(" ,.;")


def venue_key(venue: str) -> str:
    """The building and town of a venue, which a council's meetings share while their rooms
    differ: "Blue Room, Civic Centre, Northtown" -> "civic centre|northtown".  "" for a venue
    without both ("Village Hall", "Virtual Meeting"): too common to tell councils apart."""
    segments = [" ".join(re.findall(r"[a-z0-9]+", s.lower())) for s in venue.split(",")]
    segments = [s for s in segments if s]
    return "|".join(segments[-2:]) if len(segments) >= 3 else ""


# -- bodies within an organisation ------------------------------------------------------------

_GENERIC_COUNCIL = re.compile(rf"^(?:the\s+)?(?:full\s+)?(?:(?:{_KIND})\s+)?council$", re.I)


def council_kind(organisation: str) -> str:
    """What an organisation calls its full council: "County Council" for a county
    council, "Parish Council" for a parish, "Council" for "East Vale Council"; "" for
    an organisation that is not a council."""
    if ORGANISATION_OF.match(tidy_case(organisation or "")):
        return "Council"                 # "London Borough of Hillford": its Council
    m = ORGANISATION_NAME.search(tidy_case(organisation or ""))
    if not m or m.group("noun") != "Council":
        return ""
    return f"{m.group('kind')} Council" if m.group("kind") else "Council"


def canonical_body(body: str, organisation: str = "") -> str:
    """One name for a body within its organisation.

    The organisation's own name, "Full Council", "The Council" and "<kind>
    Council" are all its full council ("County Council"); a body prefixed with
    the organisation's place ("Westshire Health and Wellbeing Board") is the
    body without it.  Other bodies are kept as printed (case tidied).
    """
    body = tidy_case(" ".join((body or "").split()))
    if not body:
        return ""
    kind = council_kind(organisation)
    if organisation and body.lower() == tidy_case(organisation).lower():
        return kind or body
    if _GENERIC_COUNCIL.match(body):
        return kind or re.sub(r"^(?:the\s+)?(?:full\s+)?", "", body, flags=re.I).strip() or "Council"
    names = organisation_names(body)
    if names and names[0] == body:       # another council's name: that council's full council
        return council_kind(body) or body
    m = ORGANISATION_NAME.search(tidy_case(organisation or ""))
    if m:
        place = " ".join(w for w in m.group("place").split() if w.lower() not in NOT_PLACE)
        if place and body.lower().startswith(place.lower() + " ") and len(body) > len(place) + 4:
            return body[len(place) + 1:]
    return body


def body_key(body: str) -> str:
    """Bodies compare without case, articles and punctuation ("The Cabinet" = "CABINET"),
    and every name of a full council compares equal ("Full Council" = "County Council")."""
    if _GENERIC_COUNCIL.match(" ".join((body or "").split())):
        return "council"
    words = re.findall(r"[a-z0-9]+", (body or "").lower().replace("&", " and "))
    return " ".join(w for w in words if w not in ("the", "meeting", "of") or len(words) < 2)


# -- who takes a recorded decision ------------------------------------------------------------

# "DECISION TO BE TAKEN BY:", "Decision taken by:", "Decision maker:"
_DECIDER_FIELD = re.compile(r"^\W*decision\s+(?:to\s+be\s+)?(?:taken|made)\s+by\s*:?|^\W*decision[ -]?maker\s*:?",
                            re.I)
# Roles that take decisions alone: "Cabinet Member for Adult Social Care", "Leader of the Council".
_ROLE = re.compile(r"\b(?:(?:Deputy\s+)?Cabinet\s+Member|Portfolio\s+Holder|Executive\s+Member|"
                   r"(?:Deputy\s+)?Leader|(?:Corporate\s+|Executive\s+|Strategic\s+)?Director|Chief\s+Executive|"
                   r"Head\s+of\s+Service|Cabinet|Mayor)\b[^\t\n]*", re.I)


def decision_maker(text: str) -> str:
    """Who takes the decision a decision record records: the role after its
    "Decision to be taken by:" field ("Cabinet Member for Integrated Services"),
    else ""."""
    lines = [ln.strip() for ln in text[:3000].splitlines()]
    for i, line in enumerate(lines):
        m = _DECIDER_FIELD.match(line)
        if not m:
            continue
        rest = [line[m.end():].split("\t")[0].strip()] + lines[i + 1:i + 5]
        for k, cand in enumerate(rest):
            cand = cand.split("\t")[0].strip()
            if not cand or not re.search(r"[A-Za-z]{3}", cand) or re.fullmatch(r"[\w/.-]*\d[\w/.-]*", cand):
                continue
            role = _ROLE.search(cand)
            if not role:
                continue
            found = role.group(0).strip(" ,;")
            nxt = rest[k + 1].strip() if k + 1 < len(rest) else ""
            # a role wrapped onto the next line: "... for Integrated Children's" / "Services"
            if nxt and len(nxt.split()) <= 3 and nxt[:1].isupper() and ":" not in nxt and \
                    not re.search(r"\d", nxt) and found.split()[-1].lower() not in ("services",):
                if re.search(r"\b(?:for|of|and|&|’s|'s)$", found) or len(found) > 40:
                    found = f"{found} {nxt}"
            return found
    return ""


# "signed ... date" signature block of a decision record, with the date on the line above.
_SIGNED_DATE = re.compile(r"^\W*(?:signed|signature)\W+date\W*$", re.I)
_DATE_FIELD = re.compile(r"^\W*(?:date of decision|decision date|date signed|date decision taken)\s*:?\s*(.*)$",
                         re.I)


def decision_date_text(text: str) -> str:
    """The text holding a decision record's date: its "Date of decision:" field or the
    date over its "signed ... date" line; "" when it has neither."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for i, line in enumerate(lines):
        m = _DATE_FIELD.match(line)
        if m:
            return m.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")
        if _SIGNED_DATE.match(line):
            return " ".join(lines[max(0, i - 3):i])
    return ""
