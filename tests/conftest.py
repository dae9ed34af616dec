"""Shared fixtures: the bundled corpus and a server-less Prefect for flow tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
PDFS = CORPORA / "pdfs"
TEXTS = CORPORA / "text"
GOLD = CORPORA / "gold" / "dev"


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect database and API for the whole session (no server needed)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness():
        yield


def corpus_text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")
