"""Languages: ISO 639 codes from codes or names, via pycountry's ISO 639-3 tables.

Sources print language names ("English", Danish "Engelsk", "Deutsch"); the record stores
ISO 639-1 where one exists, else ISO 639-3, optionally with a BCP 47 region (``en-US``) that is
kept, not dropped.

Checking a code is on the path of every record validated, so the set of codes is read straight
from pycountry's ISO 639-3 database file (a few milliseconds) instead of importing pycountry
(about a hundred); names and conversions, which only readers need, use pycountry itself.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import util
from pathlib import Path
from typing import Any

#: Accepted spelling of a stored language tag (ISO 639 code with optional BCP 47 subtags).
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"

#: Locales whose language names sources are known to use.
_NAME_LOCALES = (
    "da",
    "de",
    "nl",
    "sv",
    "nb",
    "nn",
    "fi",
    "fr",
    "es",
    "pt",
    "cs",
    "it",
    "pl",
    "zh_CN",
)


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


@lru_cache(maxsize=1)
def _database() -> list[dict[str, Any]]:
    spec = util.find_spec("pycountry")
    locations = spec.submodule_search_locations if spec else None
    if locations:
        path = Path(next(iter(locations))) / "databases" / "iso639-3.json"
        if path.is_file():
            entries: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["639-3"]
            return entries
    import pycountry  # a layout this module does not know: ask pycountry itself

    return [dict(language._fields) for language in pycountry.languages]


@lru_cache(maxsize=1)
def _codes() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """(two-letter codes, three-letter codes incl. ISO 639-2/B, 3-letter -> 2-letter)."""
    two: set[str] = set()
    three: set[str] = set()
    shorter: dict[str, str] = {}
    for entry in _database():
        alpha_3 = entry["alpha_3"]
        three.add(alpha_3)
        if "bibliographic" in entry:
            three.add(entry["bibliographic"])
        if "alpha_2" in entry:
            two.add(entry["alpha_2"])
            shorter[alpha_3] = entry["alpha_2"]
            if "bibliographic" in entry:
                shorter[entry["bibliographic"]] = entry["alpha_2"]
    return frozenset(two), frozenset(three), shorter


@lru_cache(maxsize=4096)
def is_known_code(tag: str) -> bool:
    """Whether the primary subtag of ``tag`` is an ISO 639-1 or 639-3 (or 639-2/B) code."""
    primary = _primary(tag)
    two, three, _ = _codes()
    return primary in (two if len(primary) == 2 else three)


def normalise_tag(tag: str) -> str:
    """``EN-us`` -> ``en-US``; a three-letter code with a two-letter equivalent is shortened."""
    if len(tag) == 2 and tag.islower():
        return tag  # the common case, already canonical
    pieces = tag.strip().replace("_", "-").split("-")
    primary = pieces[0].lower()
    if len(primary) == 3:
        primary = _codes()[2].get(primary, primary)
    rest = [p.upper() if len(p) == 2 else p for p in pieces[1:]]
    return "-".join([primary, *rest])


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Language name (English and the source locales) -> ISO 639-1/-3 code."""
    import gettext

    import pycountry

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
    looks_like_code = len(cleaned) <= 3 or "-" in cleaned or "_" in cleaned
    if looks_like_code and cleaned.isascii() and is_known_code(cleaned.replace("_", "-")):
        return normalise_tag(cleaned)
    return _names().get(cleaned.casefold())


@lru_cache(maxsize=1)
def _alpha3_of_alpha2() -> dict[str, str]:
    """ISO 639-1 -> ISO 639-3, made once (a scan of the database took 2 ms a call, paid for
    every Dublin Core record written)."""
    table: dict[str, str] = {}
    for entry in _database():
        if "alpha_2" in entry:
            table.setdefault(entry["alpha_2"], str(entry["alpha_3"]))
    return table


def alpha3(tag: str) -> str | None:
    """ISO 639-3 code for a stored tag (OpenAIRE asks for ISO 639-3 in dc:language)."""
    primary = _primary(tag)
    if len(primary) == 3:
        return primary
    return _alpha3_of_alpha2().get(primary)


def name_of(tag: str) -> str | None:
    primary = _primary(tag)
    key = "alpha_2" if len(primary) == 2 else "alpha_3"
    for entry in _database():
        if entry.get(key) == primary:
            return str(entry["name"])
    return None
