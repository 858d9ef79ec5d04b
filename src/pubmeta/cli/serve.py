"""``pubmeta serve``: an OAI-PMH 2.0 data provider on uvicorn."""

from __future__ import annotations

import argparse
import sys

from ..errors import PubmetaError
from .reporters import EXIT_OK, EXIT_USAGE, printable


def run(args: argparse.Namespace) -> int:
    from ..oai.provider import app

    if args.page_size < 1:
        print("pubmeta serve: error: --page-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        import uvicorn
    except ImportError:
        print("pubmeta serve: needs uvicorn: pip install 'pubmeta[oai]'", file=sys.stderr)
        return EXIT_USAGE
    try:
        provider = app(args.paths, name=args.name, admin_email=args.admin_email,
                       page_size=args.page_size)  # fmt: skip
    except PubmetaError as error:
        print(f"pubmeta serve: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    store = provider.store
    print(
        f"pubmeta serve: {len(store)} records ({store.refused} refused) on "
        f"http://{args.host}:{args.port}/ (Ctrl-C ends)",
        file=sys.stderr,
    )
    uvicorn.run(provider, host=args.host, port=args.port, log_level="warning", lifespan="on")
    return EXIT_OK
