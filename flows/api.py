"""Prefect's temporary local API for a run with no Prefect server configured.

With no PREFECT_API_URL, Prefect 3.8 starts a temporary API server for the
run (its ephemeral mode) in a subprocess.  That costs a second Python
process holding Prefect (~220 MB), and the flow process imports the whole
server code as well (~75 MB) only to launch it.  A nightly run's memory is
the sum of its processes, and the flow process has little else to do: it
waits while document workers convert and extract (flows/isolation.py).  So
`temporary_api` serves the same application, `create_app(ephemeral=True)`
with the same ephemeral services, from a thread of the flow process, on a
free local port, and points the run (and any Dask workers) at it for the
run's duration: one process fewer, ~100 MB less, and the same server.
(Prefect's own ephemeral mode ran in-process like this before 3.x moved it
out.)

When PREFECT_API_URL is set (a user's Prefect server, or the test harness),
or the run is called from inside another flow run, nothing is started and
the run uses the API it already has.
"""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from prefect.settings import (PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
                              temporary_settings)


class APIStartError(RuntimeError):
    pass


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def temporary_api() -> Iterator[str]:
    """The API URL the run uses: the configured one, or a temporary in-process server's for the block."""
    from prefect.context import FlowRunContext

    configured = PREFECT_API_URL.value()
    if configured or FlowRunContext.get() is not None:
        # A configured server, or a run already under way (a scheduled parent
        # flow, `minutebook serve`): this run belongs to that API.
        yield configured
        return
    import uvicorn
    from prefect.server.api.server import create_app

    sock = _listening_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/api"
    # uvicorn installs no signal handlers outside the main thread: Ctrl-C still stops the run.
    server = uvicorn.Server(uvicorn.Config(create_app(ephemeral=True, final=True),
                                           log_level="error", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name="prefect-temporary-api", daemon=True)
    thread.start()
    try:
        _wait_started(server, thread, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        with temporary_settings({PREFECT_API_URL: url}):
            yield url
    finally:
        server.should_exit = True        # uvicorn's graceful shutdown: the services flush first
        thread.join(timeout=30)
        sock.close()


def _wait_started(server, thread: threading.Thread, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise APIStartError("Prefect's temporary API stopped while starting")
        if time.monotonic() > deadline:
            raise APIStartError(f"Prefect's temporary API did not start within {timeout:g} s "
                                "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")
        time.sleep(0.05)
