"""How the command line reports errors: one line saying what is wrong and what to do.

`run_cli(group)` wraps the click group.  Whatever a user can cause -- a bad
argument, an output path that is a file, a Prefect server that is down, a
cron expression Prefect cannot read, a file that is not a workbook -- ends as
one line on stderr and an exit status: 2 for a usage error (the command line
itself is wrong), 1 for a failure.  `--debug` (anywhere on the command line,
or MINUTEBOOK_DEBUG=1) lets the exception through with its traceback.

Checks that can be made before Prefect starts live here too
(`check_out_dir`, `check_prefect_api`, `check_schedule`): a mistake is
reported in a second, not after a 10 s start-up and a page of Prefect logs.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

PROG = "minutebook"
DEBUG_FLAG = "--debug"
_HINT = f"(run again with {DEBUG_FLAG} for the traceback)"


class UserError(click.ClickException):
    """A failure the user can fix (exit 1): the message says what is wrong and what to do."""
    exit_code = 1


def fail(message: str) -> UserError:
    return UserError(message)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _report(message: str) -> None:
    click.echo(f"{PROG}: {_one_line(message)}", err=True)


def debug_requested(argv: list[str]) -> bool:
    return DEBUG_FLAG in argv or os.environ.get("MINUTEBOOK_DEBUG", "").strip() not in ("", "0")


def describe(exc: BaseException) -> tuple[str, int] | None:
    """A one-line message and exit status for an exception a user can cause; None for a bug."""
    if isinstance(exc, click.UsageError):
        hint = ""
        if exc.ctx is not None:
            hint = f"; see '{exc.ctx.command_path} --help'"
        return exc.format_message().rstrip(". ") + hint, 2
    if isinstance(exc, click.ClickException):
        return exc.format_message(), exc.exit_code
    if isinstance(exc, PermissionError):
        return f"permission denied: {exc.filename or exc}; choose a folder you can write to", 1
    if isinstance(exc, NotADirectoryError):
        return f"not a folder: {_path_of(exc)}; give a folder (or a new name) instead", 1
    if isinstance(exc, IsADirectoryError):
        return f"is a folder, not a file: {exc.filename or exc}", 1
    if isinstance(exc, FileNotFoundError):
        return f"no such file or folder: {exc.filename or exc}", 1
    if isinstance(exc, OSError) and exc.errno is not None:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}", 1
    name = type(exc).__name__
    module = type(exc).__module__ or ""
    if module.startswith("httpx") or name in ("ConnectError", "ConnectTimeout", "PrefectHTTPStatusError"):
        return (f"cannot reach the Prefect API ({name}: {_one_line(exc)}); start the server "
                "(.venv/bin/prefect server start) or unset PREFECT_API_URL to run without one"), 1
    return None


def _path_of(exc: OSError) -> str:
    name = str(exc.filename or "")
    # "OUT/.minutebook-cache": the part of the path that is not a folder is OUT
    parent = Path(name).parent
    return str(parent) if parent.exists() and not parent.is_dir() else name or str(exc)


def run_cli(group: click.Group, argv: list[str] | None = None) -> None:
    """Run `group` with `argv` (default sys.argv[1:]); exit with a one-line message on any error."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = debug_requested(argv)
    argv = [a for a in argv if a != DEBUG_FLAG]
    if not debug:
        quiet_prefect_tracebacks()
    try:
        group.main(args=argv, prog_name=PROG, standalone_mode=False)
    except click.exceptions.Exit as exc:           # --help, --version
        sys.exit(exc.exit_code)
    except click.Abort:
        _report("interrupted")
        sys.exit(130)
    except KeyboardInterrupt:
        if debug:
            raise
        _report("interrupted")
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        known = describe(exc)
        if known is None:
            _report(f"unexpected error: {type(exc).__name__}: {exc} -- this is a bug; "
                    f"please report it with the output of the same command with {DEBUG_FLAG}")
            sys.exit(1)
        message, code = known
        plain = code == 2 or isinstance(exc, UserError)     # our own messages say what to do
        _report(message if plain else f"{message} {_HINT}")
        sys.exit(code)
    sys.exit(0)


def quiet_prefect_tracebacks() -> None:
    """Prefect logs a flow's exception with its traceback before it reaches us; the one-line
    message replaces it (`--debug` keeps it).  Set before Prefect is imported; a user's setting wins."""
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "CRITICAL")


# ---------------------------------------------------------------- checks before start-up
def check_out_dir(out_dir: Path) -> None:
    """The output folder must be a folder (or not exist yet, under a folder we can write)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise click.BadParameter(f"'{out_dir}' is a file, not a folder; give a folder for the tables "
                                 "(it is created if missing)", param_hint="'--out'")
    probe = out_dir
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise click.BadParameter(f"'{probe}' is a file, so '{out_dir}' cannot be created",
                                 param_hint="'--out'")
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise UserError(f"cannot write to '{probe}' (permission denied); choose another --out folder")


def configured_api_url() -> str:
    """PREFECT_API_URL as Prefect sees it (environment or profile); '' when none."""
    from flows import settings  # noqa: F401  (before prefect)
    from prefect.settings import PREFECT_API_URL

    return PREFECT_API_URL.value() or ""


def check_prefect_api(url: str | None = None, timeout: float = 5.0, required: bool = False) -> None:
    """A configured Prefect API must answer its health check; say how to fix it when not.

    `required` (serve): Prefect's temporary API runs no scheduler, so a schedule served
    without a server would never start a run."""
    url = configured_api_url() if url is None else url
    if not url and required:
        raise UserError("serve needs a Prefect server to keep the schedule (a temporary one starts no "
                        "scheduled runs): run `.venv/bin/prefect server start` in another terminal, then "
                        "export PREFECT_API_URL=http://127.0.0.1:4200/api")
    if not url:
        return
    import httpx

    health = url.rstrip("/") + "/health"
    try:
        response = httpx.get(health, timeout=timeout)
    except httpx.HTTPError as exc:
        reason = _one_line(exc) or type(exc).__name__
        raise UserError(f"cannot reach the Prefect server at {url} (PREFECT_API_URL): {reason}. "
                        "Start it with `.venv/bin/prefect server start`, or unset PREFECT_API_URL to "
                        "let minutebook start a temporary one") from exc
    if response.status_code != 200:
        raise UserError(f"{url} (PREFECT_API_URL) answered HTTP {response.status_code} to {health}; "
                        "it should be a Prefect API address such as http://127.0.0.1:4200/api")


def check_schedule(cron: str, timezone: str):
    """Prefect's own schedule object for --cron and --timezone, or a usage error saying which is wrong."""
    from pydantic import ValidationError

    from flows import settings  # noqa: F401  (before prefect)
    from prefect.client.schemas.schedules import CronSchedule

    try:
        return CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as exc:
        where = {str(e["loc"][0]) if e.get("loc") else "" for e in exc.errors()}
        if "timezone" in where:
            raise click.BadParameter(f"unknown time zone '{timezone}'; use an IANA name such as "
                                     "Europe/London or UTC", param_hint="'--timezone'") from exc
        raise click.BadParameter(f"'{cron}' is not a cron expression; write five fields "
                                 '"MIN HOUR DAY MONTH WEEKDAY", e.g. "0 2 * * *" for 02:00 every day',
                                 param_hint="'--cron'") from exc
