"""report.html: one offline file that opens on the actions to chase, then decisions, recommendations
awaiting a decision, meetings and action tracks; filters run in a real browser."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from html.parser import HTMLParser
from urllib.parse import quote

from flows.report import badge, render, write_report
from flows.review import apply_reviews
from flows.tracking import add_tracking
from tests.flows.tracking_corpus import corpus_frames

AS_OF = "2022-06-30"


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    return apply_reviews(add_tracking(corpus_frames(), as_of=AS_OF),
                         tmp_path_factory.mktemp("store") / "reviews.sqlite")


@pytest.fixture(scope="module")
def html(frames):
    return render(frames)


def test_meetings_in_date_order(html, frames):
    ids = re.findall(r"<section class='meeting' id='m-([0-9a-f]+)'", html)
    dates = dict(zip(frames["meetings"]["meeting_id"], frames["meetings"]["meeting_date"]))
    assert len(ids) == len(frames["meetings"]) == 5
    assert sorted(ids) == sorted(dates)
    shown = re.findall(r"<section class='meeting' id='m-([0-9a-f]+)'", html.split("<details>")[0])
    folded = [i for i in ids if i not in shown]               # meetings with nothing found come last
    assert [dates[i] for i in shown] == sorted(dates[i] for i in shown)
    assert [dates[i] for i in folded] == sorted(dates[i] for i in folded)


def test_meeting_shows_decisions_with_outcome_colour_and_evidence(html):
    jan30 = html.split("Cabinet &mdash; 2025-01-30")[1].split("<section")[0]
    assert "AGREE the Capital budget changes." in jan30
    assert "<span class=\"badge agreed-as-recommended \">agreed as recommended</span>" in jan30
    assert "<span class=\"badge no-decision-found \">no decision found</span>" in jan30
    # the evidence only repeated the recommendation: not shown twice
    assert "e) Agree the Capital budget changes." not in jan30
    assert "kent-cabinet-2025-01-30-minutes.pdf, p. 1" in jan30


def test_a_section_per_action_track_with_every_sighting(html, frames):
    tracks = frames["action_tracks"]
    sections = re.findall(r"<section class='track' id='t-([0-9a-f]+)'[^>]*>(.*?)</section>", html, re.S)
    assert {s for s, _ in sections} == set(tracks["track_id"])
    covid = tracks[tracks["minute"] == "45"].iloc[0]
    body = dict(sections)[covid.track_id]
    assert body.count("<tr><td>") == 2                    # raised in the minutes, closed in the March log
    assert "**ACTION**" in body and "Completed" in body


def test_overdue_action_is_marked(html):
    dental = html.split("Action: Raised concerns that it was difficult")[1].split("</p>")[0]
    assert "badge overdue" in dental


def test_static_single_file_without_network(html):
    assert html.count("<script>") == 1 and "<script " not in html and "<link" not in html     # one inline script
    assert not re.search(r"(?:src|href)=['\"](?:https?:)?//", html)
    assert "fetch(" not in html and "XMLHttpRequest" not in html
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


def test_text_is_escaped(frames):
    hist = frames["action_history"].copy()
    hist.loc[0, "evidence"] = "<script>alert('x')</script> & more"
    out = render({**frames, "action_history": hist})
    assert out.count("<script>") == 1 and "alert('x')</script>" not in out        # only our own script
    assert "&lt;script&gt;" in out and "&amp; more" in out
    t = frames["action_tracks"].copy()
    t.loc[t.index[0], ["owner", "body"]] = ["O'Brien' onmouseover='x", "Board <b>"]
    out = render({**frames, "action_tracks": t})
    assert "onmouseover='x" not in out and "O&#x27;Brien&#x27; onmouseover=&#x27;x" in out and "Board &lt;b&gt;" in out
    assert badge("") == ""


def _section(html: str, anchor: str) -> str:
    return html.split(f"<h2 id='{anchor}'>")[1].split("<h2 ")[0]


def test_the_page_opens_on_the_actions_to_chase_overdue_first(html, frames):
    order = [html.index(f"<h2 id='{a}'>") for a in ("actions", "decisions", "awaiting", "meetings", "tracks")]
    assert order == sorted(order)
    actions = _section(html, "actions")
    rows = re.findall(r"<tr data-f[^>]*data-status='([^']*)'", actions)
    open_tracks = frames["action_tracks"][frames["action_tracks"]["state"] != "closed"]
    assert len(rows) == len(open_tracks) and rows[0].startswith("overdue")
    first = actions.split("<tr data-f")[1]
    for shown in ("Raised concerns that it was difficult", "Kate Parker", "2022-01-31", "days"):
        assert shown in first                              # action, owner, due date and age
    assert "Completed" not in actions                      # closed actions are not listed to chase


def test_awaiting_minutes_is_grey_and_no_decision_found_only_when_the_minutes_are_there(html, frames):
    d = frames["decisions"]
    waiting = d[d["outcome"] == "no decision found"]
    without_minutes = waiting[~waiting["minutes_found"].astype(bool)]
    with_minutes = waiting[waiting["minutes_found"].astype(bool)]
    section = _section(html, "awaiting")
    assert section.count("badge awaiting-minutes") - 1 == len(without_minutes)      # one in the key
    assert section.count("badge no-decision-found") - 1 == len(with_minutes)
    assert ".awaiting-minutes{background:#e8e8e8" in html


def test_reviewed_rows_show_the_officers_note(frames):
    d = frames["decisions"].copy()
    t = frames["action_tracks"].copy()
    d.loc[d.index[0], ["review", "review_note"]] = ["wrong", "minute 91 is not in this excerpt"]
    dental = t.index[t["text"].str.startswith("Raised concerns that it was difficult")][0]
    t.loc[dental, ["review", "review_note"]] = ["correct", "NHS England chased in May"]
    out = render({**frames, "decisions": d, "action_tracks": t})
    assert "marked wrong &mdash; minute 91 is not in this excerpt" in out
    assert "checked: correct &mdash; NHS England chased in May" in _section(out, "actions")
    assert re.search(r"data-status='overdue open reviewed'", out)


def test_meetings_with_nothing_found_are_folded(frames):
    m = frames["meetings"].copy()
    extra = m.iloc[[0]].copy()
    extra["meeting_id"], extra["meeting_date"] = "emptymeeting01", "2030-01-01"
    before = render(frames).split("<details>")[1].split("</summary>")[0]
    empty_before = int(re.search(r"(\d+) more meeting", before).group(1))
    out = render({**frames, "meetings": pd.concat([m, extra], ignore_index=True)})
    folded = out.split("<details>")[1].split("</details>")[0]
    assert f"{empty_before + 1} more meetings with no decisions or actions found" in folded
    assert "id='m-emptymeeting01'" in folded
    assert "id='m-emptymeeting01'" not in out.replace(folded, "")


class _Rows(HTMLParser):
    """The filterable table rows of a dumped DOM: (section, text, hidden)."""

    def __init__(self):
        super().__init__()
        self.rows, self.section, self.current = [], "", None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h2":
            self.section = attrs.get("id", "")
        if tag == "tr" and "data-f" in attrs:
            self.current = [self.section, "", "hidden" in attrs, attrs.get("data-status", "")]
            self.rows.append(self.current)

    def handle_endtag(self, tag):
        if tag == "tr":
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current[1] += data


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=120)


def console_messages(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Chromium is not installed (apt-get install chromium; make system-deps)")
def test_report_first_screen_in_headless_chromium(frames, tmp_path):
    """A 1400x900 screenshot: the first screen holds the overdue (red) and open (yellow) actions;
    the page logs nothing to the console."""
    from PIL import Image

    page = write_report(frames, tmp_path / "report.html")
    shot = tmp_path / "report.png"
    done = chromium(f"--screenshot={shot}", "--window-size=1400,900", page.resolve().as_uri(),
                    profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_messages(done) == []
    image = Image.open(shot).convert("RGB")
    assert image.size == (1400, 900)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50        # text and badges drawn, not a blank page
    pixels = {rgb for _, rgb in colours}
    assert (0xE0, 0x66, 0x66) in pixels              # the overdue badge of the first row, on the first screen
    keep = Path("/tmp/minutebook-report-screenshot.png")
    shutil.copy(shot, keep)                                  # for a person to look at


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Chromium is not installed (apt-get install chromium; make system-deps)")
def test_report_filters_work_in_headless_chromium(frames, tmp_path):
    """The filter runs in the browser: a status, an owner, a body and a search, each from the address."""
    page = write_report(frames, tmp_path / "report.html").resolve().as_uri()

    def rows(fragment: str):
        done = chromium("--dump-dom", f"{page}#{fragment}", profile=tmp_path / "profile")
        assert done.returncode == 0 and console_messages(done) == [], done.stderr[-2000:]
        parser = _Rows()
        parser.feed(done.stdout)
        return [(section, " ".join(text.split()), status) for section, text, hidden, status in parser.rows
                if not hidden], len(parser.rows)

    everything, total = rows("")
    assert len(everything) == total > 3

    overdue, _ = rows("status=overdue")
    assert overdue and all("overdue" in status.split() for _, _, status in overdue)
    assert [section for section, _, _ in overdue] == ["actions"] * len(overdue)

    searched, _ = rows("q=dental")
    assert searched and all("dental" in text.lower() for _, text, _ in searched)
    assert len(searched) < total

    owner = frames["action_tracks"].query("state != 'closed'")["owner"].iloc[0]
    by_owner, _ = rows(f"owner={quote(owner)}")
    assert by_owner and all(owner in text for _, text, _ in by_owner)

    body = "Cabinet"
    by_body, _ = rows(f"body={quote(body)}")
    assert by_body and all(body in text for _, text, _ in by_body)
    assert not any("Adults and Health" in text for _, text, _ in by_body)
