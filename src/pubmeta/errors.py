"""The exceptions pubmeta raises to its callers.

Every error a caller can see is a :class:`PubmetaError`, so ``except pubmeta.PubmetaError``
is enough to keep a traceback away from a person.
"""

from __future__ import annotations


class PubmetaError(Exception):
    """Base of every error pubmeta raises on purpose."""


class FormatError(PubmetaError):
    """The input is not a readable document of the expected format.

    ``line`` and ``column`` are 1-based where the reader knows the place.
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


class UnwritableRecordError(PubmetaError):
    """A record holds what the target format cannot express (e.g. an XML-forbidden character)."""


class InvalidRecordError(PubmetaError):
    """A record failed validation; ``issues`` says where and why."""

    def __init__(self, message: str, issues: list[object]) -> None:
        super().__init__(message)
        self.issues = issues
