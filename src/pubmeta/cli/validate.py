"""``pubmeta validate``: every record of every file, findings printed as they are found."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..diagnostics import Issue
from ..errors import FormatError, PubmetaError, SourceUnreadableError
from ..pipeline.sources import Unreadable, looks_like_a_record, walk
from ..reading import iter_source
from .reporters import EXIT_USAGE, Reporter, reporter

PROGRESS_SECONDS = 10.0


def run(args: argparse.Namespace) -> int:
    output_format = args.output_format
    if args.legacy_output is not None:
        output_format = "json-array" if args.legacy_output == "json" else args.legacy_output
    report = reporter(output_format, args.quiet_warnings)
    progress = _Progress(args.progress, report)
    for item in walk(args.paths, accept=looks_like_a_record):
        if isinstance(item, Unreadable):
            report.file(str(item.path))
            report.finding(
                Issue(
                    "io-error",
                    f"cannot read {item.path}: {item.reason}",
                    path=str(item.path),
                    line=1,
                    column=1,
                )
            )
            report.raise_status(EXIT_USAGE)
            continue
        _check_file(item, args.source_format, report, progress)
    if report.files == 0:
        report.raise_status(EXIT_USAGE)
        message = "pubmeta: no record files found in " + ", ".join(args.paths)
        report.note(message)
        return report.finish()
    progress.done()
    return report.finish(
        f"pubmeta: {report.files} file(s), {report.records} record(s) read: "
        f"{report.errors} error(s), {report.warnings} warning(s)"
    )


def _check_file(
    path: Path, source_format: str | None, report: Reporter, progress: _Progress
) -> None:
    label = str(path)
    report.file(label)
    try:
        name, checked = iter_source(path, source_format, build=False)
        for index, item in enumerate(checked):
            report.records += item.accepted
            for issue in item.issues:
                report.finding(issue.in_file(name or label, index))
            if not index % 1000:
                progress.tick()
    except SourceUnreadableError as error:
        report.finding(Issue("io-error", str(error), path=label, line=1, column=1))
        report.raise_status(EXIT_USAGE)
    except FormatError as error:
        report.finding(
            Issue(
                error.rule,
                error.message,
                path=label,
                line=error.line or 1,
                column=error.column or 1,
            )
        )
    except PubmetaError as error:
        report.finding(Issue("format", str(error), path=label, line=1, column=1))


class _Progress:
    """A line on standard error during long runs: on a terminal, or when asked for."""

    def __init__(self, wanted: bool, report: Reporter) -> None:
        self.report = report
        self.enabled = wanted or sys.stderr.isatty()
        self.started = self.last = time.monotonic()
        self.shown = False

    def tick(self) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if (
            now - self.last < (0.5 if sys.stderr.isatty() else PROGRESS_SECONDS)
            or now - self.started < 2
        ):
            return
        self.last = now
        self.shown = True
        report = self.report
        line = (
            f"pubmeta validate: {report.files:,} files, {report.records:,} records, "
            f"{report.errors:,} errors"
        )
        end = "\r" if sys.stderr.isatty() else "\n"
        sys.stderr.write(line + end)
        sys.stderr.flush()

    def done(self) -> None:
        if self.shown and sys.stderr.isatty():
            sys.stderr.write(" " * 79 + "\r")
