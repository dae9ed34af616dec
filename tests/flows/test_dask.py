"""The flow on Dask (issue 10.3): a local Dask cluster started here, used through
`--dask-address`, runs every document and the tables come out as on one process."""
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from flows.pipeline import batches, run_flow, task_runner
from tests.conftest import PDFS, TEXTS

PAPERS = [PDFS / "kent-cabinet-2025-03-04-call-in-report.pdf", TEXTS / "cambs-ahc-2022-01-13-ics-report.txt"]


def test_one_worker_runs_threads_and_more_use_a_local_dask_cluster():
    from prefect.task_runners import ThreadPoolTaskRunner
    from prefect_dask import DaskTaskRunner

    assert isinstance(task_runner(1), ThreadPoolTaskRunner)
    local = task_runner(3)
    assert isinstance(local, DaskTaskRunner)
    assert local.cluster_kwargs["n_workers"] == 3 and local.cluster_kwargs["threads_per_worker"] == 1
    remote = task_runner(1, "tcp://10.0.0.5:8786")
    assert isinstance(remote, DaskTaskRunner) and remote.address == "tcp://10.0.0.5:8786"


PROFILE = "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"


def test_local_cluster_workers_do_not_sample_profiles(monkeypatch):
    """Nothing reads a dashboard-less cluster's profiles; a worker process starts with sampling off."""
    monkeypatch.setenv(PROFILE, "unset")     # so that teardown restores the variable's absence
    monkeypatch.delenv(PROFILE)
    task_runner(2)
    probe = "import dask, distributed; print(dask.config.get('distributed.worker.profile.enabled'))"
    seen = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ))
    assert seen.stdout.strip() == "False", seen.stderr


def test_a_users_profile_setting_wins(monkeypatch):
    monkeypatch.setenv(PROFILE, "true")
    task_runner(2)
    assert os.environ[PROFILE] == "true"


@pytest.mark.slow
def test_flow_runs_on_an_existing_dask_cluster(tmp_path, prefect_harness):
    from distributed import Client, LocalCluster

    src = tmp_path / "src"
    src.mkdir()
    for paper in PAPERS:
        shutil.copy(paper, src)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_flow([src], tmp_path / "out", dask_address=cluster.scheduler_address,
                           progress=False, use_cache=False)
        with Client(cluster) as client:
            # the tasks ran in the cluster's worker processes, not here
            ran = client.run(lambda: __import__("sys").modules.get("flows.pipeline") is not None)
    assert any(ran.values())
    assert summary.documents == 2 and not summary.failed
    docs = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert set(docs.status) == {"ok"}
    dates = pd.read_csv(tmp_path / "out" / "dates.csv", dtype=str, keep_default_na=False)
    assert set(dates.doc_id) == set(docs.doc_id)


def test_one_worker_gets_one_task_per_document():
    items = [(f"{i}.pdf", None, 100) for i in range(5)]
    assert batches(items, 1) == [[(f"{i}.pdf", None)] for i in range(5)]


def test_dask_batches_cover_every_document_once_and_balance_sizes():
    # 200 documents like the corpus: a few large packs, many small reports.
    items = [(f"{i:03d}.pdf", f"sha{i}", 600_000 if i % 8 == 0 else 100_000) for i in range(200)]
    made = batches(items, 2)
    assert len(made) == 8                       # four per worker: 200 / MAX_BATCH is fewer
    flat = [path for batch in made for path, _ in batch]
    assert sorted(flat) == sorted(path for path, _, _ in items)
    sizes = {path: size for path, _, size in items}
    totals = [sum(sizes[path] for path, _ in batch) for batch in made]
    assert max(totals) - min(totals) <= 600_000


def test_few_documents_make_no_empty_batches():
    made = batches([("a.pdf", None, 10), ("b.txt", None, 5)], 4)
    assert sorted(made) == [[("a.pdf", None)], [("b.txt", None)]]
