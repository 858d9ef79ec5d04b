"""How findings reach the person or program that runs ``pubmeta``: one reporter per output
format. Text is one line per finding, printed as it is found, with control characters escaped
(a file name or a value could otherwise move the cursor or recolour the terminal); JSON is one
object with the run's status, counts, the paths checked and the findings, in valid UTF-8
whatever bytes the file names hold."""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

from ..diagnostics import Issue
from .exits import EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE

__all__ = ["EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "EXIT_USAGE"]
STATUS = {
    EXIT_OK: "valid",
    EXIT_INVALID: "invalid",
    EXIT_USAGE: "error",
    EXIT_INTERNAL: "internal-error",
}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """Control characters (and bytes of a file name that were not UTF-8) as visible escapes."""
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}"
        ),
        text,
    )


def clean(value: Any) -> Any:
    """A value safe to print as JSON: strings with lone surrogates (undecodable file names)
    escaped, so the output is valid UTF-8."""
    if isinstance(value, str):
        return (
            value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            if _has_surrogate(value)
            else value
        )
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


class Reporter:
    """Collects the run's findings and says them; ``status`` is the exit code so far."""

    def __init__(
        self, quiet_warnings: bool = False, out: TextIO | None = None, err: TextIO | None = None
    ) -> None:
        self.quiet_warnings = quiet_warnings
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.status = EXIT_OK
        self.errors = 0
        self.warnings = 0
        self.files = 0
        self.records = 0
        self.checked: list[str] = []
        self.broken_pipe = False

    def raise_status(self, code: int) -> None:
        self.status = max(self.status, code)

    def file(self, path: str) -> None:
        self.files += 1
        self.checked.append(path)

    def finding(self, issue: Issue) -> None:
        if issue.is_error:
            self.errors += 1
            self.raise_status(EXIT_INTERNAL if issue.rule == "internal-error" else EXIT_INVALID)
        else:
            self.warnings += 1
        if issue.is_error or not self.quiet_warnings:
            self.show(issue)

    def show(self, issue: Issue) -> None:
        raise NotImplementedError

    def note(self, text: str) -> None:
        raise NotImplementedError

    def _write(self, stream: TextIO, text: str) -> None:
        if self.broken_pipe and stream is self.out:
            return
        try:
            stream.write(text)
            stream.flush()
        except BrokenPipeError:
            # the reader went away: keep checking (the exit code still tells), stop printing
            self.broken_pipe = True

    def finish(self, summary: str = "") -> int:
        raise NotImplementedError


class TextReporter(Reporter):
    def show(self, issue: Issue) -> None:
        self._write(self.out, printable(issue.format()) + "\n")

    def note(self, text: str) -> None:
        self._write(self.err, printable(text) + "\n")

    def finish(self, summary: str = "") -> int:
        if summary:
            self.note(summary)
        return self.status


class JsonReporter(Reporter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.findings: list[dict[str, Any]] = []
        self.extra: dict[str, Any] = {}

    def show(self, issue: Issue) -> None:
        self.findings.append(issue.to_dict())

    def note(self, text: str) -> None:
        self.extra.setdefault("notes", []).append(text)

    def finish(self, summary: str = "") -> int:
        document = {
            "status": STATUS.get(self.status, "error"),
            "exit_code": self.status,
            "files": self.files,
            "records": self.records,
            "errors": self.errors,
            "warnings": self.warnings,
            "checked": self.checked,
            **self.extra,
            "findings": self.findings,
        }
        self._write(self.out, json.dumps(clean(document), ensure_ascii=False, indent=2) + "\n")
        return self.status


class JsonArrayReporter(JsonReporter):
    """``validate --output json``, the first release's form: the findings alone, as an array."""

    def finish(self, summary: str = "") -> int:
        text = json.dumps(clean(self.findings), ensure_ascii=False, indent=2)
        self._write(self.out, text + "\n")
        return self.status


def reporter(
    output_format: str, quiet_warnings: bool = False, out: TextIO | None = None
) -> Reporter:
    """The reporter for ``--output-format``; ``out`` is where findings go (standard output,
    or standard error when standard output carries a document)."""
    kinds: dict[str, type[Reporter]] = {"json": JsonReporter, "json-array": JsonArrayReporter}
    kind = kinds.get(output_format, TextReporter)
    return kind(quiet_warnings, out)
