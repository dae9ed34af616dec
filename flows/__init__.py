"""minutebook flows: Prefect orchestration, file I/O, table writers and the command line."""
