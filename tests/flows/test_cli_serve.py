"""`minutebook serve`: a schedule in UK time, one line per run, and a clean stop."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from flows.serve import build_deployment, run_line
from tests.conftest import ROOT


def test_the_schedule_is_in_uk_time_by_default(tmp_path):
    deployment = build_deployment(["papers"], str(tmp_path), cron="0 2 * * *")
    (schedule,) = [s.schedule for s in deployment.schedules]
    assert schedule.cron == "0 2 * * *" and schedule.timezone == "Europe/London"
    other = build_deployment(["papers"], str(tmp_path), cron="30 6 * * 1-5", timezone="UTC")
    assert other.schedules[0].schedule.timezone == "UTC"


def test_one_line_per_run_says_what_it_did():
    started = time.mktime((2026, 3, 2, 2, 0, 0, 0, 0, -1))
    line = run_line(started, {"documents": 12, "failed": 1, "cached": 9, "out_dir": "/data/tables",
                              "rows": {"documents": 12, "resolutions": 40, "actions": 7, "dates": 300}},
                    now=started + 6.25)
    assert line.startswith("[2026-03-02 02:00")
    assert "12 documents (11 ok, 1 failed, 9 from cache) in 6.2s -> /data/tables/; 40 resolutions, 7 actions" in line
    failed = run_line(started, error="OSError: [Errno 28] No space\n left on device", now=started + 1)
    assert "scheduled run FAILED after 1.0s: OSError: [Errno 28] No space left on device" in failed
    assert "\n" not in failed


class _Lines:
    """A child's output, line by line, without blocking the test."""

    def __init__(self, stream):
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.queue.put(line)

    def wait_for(self, text: str, seconds: float) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=0.5)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} within {seconds:g}s; output:\n{''.join(self.seen)[-3000:]}")

    def rest(self, seconds: float = 5.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.seen.append(self.queue.get(timeout=0.2))
            except queue.Empty:
                pass
        return "".join(self.seen)


@pytest.mark.slow
def test_serve_runs_a_deployment_prints_one_line_and_stops_cleanly(tmp_path, prefect_harness):
    """Against a real Prefect API: a run of the served deployment prints its one line, and SIGTERM
    stops the command with status 0, without 'coroutine ... was never awaited' or a traceback."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "minutes.txt").write_text("Minutes of the Finance Committee held on 5 June 2025\n\n"
                                        "3. Budget\nRESOLVED: that the budget be approved.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_API_URL=PREFECT_API_URL.value(), PREFECT_HOME=str(tmp_path / "prefect-home"),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_RUNNER_POLL_FREQUENCY="2",
               PYTHONUNBUFFERED="1")
    name = f"serve-test-{os.getpid()}"
    proc = subprocess.Popen([sys.executable, "-c", "from flows.cli import main; main()", "serve", str(papers),
                             "--out", str(tmp_path / "out"), "--cron", "0 2 * * *", "--name", name],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = _Lines(proc.stdout)
    try:
        start = lines.wait_for("Ctrl-C to stop", 240)
        assert "(Europe/London)" in start and '"0 2 * * *"' in start
        run_deployment(f"minutebook-scheduled/{name}", timeout=0)
        ran = lines.wait_for("scheduled run", 240)
        assert "1 documents (1 ok, 0 failed" in ran and str(tmp_path / "out") in ran
        assert (tmp_path / "out" / "resolutions.csv").exists()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        output = lines.rest(2)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, output[-3000:]
    assert "minutebook serve: stopped" in output
    assert "never awaited" not in output and "Traceback" not in output, output[-3000:]
