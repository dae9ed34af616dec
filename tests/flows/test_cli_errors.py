"""Errors a user can cause: one line saying what is wrong and what to do, exit 2 (usage) or 1
(failure), no traceback; `--debug` shows the traceback.  Each case runs the real command in a
fresh process, as a user would."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def closed_port_url() -> str:
    """A Prefect API address on this machine where nothing listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api"


def minutebook(*args: str, tmp_path: Path, api_url: str | None = None, timeout: float = 240):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API") and k != "MINUTEBOOK_DEBUG"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return subprocess.run([sys.executable, "-c", "from flows.cli import main; main()", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture()
def papers(tmp_path) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "minutes.txt").write_text(
        "Minutes of the Highways Committee held on 4 March 2025\n\n"
        "5. Resurfacing programme\nRESOLVED: that the resurfacing programme be approved.\n", encoding="utf-8")
    return folder


def assert_one_line(done: subprocess.CompletedProcess, code: int, *words: str) -> str:
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert done.returncode == code, (done.returncode, output)
    line = lines[0]
    assert line.startswith("minutebook: "), line
    for word in words:
        assert word.lower() in line.lower(), line
    return line


@pytest.mark.slow
def test_run_with_the_configured_prefect_server_down(tmp_path, papers):
    url = closed_port_url()
    done = minutebook("run", str(papers), "--out", str(tmp_path / "out"), tmp_path=tmp_path, api_url=url)
    line = assert_one_line(done, 1, url, "PREFECT_API_URL", "prefect server start")
    assert not (tmp_path / "out").exists()            # nothing half-done
    assert len(line) < 400


@pytest.mark.slow
def test_serve_with_the_configured_prefect_server_down(tmp_path, papers):
    url = closed_port_url()
    done = minutebook("serve", str(papers), "--cron", "0 2 * * *", "--out", str(tmp_path / "out"),
                      tmp_path=tmp_path, api_url=url)
    assert_one_line(done, 1, url, "prefect server start")


def test_serve_without_a_server_says_it_needs_one(tmp_path, papers):
    """Prefect's temporary API runs no scheduler: a schedule served on it would never fire."""
    done = minutebook("serve", str(papers), "--cron", "0 2 * * *", "--out", str(tmp_path / "out"),
                      tmp_path=tmp_path)
    assert_one_line(done, 1, "PREFECT_API_URL", "prefect server start")


def test_serve_with_a_cron_that_is_not_one(tmp_path, papers):
    done = minutebook("serve", str(papers), "--cron", "every night", tmp_path=tmp_path)
    assert_one_line(done, 2, "--cron", "every night", "0 2 * * *")


def test_serve_with_an_unknown_time_zone(tmp_path, papers):
    done = minutebook("serve", str(papers), "--cron", "0 2 * * *", "--timezone", "Europe/Londres",
                      tmp_path=tmp_path)
    assert_one_line(done, 2, "--timezone", "Europe/Londres")


def test_run_with_out_naming_a_file(tmp_path, papers):
    readme = tmp_path / "README.md"
    readme.write_text("# my notes\n", encoding="utf-8")
    done = minutebook("run", str(papers), "--out", str(readme), tmp_path=tmp_path)
    assert_one_line(done, 2, "--out", "README.md", "folder")
    assert readme.read_text(encoding="utf-8") == "# my notes\n"


def test_review_import_of_a_file_that_is_not_a_workbook(tmp_path):
    pdf = tmp_path / "some.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    done = minutebook("review", "import", str(pdf), tmp_path=tmp_path)
    assert_one_line(done, 1, "some.pdf", "xlsx")
    png = tmp_path / "answers.xlsx"            # a picture saved under a workbook's name
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert_one_line(minutebook("review", "import", str(png), tmp_path=tmp_path), 1, "answers.xlsx")


def test_a_source_path_that_does_not_exist(tmp_path):
    done = minutebook("run", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "out"), tmp_path=tmp_path)
    assert_one_line(done, 2, "no-such-folder", "does not exist", "--help")


def test_an_unknown_option(tmp_path, papers):
    assert_one_line(minutebook("run", str(papers), "--outt", "x", tmp_path=tmp_path), 2, "--outt")


def test_debug_shows_the_traceback(tmp_path):
    pdf = tmp_path / "some.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    done = minutebook("review", "import", str(pdf), "--debug", tmp_path=tmp_path)
    assert done.returncode == 1 and "Traceback" in done.stderr


def test_help_and_version_still_exit_zero(tmp_path):
    done = minutebook("--help", tmp_path=tmp_path)
    assert done.returncode == 0 and "--debug" in done.stdout and "run" in done.stdout
    assert minutebook("--version", tmp_path=tmp_path).returncode == 0
