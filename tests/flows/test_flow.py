"""End to end: the `minutebook run` command runs the Prefect flow on real PDFs, a text
file and two bad files, and real rows appear in CSV, Parquet and SQLite."""
import shutil
import sqlite3

import pandas as pd
import pytest
from click.testing import CliRunner

from flows.cli import cli
from flows.serve import build_deployment
from tests import badfiles
from tests.conftest import PDFS, TEXTS

PAPERS = [PDFS / "kent-cabinet-2025-01-09-minutes.pdf", PDFS / "kent-cabinet-2025-03-04-report.pdf",
          TEXTS / "cambs-ahc-2022-01-13-ics-report.txt"]


@pytest.fixture(scope="module")
def flow_run(tmp_path_factory, prefect_harness):
    src = tmp_path_factory.mktemp("src")
    for paper in PAPERS:
        shutil.copy(paper, src)
    badfiles.empty(src)
    badfiles.png_as_pdf(src)
    out = tmp_path_factory.mktemp("out")
    runner = CliRunner()
    first = runner.invoke(cli, ["run", str(src), "--out", str(out), "--strict", "--quiet"])
    again = runner.invoke(cli, ["run", str(src), "--out", str(out), "--quiet"])
    return first, again, out


@pytest.mark.slow
def test_strict_run_exits_non_zero_and_lists_the_failures(flow_run):
    first, _, _ = flow_run
    assert first.exit_code == 1, first.output
    assert "5 documents: 5 added, 0 updated, 0 unchanged, 0 removed (2 failed or stale" in first.output
    assert "empty.pdf: empty file" in first.output
    assert "picture.pdf: not a PDF" in first.output


@pytest.mark.slow
def test_rows_in_all_three_formats(flow_run):
    _, _, out = flow_run
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert sorted(docs.status) == ["failed", "failed", "ok", "ok", "ok"]
    minutes = docs[docs.source_path.str.endswith("kent-cabinet-2025-01-09-minutes.pdf")].iloc[0]
    assert minutes.pages == "9"

    pages = pd.read_parquet(out / "pages.parquet")
    first_page = pages[(pages.doc_id == minutes.doc_id) & (pages.page == 1)].text.iloc[0]
    assert "MINUTES of a meeting of the Cabinet" in first_page

    with sqlite3.connect(out / "minutebook.sqlite") as con:
        n_dates = con.execute("SELECT COUNT(*) FROM dates WHERE doc_id = ?", (minutes.doc_id,)).fetchone()[0]
        n_amounts = con.execute("SELECT COUNT(*) FROM amounts").fetchone()[0]
        failed = con.execute("SELECT COUNT(*) FROM documents WHERE status = 'failed'").fetchone()[0]
    assert n_dates > 0 and n_amounts > 0 and failed == 2
    csv_amounts = pd.read_csv(out / "amounts.csv", dtype=str)
    assert len(csv_amounts) == n_amounts


@pytest.mark.slow
def test_rerun_finds_every_document_unchanged(flow_run):
    first, again, out = flow_run
    assert again.exit_code == 0                    # not --strict: failures do not fail the run
    assert "5 documents: 0 added, 0 updated, 5 unchanged, 0 removed (2 failed or stale" in again.output, \
        again.output
    # the failed-but-deterministic files are kept too; a second run changes nothing
    assert first.output.splitlines()[1] == again.output.splitlines()[1]


def test_serve_builds_a_cron_deployment_of_the_flow(tmp_path):
    deployment = build_deployment([str(TEXTS)], str(tmp_path / "out"), cron="0 2 * * *",
                                  name="nightly", workers=2)
    assert deployment.name == "nightly"
    assert [s.schedule.cron for s in deployment.schedules] == ["0 2 * * *"]
    assert deployment.parameters == {"sources": [str(TEXTS)], "out_dir": str(tmp_path / "out"), "workers": 2}


def test_serve_needs_a_cron_expression():
    result = CliRunner().invoke(cli, ["serve", str(TEXTS)])
    assert result.exit_code != 0 and "--cron" in result.output


@pytest.mark.slow
def test_a_run_without_a_prefect_server_serves_its_temporary_api_in_process(tmp_path):
    """No PREFECT_API_URL: the run serves Prefect's API from a thread of its own process
    (flows/api.py), starts no server process, and ends without a shutdown traceback."""
    import os
    import subprocess
    import sys
    import time

    import psutil

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(PAPERS[0], src)
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    proc = subprocess.Popen([sys.executable, "-c", "from flows.cli import cli; cli()", "run", str(src),
                             "--out", str(out), "--quiet"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=PDFS.parents[1])
    children = set()
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            children |= {" ".join(c.cmdline()) for c in parent.children(recursive=True)}
        except psutil.Error:
            pass
        time.sleep(0.1)
    _, stderr = proc.communicate()
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and "database is locked" not in stderr
    assert not [c for c in children if "uvicorn" in c or "prefect.server" in c]
    assert any("flows.isolation" in c for c in children)       # the document worker did the work
    docs = pd.read_csv(out / "documents.csv")
    assert list(docs.status) == ["ok"]
    assert len(pd.read_csv(out / "resolutions.csv")) > 0
