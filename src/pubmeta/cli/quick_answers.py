"""``pubmeta --version`` answered without building the parser.

Importing argparse (with the ``re`` it needs) costs about as much as starting the interpreter,
so a lone ``--version`` is answered here. Nothing is kept on disk: ``--help`` is the parser's
own, rendered each time (a kept copy in the user's cache was a file anyone who can write there
could change what the command prints).
"""

from __future__ import annotations

import sys


def answer(argv: list[str], version: str) -> bool:
    """Whether the arguments were a lone --version answered here (printed)."""
    if argv != ["--version"]:
        return False
    sys.stdout.write(f"pubmeta {version}\n")
    return True
