"""`minutebook serve`: a Prefect deployment that runs the pipeline on a cron schedule.

The schedule lives in a Prefect server (`.venv/bin/prefect server start`, with
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

import asyncio
import signal
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from flows import settings  # noqa: F401  (before prefect)

from prefect import flow

from flows.isolation import DEFAULT_LIMITS


@flow(name="minutebook-scheduled", log_prints=False)
def scheduled_minutebook(sources: list[str], out_dir: str, workers: int = 1, dask_address: str | None = None,
                         timeout: float = DEFAULT_LIMITS.timeout, memory_mb: int = DEFAULT_LIMITS.memory_mb,
                         use_cache: bool = True, cache_dir: str | None = None) -> dict:
    from flows.pipeline import run_flow

    started = time.time()
    try:
        summary = run_flow(sources, out_dir, workers=workers, dask_address=dask_address, progress=False,
                           timeout=timeout, memory_mb=memory_mb, use_cache=use_cache, cache_dir=cache_dir)
    except Exception as exc:
        print(run_line(started, error=f"{type(exc).__name__}: {exc}"), flush=True)
        raise
    result = {"documents": summary.documents, "failed": len(summary.failed), "cached": summary.cached,
              "rows": summary.rows, "out_dir": str(summary.out_dir)}
    print(run_line(started, result), flush=True)
    return result


def run_line(started: float, result: dict | None = None, error: str = "", now: float | None = None) -> str:
    """The one line `serve` prints per scheduled run: when, what it did (or why it failed), how long."""
    stamp = datetime.fromtimestamp(started).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    took = f"{(now or time.time()) - started:.1f}s"
    if error:
        return f"[{stamp}] scheduled run FAILED after {took}: {' '.join(error.split())}"
    ok = result["documents"] - result["failed"]
    rows = ", ".join(f"{n} {k}" for k, n in result.get("rows", {}).items()
                     if k in ("recommendations", "resolutions", "amounts", "actions"))
    return (f"[{stamp}] scheduled run: {result['documents']} documents ({ok} ok, {result['failed']} failed, "
            f"{result['cached']} from cache) in {took} -> {result.get('out_dir', '')}/"
            f"{'; ' + rows if rows else ''}")


def build_deployment(sources: list[str], out_dir: str, cron: str, name: str = "minutebook-scheduled",
                     timezone: str = "Europe/London", **parameters):
    """The deployment (not yet registered): the scheduled flow, its parameters and its cron schedule.

    The cron times are wall-clock times in `timezone` (02:00 stays 02:00 across BST)."""
    from prefect.client.schemas.schedules import CronSchedule

    return scheduled_minutebook.to_deployment(
        name=name, schedules=[CronSchedule(cron=cron, timezone=timezone)],
        parameters={"sources": list(sources), "out_dir": out_dir, **parameters},
        description="minutebook: committee papers in, tidy tables out, on a schedule.")


def next_run(cron: str, timezone: str) -> str:
    try:
        from cronsim import CronSim    # Prefect's own cron library

        return next(CronSim(cron, datetime.now(ZoneInfo(timezone)))).strftime("%Y-%m-%d %H:%M %Z")
    except Exception:                  # only for the start-up line: never a reason to stop
        return "?"


def serve_schedule(sources: list[str], out_dir: str, cron: str, name: str = "minutebook-scheduled",
                   timezone: str = "Europe/London", **parameters) -> None:
    """Register the deployment with the Prefect server and serve it until Ctrl-C or SIGTERM."""
    from prefect.runner import Runner

    runner = Runner(pause_on_shutdown=True)
    runner.add_deployment(build_deployment(sources, out_dir, cron, name, timezone, **parameters))
    print(f"minutebook serve: '{name}' runs {' '.join(sources)} -> {out_dir} at \"{cron}\" ({timezone}); "
          f"next run {next_run(cron, timezone)}. Ctrl-C to stop.", flush=True)
    try:
        asyncio.run(_serve(runner))
    except KeyboardInterrupt:          # a second Ctrl-C while stopping
        pass
    print("minutebook serve: stopped", flush=True)


async def _serve(runner) -> None:
    """runner.start() until SIGINT/SIGTERM, then its own async stop.

    Prefect's Runner handles SIGTERM by calling its sync `stop()` from inside the event loop,
    which only creates the `astop` coroutine ("coroutine 'Runner.astop' was never awaited") and
    exits; here both signals set an event and `astop` is awaited, so the runner pauses the
    schedule and closes its client before the command returns.
    """
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    runner_task = asyncio.create_task(runner.start())
    await asyncio.sleep(0)             # runner.start() installs its SIGTERM handler first; ours replace it
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    stop_wait = asyncio.create_task(stopping.wait())
    try:
        await asyncio.wait({runner_task, stop_wait}, return_when=asyncio.FIRST_COMPLETED)
        if stopping.is_set() and not runner_task.done():
            print("minutebook serve: stopping (the schedule is paused)...", flush=True)
            if runner.started:
                await runner.astop()
            await runner_task
        else:
            runner_task.result()       # the runner ended by itself: its error, if any
    finally:
        stop_wait.cancel()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
