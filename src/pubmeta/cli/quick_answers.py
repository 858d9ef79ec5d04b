"""``pubmeta --version`` and ``pubmeta --help`` answered without building the parser.

Importing argparse (with the ``re`` it needs) costs about as much as starting the interpreter,
so a lone ``--version`` is answered here, and a lone ``--help`` prints the parser's own help
text, rendered by argparse once and kept in the user's cache folder. The cached text is only
used where argparse would print the very same: its name holds everything the rendering
depends on (pubmeta's version, Python's, the terminal width, whether the output is a terminal
and the colour settings newer Pythons obey, and the state of the files that define the
parser). Anything unusual (no cache folder, an unreadable or foreign file) lets the parser
answer as before; the cache is never needed.
"""

from __future__ import annotations

import os
import sys

# os.path, not pathlib: pathlib's imports alone cost a third of the interpreter's start

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
    cached = _cache_file(version)
    if cached is None:
        return False
    try:
        with open(cached, encoding="utf-8") as kept:
            text = kept.read()
    except (OSError, UnicodeDecodeError):
        text = _render_and_keep(cached, version)
    if not (text.startswith(_HEAD) and text.endswith("\n")):
        return False
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


def _cache_file(version: str) -> str | None:
    named = os.environ.get("PUBMETA_CACHE_DIR")
    if named:
        folder = named
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        if base.startswith("~"):  # no home directory to find
            return None
        folder = os.path.join(base, "pubmeta")
    here = os.path.dirname(os.path.abspath(__file__))
    parser = os.path.join(here, "parser.py")
    registry = os.path.join(os.path.dirname(here), "formats", "registry.py")
    try:
        sources = [os.stat(parser), os.stat(registry)]
    except OSError:
        return None
    try:
        terminal = sys.stdout.isatty()
    except (AttributeError, ValueError):
        terminal = False
    settings = "|".join(os.environ.get(name, "") for name in _COLOUR_SETTINGS)
    key = f"{version}|{sys.version}|{_columns()}|{terminal}|{settings}|" + "|".join(
        f"{s.st_mtime_ns}:{s.st_size}" for s in sources
    )
    return os.path.join(folder, f"help-{_digest(key)}.txt")


def _digest(text: str) -> str:
    from zlib import adler32, crc32  # built into the interpreter: no import cost to speak of

    data = text.encode("utf-8")
    return f"{crc32(data):08x}{adler32(data):08x}"


def _render_and_keep(cached: str, version: str) -> str:
    """The parser's help text, kept for the next time (if the cache folder can be written)."""
    from .parser import build

    text = build(version).format_help()
    try:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        partial = f"{cached}.{os.getpid()}.tmp"
        with open(partial, "w", encoding="utf-8") as kept:
            kept.write(text)
        os.replace(partial, cached)  # whole or not at all, even with runs side by side
    except OSError:
        pass
    return text
