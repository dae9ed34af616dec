"""`minutebook serve`: a Prefect deployment that runs the pipeline on a cron schedule.

The schedule lives in a Prefect server (`prefect server start`, with
PREFECT_API_URL pointing at it); this process serves the deployment and
starts each scheduled run.  Runs without a server (`minutebook run`) are
unchanged.

The deployment's flow is `scheduled_minutebook`, a small parent flow that
calls `run_flow`: a served run is started from the flow's entry point, so a
task runner chosen with `with_options` would be lost; taking workers and the
Dask address as parameters keeps `--workers` / `--dask-address` working for
scheduled runs too (and they can be changed per run in the Prefect UI).
"""
from __future__ import annotations

import os
import sys

from flows import settings  # noqa: F401  (before prefect)

from prefect import flow

from flows.isolation import DEFAULT_LIMITS


@flow(name="minutebook-scheduled", log_prints=False)
def scheduled_minutebook(sources: list[str], out_dir: str, workers: int = 1, dask_address: str | None = None,
                         timeout: float = DEFAULT_LIMITS.timeout, memory_mb: int = DEFAULT_LIMITS.memory_mb,
                         use_cache: bool = True, cache_dir: str | None = None) -> dict:
    from flows.pipeline import run_flow

    summary = run_flow(sources, out_dir, workers=workers, dask_address=dask_address, progress=False,
                       timeout=timeout, memory_mb=memory_mb, use_cache=use_cache, cache_dir=cache_dir)
    return {"documents": summary.documents, "failed": len(summary.failed), "cached": summary.cached,
            "rows": summary.rows}


def build_deployment(sources: list[str], out_dir: str, cron: str, name: str = "minutebook-scheduled",
                     **parameters):
    """The deployment (not yet registered): the scheduled flow, its parameters and its cron schedule."""
    return scheduled_minutebook.to_deployment(
        name=name, cron=cron,
        parameters={"sources": list(sources), "out_dir": out_dir, **parameters},
        description="minutebook: committee papers in, tidy tables out, on a schedule.")


def serve_schedule(sources: list[str], out_dir: str, cron: str, name: str = "minutebook-scheduled",
                   **parameters) -> None:
    """Register the deployment with the Prefect server and serve it until interrupted."""
    from prefect import serve

    if not os.environ.get("PREFECT_API_URL"):
        print("minutebook serve: PREFECT_API_URL is not set, so the schedule lives in a temporary "
              "server that ends with this command. For a lasting schedule start `prefect server start` "
              "and export PREFECT_API_URL=http://127.0.0.1:4200/api first.", file=sys.stderr)
    serve(build_deployment(sources, out_dir, cron, name, **parameters))
