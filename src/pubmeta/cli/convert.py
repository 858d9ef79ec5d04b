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
from .reporters import EXIT_INVALID, EXIT_OK, EXIT_USAGE, reporter
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


def run(args: argparse.Namespace) -> int:
    from ..api import check_options, inspect, write
    from ..formats.registry import WRITABLE, format_for_output
    from ..pipeline.output import write_atomically

    target = args.target
    if target is None:
        if not args.output:
            return _usage(f"say the target format with -t/--to ({', '.join(WRITABLE)})")
        guessed = format_for_output(args.output)
        if guessed is None:
            return _usage(
                f"cannot tell the target format from {args.output!r}; say it with -t/--to "
                f"({', '.join(WRITABLE)})"
            )
        target = guessed.name
    try:
        options: dict[str, Any] = parse_options(args.option)
    except ValueError as error:
        return _usage(str(error))
    if target == "pubmeta" and args.output and "layout" not in options:
        from ..formats.native import layout_for_suffix
        from ..formats.registry import suffix_of

        options["layout"] = layout_for_suffix(suffix_of(Path(args.output).name))
    if args.output and target != "pubmeta":
        said = format_for_output(args.output)
        if said is not None and said.name != target:
            return _usage(f"-o {args.output!r} names a {said.name} file, but --to is {target}")
    try:  # an option the writer refuses, or one it needs and lacks: before any reading
        check_options(target, options)
    except OptionError as error:
        return _usage(spelled(error, "convert"))
    label = args.path
    source: Path | bytes = Path(args.path)
    if args.path == "-":
        source, label = sys.stdin.buffer.read(), "<stdin>"
    report = reporter(args.output_format, out=sys.stderr)  # standard output is the document
    report.file(label)
    try:
        records, issues = inspect(source, args.source_format)
        for issue in issues:
            if issue.is_error:
                raise InvalidRecordError("invalid record", [i for i in issues if i.is_error])
        if not records:
            raise FormatError("the document holds no record", rule="empty")
        report.records = len(records)
        for issue in issues:
            report.finding(issue.in_file(label, issue.record))
        text = write(chosen(args, records), target, **options)
    except SourceUnreadableError as error:
        report.finding(Issue("io-error", str(error), path=label, line=1, column=1))
        report.raise_status(EXIT_USAGE)
        return report.finish()
    except InvalidRecordError as error:
        for issue in error.issues:
            if isinstance(issue, Issue):
                report.finding(issue if issue.path else issue.in_file(label))
        return report.finish()
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
        return report.finish()
    except OptionError as error:  # a value the writer refuses: the command was not usable
        return _usage(spelled(error, "convert"))
    except WriteError as error:
        report.finding(Issue("unwritable", str(error), path=label, line=1, column=1))
        return report.finish()
    except PubmetaError as error:
        report.finding(Issue("format", str(error), path=label, line=1, column=1))
        return report.finish()
    if args.fail_on_warning and report.warnings:
        report.raise_status(EXIT_INVALID)
        return report.finish()
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
