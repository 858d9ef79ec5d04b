"""``pubmeta convert``: one document in, one out; reader warnings on standard error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..diagnostics import Issue
from ..errors import (
    FormatError,
    InvalidRecordError,
    OptionError,
    PubmetaError,
    SourceUnreadableError,
    WriteError,
)
from .preferred import chosen
from .reporters import EXIT_INVALID, EXIT_OK, EXIT_USAGE, Reporter, reporter
from .spelling import said as spelled


def parse_options(given: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for item in given:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise ValueError(f"--option {item!r} is not NAME=VALUE")
        options[name.strip()] = value
    return options


def _usage(message: str) -> int:
    print(f"pubmeta convert: error: {message}", file=sys.stderr)
    return EXIT_USAGE


class _UsageError(Exception):
    """The command as given cannot be run (exit 2, before anything is read)."""


def run(args: argparse.Namespace) -> int:
    try:
        target, options = _request(args)
    except _UsageError as error:
        return _usage(str(error))
    label = args.path
    source: Path | bytes = Path(args.path)
    if args.path == "-":
        source, label = sys.stdin.buffer.read(), "<stdin>"
    report = reporter(args.output_format, out=sys.stderr)  # standard output is the document
    report.file(label)
    try:
        text = _converted(args, source, label, target, options, report)
    except PubmetaError as error:
        return _failed(error, label, report)
    if args.fail_on_warning and report.warnings:
        report.raise_status(EXIT_INVALID)
        return report.finish()
    return _delivered(args, text, report)


def _request(args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    """The target format and the writer's options, judged before any reading."""
    from ..api import check_options
    from ..formats.registry import format_for_output

    target = _target(args)
    try:
        options: dict[str, Any] = parse_options(args.option)
    except ValueError as error:
        raise _UsageError(str(error)) from None
    if target == "pubmeta" and args.output and "layout" not in options:
        from ..formats.native import layout_for_suffix
        from ..formats.registry import suffix_of

        options["layout"] = layout_for_suffix(suffix_of(Path(args.output).name))
    if args.output and target != "pubmeta":
        said = format_for_output(args.output)
        if said is not None and said.name != target:
            raise _UsageError(f"-o {args.output!r} names a {said.name} file, but --to is {target}")
    try:  # an option the writer refuses, or one it needs and lacks: before any reading
        check_options(target, options)
    except OptionError as error:
        raise _UsageError(spelled(error, "convert")) from None
    return target, options


def _target(args: argparse.Namespace) -> str:
    """-t/--to, else the format the output file's name says."""
    from ..formats.registry import WRITABLE, format_for_output

    target: str | None = args.target
    if target is None:
        if not args.output:
            raise _UsageError(f"say the target format with -t/--to ({', '.join(WRITABLE)})")
        guessed = format_for_output(args.output)
        if guessed is None:
            raise _UsageError(
                f"cannot tell the target format from {args.output!r}; say it with -t/--to "
                f"({', '.join(WRITABLE)})"
            )
        target = guessed.name
    return target


def _converted(
    args: argparse.Namespace,
    source: Path | bytes,
    label: str,
    target: str,
    options: dict[str, Any],
    report: Reporter,
) -> str:
    """The document in the target format; the reader's warnings go to the report."""
    from ..api import inspect, write

    records, issues = inspect(source, args.source_format)
    for issue in issues:
        if issue.is_error:
            raise InvalidRecordError("invalid record", [i for i in issues if i.is_error])
    if not records:
        raise FormatError("the document holds no record", rule="empty")
    report.records = len(records)
    for issue in issues:
        report.finding(issue.in_file(label, issue.record))
    return write(chosen(args, records), target, **options)


def _failed(error: PubmetaError, label: str, report: Reporter) -> int:
    """A document that could not be read or written: a finding, and the run's exit status."""
    if isinstance(error, SourceUnreadableError):
        report.finding(Issue("io-error", str(error), path=label, line=1, column=1))
        report.raise_status(EXIT_USAGE)
    elif isinstance(error, InvalidRecordError):
        for issue in error.issues:
            if isinstance(issue, Issue):
                report.finding(issue if issue.path else issue.in_file(label))
    elif isinstance(error, FormatError):
        line, column = error.line or 1, error.column or 1
        report.finding(Issue(error.rule, error.message, path=label, line=line, column=column))
    elif isinstance(error, OptionError):  # a value the writer refuses: the command was not usable
        return _usage(spelled(error, "convert"))
    elif isinstance(error, WriteError):
        report.finding(Issue("unwritable", str(error), path=label, line=1, column=1))
    else:
        report.finding(Issue("format", str(error), path=label, line=1, column=1))
    return report.finish()


def _delivered(args: argparse.Namespace, text: str, report: Reporter) -> int:
    """The document written to -o (atomically) or to standard output."""
    from ..pipeline.output import write_atomically

    if args.output:
        try:
            write_atomically(Path(args.output), text)
        except OSError as error:
            print(
                f"pubmeta: cannot write {args.output}: {error.strerror or error}", file=sys.stderr
            )
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if args.output_format == "json":
        report.finish()
    return EXIT_OK
