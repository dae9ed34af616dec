"""Dask worker preload: import the pipeline and build the spaCy pipeline as a worker starts.

`--workers N` starts its local Dask cluster with this module preloaded, so a
worker's imports and pipeline build (a few seconds) happen while the cluster
comes up, once per worker, instead of inside its first document's task.  The
same module can be given to a cluster started by hand:

    dask worker tcp://HOST:8786 --preload flows.dask_preload
"""
from __future__ import annotations


def dask_setup(worker=None) -> None:
    import flows.pipeline  # noqa: F401  (Prefect, pandas, the task)
    from extractors.pipeline import default_nlp
    from flows import convert  # noqa: F401

    default_nlp()
