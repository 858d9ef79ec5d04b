"""``pubmeta schema`` and ``pubmeta formats``."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import PubmetaError
from .reporters import EXIT_OK, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    if args.command == "schema" and getattr(args, "arrow", False):
        from ..arrow_schema import render_arrow_schema

        try:
            text = render_arrow_schema()
        except PubmetaError as error:
            print(f"pubmeta schema: {error}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(text)
        return EXIT_OK
    if args.command == "schema":
        from ..schema import render_schema

        sys.stdout.write(render_schema())
        return EXIT_OK
    from ..formats import listing
    from ..formats.registry import FORMATS

    if args.output_format == "json":
        document = {"formats": [fmt.describe() for fmt in FORMATS.values()]}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(listing.text())
    return EXIT_OK
