"""``pubmeta ingest``: many records into every target format, rejects apart."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from typing import Any

from ..errors import PubmetaError
from .reporters import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, clean, printable
from .spelling import said


def _options(given: list[str]) -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    for item in given:
        name, equals, value = item.partition("=")
        fmt, dot, option = name.partition(".")
        if not equals or not dot or not fmt or not option:
            raise ValueError(f"--option {item!r} is not FORMAT.NAME=VALUE")
        options.setdefault(fmt.strip(), {})[option.strip()] = value
    return options


def _exit_now_if_a_thread_would_hold_the_exit(code: int) -> None:
    """Leave at once when a worker pool's thread is still alive after the interrupt.

    The run is cleaned up by now (workers killed, the staging folder removed, the lock
    released), but on Linux CPython's process pool can leave its manager thread blocked: its
    call queue's feeder thread stays stuck writing a chunk to a pipe whose reader was killed
    (CPython gh-107219, unblocked on Windows only), and the interpreter joins that thread at
    exit, forever. An interrupted command must end, so it ends here, its output flushed."""
    others = [
        t
        for t in threading.enumerate()
        if t is not threading.main_thread() and t.is_alive() and not t.daemon
    ]
    if others:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def run(args: argparse.Namespace) -> int:
    from ..pipeline.run import ingest

    try:
        options = _options(args.option)
    except ValueError as error:
        print(f"pubmeta ingest: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    progress = None if args.quiet or args.output_format == "json" else sys.stderr
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
            format=args.source_format,
            overwrite=args.overwrite,
            progress=progress,
            options=options,
            record_seconds=args.record_timeout,
            strict=args.strict,
            resume=args.resume,
            handle_signals=True,
        )
    except KeyboardInterrupt:
        print(
            "pubmeta ingest: interrupted; nothing was kept, the output folder is as before",
            file=sys.stderr,
        )
        _exit_now_if_a_thread_would_hold_the_exit(130)
        return 130
    except PubmetaError as error:
        message = said(error, "ingest")
        if args.output_format == "json":
            print(
                json.dumps(clean({"status": "error", "exit_code": EXIT_USAGE, "message": message}))
            )
        else:
            print(f"pubmeta ingest: {printable(message)}", file=sys.stderr)
        return EXIT_USAGE
    code = EXIT_INTERNAL if summary.internal else EXIT_INVALID if summary.rejected else EXIT_OK
    if args.output_format == "json":
        status = {EXIT_OK: "done", EXIT_INVALID: "rejected", EXIT_INTERNAL: "internal-error"}[code]
        print(
            json.dumps(
                clean({"status": status, "exit_code": code, **summary.to_dict()}),
                ensure_ascii=False,
                indent=2,
            )
        )
    return code
