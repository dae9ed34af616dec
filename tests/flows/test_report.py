"""report.html: one static file, meetings in date order, a section per action track, seen in a browser."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

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
    ids = re.findall(r"<section class='meeting' id='m-([0-9a-f]+)'>", html)
    dates = dict(zip(frames["meetings"]["meeting_id"], frames["meetings"]["meeting_date"]))
    assert len(ids) == len(frames["meetings"]) == 5
    assert [dates[i] for i in ids] == sorted(dates.values())


def test_meeting_shows_decisions_with_outcome_colour_and_evidence(html):
    jan30 = html.split("Cabinet &mdash; 2025-01-30")[1].split("<section")[0]
    assert "AGREE the Capital budget changes." in jan30
    assert "<span class=\"badge agreed-as-recommended \">agreed as recommended</span>" in jan30
    assert "<span class=\"badge no-decision-found \">no decision found</span>" in jan30
    assert "class='evidence'>e) Agree the Capital budget changes.</td>" in jan30
    assert "kent-cabinet-2025-01-30-minutes.pdf, p. 1" in jan30


def test_a_section_per_action_track_with_every_sighting(html, frames):
    tracks = frames["action_tracks"]
    sections = re.findall(r"<section class='track' id='t-([0-9a-f]+)'>(.*?)</section>", html, re.S)
    assert {s for s, _ in sections} == set(tracks["track_id"])
    covid = tracks[tracks["minute"] == "45"].iloc[0]
    body = dict(sections)[covid.track_id]
    assert body.count("<tr><td>") == 2                    # raised in the minutes, closed in the March log
    assert "**ACTION**" in body and "Completed" in body


def test_overdue_action_is_marked(html):
    dental = html.split("Action: Raised concerns that it was difficult")[1].split("</p>")[0]
    assert "badge overdue" in dental


def test_static_single_file_without_network(html):
    assert "<script" not in html and "<link" not in html
    assert not re.search(r"(?:src|href)=['\"](?:https?:)?//", html)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


def test_text_is_escaped(frames):
    hist = frames["action_history"].copy()
    hist.loc[0, "evidence"] = "<script>alert('x')</script> & more"
    out = render({**frames, "action_history": hist})
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; more" in out
    assert badge("") == ""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Chromium is not installed (apt-get install chromium; make system-deps)")
def test_report_renders_in_headless_chromium(frames, tmp_path):
    from PIL import Image

    page = write_report(frames, tmp_path / "report.html")
    shot = tmp_path / "report.png"
    done = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={shot}", "--window-size=1280,2000", page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50        # text and badges drawn, not a blank page
    # the badges' colours are on the page: the green of "agreed as recommended", the red of "overdue"
    pixels = {rgb for _, rgb in colours}
    assert (0xC6, 0xEF, 0xCE) in pixels and (0xE0, 0x66, 0x66) in pixels
    keep = Path("/tmp/minutebook-report-screenshot.png")
    shutil.copy(shot, keep)                                  # for a person to look at
