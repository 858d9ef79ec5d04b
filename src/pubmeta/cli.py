"""The ``pubmeta`` command. Its options, output lines and exit codes are a contract that
scripts and pre-commit hooks rely on (see DESIGN.md / README.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import api
from .errors import FormatError, InvalidRecordError, PubmetaError
from .formats import FORMATS, Fidelity, record_suffixes
from .formats import native as native_format
from .issues import Issue, Severity
from .schema import render_schema

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pubmeta",
        description="Read, validate and convert scholarly publication metadata.",
    )
    parser.add_argument("--version", action="version", version=f"pubmeta {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    names = sorted(FORMATS)

    validate = commands.add_parser("validate", help="check records; exit 0 valid, 1 invalid, 2 I/O")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    validate.add_argument("--format", choices=names, help="input format (default: sniffed)")
    validate.add_argument("--output", choices=("text", "json"), default="text")
    validate.add_argument(
        "--quiet-warnings", action="store_true", help="do not print warnings, only errors"
    )

    convert = commands.add_parser("convert", help="convert one document to another format")
    convert.add_argument("path", metavar="PATH", help="input file, or - for standard input")
    convert.add_argument("--to", required=True, choices=names, dest="target")
    convert.add_argument("--from", choices=names, dest="source", help="default: sniffed")
    convert.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")

    ingest = commands.add_parser(
        "ingest", help="convert many records into every requested format, rejects apart"
    )
    ingest.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="JSON Lines, CSL-JSON arrays, record files or directories",
    )
    ingest.add_argument(
        "--to",
        required=True,
        dest="targets",
        metavar="F[,F...]",
        help="target formats, e.g. pubmeta,jats,csl,dc",
    )
    ingest.add_argument("--out", required=True, metavar="DIR", help="output folder")
    ingest.add_argument("--rejects", metavar="FILE", help="default: DIR/rejects.jsonl")
    ingest.add_argument("--workers", type=int, default=1, metavar="N")
    ingest.add_argument("--engine", choices=("local", "dask"), default="local")
    ingest.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (engine dask)")
    ingest.add_argument("--from", choices=names, dest="source", help="input format")
    ingest.add_argument("--chunk-size", type=int, default=500, metavar="N")
    ingest.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a non-empty --out folder (never mixes runs)",
    )
    ingest.add_argument("--quiet", action="store_true", help="no progress, no summary")

    commands.add_parser("schema", help="print the JSON Schema of the record")
    commands.add_parser("formats", help="list formats and the fields they carry")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _expand(paths: Sequence[str]) -> Iterator[Path]:
    suffixes = record_suffixes()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            yield path


def _run_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    found: list[Issue] = []
    files = records = 0
    for path in _expand(args.paths):
        files += 1
        try:
            label, checked = api.iter_inspect(path, args.format, build=False)
        except api.SourceUnreadableError as error:
            found.append(Issue("io-error", str(error), path=str(path), line=1, column=1))
            status = EXIT_USAGE
            continue
        except PubmetaError as error:
            found.append(Issue("format", str(error), path=str(path), line=1, column=1))
            status = max(status, EXIT_INVALID)
            continue
        for index, item in enumerate(checked):
            records += item.accepted
            for issue in item.issues:
                found.append(issue.in_file(label, index))
                if issue.is_error:
                    status = max(status, EXIT_INVALID)
    if files == 0:
        print("pubmeta: no record files found in " + ", ".join(args.paths), file=sys.stderr)
        return EXIT_USAGE
    shown = [i for i in found if i.is_error or not args.quiet_warnings]
    if args.output == "json":
        json.dump([i.to_dict() for i in shown], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for issue in shown:
            print(issue.format())
        errors = sum(i.is_error for i in found)
        warnings = sum(i.severity is Severity.WARNING for i in found)
        print(
            f"pubmeta: {files} file(s), {records} record(s) read: "
            f"{errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    return status


def _run_convert(args: argparse.Namespace) -> int:
    source: Path | bytes
    label = args.path
    if args.path == "-":
        source, label = sys.stdin.buffer.read(), "<stdin>"
    else:
        source = Path(args.path)
    try:
        records = api.read(source, args.source)
        if args.target == "pubmeta" and args.output:
            text = native_format.write_for_suffix(records, Path(args.output).suffix)
        else:
            text = api.write(records, args.target)
    except api.SourceUnreadableError as error:
        print(f"{label}:1:1: /: {error} [io-error]", file=sys.stderr)
        return EXIT_USAGE
    except InvalidRecordError as error:
        for issue in error.issues:
            if isinstance(issue, Issue):
                print(issue.in_file(label).format(), file=sys.stderr)
        return EXIT_INVALID
    except FormatError as error:
        issue = Issue(error.rule, error.message, line=error.line, column=error.column)
        print(issue.in_file(label).format(), file=sys.stderr)
        return EXIT_INVALID
    except PubmetaError as error:
        print(f"{label}:1:1: /: {error} [convert]", file=sys.stderr)
        return EXIT_INVALID
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            print(f"pubmeta: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _run_ingest(args: argparse.Namespace) -> int:
    from .pipeline import ingest

    if args.workers < 1 or args.chunk_size < 1:
        print("pubmeta: --workers and --chunk-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"pubmeta: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = ingest(
            args.paths,
            args.targets,
            args.out,
            rejects=args.rejects,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            format=args.source,
            overwrite=args.overwrite,
            progress=None if args.quiet else sys.stderr,
        )
    except PubmetaError as error:
        print(f"pubmeta: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_INVALID if summary.rejected else EXIT_OK


def _run_formats(_args: argparse.Namespace) -> int:
    for fmt in FORMATS.values():
        can = "/".join(w for w, ok in (("read", fmt.can_read), ("write", fmt.can_write)) if ok)
        print(f"{fmt.name:8} {can:11} {fmt.title} ({', '.join(fmt.suffixes)})")
        for entry in fmt.mapping:
            if entry.fidelity is not Fidelity.CARRIED or fmt.name != "pubmeta":
                note = f" - {entry.note}" if entry.note else ""
                print(f"    {entry.field:24} {entry.fidelity.value:8} {entry.target}{note}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _run_validate(args)
        if args.command == "convert":
            return _run_convert(args)
        if args.command == "ingest":
            return _run_ingest(args)
        if args.command == "schema":
            sys.stdout.write(render_schema())
            return EXIT_OK
        if args.command == "formats":
            return _run_formats(args)
    except KeyboardInterrupt:
        print("pubmeta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
