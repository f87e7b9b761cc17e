"""``commentwatch eval``: score the pipeline on a labelled file, or rules on analyst reviews."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from commentwatch.cli.options import db_option

PARTS = ("contacts", "verdicts", "campaigns")


def _load(path: Path) -> list[Any]:
    from pipeline.errors import InputError
    from pipeline.evaluation.labelled import read_labelled

    try:
        if path.suffix.lower() == ".csv":
            from pipeline.evaluation.verdicts import read_tubespam

            return list(read_tubespam(path))
        return read_labelled(path)
    except InputError as exc:
        raise click.ClickException(f"{path}: {exc}") from exc
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror}") from exc


def _evaluate(part: str, records: list[Any], region: str | None, link: Any = None) -> Any:
    if part == "contacts":
        from pipeline.evaluation.contacts import evaluate_contacts

        return evaluate_contacts(records, region=region)
    if part == "verdicts":
        from pipeline.evaluation.verdicts import evaluate_verdicts

        return evaluate_verdicts(records)
    from pipeline.evaluation.campaigns import evaluate_campaigns

    return evaluate_campaigns(records, config=link)


@click.command("eval")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False,
                                                        path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--only", default=",".join(PARTS), show_default=True, metavar="PARTS",
              help="Comma-separated parts to score: contacts, verdicts, campaigns.")
@click.option("--region", default=None, metavar="CC",
              help="Default phone region for numbers written without +CC.")
@click.option("--reviews", is_flag=True,
              help="Instead of a file: each rule's precision on the analysts' reviews "
              "stored in the database.")
@click.option("--link-threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              default=None, metavar="J",
              help="Campaigns: near-duplicate Jaccard threshold to try (default 0.7).")
@click.option("--persona-threshold", type=click.FloatRange(0.0, 1.0, min_open=True),
              default=None, metavar="J",
              help="Campaigns: threshold when both texts name one persona (default 0.5).")
@db_option
def command(file: Path | None, as_json: bool, only: str, region: str | None, reviews: bool,
            link_threshold: float | None, persona_threshold: float | None,
            db_url: str | None) -> None:
    """Score the pipeline against a labelled comment file.

    FILE is JSON lines with `text` and `label` (scam/spam/ham) and optional ground truth
    (`emails`, `phones`, `urls`, `handles`, `diseases`, `campaign`), as in
    shared/corpus/dev/comments.jsonl, and optionally the commenter's `author_url` (a
    posting account links like a contact, as in a crawl); a .csv file is read as the
    YouTube Spam Collection.
    Prints per-kind contact precision/recall/F1 with misses and false finds, the verdict
    confusion matrix with every misclassified comment and its reasons, and the pairwise
    campaign-linking scores with wrong merges and splits.

    Example:

        commentwatch eval ../shared/corpus/dev/comments.jsonl --only verdicts
        commentwatch eval labelled.jsonl --only campaigns --link-threshold 0.6
    """
    if reviews:
        _print_reviews(db_url, as_json)
        return
    if file is None:
        raise click.UsageError("give a labelled FILE, or --reviews")
    parts = [p.strip() for p in only.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise click.BadParameter(f"unknown part(s): {', '.join(unknown)}", param_hint="--only")
    link = _link_config(link_threshold, persona_threshold)
    records = _load(file)
    has_contacts = any(getattr(r, "emails", ()) or getattr(r, "phones", ()) or
                       getattr(r, "urls", ()) for r in records)
    results: dict[str, Any] = {}
    for part in parts:
        if part == "contacts" and not has_contacts and file.suffix == ".csv":
            continue  # no contact ground truth in that format
        results[part] = _evaluate(part, records, region, link)
    if as_json:
        payload = {"file": str(file), "records": len(records),
                   **{part: result.to_json() for part, result in results.items()}}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"{file}: {len(records)} records")
    for part, result in results.items():
        click.echo(f"\n== {part} ==")
        click.echo(result.render_text())


def _link_config(threshold: float | None, persona_threshold: float | None) -> Any:
    """Return the campaign-linking knobs to score with (None: the defaults)."""
    if threshold is None and persona_threshold is None:
        return None
    from pipeline.campaigns import LinkConfig

    return LinkConfig().with_thresholds(threshold, persona_threshold)


def _print_reviews(db_url: str | None, as_json: bool) -> None:
    from commentwatch.cli.options import open_db

    try:
        from pipeline.store.reviews import rule_precision
    except ImportError:
        click.echo("eval --reviews: the review stage is not installed", err=True)
        sys.exit(2)
    database = open_db(db_url)
    try:
        with database.sessions() as session:
            table = rule_precision(session)
    finally:
        database.close()
    if as_json:
        click.echo(json.dumps(table.to_json(), indent=2))
    else:
        click.echo(table.render_text())
