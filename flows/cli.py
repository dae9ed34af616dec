"""The `minutebook` command line: parses arguments and calls the flow, nothing more."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minutebook")
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


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", default="outputs", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the tables (CSV, Parquet and minutebook.sqlite).")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any document failed.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line per document.")
def run(sources: tuple[Path, ...], out_dir: Path, strict: bool, quiet: bool) -> None:
    """Process SOURCES (PDF and .txt files, or folders of them) into tables.

    A file that cannot be read (corrupt, encrypted, empty, image-only) becomes
    a `documents` row with status `failed` and its reason; the run goes on.
    """
    from flows.pipeline import minutebook_flow

    summary = minutebook_flow([str(s) for s in sources], out_dir=str(out_dir), progress=not quiet)
    ok = summary.documents - len(summary.failed)
    counts = ", ".join(f"{n} {name}" for name, n in summary.rows.items()
                       if name not in ("documents", "pages"))
    click.echo(f"{summary.documents} documents ({ok} ok, {len(summary.failed)} failed) "
               f"in {summary.seconds:.1f}s -> {summary.out_dir}/")
    click.echo(f"rows: {counts}")
    if summary.failed:
        click.echo("failed:", err=True)
        for path, reason in summary.failed:
            click.echo(f"  {path}: {reason}", err=True)
        if strict:
            sys.exit(1)


@cli.command()
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold annotation files (<document stem>.json).")
@click.option("--pred", "pred_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Output folder of a run (its CSV tables).")
def evaluate(gold_dir: Path, pred_dir: Path) -> None:
    """Precision, recall and F1 per kind of a run's tables against gold annotations."""
    from flows.evaluate import evaluate as score, format_scores

    click.echo(format_scores(score(gold_dir, pred_dir)))


@cli.group()
def review() -> None:
    """Officers' review of the tables (review.xlsx written by every run)."""


@review.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Review store to update [default: reviews.sqlite beside the workbook].")
def review_import(workbook: Path, store: Path | None) -> None:
    """Store the review columns of WORKBOOK; later runs apply them and never drop them."""
    from flows.review import import_workbook

    written, where = import_workbook(workbook, store)
    click.echo(f"{written} reviews stored in {where}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
