"""The command line's own words for what a library error names: the library speaks of
``overwrite=True`` and ``pubmeta.write(..., depositor=...)``, the command of ``--overwrite``
and ``--option depositor=...`` (``--option crossref.depositor=...`` in ``ingest``)."""

from __future__ import annotations

from ..errors import MissingOptionError, PubmetaError

#: The settings library messages name (see PubmetaError.settings), as flags of the command
FLAGS = {"overwrite": "--overwrite"}


def said(error: PubmetaError, command: str) -> str:
    """The message of ``error`` in the spelling of ``pubmeta COMMAND``."""
    if isinstance(error, MissingOptionError):
        prefix = f"{error.format_name}." if command == "ingest" else ""
        flags = " ".join(f"--option {prefix}{name}=..." for name in error.options)
        return (
            f"the {error.format_name} writer needs the option(s) "
            f"{', '.join(error.options)}: {flags}"
        )
    return error.spelled(FLAGS)
