"""What whitespace and which characters are content: one rule for the model and every reader.

A record's text is what a person reads, so the stored form is canonical:

- surrounding whitespace is never content (" Title " is "Title");
- in one-line text (titles, names, places, identifiers...) layout whitespace, a run holding a tab
  or a line break, is one space, as every XML reader and citation processor reads it;
- multi-paragraph text (abstracts, licence statements) is paragraphs separated by one blank
  line, each paragraph one line;
- control characters that XML 1.0 cannot hold (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F,
  U+FFFE, U+FFFF, lone surrogates) are not text: no format could carry them, so the model and
  the schema refuse them.

Other spaces (no-break, thin, ideographic) are content and stay as they are.
"""

from __future__ import annotations

import re

#: Whitespace spelled out: "\s" means different things to Python's re (used by JSON Schema
#: validators) and Rust's regex (used by pydantic), so shared patterns never use it.
WHITESPACE = r" \t\n\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Characters XML 1.0 cannot hold (escaped or not), without surrogates: pydantic refuses
#: those itself, and Rust's regex cannot name them.
FORBIDDEN_CHARACTERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
#: The same for Python and ECMA-262 regexes, which see surrogates.
FORBIDDEN_CHARACTERS_WITH_SURROGATES = FORBIDDEN_CHARACTERS + r"\ud800-\udfff"

VISIBLE = f"[^{WHITESPACE}{FORBIDDEN_CHARACTERS}]"
#: A text: at least one visible character and no forbidden one.
TEXT_PATTERN = (
    f"^[^{FORBIDDEN_CHARACTERS}]*[^{FORBIDDEN_CHARACTERS}{WHITESPACE}][^{FORBIDDEN_CHARACTERS}]*$"
)


def schema_pattern(pattern: str) -> str:
    """A model pattern as the published schema states it: surrogates forbidden too (JSON can
    escape them; pydantic refuses them before any pattern, and Rust's regex cannot name them)."""
    return pattern.replace(FORBIDDEN_CHARACTERS, FORBIDDEN_CHARACTERS_WITH_SURROGATES)


FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARACTERS_WITH_SURROGATES}]")
_LAYOUT = re.compile(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def collapse(text: str) -> str:
    """Layout whitespace (a run holding a line break or tab) becomes one space; surrounding
    spaces, tabs and line breaks go. Other spaces, no-break spaces included, are content."""
    if "\n" in text or "\t" in text or "\r" in text:
        text = _LAYOUT.sub(" ", text)
    return text.strip(" \t\r\n")


_MARKUP_SPACE = re.compile(r"[ \t\r\n]+")


def squeeze(text: str) -> str:
    """Text taken out of markup (XML, HTML, LaTeX), where each run of spaces, tabs and line
    breaks reads as one space: one space each, none at the ends. No-break and other spaces
    are content, as in :func:`collapse`."""
    return _MARKUP_SPACE.sub(" ", text).strip(" ")


def one_line(text: str) -> str:
    """The stored form of one-line text (the model's normaliser)."""
    if "\n" in text or "\t" in text or "\r" in text:
        return _LAYOUT.sub(" ", text).strip()
    return text


def paragraphs(text: str) -> str:
    """The stored form of multi-paragraph text: paragraphs split at blank lines, each collapsed
    to one line, joined by one blank line."""
    if "\n" not in text and "\t" not in text and "\r" not in text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = (collapse(p) for p in _BLANK_LINE.split(text))
    return "\n\n".join(p for p in parts if p)


#: Characters some line readers (str.splitlines) take for line breaks: escaped in JSON Lines,
#: where they can only occur inside strings, so a line is always one record.
JSON_LINE_BREAKS = str.maketrans(
    {
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
        "\x85": "\\u0085",
        "\x1c": "\\u001c",
        "\x1d": "\\u001d",
        "\x1e": "\\u001e",
        "\x0b": "\\u000b",
        "\x0c": "\\u000c",
    }
)


def full_title(title: str, subtitle: str | None) -> str:
    """A title with its subtitle, as a format with one title field writes it: "Title:
    Subtitle" (the title alone when there is no subtitle)."""
    return f"{title}: {subtitle}" if subtitle else title


def count(text: str) -> int | None:
    """A count as printed ("123", " 1,234 ") as a number; None when the text is not one a
    record could hold (a reader then hands the text on: the record refuses it and keeps it as
    a note)."""
    digits = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    return int(digits) if digits.isdigit() and len(digits) <= 18 else None


def has_forbidden(text: str) -> bool:
    return FORBIDDEN.search(text) is not None
