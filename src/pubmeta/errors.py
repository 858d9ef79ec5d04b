"""The exceptions pubmeta raises to its callers.

Every error a caller can see is a :class:`PubmetaError`, so ``except pubmeta.PubmetaError``
is enough to keep a traceback away from a person. Messages say what to do in library terms
(``format=``), never in terms of a command-line flag.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: the command starts faster
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from .diagnostics import Issue


class PubmetaError(Exception):
    """Base of every error pubmeta raises on purpose.

    A message that names a setting of the caller (``overwrite``) holds it as a placeholder
    (``{overwrite}``) and ``settings`` gives the library's spelling of each (``overwrite=True``):
    ``str(error)`` says it the library's way, and a front end with spellings of its own (the
    command line's flags) renders the same message with :meth:`spelled`.
    """

    def __init__(self, message: str = "", *, settings: Mapping[str, str] | None = None) -> None:
        self.template = message
        self.settings = dict(settings or {})
        super().__init__(self.spelled({}))

    def spelled(self, spellings: Mapping[str, str]) -> str:
        """The message with each setting it names spelled as ``spellings`` says (the
        library's spelling for any it does not name)."""
        text = self.template
        for name, library in self.settings.items():
            text = text.replace(f"{{{name}}}", spellings.get(name, library))
        return text


class ArgumentTypeError(PubmetaError, TypeError):
    """An argument of the wrong type (a dict where a Publication is needed, ...)."""


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
    """A writer needs an option that was not given (e.g. the depositor of a Crossref deposit).

    ``format_name`` and ``options`` say which, so a front end can name its own way of giving
    them; ``example`` is how a library caller gives one, a :meth:`str.format` template of
    ``format`` and ``option`` (a keyword of ``pubmeta.write`` unless the raiser says otherwise).
    """

    def __init__(
        self, format_name: str, options: Sequence[str], example: str | None = None
    ) -> None:
        names = ", ".join(options)
        said = (example or "pubmeta.write(records, {format!r}, {option}=...)").format(
            format=format_name, option=options[0]
        )
        super().__init__(f"the {format_name} writer needs the option(s) {names}: e.g. {said}")
        self.format_name = format_name
        self.options = list(options)
        self.example = example

    def __reduce__(self) -> tuple[type[MissingOptionError], tuple[str, list[str], str | None]]:
        return type(self), (self.format_name, self.options, self.example)


class InvalidRecordError(PubmetaError):
    """A record failed validation; ``issues`` says where and why."""

    def __init__(self, message: str, issues: Sequence[Issue]) -> None:
        super().__init__(message)
        self.issues: list[Issue] = list(issues)


class IngestError(PubmetaError):
    """An ingest cannot start or finish (bad target, output folder in use, no workers left...)."""


class CiteError(PubmetaError):
    """A reference cannot be formatted: an unknown style or locale, a style file that is not
    CSL, or citeproc-js's JavaScript engine is not installed."""
