"""Formatted references ("Cite this"): records through citeproc-js with the official CSL
styles, exactly as Zotero and Mendeley format them.

``cite(record, style="apa")`` gives one reference; a list of records gives a list in the same
order, each formatted on its own; ``bibliography=True`` formats them together, as one
bibliography: sorted and disambiguated as the style says (Smith 2012a, 2012b). Styles: apa,
harvard, chicago, ieee, mla, vancouver (the official files of the Citation Style Language
project, CC BY-SA 3.0, shipped unmodified in the wheel: see ``csl/README.md`` and
:func:`styles_folder`), or the path of any independent ``.csl`` file. Locales: en-US,
en-GB, de-DE, da-DK, nl-NL, fr-FR.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, overload

from ..errors import CiteError

if TYPE_CHECKING:
    from ..model import Publication

#: Short names -> the official style files (in styles_folder()/styles).
STYLES = {
    "apa": "apa.csl",
    "harvard": "harvard-cite-them-right.csl",
    "chicago": "chicago-author-date.csl",
    "ieee": "ieee.csl",
    "mla": "modern-language-association.csl",
    "vancouver": "nlm-citation-sequence.csl",
}
LOCALES = ("en-US", "en-GB", "de-DE", "da-DK", "nl-NL", "fr-FR")
OUTPUT_FORMATS = ("text", "html")
_IDS = itertools.count()
_DEFAULT_LOCALE = re.compile(r"<style\b[^>]*\bdefault-locale=\"([^\"]+)\"")
_DEPENDENT = re.compile(r"<link\b[^>]*\brel=\"independent-parent\"")


def styles_folder() -> Path:
    """The CSL styles and locales (``styles/`` and ``locales/`` inside): the folder
    ``PUBMETA_CSL_STYLES`` names; else the official files an installed wheel carries (put there
    unmodified at build time, see ``csl/README.md``); else ``standards/csl-styles`` of the
    shared folder (``PUBMETA_SHARED``, by default ``../shared``), as in a source checkout."""
    named = os.environ.get("PUBMETA_CSL_STYLES")
    if named:
        places = [Path(named)]
    else:
        shared = Path(os.environ.get("PUBMETA_SHARED", "../shared"))
        places = [Path(__file__).parent / "csl", shared / "standards" / "csl-styles"]
    for folder in places:
        if (folder / "styles").is_dir() and (folder / "locales").is_dir():
            return folder
    raise CiteError(
        f"the CSL styles and locales are not found at {' or '.join(map(str, places))}: set "
        "PUBMETA_CSL_STYLES to a folder with the official styles/ and locales/"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CiteError(f"cannot read {path}: {error}") from None


def _style(style: str) -> tuple[str, str]:
    """(key, CSL text) of a style name or a .csl file."""
    if style in STYLES:
        return style, _read(styles_folder() / "styles" / STYLES[style])
    candidate = Path(style)
    if candidate.suffix.lower() != ".csl":
        raise CiteError(
            f"unknown style {style!r}: use one of {', '.join(STYLES)} or the path of a .csl file"
        )
    try:
        text = candidate.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CiteError(f"cannot read the style {style}: {error}") from None
    if "<style" not in text or "http://purl.org/net/xbiblio/csl" not in text:
        raise CiteError(f"{style} is not a CSL style")
    if _DEPENDENT.search(text):
        raise CiteError(
            f"{style} is a dependent style (it only points to another); give its parent style"
        )
    return f"file:{candidate.resolve()}:{hash(text)}", text


@lru_cache(maxsize=1)
def _locales() -> dict[str, str]:
    folder = styles_folder() / "locales"
    return {lang: _read(folder / f"locales-{lang}.xml") for lang in LOCALES}


@overload
def cite(
    records: Publication,
    style: str = ...,
    locale: str | None = ...,
    output_format: str = ...,
    bibliography: bool = ...,
) -> str: ...
@overload
def cite(
    records: Sequence[Publication],
    style: str = ...,
    locale: str | None = ...,
    output_format: str = ...,
    bibliography: bool = ...,
) -> list[str]: ...
def cite(
    records: Publication | Sequence[Publication],
    style: str = "apa",
    locale: str | None = None,
    output_format: str = "text",
    bibliography: bool = False,
) -> str | list[str]:
    """The formatted reference of a record (a list of records: their references, in order;
    with ``bibliography=True`` in the style's order, disambiguated)."""
    from ..formats.csl.write import item
    from ..model import Publication
    from .engine import processor

    single = isinstance(records, Publication)
    batch: list[Publication] = [records] if isinstance(records, Publication) else list(records)
    if output_format not in OUTPUT_FORMATS:
        raise CiteError(f"unknown output format {output_format!r}: text or html")
    if locale is not None and locale not in LOCALES:
        raise CiteError(f"unknown locale {locale!r}: one of {', '.join(LOCALES)}")
    key, text = _style(style)
    found = _DEFAULT_LOCALE.search(text)
    lang = locale or (found.group(1) if found and found.group(1) in LOCALES else "en-US")
    items = []
    for record in batch:
        csl = item(record)
        # a fresh id each time: citeproc-js caches items by id for the engine's lifetime
        csl["id"] = f"pubmeta-{next(_IDS)}"
        csl.pop("note", None)  # pubmeta's own carried data, not for print
        items.append(csl)
    rendered = processor().render(
        f"{key}|{lang}", text, _locales(), lang, items, output_format, bibliography
    )
    references = [r.strip() for r in rendered]
    if single:
        return references[0] if references else ""
    return references


__all__ = ["LOCALES", "OUTPUT_FORMATS", "STYLES", "cite"]
