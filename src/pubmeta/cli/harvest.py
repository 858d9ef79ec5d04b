"""``pubmeta harvest``: an OAI-PMH endpoint's records through the ingest pipeline."""

from __future__ import annotations

import argparse
import sys

from ..errors import PubmetaError
from .reporters import EXIT_INVALID, EXIT_OK, EXIT_USAGE, printable


def run(args: argparse.Namespace) -> int:
    from ..oai.client import Policy
    from ..oai.harvester import harvest

    if args.retries < 0 or args.rate < 0 or args.timeout <= 0:
        print("pubmeta harvest: error: --retries and --rate must be >= 0, --timeout > 0",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    policy = Policy(rate=args.rate, timeout=args.timeout, attempts=args.retries + 1)
    try:
        summary = harvest(
            args.url,
            args.prefix,
            args.out,
            set=args.set_spec,
            from_date=args.from_date,
            until_date=args.until_date,
            to=args.targets,
            resume=args.resume,
            policy=policy,
            progress=None if args.quiet else sys.stderr,
        )
    except KeyboardInterrupt:
        print(
            "pubmeta harvest: interrupted; the pages done are kept: go on with --resume",
            file=sys.stderr,
        )
        return 130
    except PubmetaError as error:
        message = str(error)
        if "resume it" in message:
            message += " (--resume)"
        print(f"pubmeta harvest: {printable(message)}", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        print(
            f"pubmeta harvest: {summary.pages} pages, {summary.written} records written, "
            f"{summary.rejected} rejected, {summary.deleted} deleted, in "
            f"{summary.seconds:.1f} s -> {summary.out}",
            file=sys.stderr,
        )
    return EXIT_INVALID if summary.rejected else EXIT_OK
