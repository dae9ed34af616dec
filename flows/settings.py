"""Quiet, server-less Prefect defaults, applied before Prefect is imported.

With no PREFECT_API_URL configured, Prefect 3 starts a temporary local API in
the process (its ephemeral mode).  There is no network here, so analytics are
off, and Prefect's own INFO logging is lowered so a run prints only
minutebook's progress lines.  Any value the user already set wins.
"""
import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    # The temporary API must start within this time; Prefect's 20 s is too short
    # on a busy 2-core machine, and the run then fails before any work.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
for _key, _value in DEFAULTS.items():
    os.environ.setdefault(_key, _value)
