"""Dask worker preload: import the flow's task and start a document worker as a Dask worker starts.

`--workers N` starts its local Dask cluster with this module preloaded, so a
Dask worker's imports and its document worker's start (pdfminer, spaCy and
the pipeline, a few seconds; flows/isolation.py) happen while the cluster
comes up, once per worker, instead of inside its first task.  The document
worker is started with the default limits; a run with other limits starts
its own.  The same module can be given to a cluster started by hand:

    dask worker tcp://HOST:8786 --preload flows.dask_preload
"""
from __future__ import annotations


def dask_setup(worker=None) -> None:
    import flows.pipeline  # noqa: F401  (Prefect and the task)
    from flows.isolation import start_worker

    start_worker()
