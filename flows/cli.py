"""The `minutebook` command line: parses arguments and calls the flow, nothing more."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from flows.errors import check_out_dir, check_prefect_api, run_cli


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minutebook")
@click.option("--debug", is_flag=True, expose_value=False,
              help="Show the traceback of an error (any error is otherwise one line).")
def cli() -> None:
    """minutebook: committee papers in, tidy tables out.

    Reads UK council committee and NHS board papers (PDF, or text already
    converted) and writes tables of recommendations, resolutions, amounts,
    dates and actions, each row pointing back to its file and page.

    \b
    Quick start:
      minutebook run corpora/ --out outputs/
      minutebook evaluate --gold corpora/gold/dev --pred outputs/
    """


def _processing_options(command):
    """Options shared by `run` and `serve`: output, limits, cache, workers."""
    for option in reversed([
        click.option("--out", "out_dir", default="outputs", show_default=True, type=click.Path(path_type=Path),
                     help="Folder for the tables (CSV, Parquet and minutebook.sqlite)."),
        click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
                     help="Processes: more than 1 runs a local Dask cluster of that many workers."),
        click.option("--dask-address", default=None, metavar="tcp://HOST:PORT",
                     help="Run on an existing Dask cluster (its workers need minutebook installed "
                          "and the same paths to the files)."),
        click.option("--timeout", default=300.0, show_default=True, type=click.FloatRange(min=0.1),
                     help="Seconds one document's conversion and extraction may take before it fails "
                          "as `timeout`."),
        # The worker's own libraries (pdfminer, spaCy, numpy) take ~250 MB of address space.
        click.option("--memory-mb", default=2048, show_default=True, type=click.IntRange(min=512),
                     help="Memory (address space, MB) a document's worker may use before `memory`."),
        click.option("--no-cache", is_flag=True,
                     help="Redo every document (results are cached by file content otherwise)."),
        click.option("--cache-dir", default=None, type=click.Path(file_okay=False, path_type=Path),
                     help="Where cached results live  [default: OUT/.minutebook-cache]."),
    ]):
        command = option(command)
    return command


def _flow_options(timeout, memory_mb, no_cache, cache_dir) -> dict:
    return dict(timeout=timeout, memory_mb=memory_mb, use_cache=not no_cache,
                cache_dir=str(cache_dir) if cache_dir else None)


def _store_options(command):
    """`run` options on what the output folder keeps."""
    for option in reversed([
        click.option("--replace", is_flag=True,
                     help="Make the output folder hold exactly this run's documents (others are removed)."),
        click.option("--allow-empty", is_flag=True,
                     help="Let this run remove every document (a run that would empty the folder refuses)."),
        click.option("--csv-raw", is_flag=True,
                     help="Write CSV cells as they are (by default a cell starting with = + - @ gets a "
                          "leading ' so spreadsheets do not run it as a formula)."),
    ]):
        command = option(command)
    return command


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_processing_options
@click.option("--strict", is_flag=True, help="Exit with status 1 if any document failed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line per document.")
@_store_options
def run(sources: tuple[Path, ...], out_dir: Path, workers: int, dask_address: str | None, timeout: float,
        memory_mb: int, no_cache: bool, cache_dir: Path | None, strict: bool, quiet: bool,
        replace: bool, allow_empty: bool, csv_raw: bool) -> None:
    """Process SOURCES (PDF and .txt files, or folders of them) into tables.

    The output folder accumulates: this run adds and updates the documents
    of SOURCES, and every other document keeps its rows.  A document's rows
    leave only when its file is gone from a folder given to an earlier run,
    by `minutebook remove PATH`, or with --replace.  A file that cannot be
    read (corrupt, encrypted, empty, image-only, too slow or too large)
    becomes a `documents` row with status `failed` and its reason; one
    unreadable this time keeps its earlier rows (status `stale`).
    """
    check_out_dir(out_dir)
    check_prefect_api()
    from flows import progress
    from flows.store import StoreError

    reporter = progress.for_terminal(quiet)
    progress.use(reporter)
    reporter.status("starting Prefect and the document worker (~10 s)...")
    try:
        from flows.pipeline import run_flow

        summary = run_flow(list(sources), out_dir, workers=workers, dask_address=dask_address,
                           progress=not quiet, replace=replace, allow_empty=allow_empty, csv_raw=csv_raw,
                           **_flow_options(timeout, memory_mb, no_cache, cache_dir))
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    finally:
        reporter.close()
    counts = ", ".join(f"{n} {name}" for name, n in summary.rows.items()
                       if name not in ("documents", "pages"))
    skipped = summary.unsupported          # found by the run's own discovery of SOURCES
    wall = wall_seconds()
    click.echo(f"{summary.describe()}{f'; {len(skipped)} unsupported skipped' if skipped else ''}; "
               f"in {wall:.1f}s (start-up {max(0.0, wall - summary.seconds):.1f}s) -> {summary.out_dir}/")
    click.echo(f"rows: {counts}")
    if skipped:
        click.echo(describe_unsupported(skipped), err=True)
    if summary.failed:
        click.echo(f"failed ({len(summary.failed)}):", err=True)
        for path, reason in summary.failed:
            click.echo(f"  {path}: {reason}", err=True)
        if strict:
            sys.exit(1)


def wall_seconds() -> float:
    """Seconds since this command started (its process), as a person timed it."""
    import time

    try:
        import psutil

        return time.time() - psutil.Process().create_time()
    except Exception:
        return time.perf_counter()


# Papers in formats minutebook does not read: named one by one when skipped (other files are
# summarised by extension: a folder of papers often holds notes, data and the like).
DOCUMENT_TYPES = {".doc", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp",
                  ".eml", ".msg", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".xps",
                  ".epub", ".pages", ".wpd"}


def describe_unsupported(skipped: list[Path], most: int = 10) -> str:
    """One line: the papers skipped, by name, then the other files by extension."""
    from collections import Counter

    papers = [p for p in skipped if p.suffix.lower() in DOCUMENT_TYPES]
    others = Counter(p.suffix.lower() or "(no extension)" for p in skipped if p not in papers)
    parts = []
    if papers:
        parts.append(", ".join(str(p) for p in papers[:most])
                     + (f" and {len(papers) - most} more" if len(papers) > most else ""))
    if others:
        parts.append(f"{sum(others.values())} other files ("
                     + ", ".join(f"{n} {ext}" for ext, n in others.most_common()) + ")")
    from flows.pipeline import SUPPORTED

    return (f"skipped {len(skipped)} unsupported files (minutebook reads {' '.join(SUPPORTED)}; convert papers "
            f"to PDF to include them): " + "; ".join(parts))


def unsupported_files(sources) -> list[Path]:
    """Files under the named folders that minutebook does not read (hidden ones and Word's lock
    files aside), found by the flow's own discovery.  A file named on the command line is always
    read, and fails with its reason if it cannot be."""
    from flows.pipeline import discover

    skipped: list[Path] = []
    discover(list(sources), skipped)
    return skipped


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="outputs", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="The output folder to remove them from.")
@click.option("--allow-empty", is_flag=True, help="Let this remove every document.")
def remove(paths: tuple[Path, ...], out_dir: Path, allow_empty: bool) -> None:
    """Remove the documents at or under PATHS from the output folder, and forget those sources.

    The files themselves are not touched (they may be gone already).
    """
    from flows.store import StoreError, remove_paths

    try:
        counts = remove_paths(out_dir, paths, allow_empty=allow_empty)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"{counts.removed} documents removed; the store holds {counts.stored} documents -> {out_dir}/")


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_processing_options
@click.option("--cron", required=True, metavar='"MIN HOUR DOM MON DOW"',
              help='When to run, as a cron expression, e.g. "0 2 * * *" (02:00 every day).')
@click.option("--timezone", default="Europe/London", show_default=True, metavar="IANA_NAME",
              help="Time zone the --cron times are in (e.g. UTC).")
@click.option("--name", default="minutebook-scheduled", show_default=True, help="The deployment's name.")
def serve(sources: tuple[Path, ...], out_dir: Path, workers: int, dask_address: str | None, timeout: float,
          memory_mb: int, no_cache: bool, cache_dir: Path | None, cron: str, timezone: str, name: str) -> None:
    """Serve a Prefect deployment that runs SOURCES -> --out on a --cron schedule.

    \b
    Needs a Prefect server that keeps the schedule, for example:
      .venv/bin/prefect server start           # in another terminal
      export PREFECT_API_URL=http://127.0.0.1:4200/api
      minutebook serve corpora/ --out outputs/ --cron "0 2 * * *"
    The command stays in the foreground, starts each scheduled run and prints
    one line per run; stop it with Ctrl-C.  `minutebook run` needs no server.
    """
    from flows.errors import check_schedule

    check_schedule(cron, timezone)        # a usage error now, not a pydantic traceback later
    check_out_dir(out_dir)
    check_prefect_api(required=True)
    from flows.serve import serve_schedule

    serve_schedule([str(s.resolve()) for s in sources], str(out_dir.resolve()), cron=cron, name=name,
                   timezone=timezone, workers=workers, dask_address=dask_address,
                   **_flow_options(timeout, memory_mb, no_cache, cache_dir))


@cli.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold annotation files (<document stem>.json).")
@click.option("--pred", "pred_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Output folder of a run (its CSV tables).")
def evaluate(gold_dir: Path, pred_dir: Path) -> None:
    """Precision, recall and F1 per kind of a run's tables against gold annotations.

    Warns for each gold document the run gave no predictions for (absent or
    failed: its gold rows count as missed); exits 1 when --pred holds no
    tables of a run, or none of the gold documents.
    """
    from flows.errors import UserError
    from flows.evaluate import check_folders, evaluate as score, format_scores, unpredicted_documents

    try:
        check_folders(gold_dir, pred_dir)
    except ValueError as exc:
        raise UserError(f"{exc}; give --pred the --out folder of `minutebook run` and --gold a folder "
                        "of gold files, e.g. corpora/gold/dev") from exc
    missing = unpredicted_documents(gold_dir, pred_dir)
    gold_count = len(list(gold_dir.glob("*.json")))
    if len(missing) == gold_count:
        raise UserError(f"none of the {gold_count} gold documents in {gold_dir} is in the run in {pred_dir}; "
                        "run minutebook on their papers (e.g. corpora/) into that folder first")
    for stem, why in missing:
        click.echo(f"warning: gold document {stem} has no predictions ({why}): its gold rows count as missed",
                   err=True)
    click.echo(format_scores(score(gold_dir, pred_dir)))
    if missing:
        click.echo(f"warning: {len(missing)} of {gold_count} gold documents have no "
                   f"predictions in {pred_dir}; the scores above are not the extractors' accuracy", err=True)


@cli.command()
@click.option("--out", "out_path", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the artifact.  [default: models/clause_classifier.joblib in the package]")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed (same seed, same model).")
def train(out_path: Path | None, seed: int) -> None:
    """Rebuild the clause classifier from the gold annotations (see models/CLAUSE_CLASSIFIER.md)."""
    import time

    from models.clauses import DEFAULT_ARTIFACT, save, train as fit

    started = time.perf_counter()
    artifact = fit(seed=seed)
    where = save(artifact, out_path or DEFAULT_ARTIFACT)
    counts = ", ".join(f"{n} {label}" for label, n in artifact.label_counts.items())
    click.echo(f"trained on {counts} in {time.perf_counter() - started:.1f}s -> {where} "
               f"({where.stat().st_size / 1024:.0f} KiB)")


@cli.group()
def review() -> None:
    """Officers' review of the tables (review.xlsx written by every run)."""


@review.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Review store to update [default: reviews.sqlite beside the workbook].")
def review_import(workbook: Path, store: Path | None) -> None:
    """Store the review columns of WORKBOOK; later runs apply them and never drop them."""
    from flows.errors import UserError
    from flows.review import ReviewImportError, import_review

    try:
        written, where, problems = import_review(workbook, store)
    except ReviewImportError as exc:
        raise UserError(str(exc)) from exc
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"{written} reviews stored in {where}"
               + (f" ({len(problems)} warnings above)" if problems else ""))


def main() -> None:
    run_cli(cli)      # one-line errors, exit 2 (usage) or 1 (failure); --debug for the traceback


if __name__ == "__main__":
    main()
