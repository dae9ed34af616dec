"""The meetings table: one row per (organisation, body, date) the corpus speaks of.

A meeting is met through its papers (agenda, minutes, reports, a decision
record, an action log, and plans bundled in its pack) and through later
minutes that approve its minutes.  Each body's meetings are numbered in date
order and linked to the previous and next one.
"""
from __future__ import annotations

from collections import defaultdict

import pandas as pd

from extractors.organisation import body_key

from .context import Context, as_int, records
from .schemas import Meeting


def build_meetings(ctx: Context, frames: dict[str, pd.DataFrame]) -> list[Meeting]:
    """One meeting per (organisation, body, date) any paper is for; linked in date order per body."""
    mentions: dict[str, list[tuple[str, str, str, str, int | None]]] = defaultdict(list)
    names: dict[str, tuple[str, str, str]] = {}     # meeting_id -> (organisation, body, date)

    def mention(mid, org, body, when, kind, part_id, doc_id, page):
        if not mid:
            return
        names.setdefault(mid, (org, body, when))
        mentions[mid].append((kind or "other", part_id, doc_id, ctx.file(doc_id), page))

    seen_docs = set()
    for part in ctx.parts.values():
        doc_id = part["doc_id"]
        if ctx.docs.get(doc_id, {}).get("status", "ok") != "ok" or not ctx.is_meeting_paper(doc_id, part["part_id"]):
            continue
        mid, org, body, when = ctx.meeting_key(doc_id, part["part_id"])
        mention(mid, org, body, when, part.get("part_type"), part["part_id"], doc_id, as_int(part.get("page_start")))
        seen_docs.add(doc_id)
    for doc in ctx.docs.values():
        doc_id = doc["doc_id"]
        if doc.get("status", "ok") != "ok" or doc_id in seen_docs or not ctx.is_meeting_paper(doc_id):
            continue
        mid, org, body, when = ctx.meeting_key(doc_id)
        mention(mid, org, body, when, doc.get("doc_type"), doc_id, doc_id, 1)
    for row in records(frames, "resolutions"):
        if row.get("minutes_of"):   # minutes approving an earlier meeting's minutes speak of it
            doc_id = row["doc_id"]
            mention(ctx.meeting_id_at(doc_id, row["minutes_of"]), ctx.organisation(doc_id), ctx.body(doc_id),
                    row["minutes_of"], "minutes approved", row.get("part_id") or doc_id, doc_id,
                    as_int(row.get("page")))

    meetings = []
    for mid, found in mentions.items():
        org, body, when = names[mid]
        preferred = sorted(found, key=lambda f: (f[0] != "minutes", f[0] == "minutes approved"))[0]
        meetings.append(Meeting(
            meeting_id=mid, organisation=org, body=body, meeting_date=when,
            part_types="; ".join(dict.fromkeys(f[0] for f in found)),
            parts="; ".join(dict.fromkeys(f[1] for f in found)),
            files="; ".join(dict.fromkeys(f[3] for f in found)),
            file=preferred[3], page=preferred[4]))
    link_meetings(meetings)
    return meetings


def link_meetings(meetings: list[Meeting]) -> None:
    """Number each body's meetings in date order and link each to its neighbours."""
    by_body: dict[tuple[str, str], list[Meeting]] = defaultdict(list)
    for m in meetings:
        by_body[(m.organisation, body_key(m.body))].append(m)
    for group in by_body.values():
        group.sort(key=lambda m: m.meeting_date)
        for i, m in enumerate(group):
            m.sequence = i + 1
            if i:
                m.previous_meeting_id, m.previous_meeting_date = group[i - 1].meeting_id, group[i - 1].meeting_date
            if i + 1 < len(group):
                m.next_meeting_id, m.next_meeting_date = group[i + 1].meeting_id, group[i + 1].meeting_date


# Records of what a meeting decided.
RECORD_PAPERS = ("minutes", "decision")


def meetings_with_records(meetings: list[Meeting]) -> set[str]:
    return {m.meeting_id for m in meetings if set(m.part_types.split("; ")) & set(RECORD_PAPERS)}
