"""The arguments of ``pubmeta harvest`` and ``pubmeta serve`` (the OAI-PMH commands)."""

from __future__ import annotations

import argparse

from ..formats.registry import WRITABLE

TYPE_CHECKING = False  # typing is not imported at run time: the command starts faster
if TYPE_CHECKING:
    from typing import Any


def add_oai_commands(commands: argparse._SubParsersAction[Any]) -> None:
    harvest = commands.add_parser(
        "harvest",
        help="harvest an OAI-PMH endpoint into every requested format",
        description="Harvest records with ListRecords, page by page, through the ingest "
        "pipeline (validation, rejects, outputs); a checkpoint after every page.",
    )
    harvest.add_argument("url", metavar="URL", help="the endpoint's base URL")
    harvest.add_argument("--prefix", required=True, metavar="P", help="metadataPrefix")
    harvest.add_argument("--set", dest="set_spec", metavar="S", help="setSpec")
    harvest.add_argument("--from", dest="from_date", metavar="D", help="from datestamp")
    harvest.add_argument("--until", dest="until_date", metavar="D", help="until datestamp")
    harvest.add_argument("--out", required=True, metavar="DIR", help="output folder")
    harvest.add_argument(
        "-t",
        "--to",
        dest="targets",
        default="pubmeta",
        metavar="F[,F...]",
        help=f"target formats, comma-separated ({', '.join(WRITABLE)}); default pubmeta",
    )
    harvest.add_argument(
        "--resume", action="store_true", help="go on with the unfinished harvest in DIR"
    )
    harvest.add_argument(
        "--rate",
        type=float,
        default=2.0,
        metavar="N",
        help="at most N requests a second (default 2; 0: no limit)",
    )
    harvest.add_argument(
        "--timeout", type=float, default=60.0, metavar="SECONDS", help="per request (default 60)"
    )
    harvest.add_argument(
        "--retries", type=int, default=5, metavar="N", help="retries of a failed page (default 5)"
    )
    harvest.add_argument("--quiet", action="store_true", help="no progress lines")
    serve = commands.add_parser(
        "serve",
        help="serve records as an OAI-PMH 2.0 data provider",
        description="An OAI-PMH 2.0 data provider over folders or JSON Lines of records "
        "(oai_dc, oai_openaire, jats, datacite), on uvicorn or waitress.",
    )
    serve.add_argument("paths", nargs="+", metavar="PATH", help="record files or folders")
    serve.add_argument("--port", type=int, default=8000, metavar="N", help="default 8000")
    serve.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1")
    serve.add_argument("--name", default="pubmeta", help="repositoryName (default pubmeta)")
    serve.add_argument(
        "--server",
        choices=("uvicorn", "waitress"),
        default="uvicorn",
        help="uvicorn (the ASGI application, default) or waitress (the WSGI application)",
    )
    serve.add_argument(
        "--page-size", type=int, default=100, metavar="N", help="records a page (default 100)"
    )
    serve.add_argument(
        "--admin-email", default="oai-admin@example.org", metavar="E", help="adminEmail"
    )
    serve.add_argument(
        "--deletions",
        metavar="FILE",
        help='JSON Lines of withdrawn records ({"identifier" or "doi": ..., "datestamp": '
        "...} a line): served as deleted, deletedRecord persistent (default: none, no)",
    )
    serve.add_argument(
        "--set-field",
        metavar="FIELD",
        help="a record field whose values are sets too (language, keywords, container.title, "
        "publisher, ...), besides the record types",
    )
