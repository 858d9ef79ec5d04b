"""The exceptions pubmeta raises to its callers.

Every error a caller can see is a :class:`PubmetaError`, so ``except pubmeta.PubmetaError``
is enough to keep a traceback away from a person. Messages say what to do in library terms
(``format=``), never in terms of a command-line flag.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: the command starts faster
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


class PubmetaError(Exception):
    """Base of every error pubmeta raises on purpose."""


class FormatError(PubmetaError):
    """The input is not a readable document of the expected format.

    ``line`` and ``column`` are 1-based where the reader knows the place; ``rule`` is the
    diagnostics rule id (see :data:`pubmeta.diagnostics.RULES`).
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        rule: str = "format",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.rule = rule

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}, column {self.column or 1}: {self.message}"


class UnknownFormatError(PubmetaError):
    """A format name or a document whose format cannot be told."""


class SourceUnreadableError(PubmetaError):
    """The file could not be opened or read (an I/O error, not a content problem)."""


class WriteError(PubmetaError):
    """The records cannot be written as asked (too many for a one-record format, ...)."""


class UnwritableRecordError(WriteError):
    """A record holds what the target format cannot express."""


class OptionError(WriteError):
    """A writer option is unknown or has a value the writer cannot use."""


class MissingOptionError(OptionError):
    """A writer needs an option that was not given (e.g. the depositor of a Crossref deposit)."""

    def __init__(self, format_name: str, options: Sequence[str]) -> None:
        names = ", ".join(options)
        super().__init__(
            f"the {format_name} writer needs the option(s) {names}: --option {options[0]}=... "
            f"on the command line, pubmeta.write(records, {format_name!r}, {options[0]}=...) "
            "in Python"
        )
        self.options = list(options)


class InvalidRecordError(PubmetaError):
    """A record failed validation; ``issues`` says where and why."""

    def __init__(self, message: str, issues: Sequence[Any]) -> None:
        super().__init__(message)
        self.issues = list(issues)


class IngestError(PubmetaError):
    """An ingest cannot start or finish (bad target, output folder in use, no workers left...)."""


class CiteError(PubmetaError):
    """A reference cannot be formatted: an unknown style or locale, a style file that is not
    CSL, or citeproc-js's JavaScript engine is not installed."""
