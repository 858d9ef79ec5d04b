"""The user's cache folder: results worth keeping between runs of the command (the rendered
help text, the check-only validator's schema). Nothing here is ever needed: a folder that
cannot be found, read or written only means the work is done again.

``os.path``, not pathlib: these run before anything else when the command starts, and
pathlib's own imports cost a third of the interpreter's start.
"""

from __future__ import annotations

import os


def cache_folder() -> str | None:
    """``PUBMETA_CACHE_DIR``, else ``$XDG_CACHE_HOME/pubmeta``, else ``~/.cache/pubmeta``."""
    named = os.environ.get("PUBMETA_CACHE_DIR")
    if named:
        return named
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    if base.startswith("~"):  # no home directory to find
        return None
    return os.path.join(base, "pubmeta")


def digest(text: str) -> str:
    """A short name for a key (not a security measure: the folder is the user's own)."""
    from zlib import adler32, crc32  # built into the interpreter

    data = text.encode("utf-8")
    return f"{crc32(data):08x}{adler32(data):08x}"


def file_states(paths: list[str]) -> str:
    """The size and modification time of each file: a changed or reinstalled file changes it."""
    states = []
    for path in paths:
        try:
            state = os.stat(path)
        except OSError:
            states.append(f"{path}:absent")
            continue
        states.append(f"{path}:{state.st_mtime_ns}:{state.st_size}")
    return "|".join(states)


def read_kept(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as kept:
            return kept.read()
    except (OSError, UnicodeDecodeError):
        return None


def keep(path: str, text: str) -> None:
    """Writes the file whole or not at all (runs side by side may keep the same file)."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        partial = f"{path}.{os.getpid()}.tmp"
        with open(partial, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(partial, path)
    except OSError:
        pass
