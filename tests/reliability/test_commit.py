"""Whole or nothing, and one writer (issue 19, cases 5 and 6).

Real runs (`python -m flows.pipeline`, no Prefect) are killed with SIGKILL at
each step of the commit, with every step slowed down (a slow file system),
through the fault hook `flows.store.fault_point`; the published set must then
be the whole old set or the whole new set, CSV = Parquet = SQLite, and the
next run must complete.
"""
from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from flows.store import OutputLock, StoreBusy
from tests.conftest import ROOT
from tests.reliability.helpers import docs, formats_agree, paper, read_all

STEPS = ["store:begin", "document", "frames", "write:documents.csv", "write:amounts.parquet",
         "write:minutebook.sqlite", "checked", "store:committed", "switched", "linked",
         "outputs:written", "cache:pruned"]
BEFORE_SWITCH = STEPS[:STEPS.index("switched")]


def _run(src, out, **env):
    return subprocess.run([sys.executable, "-m", "flows.pipeline", str(src), str(out)],
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def _state(out):
    """(document names with their resolution counts, amounts rows) as published."""
    d = docs(out)
    res = read_all(out, "resolutions")["csv"]
    per_doc = res.groupby("doc_id").size().to_dict()
    return (tuple(sorted((p.rsplit("/", 1)[-1], per_doc.get(i, 0)) for p, i in zip(d.source_path, d.doc_id))),
            len(read_all(out, "amounts")["csv"]))


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory):
    """An output folder holding the old set, and the source folder changed for a new set."""
    base = tmp_path_factory.mktemp("commit")
    src, out = base / "src", base / "old-out"
    paper(src, "a.txt", 1)
    paper(src, "b.txt", 2)
    assert _run(src, out).returncode == 0
    old = _state(out)
    paper(src, "a.txt", 3)                    # changed
    paper(src, "c.txt", 1)                    # added
    check = base / "new-out"
    shutil.copytree(out, check, symlinks=True)
    assert _run(src, check).returncode == 0
    new = _state(check)
    assert old != new
    return src, out, old, new


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_of_the_commit_leaves_one_whole_set(old_and_new, tmp_path, step):
    src, old_out, old, new = old_and_new
    out = tmp_path / "out"
    shutil.copytree(old_out, out, symlinks=True)
    killed = _run(src, out, MINUTEBOOK_KILL_AT=step, MINUTEBOOK_SLOW_STEPS="0.05")
    assert killed.returncode == -signal.SIGKILL, killed.stderr      # the step was reached
    assert formats_agree(out)
    assert _state(out) == (old if step in BEFORE_SWITCH else new)
    with sqlite3.connect(out / "minutebook.sqlite") as con:            # the database is whole too
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = _run(src, out)                                             # the next run completes
    assert again.returncode == 0, again.stderr
    assert _state(out) == new and formats_agree(out)
    assert len(list((out / ".minutebook" / "generations").iterdir())) <= 2


@pytest.mark.slow
def test_a_reader_during_a_slow_commit_sees_one_whole_set(old_and_new, tmp_path):
    """A reader that opens the published SQLite database (one file) while the commit crawls."""
    src, old_out, old, new = old_and_new
    out = tmp_path / "out"
    shutil.copytree(old_out, out, symlinks=True)
    seen, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                with sqlite3.connect(f"file:{out / 'minutebook.sqlite'}?mode=ro", uri=True) as con:
                    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                    n_res = con.execute("SELECT count(*) FROM resolutions").fetchone()[0]
                    n_amounts = con.execute("SELECT count(*) FROM amounts").fetchone()[0]
                seen.append((n_docs, n_res, n_amounts))
            except sqlite3.Error as exc:             # never: the file is always a whole database
                seen.append(exc)
            time.sleep(0.01)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert _run(src, out, MINUTEBOOK_SLOW_STEPS="0.1").returncode == 0
    finally:
        stop.set()
        reader.join()
    whole = {(len(s[0]), sum(n for _, n in s[0]), s[1]) for s in (old, new)}
    assert seen and set(seen) <= whole, set(seen) - whole


@pytest.mark.slow
def test_a_second_run_on_the_same_folder_stops_with_the_first_ones_pid(old_and_new, tmp_path):
    from click.testing import CliRunner

    from flows.cli import cli

    src, old_out, _, new = old_and_new
    out = tmp_path / "out"
    shutil.copytree(old_out, out, symlinks=True)
    first = subprocess.Popen([sys.executable, "-m", "flows.pipeline", str(src), str(out)],
                             env={**os.environ, "PYTHONPATH": str(ROOT), "MINUTEBOOK_SLOW_STEPS": "0.5"},
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:                                 # until the first run holds the lock
            try:
                with OutputLock(out):
                    pass
            except StoreBusy as exc:
                assert f"another run (pid {first.pid}) is writing {out}" == str(exc)
                break
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        second = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "--quiet"])
        assert second.exit_code == 2
        assert f"another run (pid {first.pid}) is writing {out}" in second.output
        assert "Traceback" not in second.output
    finally:
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err              # the first run was not disturbed
    assert _state(out) == new and formats_agree(out)


def test_the_lock_is_released_when_its_holder_is_killed(tmp_path):
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, time; from flows.store import OutputLock\n"
                               f"OutputLock({str(out)!r}).__enter__(); print('held', flush=True); time.sleep(60)"],
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(StoreBusy, match=f"pid {holder.pid}"):
        OutputLock(out).__enter__()
    holder.kill()
    holder.wait()
    with OutputLock(out):                           # free again, with no clean-up by hand
        pass
