"""``pubmeta --version`` and ``pubmeta --help`` answered without building the parser.

Importing argparse (with the ``re`` it needs) costs about as much as starting the interpreter,
so a lone ``--version`` is answered here, and a lone ``--help`` prints the parser's own help
text, rendered by argparse once and kept in the user's cache folder (:mod:`pubmeta.cache`).
The kept text is only used where argparse would print the very same: its name holds everything
the rendering depends on (pubmeta's version, Python's, the terminal width, whether the output
is a terminal and the colour settings newer Pythons obey, and the state of the files that
define the parser). A kept file that is unreadable or not pubmeta's help is rendered again;
without a cache folder the parser answers as before: the cache is never needed.
"""

from __future__ import annotations

import os
import sys

from ..cache import cache_folder, digest, file_states, keep, read_kept

_HELP = ("-h", "--help")
# What argparse's rendering depends on besides the terminal width (Python 3.14 colours help)
_COLOUR_SETTINGS = ("NO_COLOR", "FORCE_COLOR", "PYTHON_COLORS", "TERM")
_HEAD = "usage: pubmeta"


def answer(argv: list[str], version: str) -> bool:
    """Whether the arguments were a lone --version or --help answered here (printed)."""
    if len(argv) != 1:
        return False
    if argv[0] == "--version":
        sys.stdout.write(f"pubmeta {version}\n")
        return True
    if argv[0] not in _HELP:
        return False
    kept = _kept_help(version)
    if kept is None:
        return False
    text = read_kept(kept)
    if text is None or not (text.startswith(_HEAD) and text.endswith("\n")):
        from .parser import build  # absent or not pubmeta's help: rendered and kept anew

        text = build(version).format_help()
        keep(kept, text)
    sys.stdout.write(text)
    return True


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


def _kept_help(version: str) -> str | None:
    folder = cache_folder()
    if folder is None:
        return None
    here = os.path.dirname(os.path.abspath(__file__))
    sources = [
        os.path.join(here, "parser.py"),
        os.path.join(os.path.dirname(here), "formats", "registry.py"),
    ]
    try:
        terminal = sys.stdout.isatty()
    except (AttributeError, ValueError):
        terminal = False
    settings = "|".join(os.environ.get(name, "") for name in _COLOUR_SETTINGS)
    key = f"{version}|{sys.version}|{_columns()}|{terminal}|{settings}|{file_states(sources)}"
    return os.path.join(folder, f"help-{digest(key)}.txt")
