"""``pubmeta cite``: formatted references, one per line, in the order of the records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import PubmetaError, SourceUnreadableError
from .reporters import EXIT_INVALID, EXIT_OK, EXIT_USAGE, printable


def run(args: argparse.Namespace) -> int:
    from ..api import inspect
    from ..citation import cite
    from ..pipeline.sources import Unreadable, looks_like_a_record, walk
    from .preferred import chosen

    records = []
    status = EXIT_OK
    for path in walk(args.paths, accept=looks_like_a_record):
        if isinstance(path, Unreadable):
            print(printable(f"{path.path}: {path.reason}"), file=sys.stderr)
            status = EXIT_USAGE
            continue
        try:
            found, issues = inspect(path, args.source_format)
        except SourceUnreadableError as error:
            print(printable(f"{path}: {error}"), file=sys.stderr)
            status = EXIT_USAGE
            continue
        except PubmetaError as error:
            print(printable(f"{path}: {error}"), file=sys.stderr)
            status = max(status, EXIT_INVALID)
            continue
        for issue in issues:
            if issue.is_error:
                print(printable(issue.in_file(str(path)).format()), file=sys.stderr)
                status = max(status, EXIT_INVALID)
        records.extend(chosen(args, found))
    if not records:
        return status or EXIT_INVALID
    try:
        references = cite(
            records,
            # a name of the official styles, or a .csl file (the library takes files as paths)
            style=Path(args.style) if args.style.lower().endswith(".csl") else args.style,
            locale=args.locale,
            output_format=args.output_format,
            bibliography=args.bibliography,
        )
    except PubmetaError as error:
        print(f"pubmeta cite: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        sys.stdout.write("".join(reference + "\n" for reference in references))
        sys.stdout.flush()
    except BrokenPipeError:
        return EXIT_USAGE
    return status
