"""The review document: ``plantrack report`` (HTML or PDF)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from plantrack.cli.app import command
from plantrack.cli.options import (
    DbOpt,
    PlanOpt,
    date_option,
    report_ledger,
    report_options,
)
from plantrack.errors import ValidationError
from plantrack.i18n import say

if TYPE_CHECKING:
    from plantrack.reports.query import ReportQuery


class DocFormat(StrEnum):
    html = "html"
    pdf = "pdf"


@command()
@report_options("as_of", "known_at", "section", "lang", "method")
def report(
    query: ReportQuery,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Add what changed after this day: entries recorded or voided, "
            "and the statuses that moved.",
        ),
    ] = None,
    fmt: Annotated[
        DocFormat, typer.Option("--format", "-f", help="html (one self-contained file) or pdf.")
    ] = DocFormat.html,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="File to write (atomically). Default: stdout."),
    ] = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """The mid-term or final review as a document: cover, summary, each goal with its chart
    and sources, year by year, what changed, footnotes. PDF needs Chromium or Chrome."""
    from plantrack.output import files
    from plantrack.output.html import render_review, review_html
    from plantrack.reports.build import build_review
    from plantrack.reports.review import review_view

    if fmt is DocFormat.pdf and output is None and sys.stdout.isatty():
        raise ValidationError(say("err.cli.pdf_stdout"))
    day = date_option(since, "--since", None)
    with report_ledger(plan, db, query.lang) as (loaded, ledger):
        data = build_review(loaded, ledger, query, day)
    review = review_view(data, query.lang)
    if fmt is DocFormat.pdf:
        from plantrack.output.browser import print_pdf

        content = print_pdf(render_review(review))

        def write(stream: IO[bytes]) -> None:
            stream.write(content)
    else:

        def write(stream: IO[bytes]) -> None:
            for piece in review_html(review):  # written as made: no second copy in memory
                stream.write(piece.encode("utf-8"))

    if output is None:
        files.write_stream(sys.stdout.buffer, write)
    else:
        files.write_atomic(Path(output), write)
        from plantrack.i18n import t

        sys.stderr.write(t("msg.wrote", query.lang, file=output) + "\n")
