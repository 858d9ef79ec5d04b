"""The options of every ``pubmeta`` command. A contract: scripts and pre-commit hooks use
them. Consistent on every command: ``-f/--from`` for the input format, ``-t/--to`` for the
target, ``-o/--output`` for a document written, ``--output-format`` for how findings are
reported; earlier spellings (``validate --format``, ``validate --output json``) still work.

Building the parser imports no format and no model: ``--help``, ``--version`` and argument
errors answer at once.
"""

from __future__ import annotations

import argparse
import sys

from ..formats.registry import READABLE, WRITABLE
from .exits import EXIT_USAGE

TYPE_CHECKING = False  # typing is not imported at run time: the command starts faster
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NoReturn


STYLES = ("apa", "harvard", "vancouver", "chicago", "ieee", "mla")


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> argparse.Namespace:
        """As argparse's, but arguments a command does not know are refused by that command,
        with its usage (argparse leaves them to the top level, whose usage names no option
        of the command), and an option that is a slip of a known one names it."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = self._command(getattr(parsed, "command", None)) or self
            command.error(_unrecognised(command, extras))
        return parsed

    def _command(self, name: str | None) -> argparse.ArgumentParser | None:
        for action in self._actions:
            if action.dest == "command" and isinstance(action.choices, dict):
                found: argparse.ArgumentParser | None = action.choices.get(name)
                return found
        return None


def _unrecognised(command: argparse.ArgumentParser, extras: list[str]) -> str:
    message = f"unrecognized arguments: {' '.join(extras)}"
    known = [o for action in command._actions for o in action.option_strings]
    for extra in extras:
        if extra.startswith("-"):
            import difflib  # only on this error path

            close = difflib.get_close_matches(extra.partition("=")[0], known, n=1)
            if close:
                message += f" (did you mean {close[0]}?)"
                break
    return message


def _from(command: argparse.ArgumentParser, *aliases: str) -> None:
    command.add_argument(
        "-f",
        "--from",
        *aliases,
        dest="source_format",
        choices=READABLE,
        metavar="F",
        help=f"input format ({', '.join(READABLE)}); default: told by suffix and content",
    )


def _report(command: argparse.ArgumentParser, *aliases: str) -> None:
    command.add_argument(
        "--output-format",
        *aliases,
        dest="output_format",
        choices=("text", "json"),
        default="text",
        help="how findings are reported: text lines (default) or one JSON object",
    )


def _options(command: argparse.ArgumentParser, example: str) -> None:
    command.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"a writer option of the target format (repeatable), e.g. {example}",
    )


def build(version: str) -> argparse.ArgumentParser:
    parser = Parser(
        prog="pubmeta",
        description="Read, validate, convert and cite scholarly publication metadata.",
        # one short line: the text is then the same on any terminal 80 columns wide or more,
        # which lets a lone --help be answered without building this parser (quick_answers)
        epilog="Exit codes: 0 valid or done, 1 invalid or rejected, 2 usage or I/O, 3 bug.",
    )
    parser.add_argument("--version", action="version", version=f"pubmeta {version}")
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=Parser, metavar="COMMAND"
    )

    validate = commands.add_parser(
        "validate",
        help="check records; exit 0 valid, 1 invalid, 2 I/O",
        description="Check records against the schema and rules; one line per finding.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    _from(validate, "--format")
    _report(validate)
    validate.add_argument(
        "--output",
        dest="legacy_output",
        choices=("text", "json"),
        help="the earlier spelling, kept for scripts: json prints the findings as a bare JSON "
        "array (the object of --output-format json adds status, counts and checked paths)",
    )
    validate.add_argument(
        "--quiet-warnings", action="store_true", help="print errors only, not warnings"
    )
    validate.add_argument(
        "--progress",
        action="store_true",
        help="a progress line on standard error even when it is not a terminal",
    )

    convert = commands.add_parser(
        "convert",
        help="convert one document to another format",
        description="Read one document and write it in another format.",
    )
    convert.add_argument("path", metavar="PATH", help="input file, or - for standard input")
    convert.add_argument(
        "-t",
        "--to",
        dest="target",
        choices=WRITABLE,
        metavar="F",
        help=f"target format ({', '.join(WRITABLE)}); default: told by the suffix of -o",
    )
    _from(convert)
    convert.add_argument(
        "-o", "--output", metavar="OUT", help="output file (default: standard output)"
    )
    _report(convert)
    _options(convert, "layout=yaml (pubmeta) or depositor=Press (crossref)")
    convert.add_argument(
        "--fail-on-warning", action="store_true", help="exit 1 when reading gave warnings"
    )
    from .preferred import add as add_preferred

    add_preferred(convert)

    ingest = commands.add_parser(
        "ingest",
        help="convert many records into every requested format, rejects apart",
        description="Stream many records into every target format; bad records go to the "
        "rejects file with their reasons.",
    )
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH", help="JSON Lines, record files or folders"
    )
    ingest.add_argument(
        "-t",
        "--to",
        required=True,
        dest="targets",
        metavar="F[,F...]",
        help=f"target formats, comma-separated ({', '.join(WRITABLE)}, parquet, arrow)",
    )
    ingest.add_argument(
        "--out", required=True, metavar="DIR", help="output folder (made by the run)"
    )
    ingest.add_argument(
        "--rejects", metavar="FILE", help="rejects file (default: DIR/rejects.jsonl)"
    )
    ingest.add_argument(
        "--workers", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    ingest.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes or a Dask cluster",
    )
    ingest.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address (engine dask)"
    )
    _from(ingest)
    ingest.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        metavar="N",
        help="records per chunk of work (default 500; 10000 with a parquet or arrow target, "
        "which writes a file a chunk)",
    )
    ingest.add_argument(
        "--record-timeout",
        type=float,
        metavar="SECONDS",
        help="time allowed per record before its worker is stopped "
        "(default 2 s, plus 120 s per chunk)",
    )
    ingest.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an earlier pubmeta output in DIR (never mixes runs)",
    )
    ingest.add_argument(
        "--resume",
        action="store_true",
        help="go on from where a killed run with the same inputs and targets stopped (input "
        "files it finished are not read again); such a run keeps its staging when it fails",
    )
    ingest.add_argument(
        "--strict",
        action="store_true",
        help="reject a snapshot's record that a rule refuses (default: keep the refused value "
        "in the record's notes and list it in kept.jsonl)",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress and no summary line")
    _report(ingest)
    _options(ingest, "crossref.depositor=Press")

    cite = commands.add_parser(
        "cite",
        help="formatted references in a citation style",
        description="Format references with the official CSL styles (as Zotero does).",
    )
    cite.add_argument("paths", nargs="+", metavar="PATH", help="record files")
    cite.add_argument(
        "-s", "--style", required=True, metavar="S", help=f"{', '.join(STYLES)} or a .csl file"
    )
    cite.add_argument(
        "--locale", metavar="L", help="locale such as en-US, en-GB, de-DE (default: the style's)"
    )
    cite.add_argument(
        "--output-format",
        dest="output_format",
        choices=("text", "html"),
        default="text",
        help="plain text (default) or HTML",
    )
    cite.add_argument(
        "--bibliography",
        action="store_true",
        help="one bibliography: sorted and disambiguated as the style says",
    )
    _from(cite)
    add_preferred(cite)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the record",
        description="Print the published JSON Schema of the record.",
    )
    schema.add_argument(
        "--arrow",
        action="store_true",
        help="print the Arrow schema of Parquet and Arrow ingest output instead",
    )
    formats = commands.add_parser(
        "formats",
        help="list formats and what they carry",
        description="List the formats and how each field travels through them.",
    )
    _report(formats)
    from .oai_args import add_oai_commands

    add_oai_commands(commands)
    return parser
