"""BibTeX values as text and text as BibTeX values.

Reading: LaTeX accents, symbols, ligatures and formatting commands become Unicode (through
pylatexenc, the LaTeX-to-text converter bibtexparser uses too); braces that only protect
capitals go. Values without LaTeX take a fast path. Writing: the characters LaTeX gives a
meaning (``& % $ # _ { } ~ ^ \\``) and ligatures (``--``, ``` `` ```, ``''``) are escaped, so
what is written reads back as the same text, and words whose capitals must survive a style's
case change are braced.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Anything that needs the LaTeX converter; other values only lose their braces.
_LATEX = re.compile(r"[\\$~]|--|``|''|[?!]`")
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
_UNESCAPED_TILDE = re.compile(r"(?<![\\])~")
_URL_COMMAND = re.compile(r"\\url\s*\{([^{}]*)\}")
_HREF_COMMAND = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SPACES = re.compile(r"[ \t\r\n]+")


@lru_cache(maxsize=1)
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", keep_comments=False, strict_latex_spaces=True)


#: The escapes :func:`escape` writes; a value with no other LaTeX is decoded without the
#: converter (which reads some of them as other characters: '^' as a modifier letter).
_OWN_ESCAPE = re.compile(
    r"\\(?:textbackslash|textasciitilde|textasciicircum|textbraceleft|textbraceright)\{\}"
    r"|\\[{}&%$#_]|[{}]"
)
_OWN_VALUES = {
    "\\textbackslash{}": "\\",
    "\\textasciitilde{}": "~",
    "\\textasciicircum{}": "^",
    "\\textbraceleft{}": "{",
    "\\textbraceright{}": "}",
}


def _own(match: re.Match[str]) -> str:
    token = match.group()
    if len(token) == 1:
        return ""  # a brace that groups or protects
    return _OWN_VALUES.get(token, token[1:])


def unescape_own(value: str) -> str:
    """A value with the escapes :func:`escape` writes undone and its braces removed (for
    verbatim fields such as a DOI, which must not go through the LaTeX converter)."""
    return _OWN_ESCAPE.sub(_own, value)


def to_text(value: str) -> str:
    """The text a BibTeX value stands for, on one line."""
    if _LATEX.search(value) is None:
        text = value.replace("{", "").replace("}", "")
    elif _LATEX.search(_OWN_ESCAPE.sub(" ", value)) is None:
        text = _OWN_ESCAPE.sub(_own, value)
    else:
        # '%' is a literal in .bib values (BibTeX has no comments inside values); '~' a space
        prepared = _UNESCAPED_PERCENT.sub(r"\\%", value)
        prepared = _UNESCAPED_TILDE.sub(" ", prepared)
        prepared = _HREF_COMMAND.sub(r"\2", _URL_COMMAND.sub(r"\1", prepared))
        try:
            text = _converter().latex_to_text(prepared)
        except Exception:  # the converter's own failure on odd LaTeX: keep the value readable
            text = re.sub(r"\\([&%$#_{}])", r"\1", value).replace("{", "").replace("}", "")
    return _SPACES.sub(" ", text).strip()


def to_paragraphs(value: str) -> str:
    """Text with paragraphs (an abstract): blank lines separate paragraphs."""
    return "\n\n".join(
        to_text(part) for part in re.split(r"\n[ \t\r]*\n|\\par\b", value) if part.strip()
    )


_SPECIAL = {
    "\\": r"\textbackslash{}",
    # BibTeX counts every brace, escaped or not: braces in text are written as commands
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ESCAPE = re.compile(r"[\\{}&%$#_~^]|-(?=-)|`(?=`)|'(?=')|[?!](?=`)")


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    special = _SPECIAL.get(char)
    if special is not None:
        return special
    return char + "{}"  # breaks a ligature: '--' is written '-{}-'


_RUN_OF_SPACES = re.compile(r"[ \t]{2,}")


def escape(text: str) -> str:
    """Text as a BibTeX value that reads back as the same text (LaTeX reads a run of spaces
    as one space, so a run is written as one)."""
    if "  " in text or "\t" in text:
        text = _RUN_OF_SPACES.sub(" ", text)
    if _ESCAPE.search(text) is None:
        return text
    return _ESCAPE.sub(_escape_one, text)


def protected(text: str) -> str:
    """A title as a BibTeX value: escaped, and every word with capitals a style must keep
    ('DNA', 'Copenhagen', 'iPhone') in braces. A capitalised first word stays bare: a style's
    sentence case keeps it anyway."""
    words = escape(text).split(" ")  # escaping adds no spaces: the words stay the words
    for index, word in enumerate(words):
        if word == word.lower():
            continue  # no capital letter (escapes are lower-case commands)
        if index == 0 and word[1:] == word[1:].lower() and word[:1] != word[:1].lower():
            continue
        words[index] = "{" + word + "}"
    return " ".join(words)
