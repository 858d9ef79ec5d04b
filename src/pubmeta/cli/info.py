"""``pubmeta schema`` and ``pubmeta formats``."""

from __future__ import annotations

import argparse
import json
import sys

from .reporters import EXIT_OK


def run(args: argparse.Namespace) -> int:
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
