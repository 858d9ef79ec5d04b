"""Format names -> formats, each imported when first asked for.

The names, and which can be read and written, are plain data here: the command line offers
them (``--to`` lists only writable ones) without importing any format. A test holds this table
to the modules' own :class:`~pubmeta.formats.base.Format` descriptions.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from ..errors import UnknownFormatError

TYPE_CHECKING = False  # typing is not imported at run time: the command starts faster
if TYPE_CHECKING:
    from .base import Format

#: name -> (module, can read, can write); the order is the order of listings and of sniffing.
BUILTIN: dict[str, tuple[str, bool, bool]] = {
    "pubmeta": ("pubmeta.formats.native", True, True),
    "pure": ("pubmeta.formats.pure", True, False),
    "jats": ("pubmeta.formats.jats", True, True),
    "csl": ("pubmeta.formats.csl", True, True),
    "dc": ("pubmeta.formats.dublincore", True, True),
    "bibtex": ("pubmeta.formats.bibtex", True, True),
    "ris": ("pubmeta.formats.ris", True, True),
    "crossref": ("pubmeta.formats.crossref", True, True),
    "datacite": ("pubmeta.formats.datacite", True, True),
    "cff": ("pubmeta.formats.cff", True, True),
    "openaire": ("pubmeta.formats.openaire", True, True),
    "openalex": ("pubmeta.formats.openalex", True, False),
}
#: Sniffing asks the formats with the most particular marks first: a Crossref, DataCite or
#: OpenAlex response is JSON with DOI and title keys that CSL's and pubmeta's sniffers also see.
#: OpenAIRE v4 resources hold DataCite elements: told apart before DataCite.
SNIFF_FIRST = ("openalex", "openaire", "datacite", "crossref")
#: A format whose sniffer takes what another's also takes yields to that other, unless the
#: suffix names it and not the other: pubmeta's sniffer takes any JSON, and a CSL item, JSON
#: too, is told by its keys (a ``.jsonl`` or ``.yaml`` file stays pubmeta's all the same).
SNIFF_YIELDS: dict[str, tuple[str, ...]] = {"pubmeta": ("csl",)}

#: The JSON each format takes at the top level of a document, one line a format: a document
#: that no format takes is answered with these (formats.shapes). Formats that take no JSON say so.
JSON_SHAPES: dict[str, str] = {
    "pubmeta": "a record object (keys such as title, type, contributors, dates) or an array",
    "csl": "a CSL-JSON item (keys such as id, type, title, author, issued) or an array of items",
    "crossref": 'a Crossref work, a response {"message": work or {"items": [...]}}, '
    '{"items": [work, ...]}, an array of works, or an object mapping DOIs to works',
    "datacite": 'a DataCite REST response {"data": {"attributes": ...}}, {"data": [...]}, '
    '{"attributes": ...} or the attributes alone',
    "openalex": "an OpenAlex work (keys such as id, display_name, authorships) or a list "
    'response {"results": [work, ...]}',
    "cff": "no JSON: a CITATION.cff is YAML",
}
#: Suffixes of a document read as one JSON text (JSON Lines and YAML are read otherwise).
JSON_DOCUMENT_SUFFIXES = ("", ".json")
READABLE = tuple(name for name, (_, reads, _) in BUILTIN.items() if reads)
WRITABLE = tuple(name for name, (_, _, writes) in BUILTIN.items() if writes)


class BuiltinNames:
    """The keys of a read-only mapping over the built-in formats, by name (a mixin: the
    mapping's ``__getitem__`` says what a name gives: this registry's formats, or the public
    view's :class:`~pubmeta.formats.public.FormatInfo`)."""

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        return iter(BUILTIN)

    def __len__(self) -> int:
        return len(BUILTIN)

    def __contains__(self, name: object) -> bool:
        return name in BUILTIN

    def __repr__(self) -> str:
        return f"<pubmeta formats: {', '.join(BUILTIN)}>"


class Registry(BuiltinNames, Mapping[str, "Format"]):
    """A read-only mapping of format names to formats that imports a format on first use."""

    def __init__(self) -> None:
        self._loaded: dict[str, Format] = {}

    def __getitem__(self, name: str) -> Format:
        fmt = self._loaded.get(name)
        if fmt is None:
            entry = BUILTIN.get(name)
            if entry is None:
                raise KeyError(name)
            module = importlib.import_module(entry[0])
            fmt = module.FORMAT
            from .base import Format

            if not isinstance(fmt, Format) or fmt.name != name:
                raise TypeError(f"{entry[0]}.FORMAT is not the '{name}' format")
            self._loaded[name] = fmt
        return fmt


FORMATS = Registry()


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(BUILTIN)
        raise UnknownFormatError(f"unknown format {name!r} (known: {known})") from None


def suffix_of(name: str) -> str:
    """The suffix a format is known by, longest first: 'refs.csl.json' -> '.csl.json'."""
    lower = name.lower()
    known = sorted({s for fmt in FORMATS.values() for s in fmt.suffixes}, key=len, reverse=True)
    for suffix in known:
        if lower.endswith(suffix):
            return suffix
    dot = lower.rfind(".")
    return lower[dot:] if dot > 0 else ""


def format_for(text: str, suffix: str = "") -> Format:
    """The format of a document: the registries' responses by their particular marks first
    (a Crossref work is a .json file too), then by suffix, then by content."""
    suffix = suffix.lower()
    readable = [FORMATS[name] for name in READABLE]
    for name in SNIFF_FIRST:
        if name in READABLE and FORMATS[name].sniff(text, suffix):
            return FORMATS[name]
    by_suffix = [f for f in readable if suffix and suffix in f.suffixes]
    for fmt in by_suffix:
        if _claims(fmt, text, suffix):
            return _taken(fmt, text, suffix)
    for fmt in readable:
        if fmt not in by_suffix and _claims(fmt, text, suffix):
            return _taken(fmt, text, suffix)
    if by_suffix:  # nothing sniffed: the first format of the listing that has this suffix
        return _taken(by_suffix[0], text, suffix)
    raise UnknownFormatError(
        "cannot tell the format of this document from its name or content; name the format "
        f"(one of: {', '.join(READABLE)})"
    )


def _taken(fmt: Format, text: str, suffix: str) -> Format:
    """The format found, unless it is pubmeta's, which takes any JSON document (named .json
    or not named), and nothing of this one is a pubmeta record: then no format takes it, and
    the error names the JSON each format takes (JSON_SHAPES)."""
    if fmt.name != "pubmeta" or suffix not in JSON_DOCUMENT_SUFFIXES:
        return fmt
    from .shapes import unclaimed_json

    message = unclaimed_json(text, JSON_SHAPES)
    if message is None:
        return fmt
    raise UnknownFormatError(message)


def _claims(fmt: Format, text: str, suffix: str) -> bool:
    """The format's sniffer takes the document and no format it yields to does (SNIFF_YIELDS)."""
    if not fmt.sniff(text, suffix):
        return False
    for name in SNIFF_YIELDS.get(fmt.name, ()):
        other = FORMATS[name]
        if suffix in fmt.suffixes and suffix not in other.suffixes:
            continue  # the name says this format, not the other
        if other.sniff(text, suffix):
            return False
    return True


def format_for_output(name: str) -> Format | None:
    """The writable format an output file name says (``out.ris`` -> ris), if exactly one."""
    lower = name.lower()
    matches: list[tuple[int, Format]] = []
    for fmt_name in WRITABLE:
        fmt = FORMATS[fmt_name]
        for suffix in fmt.write_suffixes or fmt.suffixes:
            if lower.endswith(suffix):
                matches.append((len(suffix), fmt))
    if not matches:
        return None
    longest = max(length for length, _ in matches)
    best = {fmt.name: fmt for length, fmt in matches if length == longest}
    return next(iter(best.values())) if len(best) == 1 else None


def record_suffixes() -> set[str]:
    return {s for name in READABLE for s in FORMATS[name].suffixes}
