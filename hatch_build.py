"""Wheel build step: the official CSL styles and locales go into the built package.

The repository holds no copy of them: they are read, at build time, from the official files in
the shared standards folder (``$PUBMETA_SHARED/standards/csl-styles``, by default
``../shared/standards/csl-styles`` beside the checkout), each checked against the official
SHA256SUMS listed there, and placed in the wheel at ``pubmeta/citation/csl/``. A file whose
checksum differs stops the build: what ships is unmodified or not at all. Without the folder
the wheel is built without them and ``pubmeta cite`` says where it looked
(``PUBMETA_CSL_STYLES`` names a folder of them at run time).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: Where the files go inside the wheel.
TARGET = "pubmeta/citation/csl"


def shipped_files(folder: Path) -> dict[str, str]:
    """The official files to ship (relative path -> SHA-256): the independent styles at the top
    of ``styles/`` and the locales, as SHA256SUMS lists them."""
    listed: dict[str, str] = {}
    for line in (folder / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, _, name = line.strip().partition("  ")
        name = name.strip().lstrip("*")
        parts = name.split("/")
        if (parts[0] == "styles" and len(parts) == 2 and name.endswith(".csl")) or (
            parts[0] == "locales" and len(parts) == 2 and name.endswith(".xml")
        ):
            listed[name] = digest.lower()
    return listed


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads them where they lie (pubmeta.citation)
        shared = Path(os.environ.get("PUBMETA_SHARED", Path(self.root).parent / "shared"))
        folder = shared / "standards" / "csl-styles"
        if not (folder / "SHA256SUMS").is_file():
            print(
                f"pubmeta build: no official CSL styles at {folder}; the wheel is built without "
                "them (set PUBMETA_SHARED to include them)",
                file=sys.stderr,
            )
            return
        for name, digest in shipped_files(folder).items():
            source = folder / name
            actual = hashlib.sha256(source.read_bytes()).hexdigest()
            if actual != digest:
                raise RuntimeError(
                    f"{source} is not the official file (SHA-256 {actual}, SHA256SUMS says "
                    f"{digest}): refusing to ship a modified style or locale"
                )
            build_data["force_include"][str(source)] = f"{TARGET}/{name}"
