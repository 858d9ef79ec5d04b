"""The ``pubmeta`` command. Its options, output lines and exit codes are a contract that
scripts and pre-commit hooks rely on (see README): 0 valid or done, 1 invalid (or rejected
records), 2 usage or I/O error, 3 an internal error.

Each command's module is imported only when it runs; ``--help``, ``--version`` and argument
errors import neither a format nor the model, and a lone ``--version`` or ``--help`` not even
the parser (see quick_answers).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from .exits import EXIT_INTERNAL, EXIT_USAGE

_COMMANDS = {
    "validate": "validate",
    "convert": "convert",
    "ingest": "ingest",
    "cite": "cite",
    "schema": "info",
    "formats": "info",
    "harvest": "harvest",
    "serve": "serve",
}


def main(argv: Sequence[str] | None = None) -> int:
    from .. import __version__
    from .quick_answers import answer

    arguments = list(sys.argv[1:] if argv is None else argv)
    if answer(arguments, __version__):
        return 0
    from .parser import build

    args = build(__version__).parse_args(arguments)
    module = importlib.import_module(f"{__name__}.{_COMMANDS[args.command]}")
    from ..collector import bulk

    try:
        # the command owns its process while it runs: bulk mode (see pubmeta.collector)
        with bulk():
            code: int = module.run(args)
        return code
    except KeyboardInterrupt:
        print("pubmeta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_USAGE
    except Exception as error:  # the last line of defence: one line and exit 3
        import os
        import traceback

        print(
            f"pubmeta: internal error ({type(error).__name__}: {str(error)[:200]}); please "
            "report it (PUBMETA_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        if os.environ.get("PUBMETA_DEBUG"):
            traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
