"""BibTeX syntax: entries, ``@string`` macros, ``#`` concatenation, ``@comment`` and
``@preamble``; each entry with the line it starts on. Field values keep their braces (they
carry meaning: case protection, organisation names); :mod:`.latex` turns them into text.

Text outside entries is a comment, as BibTeX itself treats it. ``%`` starts a comment to the end
of its line, as biber (biblatex's reader) reads it: between the tokens of an entry (a field
commented out, a line of notes between two pieces joined by ``#``) and before an ``@`` outside
entries (an entry or ``@string`` commented out); inside a braced or quoted value it is text.
BibTeX itself knows no such comment, so it stops at the first one inside an entry and reads a
commented-out entry; what the file's author meant is biber's reading. A malformed entry is
reported at its line and skipped to the next ``@`` at the start of a line; the others are
still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .mapping import MONTH_NAMES, MONTHS

_AT = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])")
_NAME = re.compile(r"[^\s\"#%'(),={}]+")
#: Space between tokens, and comments from '%' to the end of their line.
_SPACE = re.compile(r"(?:[ \t\r\n]+|%[^\n]*)*")
_NEXT_ENTRY = re.compile(r"^[ \t]*@", re.MULTILINE)
#: A line inside a braced value that reads as the start of a field or an entry: the brace was
#: left open by mistake (a value holding one is what a missing '}' makes, not what people write).
#: (The writer groups the first character of a paragraph that would start such a line.)
OPENS_A_FIELD_OR_ENTRY = re.compile(
    r"[ \t]*(?:[A-Za-z][\w-]*[ \t]*=[ \t]*(?:[{\"]|\w+[ \t]*,)|@[ \t]*[A-Za-z][\w-]*[ \t]*[{(])"
)
_FIELD_OR_ENTRY_LINE = re.compile(r"\n" + OPENS_A_FIELD_OR_ENTRY.pattern)


@dataclass
class Entry:
    type: str  # lower-case
    key: str | None
    line: int
    #: field name (lower-case) -> raw value (braces kept, macros expanded, pieces joined)
    fields: dict[str, str] = field(default_factory=dict)
    #: field name -> line it starts on
    lines: dict[str, int] = field(default_factory=dict)
    repeated: list[str] = field(default_factory=list)
    undefined_macros: list[str] = field(default_factory=list)


@dataclass
class Problem:
    message: str
    line: int
    column: int


class _Malformed(Exception):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.macros: dict[str, str] = dict(zip(MONTHS, MONTH_NAMES, strict=True))
        self._line_starts: list[int] | None = None

    def place(self, position: int) -> tuple[int, int]:
        if self._line_starts is None:
            starts = [0]
            starts.extend(m.end() for m in re.finditer("\n", self.text))
            self._line_starts = starts
        import bisect

        index = bisect.bisect_right(self._line_starts, position) - 1
        return index + 1, position - self._line_starts[index] + 1

    def skip_space(self, position: int) -> int:
        match = _SPACE.match(self.text, position)
        return match.end() if match else position

    def braced(self, position: int) -> tuple[str, int]:
        """The text inside balanced braces starting at ``position`` (a '{'), and the end."""
        depth = 0
        text = self.text
        index = position
        while index < len(text):
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return text[position + 1 : index], index + 1
            index += 1
        raise _Malformed("a '{' is never closed", position)

    def quoted(self, position: int) -> tuple[str, int]:
        depth = 0
        text = self.text
        index = position + 1
        while index < len(text):
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    raise _Malformed("a '}' closes nothing inside a quoted value", index)
            elif char == '"' and depth == 0:
                return text[position + 1 : index], index + 1
            index += 1
        raise _Malformed("a '\"' is never closed", position)

    def value(self, position: int, entry: Entry | None) -> tuple[str, int]:
        """A field value: pieces joined by '#' (braced, quoted, numbers, macros)."""
        pieces: list[str] = []
        while True:
            position = self.skip_space(position)
            if position >= len(self.text):
                raise _Malformed("the entry ends inside a value", position)
            char = self.text[position]
            if char == "{":
                opening = position
                piece, position = self.braced(position)
                if _FIELD_OR_ENTRY_LINE.search(piece):
                    raise _Malformed("a '{' is not closed before the next field or entry", opening)
            elif char == '"':
                piece, position = self.quoted(position)
            else:
                match = _NAME.match(self.text, position)
                if not match:
                    raise _Malformed(f"a value cannot start with {char!r}", position)
                word = match.group()
                position = match.end()
                if word.isdigit():
                    piece = word
                elif word.lower() in self.macros:
                    piece = self.macros[word.lower()]
                else:
                    piece = word
                    if entry is not None:
                        entry.undefined_macros.append(word)
            pieces.append(piece)
            position = self.skip_space(position)
            if position < len(self.text) and self.text[position] == "#":
                position += 1
                continue
            return "".join(pieces), position

    def body(self, kind: str, start: int, opening: str, line: int) -> tuple[Entry | None, int]:
        closing = "}" if opening == "{" else ")"
        position = self.skip_space(start)
        if kind == "string":
            match = _NAME.match(self.text, position)
            if not match:
                raise _Malformed("@string without a macro name", position)
            name = match.group().lower()
            position = self.skip_space(match.end())
            if position >= len(self.text) or self.text[position] != "=":
                raise _Malformed("@string without '='", position)
            value, position = self.value(position + 1, None)
            self.macros[name] = value
            position = self.skip_space(position)
            return None, self._close(position, closing)
        entry = Entry(kind, None, line)
        # the key, unless the entry starts with a field (some exporters leave the key out)
        match = re.compile(r"[^\s,=" + re.escape(closing) + r"]*").match(self.text, position)
        assert match is not None
        after = self.skip_space(match.end())
        if after < len(self.text) and self.text[after] == "=":
            pass  # no key: this is the first field's name
        else:
            entry.key = match.group() or None
            position = after
            if position < len(self.text) and self.text[position] == ",":
                position += 1
        while True:
            position = self.skip_space(position)
            if position < len(self.text) and self.text[position] == closing:
                return entry, position + 1
            match = _NAME.match(self.text, position)
            if not match:
                if position >= len(self.text):
                    raise _Malformed("the entry is never closed", start)
                raise _Malformed(
                    f"a field name cannot start with {self.text[position]!r}", position
                )
            name = match.group().lower()
            field_start = position
            position = self.skip_space(match.end())
            if position >= len(self.text) or self.text[position] != "=":
                raise _Malformed(f"the field '{name}' has no '='", position)
            value, position = self.value(position + 1, entry)
            if name in entry.fields:
                entry.repeated.append(name)
            else:
                entry.fields[name] = value
                entry.lines[name] = self.place(field_start)[0]
            position = self.skip_space(position)
            if position < len(self.text) and self.text[position] == ",":
                position += 1
            elif position < len(self.text) and self.text[position] != closing:
                raise _Malformed(f"a ',' is missing after the field '{name}'", position)

    def _close(self, position: int, closing: str) -> int:
        if position < len(self.text) and self.text[position] == closing:
            return position + 1
        raise _Malformed(f"'{closing}' expected", position)


def entries(text: str) -> tuple[list[Entry], list[Problem]]:
    """Every entry of a BibTeX document, and the problems of the entries that could not be
    read (each at its place)."""
    scanner = _Scanner(text)
    found: list[Entry] = []
    problems: list[Problem] = []
    silent: set[str] = set()  # commands the preamble defines to print nothing
    position = 0
    while True:
        at = text.find("@", position)
        if at < 0:
            break
        if _in_line_comment(text, position, at):
            end = text.find("\n", at)
            position = len(text) if end < 0 else end + 1
            continue
        match = _AT.match(text, at)
        if not match:
            position = at + 1
            continue
        kind = match.group(1).lower()
        line = scanner.place(at)[0]
        try:
            if kind == "comment":
                position = _skip_comment(scanner, match)
                continue
            if kind == "preamble":
                position = _skip_preamble(scanner, match)
                silent.update(_silent_commands(text[match.end() : position]))
                continue
            entry, position = scanner.body(kind, match.end(), match.group(2), line)
        except _Malformed as error:
            where = scanner.place(error.position)
            problems.append(Problem(f"@{kind} at line {line}: {error.message}", *where))
            following = _NEXT_ENTRY.search(text, match.end())
            position = following.start() if following else len(text)
            continue
        if entry is not None:
            found.append(entry)
    if silent:
        for entry in found:
            entry.fields = {k: _drop_silent(v, silent) for k, v in entry.fields.items()}
    return found, problems


def _in_line_comment(text: str, start: int, at: int) -> bool:
    """Whether the '@' at ``at`` follows a '%' on its own line, outside any entry (the text
    from ``start``, where the last entry ended, is outside entries)."""
    line_start = text.rfind("\n", start, at) + 1
    return "%" in text[max(line_start, start) : at]


#: A command the preamble defines to print nothing of its one argument ('\newcommand{\noopsort}
#: [1]{}', '\def\noopsort#1{}'): files use it to sort ('{\noopsort{1973b}}1973').
_SILENT_COMMAND = re.compile(
    r"\\(?:re)?(?:newcommand|providecommand)\*?\s*\{?\s*\\([A-Za-z]+)\s*\}?\s*\[1\]\s*\{\s*\}"
    r"|\\def\s*\\([A-Za-z]+)\s*#1\s*\{\s*\}"
)


def _silent_commands(preamble: str) -> set[str]:
    return {a or b for a, b in _SILENT_COMMAND.findall(preamble)}


def _drop_silent(value: str, names: set[str]) -> str:
    """The value without each use of a silent command and its braced argument."""
    pattern = re.compile(r"\\(?:" + "|".join(sorted(names)) + r")(?![A-Za-z])\s*(?=\{)")
    while match := pattern.search(value):
        depth, index = 0, match.end()
        while index < len(value):
            depth += {"{": 1, "}": -1}.get(value[index], 0)
            index += 1
            if depth == 0:
                break
        value = value[: match.start()] + value[index:]
    return value


def _skip_preamble(scanner: _Scanner, match: re.Match[str]) -> int:
    """The end of a ``@preamble`` block: LaTeX for the document, not a record, so whatever it
    holds (nested braces, bare commands, quoted pieces joined by '#') costs nothing but itself:
    its balanced braces (or parentheses) are skipped, and an unbalanced one skips to the next
    entry at the start of a line."""
    text = scanner.text
    opening = match.end() - 1
    closing = "}" if match.group(2) == "{" else ")"
    depth = 0
    index = opening
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == match.group(2) or (closing == ")" and char == "{"):
            depth += 1
        elif char == closing or (closing == ")" and char == "}"):
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    following = _NEXT_ENTRY.search(text, match.end())
    return following.start() if following else len(text)


def _skip_comment(scanner: _Scanner, match: re.Match[str]) -> int:
    if match.group(2) == "{":
        try:
            return scanner.braced(match.end() - 1)[1]
        except _Malformed:
            pass
    end = scanner.text.find("\n", match.end())
    return len(scanner.text) if end < 0 else end + 1
