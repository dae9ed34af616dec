"""report.html: one offline file for the scrutiny officer, opening on what needs chasing.

First screen: the overdue and open actions (owner, due date, age, the sentence
they rest on, file and page).  Then recent decisions, newest first, and the
recommendations still awaiting a decision -- "awaiting minutes" (grey) when
the corpus holds no minutes of that meeting yet, "no decision found" (red)
only when it does.  Below: every meeting in date order (those with nothing
found folded into one line) and a section per action track with every
sighting.  Officers' review answers show beside the rows they judged.

A bar at the top filters every list by body, owner and status, with a search
box; the filter is kept in the address (report.html#status=overdue&owner=...)
so a filtered view can be bookmarked or sent.  It is a small inline script:
the file stays one offline page with no network, and reads in full without
scripts (the filter bar is then hidden).
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pandas as pd

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:0 2rem 2rem;color:#1d1d1f;max-width:1360px}
h1{margin:.8rem 0 .1rem;font-size:1.5rem} h2{border-bottom:2px solid #ccd;padding-bottom:.2rem;margin:1.6rem 0 .4rem;font-size:1.2rem}
h3{margin:.2rem 0} .muted{color:#666;font-size:.9em}
table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem} th,td{border:1px solid #dde;padding:.25rem .45rem;
vertical-align:top;text-align:left;font-size:.9em} th{background:#eef1f8;position:sticky;top:3.1rem}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:.7rem;font-size:.85em;white-space:nowrap;color:#111}
.agreed-as-recommended,.agreed,.closed,.correct,.completed{background:#c6efce}.agreed-with-amendment{background:#bde0f5}
.deferred,.open{background:#ffeb9c}.noted{background:#e3e3e3}.no-decision-found,.not-agreed,.wrong{background:#f4b6b6}
.awaiting-minutes{background:#e8e8e8;color:#555}
.overdue{background:#e06666;color:#fff}
.evidence{font-family:Georgia,serif;font-style:italic;color:#333}
.where{display:block;color:#555;font-size:.85em}
.review{margin-top:.2rem;font-size:.85em;color:#1a4d8f} .review b{font-weight:600}
.meeting{border:1px solid #ccd;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;background:#fcfcff}
.track{border-top:3px solid #ccd;padding-top:.5rem;margin-top:2rem}
.summary{display:flex;gap:.6rem;flex-wrap:wrap;margin:.4rem 0} .summary a{text-decoration:none;color:inherit;
border:1px solid #ccd;border-radius:6px;padding:.3rem .7rem;background:#f7f8fc} .summary b{font-size:1.15em}
#filters{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ccd;padding:.5rem 0;display:flex;
gap:.6rem;align-items:center;flex-wrap:wrap;min-height:2rem} #filters label{font-size:.85em;color:#444}
#filters select,#filters input{font-size:.9em;padding:.15rem .3rem} #filters input[type=search]{width:16rem}
.nomatch td{color:#888;font-style:italic} details>summary{cursor:pointer;color:#444;margin:.5rem 0}
nav a{margin-right:1rem;font-size:.9em}
table.list{table-layout:fixed} table.list td{overflow-wrap:anywhere} table.list .badge{white-space:normal}
.clamp{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
.printed{display:block;font-size:.8em;color:#555;margin-top:.15rem} .printed.clamp{display:-webkit-box}
@media print{#filters{display:none} th{position:static}}
"""

# The filter: rows and sections with data-f carry data-body / data-owner / data-status (space-separated
# words); a section without data-status ignores the status and owner filters.
SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  if (!form) { return; }
  form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-f]'));
  var counter = document.getElementById('shown');
  function field(name) { return form.elements[name]; }
  function fromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    ['body', 'owner', 'status', 'q'].forEach(function (name) {
      if (params.has(name)) { field(name).value = params.get(name); }
    });
  }
  function apply() {
    var body = field('body').value, owner = field('owner').value, status = field('status').value;
    var q = field('q').value.trim().toLowerCase(), shown = 0, total = 0;
    items.forEach(function (el) {
      var d = el.dataset, listed = d.status !== undefined;
      var ok = (!body || d.body === body) &&
               (!owner || (listed && d.owner === owner)) &&
               (!status || (listed && (' ' + d.status + ' ').indexOf(' ' + status + ' ') >= 0)) &&
               (!q || el.textContent.toLowerCase().indexOf(q) >= 0);
      el.hidden = !ok;
      if (el.tagName === 'TR') { total++; if (ok) { shown++; } }
    });
    Array.prototype.forEach.call(document.querySelectorAll('table[data-list]'), function (table) {
      var none = table.querySelector('tr.nomatch');
      var any = table.querySelector('tr[data-f]:not([hidden])');
      if (none) { none.hidden = !!any; }
    });
    var filtered = body || owner || status || q;
    counter.textContent = filtered ? shown + ' of ' + total + ' rows match' : '';
    var params = new URLSearchParams();
    [['body', body], ['owner', owner], ['status', status], ['q', q]].forEach(function (p) {
      if (p[1]) { params.set(p[0], p[1]); }
    });
    try { history.replaceState(null, '', params.toString() ? '#' + params.toString() : location.pathname); }
    catch (e) { /* a browser that forbids it for local files: the filter still works */ }
  }
  fromHash();
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  apply();
})();
"""

STATUSES = [("overdue", "overdue"), ("open", "open"), ("closed", "closed"), ("decided", "decided"),
            ("awaiting-minutes", "awaiting minutes"), ("no-decision-found", "no decision found"),
            ("reviewed", "reviewed by an officer")]


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


def _truthy(value) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1", "yes")


def _outcome(d: dict) -> tuple[str, str]:
    """(badge html, status word) of a decision: "awaiting minutes" when the minutes are not in the corpus."""
    if d.get("outcome") == "no decision found":
        if not _truthy(d.get("minutes_found")):
            return badge("awaiting minutes"), "awaiting-minutes"
        return badge("no decision found"), "no-decision-found"
    return badge(d.get("outcome") or ""), "decided"


def _review(row: dict) -> str:
    """The officer's answer under a row: checked / marked wrong, and the note."""
    verdict, note = str(row.get("review") or ""), _e(row.get("review_note"))
    if not verdict and not note:
        return ""
    said = {"correct": "checked: correct", "wrong": "marked wrong"}.get(verdict, verdict)
    return (f"<div class='review'><b>officer</b>: {escape(said)}{' &mdash; ' if said and note else ''}"
            f"{note}</div>")


def _attrs(body, owner=None, status=None) -> str:
    out = f" data-f data-body='{_e(body)}'"
    if status is not None:
        out += f" data-owner='{_e(owner)}' data-status='{escape(status)}'"
    return out


def _words(text) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", str(text or "").lower()))


def _evidence_beyond(d: dict, *shown: str) -> str:
    """The evidence sentence unless it only repeats a text already in the row."""
    evidence = str(d.get("evidence") or "")
    words = _words(evidence)
    if not words or any(words in _words(t) or _words(t) in words and len(_words(t)) > 0.8 * len(words)
                        for t in shown if t):
        return ""
    return escape(evidence)


def render(frames: dict[str, pd.DataFrame]) -> str:
    meetings = sorted(_rows(frames, "meetings"), key=lambda m: (str(m["meeting_date"]), str(m["body"])))
    decisions, sightings = _rows(frames, "decisions"), _rows(frames, "action_history")
    tracks = {t["track_id"]: t for t in _rows(frames, "action_tracks")}
    open_tracks = [t for t in tracks.values() if t.get("state") != "closed"]
    overdue = [t for t in open_tracks if t.get("overdue") is True]
    decided = [d for d in decisions if d.get("outcome") != "no decision found"]
    waiting = [d for d in decisions if d.get("outcome") == "no decision found"]
    awaiting_minutes = [d for d in waiting if not _truthy(d.get("minutes_found"))]
    as_of = next((str(t.get("as_of")) for t in tracks.values() if t.get("as_of")), "")
    out = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width, initial-scale=1'>",
           "<title>minutebook report</title>", f"<style>{CSS}</style></head><body>",
           _filter_bar(meetings, open_tracks + list(tracks.values()), decisions),
           "<h1>minutebook: actions and decisions</h1>",
           f"<p class='muted'>{len(meetings)} meetings, {len(decisions)} decisions, {len(tracks)} actions"
           f"{', as of ' + _e(as_of) if as_of else ''}. Every row quotes the sentence of the paper it "
           "came from, with its file and page.</p>",
           "<div class='summary'>"
           f"<a href='#actions'><b>{len(overdue)}</b> overdue</a>"
           f"<a href='#actions'><b>{len(open_tracks) - len(overdue)}</b> open, not overdue</a>"
           f"<a href='#decisions'><b>{len(decided)}</b> decisions</a>"
           f"<a href='#awaiting'><b>{len(waiting)}</b> recommendations awaiting a decision "
           f"({len(awaiting_minutes)} awaiting minutes)</a></div>",
           "<nav><a href='#actions'>Actions to chase</a><a href='#decisions'>Recent decisions</a>"
           "<a href='#awaiting'>Awaiting a decision</a><a href='#meetings'>Meetings</a>"
           "<a href='#tracks'>Action tracks</a></nav>"]
    out.append(_action_list(open_tracks))
    out.append(_recent_decisions(decided))
    out.append(_awaiting(waiting))
    out.append("<h2 id='meetings'>Meetings</h2>")
    if not meetings:
        out.append("<p class='muted'>No meeting dates found in the papers.</p>")
    empty = []
    for m in meetings:
        mine = [d for d in decisions if d["meeting_id"] == m["meeting_id"]]
        seen = [s for s in sightings if s["meeting_id"] == m["meeting_id"]]
        if mine or seen:
            out.append(_meeting(m, mine, seen, tracks))
        else:
            empty.append(_meeting(m, mine, seen, tracks))
    if empty:
        out.append(f"<details><summary>{len(empty)} more meeting{'s' if len(empty) != 1 else ''} with no "
                   "decisions or actions found (papers that only mention the date)</summary>"
                   + "\n".join(empty) + "</details>")
    undated = [d for d in decisions if not d.get("meeting_id")]
    if undated:
        out.append("<h3>Decisions not tied to a dated meeting</h3>" + _decision_table(undated))
    out.append("<h2 id='tracks'>Action tracks</h2>")
    out.append(_track_index(list(tracks.values())))
    for t in sorted(tracks.values(), key=lambda t: (t.get("state") == "closed", not t.get("overdue"),
                                                    str(t.get("first_raised")))):
        out.append(_track_page(t, [s for s in sightings if s["track_id"] == t["track_id"]]))
    out.append(f"<script>{SCRIPT}</script>")
    out.append("</body></html>")
    return "\n".join(out)


def _options(values) -> str:
    return "".join(f"<option value='{_e(v)}'>{_e(v)}</option>" for v in sorted({str(v) for v in values if v and str(v).strip()}))


def _filter_bar(meetings: list[dict], tracks: list[dict], decisions: list[dict]) -> str:
    bodies = [m.get("body") for m in meetings] + [t.get("body") for t in tracks] + [d.get("body") for d in decisions]
    return ("<form id='filters' hidden onsubmit='return false'>"
            f"<label>body <select name='body'><option value=''>all</option>{_options(bodies)}</select></label>"
            f"<label>owner <select name='owner'><option value=''>all</option>"
            f"{_options(t.get('owner') for t in tracks)}</select></label>"
            "<label>status <select name='status'><option value=''>all</option>"
            + "".join(f"<option value='{v}'>{label}</option>" for v, label in STATUSES) + "</select></label>"
            "<label>search <input type='search' name='q' placeholder='words in any row'></label>"
            "<button type='reset'>clear</button> <span id='shown' class='muted' aria-live='polite'></span></form>")


def _age(t: dict) -> str:
    days = _e(t.get("days_open"))
    return f"{days} days" if days else ""


def _action_list(open_tracks: list[dict]) -> str:
    html = ["<h2 id='actions'>Actions to chase: overdue, then open</h2>"]
    if not open_tracks:
        return html[0] + "<p class='muted'>No open actions.</p>"
    html.append("<table class='list' data-list><colgroup><col style='width:9%'><col style='width:33%'>"
                "<col style='width:9%'><col style='width:7.5%'><col style='width:6.5%'><col style='width:12%'>"
                "<col style='width:23%'></colgroup><tr><th>status</th><th>action</th><th>owner</th><th>due</th>"
                "<th>age</th><th>body</th><th>evidence</th></tr>")
    def key(t):
        return (t.get("overdue") is not True, str(t.get("due_date") or "9999"), -int(t.get("days_open") or 0))
    for t in sorted(open_tracks, key=key):
        words = ("overdue open" if t.get("overdue") is True else "open") + (" reviewed" if t.get("review") else "")
        state = badge("overdue") if t.get("overdue") is True else badge("open")
        printed = str(t.get("status") or "")
        if printed and printed.lower() != "open":
            state += f"<span class='printed clamp' title='{_e(printed)}'>{_e(printed)}</span>"
        evidence = _evidence_beyond(t, str(t.get("text") or ""))
        html.append(f"<tr{_attrs(t.get('body'), t.get('owner'), words)}><td>{state}</td>"
                    f"<td><a class='clamp' href='#t-{_e(t['track_id'])}' title='{_e(t['text'])}'>{_e(t['text'])}</a>"
                    f"{_review(t)}</td>"
                    f"<td>{_e(t.get('owner')) or '&ndash;'}</td><td>{_e(t.get('due_date')) or '&ndash;'}</td>"
                    f"<td>{_age(t)}</td><td>{_e(t.get('body'))}</td>"
                    f"<td><span class='evidence clamp' title='{evidence}'>{evidence}</span>"
                    f"<span class='where'>{where(t)}</span></td></tr>")
    html.append("<tr class='nomatch' hidden><td colspan='7'>No action matches the filter.</td></tr></table>")
    return "\n".join(html)


def _recent_decisions(decided: list[dict]) -> str:
    html = ["<h2 id='decisions'>Recent decisions</h2>"]
    if not decided:
        return html[0] + "<p class='muted'>No decisions found.</p>"
    html.append("<table class='list' data-list><colgroup><col style='width:8%'><col style='width:13%'>"
                "<col style='width:16%'><col style='width:31%'><col style='width:12%'><col style='width:20%'>"
                "</colgroup><tr><th>meeting</th><th>body</th><th>item</th><th>decision</th><th>outcome</th>"
                "<th>evidence</th></tr>")
    for d in sorted(decided, key=lambda d: str(d.get("meeting_date") or ""), reverse=True):
        outcome, word = _outcome(d)
        text = d.get("resolution") or d.get("recommendation")
        words = word + (" reviewed" if d.get("review") else "")
        html.append(f"<tr{_attrs(d.get('body'), '', words)}><td><a href='#m-{_e(d.get('meeting_id'))}'>"
                    f"{_e(d.get('meeting_date'))}</a></td><td>{_e(d.get('body'))}</td><td>{_e(d.get('item_title'))}</td>"
                    f"<td><span class='clamp' title='{_e(text)}'>{_e(text)}</span>{_review(d)}</td>"
                    f"<td>{outcome} <span class='printed'>{_e(d.get('vote'))}</span></td>"
                    f"<td><span class='evidence clamp'>{_evidence_beyond(d, str(d.get('resolution') or ''), str(d.get('recommendation') or ''))}</span>"
                    f"<span class='where'>{where(d)}</span></td></tr>")
    html.append("<tr class='nomatch' hidden><td colspan='6'>No decision matches the filter.</td></tr></table>")
    return "\n".join(html)


def _awaiting(waiting: list[dict]) -> str:
    html = ["<h2 id='awaiting'>Recommendations awaiting a decision</h2>",
            "<p class='muted'><span class='badge awaiting-minutes'>awaiting minutes</span> the minutes of that "
            "meeting are not among the papers yet; <span class='badge no-decision-found'>no decision found</span> "
            "the minutes are there but record no decision on it.</p>"]
    if not waiting:
        return "\n".join(html) + "<p class='muted'>None.</p>"
    html.append("<table class='list' data-list><colgroup><col style='width:8%'><col style='width:13%'>"
                "<col style='width:16%'><col style='width:38%'><col style='width:11%'><col style='width:14%'>"
                "</colgroup><tr><th>meeting</th><th>body</th><th>item</th><th>recommendation</th><th>state</th>"
                "<th>where</th></tr>")
    # newest meeting first; within a meeting, a missing decision (minutes in hand) before those awaiting minutes
    order = sorted(waiting, key=lambda d: _outcome(d)[1] != "no-decision-found")
    for d in sorted(order, key=lambda d: str(d.get("meeting_date") or ""), reverse=True):
        outcome, word = _outcome(d)
        words = word + (" reviewed" if d.get("review") else "")
        html.append(f"<tr{_attrs(d.get('body'), '', words)}><td><a href='#m-{_e(d.get('meeting_id'))}'>"
                    f"{_e(d.get('meeting_date'))}</a></td><td>{_e(d.get('body'))}</td><td>{_e(d.get('item_title'))}</td>"
                    f"<td><span class='clamp' title='{_e(d.get('recommendation'))}'>{_e(d.get('recommendation'))}</span>"
                    f"{_review(d)}</td><td>{outcome}</td>"
                    f"<td class='where'>{where(d)}</td></tr>")
    html.append("<tr class='nomatch' hidden><td colspan='6'>No recommendation matches the filter.</td></tr></table>")
    return "\n".join(html)


def _meeting(m: dict, decisions: list[dict], sightings: list[dict], tracks: dict) -> str:
    links = []
    if m.get("previous_meeting_id"):
        links.append(f"<a href='#m-{_e(m['previous_meeting_id'])}'>&larr; {_e(m['previous_meeting_date'])}</a>")
    if m.get("next_meeting_id"):
        links.append(f"<a href='#m-{_e(m['next_meeting_id'])}'>{_e(m['next_meeting_date'])} &rarr;</a>")
    html = [f"<section class='meeting' id='m-{_e(m['meeting_id'])}'{_attrs(m.get('body'))}>",
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
                        f"<td class='evidence'>{_evidence_beyond(s, str(s.get('text') or ''))}</td>"
                        f"<td class='where'>{where(s)}</td></tr>")
        html.append("</table>")
    if not decisions and not sightings:
        html.append("<p class='muted'>No decisions or actions found for this meeting.</p>")
    html.append("</section>")
    return "\n".join(html)


def _decision_table(decisions: list[dict]) -> str:
    rows = ["<table><tr><th>item</th><th>recommendation</th><th>resolution</th><th>outcome</th>"
            "<th>evidence</th><th>where</th></tr>"]
    for d in decisions:
        outcome, _word = _outcome(d)
        rows.append(f"<tr><td>{_e(d['item_title'])}</td><td>{_e(d['recommendation'])}</td>"
                    f"<td>{_e(d['resolution'])}{_review(d)}</td><td>{outcome}</td>"
                    f"<td class='evidence'>{_evidence_beyond(d, str(d.get('resolution') or ''), str(d.get('recommendation') or ''))}</td>"
                    f"<td class='where'>{where(d)}</td></tr>")
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
    html = [f"<section class='track' id='t-{_e(t['track_id'])}'{_attrs(t.get('body'))}>",
            f"<h3>Action: {_e(t['text'])}</h3>",
            f"<p>{_status(t)} {badge(t.get('review') or '')} owner <b>{_e(t['owner']) or '&ndash;'}</b>, "
            f"due {_e(t['due_date']) or '&ndash;'}, minute {_e(t['minute']) or '&ndash;'}; first raised "
            f"{_e(t['first_raised']) or '?'}, last seen {_e(t['last_seen']) or '?'}, "
            f"{_e(t['days_open'])} days open{' (as of ' + _e(t['as_of']) + ')' if t.get('as_of') else ''}.</p>",
            _review(t),
            "<table><tr><th>#</th><th>meeting</th><th>paper</th><th>status</th><th>owner</th>"
            "<th>evidence</th><th>where</th></tr>"]
    for s in sorted(sightings, key=lambda s: s["sequence"]):
        html.append(f"<tr><td>{_e(s['sequence'])}</td><td><a href='#m-{_e(s['meeting_id'])}'>{_e(s['meeting_date'])}"
                    f"</a></td><td>{_e(s['part_type'])}</td><td>{_status(s)}</td><td>{_e(s['owner'])}</td>"
                    f"<td class='evidence'>{_e(s['evidence'])}</td><td class='where'>{where(s)}</td></tr>")
    html.append("</table><p><a href='#tracks'>&uarr; all tracks</a></p></section>")
    return "\n".join(html)


def write_report(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    from flows.atomic import write_atomic

    return write_atomic(Path(path), render(frames))      # atomic, with the umask's mode
