"""Clause splitting for recommendations and resolutions.

Committee papers list what is recommended or resolved in many shapes:

    It was resolved unanimously to:            RESOLVED: That
    - a) Note the findings ...                 - 1 the Annual Report ... be received and noted; and
    - b) Approve the public facing ...         - 2 the five key priorities for 2020/21 be noted.

    2 Recommendations                          3. RESOLVED that Cabinet agree to:
    2.1 That the Board note the proposals.     A) Note the forecast ...  b) Note ...

and, in cover sheets converted from HTML tables, all on one line:
"a) note the context of the ICSb) support the principles ...".

`block_after(text, pos)` reads what follows an introduction ("is asked to:",
"RESOLVED that") and returns its clauses, each with its label as printed and
its character span in the document.  The rules are small pure functions
(`parse_label`, `label_value`, `follows`, `clean_clause`, `first_verb`,
`paragraph_end`) that the tests call directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import DECISION_VERBS

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12}

# A list label at the start of a line, after an optional bullet:
# "a)", "(a)", "a.", "A)", "(iv)", "1.", "1)", "2.1", "- 1 the ...", "• 3.2."
_BULLET = r"[-*\u2022\u25cf\u25aa\u2013\u00b7\uf0b7\u27a2>]"
_LINE_LABEL = re.compile(
    rf"[^\S\n]*(?:{_BULLET}[^\S\n]*)?"
    r"(?:\((?P<paren>[a-zA-Z]|[ivxIVX]{1,4}|\d{1,2})\)"
    r"|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?"
    r"|(?P<plain>[a-zA-Z]|[ivx]{1,4}|\d{1,2})[.)]"
    r"|(?P<bare>\d{1,2})(?=[^\S\n]+[a-z]))"
    r"[^\S\n]+")
_BULLET_ONLY = re.compile(rf"[^\S\n]*{_BULLET}[^\S\n]+(?=\S)")
_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")
_TRAILING = re.compile(r"(?:[\s;,]+(?:and|or)|\s*;|\s*,)\s*$", re.I)
_TERMINAL = (".", ":", ";", "!", "?")


@dataclass
class Clause:
    label: str
    char_start: int
    char_end: int


def parse_label(line: str) -> tuple[str, int] | None:
    """(label, offset of the clause text) for a line that starts with a list label."""
    m = _LINE_LABEL.match(line)
    if not m:
        return None
    label = m.group("paren") or m.group("dotted") or m.group("plain") or m.group("bare")
    return label, m.end()


def label_value(label: str, previous: str = "") -> tuple[str, tuple[int, ...]]:
    """A label's kind and position: ("alpha", (2,)) for "b", ("number", (2, 1)) for "2.1".

    "i" after "h" is a letter; "i" opening a list (or after a roman numeral) is roman.
    """
    low = label.lower()
    if re.fullmatch(r"\d+(?:\.\d+)*", low):
        return "number", tuple(int(p) for p in low.split("."))
    prev_kind = label_value(previous)[0] if previous else ""
    if low in ROMAN and (prev_kind == "roman" or (prev_kind != "alpha" and (low == "i" or len(low) > 1))):
        return "roman", (ROMAN[low],)
    if len(low) == 1 and low.isalpha():
        return "alpha", (ord(low) - ord("a") + 1,)
    return "other", (0,)


def starts_list(label: str) -> bool:
    """Whether a label can open a list: "a", "(i)", "1", "2.1"."""
    kind, value = label_value(label)
    return value[-1] == 1 and kind != "other"


def follows(previous: str, label: str) -> bool:
    """Whether `label` is the next label after `previous` ("b" after "a", "2.2" after "2.1")."""
    kind_a, a = label_value(previous)
    kind_b, b = label_value(label, previous)
    if kind_a != kind_b or kind_a == "other":
        return False
    if len(a) != len(b):
        return False
    return a[:-1] == b[:-1] and b[-1] == a[-1] + 1


def clean_clause(raw: str) -> str:
    """Clause text as the guidelines write it: tags, label and trailing "; and" removed."""
    text = _TAG.sub(" ", raw)
    text = " ".join(text.split())
    m = _LINE_LABEL.match(text)
    if m:
        text = text[m.end():]
    text = _BULLET_ONLY.sub("", text, count=1) if _BULLET_ONLY.match(text) else text
    text = text.replace("**", "").strip()
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING.sub("", text).strip()
    return text


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _lines_from(text: str, pos: int, limit: int):
    """(start, end) of each line from the one holding `pos`, up to `limit`."""
    start, _ = _line_bounds(text, pos)
    while start < limit:
        end = text.find("\n", start)
        end = limit if end < 0 or end > limit else end
        yield start, end
        start = end + 1


class _Lines:
    """`_lines_from`, read only as far as asked: a list ends long before the text does,
    and reading every line to the end for every list made a 500-page pack quadratic."""

    def __init__(self, text: str, pos: int, limit: int):
        self._source = _lines_from(text, pos, limit)
        self._read: list[tuple[int, int]] = []

    def has(self, i: int) -> bool:
        """Whether there is an i-th line (reading up to it)."""
        while len(self._read) <= i:
            line = next(self._source, None)
            if line is None:
                return False
            self._read.append(line)
        return True

    def __getitem__(self, i: int) -> tuple[int, int]:
        self.has(i)
        return self._read[i]


_HEADING_LIKE = re.compile(
    r"^\s*(?:\d{1,3}(?:[./]\d{1,3})?\.?\s+[A-Z][^.:;]{0,100}$"      # "89. Draft Revenue Budget"
    r"|\(Item \d+\)"                                                # an item reference under a title
    r"|(?:RESOLVED|DECISION|AGREED|Resolved|Decision)\b"            # the next decision
    r"|[A-Z][A-Z &'’,-]{6,}$"                                       # an upper-case heading
    r"|(?:\d+(?:\.\d+)*\.?\s+)?(?i:executive\s+summary|summary|background(?:\s+papers|\s+documents)?|"
    r"introduction|purpose(?:\s+of\s+(?:the\s+)?report)?|reasons?\s+for\s+(?:the\s+)?(?:recommendations?|decision)|"
    r"(?:financial|legal|risk|equalit(?:y|ies)|resource|staffing|other)\s+(?:\w+\s+)?implications|implications|"
    r"options(?:\s+considered)?|consultation|appendi(?:ces|x)|contact(?:\s+details|\s+officer)?|report\s+author|"
    r"officer\s+contact|key\s+issues|next\s+steps|conclusions?|supporting\s+information|attached\s+documents|"
    r"reasons?(?:\(s\))?)\b[^.\n]{0,40}$)")                               # a report's next section


def paragraph_end(text: str, pos: int, limit: int | None = None) -> int:
    """End of the paragraph that runs from `pos`.

    A paragraph ends at a blank line, at a line that opens a list item or a
    heading, or -- in PDF text, where paragraphs have no blank lines between
    them -- at a line break after a full stop when the next line starts like a
    new sentence that is not a continuation.
    """
    limit = len(text) if limit is None else limit
    _, end = _line_bounds(text, pos)
    end = min(end, limit)
    while end < limit:
        nxt_start = end + 1
        nxt_end = text.find("\n", nxt_start)
        nxt_end = limit if nxt_end < 0 or nxt_end > limit else nxt_end
        line = text[nxt_start:nxt_end]
        if not line.strip():
            # A blank line inside a sentence (a page break in converted text) does not
            # end it: the sentence runs on when the next line starts in lower case.
            after = _next_nonblank(text, nxt_start, limit)
            if after is None or _ends(text[pos:end]).endswith(_TERMINAL) \
                    or not text[after[0]:after[1]].lstrip()[:1].islower():
                break
            end = after[1]
            continue
        if parse_label(line) or _BULLET_ONLY.match(line) or _HEADING_LIKE.match(line):
            break
        previous = _ends(text[pos:end])
        stripped = line.lstrip()
        if previous.endswith(_TERMINAL) and not stripped[:1].islower():
            break
        if "\t" in line and "\t" not in text[_line_bounds(text, end - 1)[0]:end]:
            break
        end = nxt_end
    return end


def _ends(text: str) -> str:
    """Text without trailing space, quotes and brackets: '... emergency."' ends with '.'."""
    return text.rstrip().rstrip("\"'”’)]*").rstrip()


def _next_nonblank(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of the first non-blank line at or after `pos`."""
    while pos < limit:
        end = text.find("\n", pos)
        end = limit if end < 0 or end > limit else end
        if text[pos:end].strip():
            return pos, end
        pos = end + 1
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_list(text: str, pos: int, limit: int | None = None) -> list[Clause]:
    """The labelled (or bulleted) list that starts at the line holding `pos`.

    Items continue over wrapped lines and over blank lines while the next
    non-blank line carries the next label in sequence; the list ends at the
    first line that breaks the sequence.
    """
    limit = len(text) if limit is None else limit
    clauses: list[Clause] = []
    lines = _Lines(text, pos, limit)
    i = 0
    while lines.has(i) and not text[lines[i][0]:lines[i][1]].strip():
        i += 1
    if not lines.has(i):
        return []
    first = text[lines[i][0]:lines[i][1]]
    found = parse_label(first)
    if found is None and is_subheading(first):
        # "Revenue budget" over "(a) ...": a subheading before the first item
        j = i + 1
        while lines.has(j) and not text[lines[j][0]:lines[j][1]].strip() and j - i < 3:
            j += 1
        following = parse_label(text[lines[j][0]:lines[j][1]]) if lines.has(j) else None
        if following and starts_list(following[0]):
            i, first, found = j, text[lines[j][0]:lines[j][1]], following
    bulleted = False
    if found is None or not starts_list(found[0]):
        if _BULLET_ONLY.match(first) and not (found and not starts_list(found[0])):
            bulleted, found = True, ("", _BULLET_ONLY.match(first).end())
        else:
            return []
    label, offset = found
    cur_start, cur_end = lines[i][0] + offset, lines[i][1]
    nested = ""
    i += 1
    while lines.has(i):
        s, e = lines[i]
        line = text[s:e]
        if not line.strip():
            # A blank line: the list goes on only if the next label follows.
            j = i
            while lines.has(j) and (not text[lines[j][0]:lines[j][1]].strip()
                                    or _PAGE_LINE.fullmatch(text[lines[j][0]:lines[j][1]])):
                j += 1      # blank lines, and a page number left between two pages of a list
            if lines.has(j) and _next_item(text[lines[j][0]:lines[j][1]], label, bulleted):
                i = j
                continue
            break
        nxt = _next_item(line, label, bulleted)
        found = parse_label(line) if nxt is None and not bulleted else None
        if nxt is not None:
            clauses.append(Clause(label, *_trim(text, cur_start, cur_end)))
            label, offset = nxt
            cur_start, cur_end = s + offset, e
            nested = ""
        elif found and not looks_like_heading(line[found[1]:]) and (label_value(found[0])[0] == nested or (
                starts_list(found[0]) and label_value(found[0])[0] not in (label_value(label)[0], "other")
                and _ends(text[cur_start:cur_end]).endswith((":", "-", "–")))):
            # "(a) ... subject to:" then "(i) ...", "(ii) ...": sub-items stay in their item
            nested = label_value(found[0])[0]
            cur_end = e
        elif not bulleted and _BULLET_ONLY.match(line) and (
                nested == "bullet" or _ends(text[cur_start:cur_end]).endswith((":", "-", "–"))):
            # "(b) note the following:" then bullets: they belong to (b)
            nested = "bullet"
            cur_end = e
        elif _subheading_before(text, lines, i, label, bulleted):
            # "Capital" printed between items (c) and (d): not an item, and not part of (c)
            i = _subheading_before(text, lines, i, label, bulleted)
            continue
        elif parse_label(line) or _BULLET_ONLY.match(line) or _HEADING_LIKE.match(line):
            break
        elif _ends(text[cur_start:cur_end]).endswith(_TERMINAL) and not line.lstrip()[:1].islower():
            break
        else:
            cur_end = e
        i += 1
    clauses.append(Clause(label, *_trim(text, cur_start, cur_end)))
    return [c for c in clauses if c.char_end > c.char_start]


# A page's number or running footer printed between two pages: "12", "Page 4", "Page 4 of 9", "- 7 -".
_PAGE_LINE = re.compile(r"[^\S\n]*(?:(?:Page|PAGE)\s+\d{1,4}(?:\s+of\s+\d{1,4})?|[-–]?\s*\d{1,4}\s*[-–]?)[^\S\n]*")


def _subheading_before(text: str, lines: "_Lines", i: int, label: str, bulleted: bool) -> int:
    """Index of the next item's line when line i is a short subheading between two items
    (blank lines allowed around it), else 0."""
    line = text[lines[i][0]:lines[i][1]]
    if parse_label(line) or not is_subheading(line):
        return 0
    before = text[max(0, lines[i][0] - 200):lines[i][0]].rstrip()
    if not before.endswith((".", ";", ":")) and not re.search(r";\s*(?:and|or)$", before):
        return 0    # "... on behalf of the" / "County Council": a wrapped item, not a subheading
    j = i + 1
    while lines.has(j) and not text[lines[j][0]:lines[j][1]].strip() and j - i < 4:
        j += 1
    if lines.has(j) and _next_item(text[lines[j][0]:lines[j][1]], label, bulleted):
        return j
    return 0


def _next_item(line: str, label: str, bulleted: bool) -> tuple[str, int] | None:
    if bulleted:
        m = _BULLET_ONLY.match(line)
        return ("", m.end()) if m and not parse_label(line) else None
    found = parse_label(line)
    if found and follows(label, found[0]) and not looks_like_heading(line[found[1]:]):
        return found
    return None


_SMALL = {"and", "of", "the", "for", "to", "in", "on", "a", "an", "&", "-", "–", "at", "by", "with"}


def looks_like_heading(rest: str) -> bool:
    """A short title ("Finance", "Planning Applications"), not a clause: the next
    minute after a list "1. That ... 2. That ...", not its third item."""
    rest = rest.replace("**", "").strip()
    words = rest.split()
    if not words or len(words) > 10 or rest.endswith((".", ";", ":", ",")):
        return False
    if _lemma(re.sub(r"\W", "", words[0])) in VERBS or words[0].lower() in ("that", "to"):
        return False    # "f) NOTE the Reserves, Treasury Management ..." is a clause
    return rest.isupper() or all(w[:1].isupper() or w.lower() in _SMALL or not w[:1].isalpha() for w in words)


def is_subheading(line: str) -> bool:
    """A short subheading printed between a list's items ("Revenue budget", "Capital",
    "Council Tax"): a few words, a capital first, no closing punctuation, no verb first."""
    rest = line.replace("**", "").strip()
    words = rest.split()
    if not words or len(words) > 5 or not rest[:1].isupper() or rest.endswith((".", ";", ":", ",")):
        return False
    if _lemma(re.sub(r"\W", "", words[0])) in VERBS or words[0].lower() in ("that", "to"):
        return False
    return not re.search(r"\d{3,}|£|%", rest) and looks_like_heading(rest) or all(
        w.isalpha() or w in ("&", "-", "–") for w in words)


# Inline labels: "a) note X b) support Y", "(i) ... (ii) ...", "ICSb) support"
def _inline_label_pattern(label: str) -> re.Pattern:
    esc = re.escape(label)
    return re.compile(rf"(?:(?<=[\s.;,:>])|(?<=[A-Za-z0-9)]))(?:\({esc}\)|{esc}\))(?=\s)")


def _label_after(label: str) -> str:
    kind, value = label_value(label)
    if kind == "number":
        return str(value[0] + 1)
    if kind == "roman":
        inv = {v: k for k, v in ROMAN.items()}
        return inv.get(value[0] + 1, "")
    return chr(ord(label) + 1) if label.isalpha() and len(label) == 1 and label.lower() != "z" else ""


def split_inline(text: str, start: int, end: int) -> list[Clause]:
    """Labels run together on one line: one clause per label, in sequence from "a)"/"(a)"/"(i)"."""
    segment = text[start:end]
    m = re.match(r"[^\S\n]*(?:\((a|i|1)\)|(a|i|1)\))[^\S\n]+", segment, re.I)
    if not m:
        m = re.search(r"(?:(?<=[\s:>])|^)(?:\((a|i|1)\)|(a|i|1)\))[^\S\n]+", segment, re.I)
        if not m:
            return []
    label = m.group(1) or m.group(2)
    positions = [(label, start + m.start(), start + m.end())]
    cursor = m.end()
    while True:
        nxt = _label_after(positions[-1][0])
        if not nxt:
            break
        found = None
        for candidate in _inline_label_pattern(nxt).finditer(segment, cursor):
            # "ICSb) support" is a label run onto the last word; "Board) will" is not.
            glued = candidate.start() > 0 and segment[candidate.start() - 1].isalpha()
            word = re.match(r"\s*([A-Za-z]+)", segment[candidate.end():])
            if not glued or (word and _lemma(word.group(1)) in VERBS):
                found = candidate
                break
        if not found:
            break
        positions.append((nxt, start + found.start(), start + found.end()))
        cursor = found.end()
    if len(positions) < 2:
        return []
    clauses = []
    for i, (lab, _s, body_start) in enumerate(positions):
        body_end = positions[i + 1][1] if i + 1 < len(positions) else end
        clauses.append(Clause(lab, *_trim(text, body_start, body_end)))
    return clauses


def block_after(text: str, pos: int, limit: int | None = None) -> list[Clause]:
    """The clauses introduced at `pos` (just after "is asked to", "RESOLVED that", ...).

    Text on the same line is one clause (or several, with inline labels)
    running to the end of its paragraph; an introduction that ends its line
    ("to:", "That") is followed by a list, or by one paragraph.
    """
    limit = len(text) if limit is None else limit
    _, line_end = _line_bounds(text, pos)
    line_end = min(line_end, limit)
    rest = _TAG.sub(lambda m: " " * len(m.group()), text[pos:line_end])
    if rest.strip() and not re.fullmatch(r"\s*(?:that|to)?\s*:?\s*", rest, re.I):
        inline = split_inline(text, pos, line_end)
        if inline:
            return inline
        stripped = rest.rstrip()
        if stripped.endswith(":") or len(stripped.split()) <= 3:
            # A lead-in ("give approval to:", "Cabinet agree to:") before a list.
            listed = split_list(text, line_end + 1, limit)
            if listed:
                return listed
        end = paragraph_end(text, pos, limit)
        if _ends(text[pos:end]).endswith(":") and end < limit:
            # A lead-in wrapped over two lines ("RESOLVED to award grants as / follows:") before its list.
            listed = split_list(text, end + 1, limit)
            if listed:
                return listed
        if _ends(text[pos:end]).endswith(":") and len(stripped.split()) > 3:
            # "That the application be REFUSED for the following reason:" and the reason,
            # a paragraph of its own, on the next line.
            end = _paragraph_after(text, end, limit) or end
        s, e = _trim(text, pos, end)
        return [Clause("", s, e)] if e > s else []
    # The introduction ends its line: a list, or the next paragraph.
    nxt = line_end + 1
    while nxt < limit:
        e = text.find("\n", nxt)
        e = limit if e < 0 or e > limit else e
        if text[nxt:e].strip():
            break
        nxt = e + 1
    if nxt >= limit:
        return []
    listed = split_list(text, nxt, limit)
    if listed:
        return listed
    line = text[nxt:text.find("\n", nxt) if text.find("\n", nxt) >= 0 else limit]
    after = _next_nonblank(text, nxt + len(line) + 1, limit) if nxt + len(line) < limit else None
    if after and is_subheading(line) and after[0] - nxt - len(line) <= 4:
        # "is asked to agree the following:" / "Revenue budget" / "(a) ...": a subheading over the first item
        listed = split_list(text, after[0], limit)
        if listed:
            return listed
    if line.rstrip().endswith(":") and len(line.split()) <= 8 and nxt + len(line) < limit:
        # A lead-in on its own line ("That Cabinet:") before the list.
        listed = split_list(text, nxt + len(line) + 1, limit)
        if listed:
            return listed
    if _HEADING_LIKE.match(line) and not line.lstrip().startswith(("That", "To ")):
        return []
    inline = split_inline(text, nxt, min(limit, nxt + len(line)))
    if inline:
        return inline
    end = paragraph_end(text, nxt, limit)
    s, e = _trim(text, nxt, end)
    return [Clause("", s, e)] if e > s else []


def _paragraph_after(text: str, end: int, limit: int) -> int | None:
    """End of the paragraph that follows `end` (after at most one blank line), unless it is a heading."""
    line = _next_nonblank(text, end + 1, limit) if end < limit else None
    if line is None or text[end:line[0]].count("\n") > 2:
        return None
    first = text[line[0]:line[1]]
    if _HEADING_LIKE.match(first) or parse_label(first) or _BULLET_ONLY.match(first):
        return None
    return paragraph_end(text, line[0], limit)


# --- verbs ---------------------------------------------------------------------------

VERBS = DECISION_VERBS   # one list, shared with the decision rules (extractors/vocabulary.py)
_SKIP = {"that", "the", "to", "it", "is", "be", "and", "of", "for", "a", "an", "its", "their", "this",
         "these", "recommended", "asked", "members", "further", "formally", "also", "hereby",
         "cabinet", "council", "committee", "board", "panel", "group", "forum", "partnership",
         "sub", "executive"}
_IRREGULAR = {"procuring": "procure", "gave": "give", "made": "make", "set": "set"}


def _lemma(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in VERBS:
        return w
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", "")):
        if w.endswith(suffix) and (w[: -len(suffix)] + repl) in VERBS:
            return w[: -len(suffix)] + repl
    return w


lemma = _lemma   # the verb's base form, as first_verb reads it ("notes" -> "note")


def first_verb(text: str) -> str:
    """The first verb of a clause, lower case: "note" for "That the Board notes and considers"."""
    if re.search(r"\bminutes\b", text, re.I):
        # "The minutes of ... were agreed as a correct record": the minutes are approved.
        done = re.search(r"\b(?:were|was|be|are)\s+(?:duly\s+)?(agreed|approved|confirmed|accepted|adopted)\b", text)
        if done:
            return _lemma(done.group(1))
        if re.search(r"\b(?:correct|true|accurate)\s+record\b", text, re.I):
            return "approve"
    words = re.findall(r"[A-Za-z]+", text)
    for word in words[:25]:
        lemma = _lemma(word)
        if lemma in VERBS:
            if lemma == "give" and re.search(r"\bgive\s+approval\b", text, re.I):
                return "approve"
            return lemma
    for word in words:
        if word.lower() not in _SKIP and not word[:1].isupper():
            return word.lower()
    return words[0].lower() if words else ""
