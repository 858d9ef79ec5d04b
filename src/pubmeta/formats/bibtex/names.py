"""BibTeX names: ``First von Last``, ``von Last, First`` and ``von Last, Jr, First``, joined by
``and``; a name wholly in braces is one unit (an organisation); ``others`` marks a cut list.
The rules are BibTeX's own (Patashnik's *Designing BibTeX styles*, section 4)."""

from __future__ import annotations

import re
from typing import Any

from .latex import escape, to_text

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_top(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split at ``separator`` only outside braces."""
    parts: list[str] = []
    depth = 0
    start = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = separator.match(text, position)
            if match and match.end() > position:
                parts.append(text[start:position])
                start = position = match.end()
                continue
        position += 1
    parts.append(text[start:])
    return parts


def _is_lower_word(word: str) -> bool:
    """BibTeX's von test: the first letter at brace depth 0 is lower-case (a word starting
    with a braced accent command counts by that letter)."""
    depth = 0
    index = 0
    while index < len(word):
        char = word[index]
        if char == "{":
            if index + 1 < len(word) and word[index + 1] == "\\" and depth == 0:
                letters = [c for c in to_text(word[index:]) if c.isalpha()]
                return bool(letters) and letters[0].islower()
            depth += 1
        elif char == "}":
            depth -= 1
        elif char.isalpha() and depth == 0:
            return char.islower()
        index += 1
    return False


def split_names(value: str) -> tuple[list[str], bool]:
    """The names of a name list, and whether it ends with 'others'."""
    names = [n.strip() for n in split_top(value.strip(), _AND) if n.strip()]
    truncated = bool(names) and names[-1].lower() == "others"
    if truncated:
        names.pop()
    return names, truncated


def parse_name(name: str) -> dict[str, Any]:
    """One BibTeX name as the record's contributor (without role)."""
    stripped = name.strip()
    if stripped.startswith("{") and stripped.endswith("}") and _one_group(stripped):
        return {"kind": "organisation", "name": to_text(stripped)}
    parts = [p.strip() for p in split_top(stripped, re.compile(","))]
    jr = first = ""
    if len(parts) == 1:
        words = split_top(parts[0], re.compile(r"[ \t\r\n~]+"))
        words = [w for w in words if w]
        von_start = next((i for i, w in enumerate(words[:-1]) if _is_lower_word(w)), None)
        if von_start is None:
            first_words, von_words, last_words = words[:-1], [], words[-1:]
        else:
            von_end = von_start
            for i in range(von_start, len(words) - 1):
                if _is_lower_word(words[i]):
                    von_end = i + 1
            first_words = words[:von_start]
            von_words = words[von_start:von_end]
            last_words = words[von_end:]
    else:
        first = parts[-1] if len(parts) >= 2 else ""
        jr = parts[1] if len(parts) >= 3 else ""
        words = [w for w in split_top(parts[0], re.compile(r"[ \t\r\n~]+")) if w]
        von_end = 0
        for i in range(len(words) - 1):
            if _is_lower_word(words[i]):
                von_end = i + 1
        von_words, last_words = words[:von_end], words[von_end:]
        first_words = [first] if first else []
    person: dict[str, Any] = {}
    for key, words_of in (("given", first_words), ("particle", von_words), ("family", last_words)):
        text = to_text(" ".join(words_of))
        if text:
            person[key] = text
    if jr:
        person["suffix"] = to_text(jr)
    if not person:
        person["literal"] = to_text(stripped)
    return person


def _one_group(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and index != len(text) - 1:
                return False
    return True


def write_name(contributor: Any) -> str:
    """A contributor as a BibTeX name that splits back into the same parts."""
    if contributor.kind == "organisation":
        return "{" + escape(contributor.name) + "}"
    if not contributor.family:
        # one unit in braces (as organisations are written: it reads back as one)
        return "{" + escape(contributor.literal or contributor.given or "") + "}"
    particles = " ".join(p for p in (contributor.dropping_particle, contributor.particle) if p)
    # BibTeX's von part ends at its last word that reads lower-case: the words after it are
    # read as the family name's, so they are written as such (the same bytes the name is
    # written with once read back)
    # (a run of spaces is one space to LaTeX: the words are the name's words however spaced)
    words = [w for w in particles.split(" ") if w]
    lower = [_reads_as_von(w) for w in words]
    von_end = max((i + 1 for i, is_lower in enumerate(lower) if is_lower), default=0)
    family = " ".join([*words[von_end:], *(w for w in contributor.family.split(" ") if w)])
    last = _protect_words(family) if len(family.split(" ")) > 1 else _safe(family)
    head = f"{_von(words[:von_end], lower[:von_end])} {last}".strip() if von_end else last
    parts = [head]
    if contributor.suffix:
        parts.append(_safe(contributor.suffix))
    if contributor.given or contributor.suffix:
        parts.append(_safe(contributor.given or ""))
    elif len(family.split(" ")) > 1 or von_end or head.startswith("{"):
        return head + ","  # 'von Last,' so the words are not read as 'First Last'
    return ", ".join(parts)


def _unit(escaped: str) -> str:
    """A word braced so BibTeX reads it as it is: a group starting with a command ('{\\...')
    would be a "special character", judged by its letters' case; one more brace level makes
    it plain text."""
    return "{{" + escaped + "}}" if escaped.startswith("\\") else "{" + escaped + "}"


_AND_WORD = re.compile(r"(?:^| )and(?: |$)", re.IGNORECASE)


def _safe(text: str) -> str:
    """Words that would split a name ('and', a comma) braced, the rest escaped."""
    if "," not in text and _AND_WORD.search(text) is None:
        return escape(text)  # the usual name: escaping adds no spaces, so word by word is alike
    words = [w for w in text.split(" ") if w]  # a run of spaces is one, as escape() writes it
    return " ".join(
        _unit(escape(w)) if w.lower() == "and" or "," in w else escape(w) for w in words
    )


def _reads_as_von(word: str) -> bool:
    """Whether a particle word, written bare, reads as a von word (one with a comma, or
    'and', is braced as a unit, which does not)."""
    return _is_lower_word(escape(word)) and "," not in word and word.lower() != "and"


def _von(words: list[str], lower: list[bool]) -> str:
    # a von word that does not read as lower-case ('De' in 'De la') is braced as a unit: the
    # von part runs from the first word to the last lower-case one
    return " ".join(
        escape(w) if is_lower else _unit(escape(w))
        for w, is_lower in zip(words, lower, strict=True)
    )


def _protect_words(family: str) -> str:
    """A family name whose words must all stay in the family part: lower-case words ('de la
    Cruz' as one family name) or 'and' are braced so BibTeX does not read them as a particle
    or a separator."""
    words = family.split(" ")
    out = []
    for word in words:
        escaped = escape(word)
        risky = word.lower() == "and" or "," in word or _is_lower_word(escaped) or not escaped
        out.append(_unit(escaped) if risky and len(words) > 1 else escaped)
    return " ".join(out)
