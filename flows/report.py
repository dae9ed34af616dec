"""report.html: one static file (no scripts, no network) to read the tracking tables in a browser.

Meetings in date order, each with its decisions and the actions seen there,
coloured by outcome and status and carrying the evidence sentence with file
and page; then a section per action track with every sighting.  Only the
standard library: the file is plain HTML and inline CSS.
"""
from __future__ import annotations

import os
import tempfile
from html import escape
from pathlib import Path

import pandas as pd

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:2rem;color:#1d1d1f;max-width:1200px}
h1{margin-bottom:.2rem} h2{border-bottom:2px solid #ccd;padding-bottom:.2rem;margin-top:2.5rem}
h3{margin:.2rem 0} .muted{color:#666;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem} th,td{border:1px solid #dde;padding:.3rem .45rem;
vertical-align:top;text-align:left;font-size:.92em} th{background:#eef1f8}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:.7rem;font-size:.85em;white-space:nowrap;color:#111}
.agreed-as-recommended,.agreed,.closed,.correct{background:#c6efce}.agreed-with-amendment{background:#bde0f5}
.deferred,.open{background:#ffeb9c}.noted{background:#e3e3e3}.no-decision-found,.not-agreed,.wrong{background:#f4b6b6}
.overdue{background:#e06666;color:#fff}
.evidence{font-family:Georgia,serif;font-style:italic;color:#333}
.meeting{border:1px solid #ccd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;background:#fcfcff}
.track{border-top:3px solid #ccd;padding-top:.5rem;margin-top:2rem;page-break-before:always}
.summary td{font-size:1em} nav a{margin-right:1rem}
"""


def _e(value) -> str:
    if value is None or value is pd.NA:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return escape(str(value))


def badge(text: str, extra: str = "") -> str:
    """A coloured label; its class is the text made into a CSS name ("no decision found" -> no-decision-found)."""
    if not text:
        return ""
    cls = "-".join(str(text).lower().replace("?", "").split())
    return f'<span class="badge {escape(cls)} {escape(extra)}">{escape(str(text))}</span>'


def where(row: dict) -> str:
    page = _e(row.get("page"))
    return f'{_e(Path(str(row.get("file") or "")).name)}{", p. " + page if page else ""}'


def _rows(frames, name) -> list[dict]:
    df = frames.get(name)
    return [] if df is None else df.to_dict("records")


def _status(row: dict) -> str:
    if row.get("overdue") is True:
        return badge("overdue") + " " + badge(row.get("status") or row.get("state") or "open", row.get("state", ""))
    state = str(row.get("state") or "")
    label = str(row.get("status") or state)
    return f'<span class="badge {escape(state)}">{escape(label)}</span>' if label else ""


def render(frames: dict[str, pd.DataFrame]) -> str:
    meetings = sorted(_rows(frames, "meetings"), key=lambda m: (str(m["meeting_date"]), str(m["body"])))
    decisions, sightings = _rows(frames, "decisions"), _rows(frames, "action_history")
    tracks = {t["track_id"]: t for t in _rows(frames, "action_tracks")}
    open_tracks = [t for t in tracks.values() if t.get("state") != "closed"]
    overdue = [t for t in open_tracks if t.get("overdue") is True]
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width, initial-scale=1'>",
           "<title>minutebook report</title>", f"<style>{CSS}</style></head><body>",
           "<h1>minutebook: decisions and actions</h1>",
           f"<p class='muted'>{len(meetings)} meetings, {len(decisions)} decisions, {len(tracks)} action tracks "
           f"({len(open_tracks)} open, {len(overdue)} overdue). Every row quotes the sentence it came from.</p>",
           "<nav><a href='#meetings'>Meetings</a><a href='#tracks'>Action tracks</a></nav>"]
    out.append(_outcome_summary(decisions))
    out.append("<h2 id='meetings'>Meetings</h2>")
    if not meetings:
        out.append("<p class='muted'>No meeting dates found in the papers.</p>")
    for m in meetings:
        out.append(_meeting(m, [d for d in decisions if d["meeting_id"] == m["meeting_id"]],
                            [s for s in sightings if s["meeting_id"] == m["meeting_id"]], tracks))
    undated = [d for d in decisions if not d.get("meeting_id")]
    if undated:
        out.append("<h3>Decisions not tied to a dated meeting</h3>" + _decision_table(undated))
    out.append("<h2 id='tracks'>Action tracks</h2>")
    out.append(_track_index(list(tracks.values())))
    for t in sorted(tracks.values(), key=lambda t: (t.get("state") == "closed", not t.get("overdue"),
                                                    str(t.get("first_raised")))):
        out.append(_track_page(t, [s for s in sightings if s["track_id"] == t["track_id"]]))
    out.append("</body></html>")
    return "\n".join(out)


def _outcome_summary(decisions: list[dict]) -> str:
    counts = pd.Series([d["outcome"] for d in decisions], dtype="string").value_counts()
    if counts.empty:
        return ""
    cells = "".join(f"<td>{badge(k)} {v}</td>" for k, v in counts.items())
    return f"<table class='summary'><tr>{cells}</tr></table>"


def _meeting(m: dict, decisions: list[dict], sightings: list[dict], tracks: dict) -> str:
    links = []
    if m.get("previous_meeting_id"):
        links.append(f"<a href='#m-{_e(m['previous_meeting_id'])}'>&larr; {_e(m['previous_meeting_date'])}</a>")
    if m.get("next_meeting_id"):
        links.append(f"<a href='#m-{_e(m['next_meeting_id'])}'>{_e(m['next_meeting_date'])} &rarr;</a>")
    html = [f"<section class='meeting' id='m-{_e(m['meeting_id'])}'>",
            f"<h3>{_e(m['body'])} &mdash; {_e(m['meeting_date'])}</h3>",
            f"<div class='muted'>papers: {_e(m.get('part_types'))} &middot; "
            f"{_e('; '.join(Path(f).name for f in str(m.get('files') or '').split('; ') if f))}"
            f"{' &middot; ' + ' '.join(links) if links else ''}</div>"]
    if decisions:
        html.append("<h4>Decisions</h4>" + _decision_table(decisions))
    if sightings:
        html.append("<h4>Actions</h4><table><tr><th>action</th><th>owner</th><th>due</th><th>status</th>"
                    "<th>evidence</th><th>where</th></tr>")
        for s in sightings:
            t = tracks.get(s["track_id"], {})
            status = _status({**s, "overdue": t.get("overdue") if t.get("last_meeting_id") == s["meeting_id"]
                              else False})
            html.append(f"<tr><td><a href='#t-{_e(s['track_id'])}'>{_e(s['text'])}</a></td><td>{_e(s['owner'])}</td>"
                        f"<td>{_e(s['due_date'])}</td><td>{status}</td>"
                        f"<td class='evidence'>{_e(s['evidence'])}</td><td>{where(s)}</td></tr>")
        html.append("</table>")
    if not decisions and not sightings:
        html.append("<p class='muted'>No decisions or actions found for this meeting.</p>")
    html.append("</section>")
    return "\n".join(html)


def _decision_table(decisions: list[dict]) -> str:
    rows = ["<table><tr><th>item</th><th>recommendation</th><th>resolution</th><th>outcome</th>"
            "<th>evidence</th><th>where</th></tr>"]
    for d in decisions:
        review = badge(d.get("review") or "")
        if d.get("outcome") == "no decision found" and d.get("minutes_found") is not True:
            review += " <span class='muted'>(no minutes of this meeting in the corpus)</span>"
        rows.append(f"<tr><td>{_e(d['item_title'])}</td><td>{_e(d['recommendation'])}</td>"
                    f"<td>{_e(d['resolution'])}</td><td>{badge(d['outcome'])} {review}</td>"
                    f"<td class='evidence'>{_e(d['evidence'])}</td><td>{where(d)}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)


def _track_index(tracks: list[dict]) -> str:
    if not tracks:
        return "<p class='muted'>No actions found.</p>"
    rows = ["<table><tr><th>action</th><th>owner</th><th>due</th><th>status</th><th>first raised</th>"
            "<th>last seen</th><th>days open</th></tr>"]
    for t in sorted(tracks, key=lambda t: (t.get("state") == "closed", not t.get("overdue"))):
        rows.append(f"<tr><td><a href='#t-{_e(t['track_id'])}'>{_e(t['text'])[:160]}</a></td><td>{_e(t['owner'])}</td>"
                    f"<td>{_e(t['due_date'])}</td><td>{_status(t)}</td><td>{_e(t['first_raised'])}</td>"
                    f"<td>{_e(t['last_seen'])}</td><td>{_e(t['days_open'])}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)


def _track_page(t: dict, sightings: list[dict]) -> str:
    html = [f"<section class='track' id='t-{_e(t['track_id'])}'>",
            f"<h3>Action: {_e(t['text'])}</h3>",
            f"<p>{_status(t)} {badge(t.get('review') or '')} owner <b>{_e(t['owner']) or '&ndash;'}</b>, "
            f"due {_e(t['due_date']) or '&ndash;'}, minute {_e(t['minute']) or '&ndash;'}; first raised "
            f"{_e(t['first_raised']) or '?'}, last seen {_e(t['last_seen']) or '?'}, "
            f"{_e(t['days_open'])} days open{' (as of ' + _e(t['as_of']) + ')' if t.get('as_of') else ''}.</p>",
            "<table><tr><th>#</th><th>meeting</th><th>paper</th><th>status</th><th>owner</th>"
            "<th>evidence</th><th>where</th></tr>"]
    for s in sorted(sightings, key=lambda s: s["sequence"]):
        html.append(f"<tr><td>{_e(s['sequence'])}</td><td><a href='#m-{_e(s['meeting_id'])}'>{_e(s['meeting_date'])}"
                    f"</a></td><td>{_e(s['part_type'])}</td><td>{_status(s)}</td><td>{_e(s['owner'])}</td>"
                    f"<td class='evidence'>{_e(s['evidence'])}</td><td>{where(s)}</td></tr>")
    html.append("</table><p><a href='#tracks'>&uarr; all tracks</a></p></section>")
    return "\n".join(html)


def write_report(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    from flows.atomic import write_atomic

    return write_atomic(Path(path), render(frames))      # atomic, with the umask's mode
