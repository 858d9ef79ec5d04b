"""Languages: ISO 639 codes from codes or names, via pycountry's ISO 639-3 tables.

Portals print language names ("English", Danish "Engelsk"); the record stores ISO 639-1 where
one exists, else ISO 639-3, optionally with a BCP 47 region (``en-US``) that is kept, not dropped.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

#: Accepted spelling of a stored language tag (ISO 639 code with optional BCP 47 subtags).
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"

#: Locales whose language names portals are known to use for their labels.
_NAME_LOCALES = ("da", "de", "nl", "sv", "nb", "fi", "fr", "es")


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


@lru_cache(maxsize=4096)
def is_known_code(tag: str) -> bool:
    """Whether the primary subtag of ``tag`` is an ISO 639-1 or 639-3 (or 639-2/B) code."""
    primary = _primary(tag)
    if len(primary) == 2:
        return pycountry.languages.get(alpha_2=primary) is not None
    return (
        pycountry.languages.get(alpha_3=primary) is not None
        or pycountry.languages.get(bibliographic=primary) is not None
    )


def normalise_tag(tag: str) -> str:
    """``EN-us`` -> ``en-US``; a three-letter code with a two-letter equivalent is shortened."""
    if len(tag) == 2 and tag.islower():
        return tag  # the common case, already canonical
    pieces = tag.strip().replace("_", "-").split("-")
    primary = pieces[0].lower()
    if len(primary) == 3:
        language = pycountry.languages.get(alpha_3=primary) or pycountry.languages.get(
            bibliographic=primary
        )
        if language is not None and hasattr(language, "alpha_2"):
            primary = language.alpha_2
    rest = [p.upper() if len(p) == 2 else p for p in pieces[1:]]
    return "-".join([primary, *rest])


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Language name (English and the portal locales) -> ISO 639-1/-3 code."""
    table: dict[str, str] = {}
    translations = [
        gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[loc], fallback=True)
        for loc in _NAME_LOCALES
    ]
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None) or language.alpha_3
        names = {language.name}
        for attribute in ("common_name", "inverted_name"):
            if hasattr(language, attribute):
                names.add(getattr(language, attribute))
        for translation in translations:
            names.add(translation.gettext(language.name))
        for name in names:
            table.setdefault(name.casefold(), code)
    return table


def code_for(text: str) -> str | None:
    """An ISO 639 code for a language name or code, or None when it is neither."""
    cleaned = text.strip()
    if not cleaned:
        return None
    looks_like_code = len(cleaned) <= 3 or "-" in cleaned
    if looks_like_code and cleaned.isascii() and is_known_code(cleaned):
        return normalise_tag(cleaned)
    return _names().get(cleaned.casefold())


def alpha3(tag: str) -> str | None:
    """ISO 639-3 code for a stored tag (OpenAIRE asks for ISO 639-3 in dc:language)."""
    primary = _primary(tag)
    if len(primary) == 3:
        return primary
    language = pycountry.languages.get(alpha_2=primary)
    return None if language is None else str(language.alpha_3)


def name_of(tag: str) -> str | None:
    primary = _primary(tag)
    language = (
        pycountry.languages.get(alpha_2=primary)
        if len(primary) == 2
        else pycountry.languages.get(alpha_3=primary)
    )
    return None if language is None else str(language.name)
