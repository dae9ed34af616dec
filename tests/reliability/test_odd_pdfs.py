"""The crafted odd-PDF corpus in one batch (issue 19, done-when): a documents row each, the
three formats agree, no traceback, and the batch's good file still gives its rows."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from flows.store import FAILURES
from tests.conftest import ROOT
from tests.reliability import oddpdfs
from tests.reliability.helpers import docs, formats_agree, read_all


@pytest.mark.slow
def test_every_odd_pdf_is_one_row_and_the_formats_agree(tmp_path):
    made = oddpdfs.build(tmp_path / "odd")
    assert len(made) >= 35
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "flows.pipeline", str(tmp_path / "odd"), str(out)],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    d = docs(out)
    assert sorted(p.rsplit("/", 1)[-1] for p in d.source_path) == sorted(p.name for p in made)
    assert set(d.status) <= {"ok", "failed"}
    failed = d[d.status == "failed"]
    assert (failed.error != "").all() and not failed.error.str.contains("\n").any()
    assert set(failed.failure) <= set(FAILURES) and "" not in set(failed.failure)
    control = d[d.source_path.str.endswith("control.pdf")].iloc[0]
    assert control.status == "ok"
    assert control.doc_id in set(read_all(out, "resolutions")["csv"].doc_id)
    assert formats_agree(out)
