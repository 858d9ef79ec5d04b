"""``pubmeta serve``: an OAI-PMH 2.0 data provider on uvicorn (its ASGI application, the
default) or waitress (its WSGI application)."""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import PubmetaError
from .reporters import EXIT_OK, EXIT_USAGE, printable


def run(args: argparse.Namespace) -> int:
    from ..oai.provider import app, wsgi_app

    if args.page_size < 1:
        print("pubmeta serve: error: --page-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        server = importlib.import_module(args.server)
    except ImportError:
        print(f"pubmeta serve: needs {args.server}: pip install 'pubmeta[oai]'", file=sys.stderr)
        return EXIT_USAGE
    try:
        make = wsgi_app if args.server == "waitress" else app
        application = make(args.paths, name=args.name, admin_email=args.admin_email,
                           page_size=args.page_size, deletions=args.deletions,
                           set_field=args.set_field)  # fmt: skip
    except PubmetaError as error:
        print(f"pubmeta serve: {printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    store = application.store
    print(
        f"pubmeta serve: {len(store)} records ({store.refused} refused, "
        f"{len(store.deleted_at) + len(store.tombstones)} deleted) on "
        f"http://{args.host}:{args.port}/ with {args.server} (Ctrl-C ends)",
        file=sys.stderr,
    )
    if args.server == "waitress":
        server.serve(application, host=args.host, port=args.port)
    else:
        server.run(application, host=args.host, port=args.port, log_level="warning",
                   lifespan="on")  # fmt: skip
    return EXIT_OK
