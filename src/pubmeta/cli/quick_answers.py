"""``pubmeta --version`` and ``pubmeta --help`` answered without building the parser.

Importing argparse (with the ``re`` it needs) and building the parser cost about as much as
starting the interpreter, and a pre-commit user pays for it on every commit. So a lone
``--version`` is answered here, and so is a lone ``--help`` on a terminal at least
``HELP_COLUMNS`` wide (or none), where argparse's text is the same whatever the width: it is
:data:`TOP_HELP`, which ``tests/test_cli_start.py`` holds to the parser's own rendering (a
command added to the parser fails that test until the text here says it too). Nothing is kept
on disk: a kept copy in the user's cache was a file anyone who can write there could change.
"""

from __future__ import annotations

import os
import sys

#: From this width on, the parser's top-level help no longer depends on the width.
HELP_COLUMNS = 80

TOP_HELP = """\
usage: pubmeta [-h] [--version] COMMAND ...

Read, validate, convert and cite scholarly publication metadata.

positional arguments:
  COMMAND
    validate  check records; exit 0 valid, 1 invalid, 2 I/O
    convert   convert one document to another format
    ingest    convert many records into every requested format, rejects apart
    cite      formatted references in a citation style
    schema    print the JSON Schema of the record
    formats   list formats and what they carry
    harvest   harvest an OAI-PMH endpoint into every requested format
    serve     serve records as an OAI-PMH 2.0 data provider

options:
  -h, --help  show this help message and exit
  --version   show program's version number and exit

Exit codes: 0 valid or done, 1 invalid or rejected, 2 usage or I/O, 3 bug.
"""


def answer(argv: list[str], version: str) -> bool:
    """Whether the arguments were a lone --version or --help answered here (printed)."""
    if argv == ["--version"]:
        sys.stdout.write(f"pubmeta {version}\n")
        return True
    if len(argv) == 1 and argv[0] in ("-h", "--help") and _help_is_plain():
        sys.stdout.write(TOP_HELP)
        return True
    return False


def _help_is_plain() -> bool:
    """argparse would print TOP_HELP: a wide enough terminal, and no colours (Python 3.14
    colours help on a terminal)."""
    if sys.version_info >= (3, 14) and _is_terminal():
        return False
    return _columns() >= HELP_COLUMNS


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _columns() -> int:
    """The width argparse formats for: shutil.get_terminal_size's columns, without shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80
