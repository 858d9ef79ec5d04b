"""Safe XML reading, shared by the XML formats (writing is :mod:`pubmeta.xml.write`).

A hardened lxml parser (no network, no external entities, no DTD loading, libxml2's limits
against entity expansion), syntax errors as FormatError with line and column, and the text
helpers the readers share.
"""

from __future__ import annotations

import re
from html.entities import html5
from typing import Any

from lxml import etree

from ..errors import FormatError
from ..text import FORBIDDEN, FORBIDDEN_CHARACTERS, collapse

#: Largest XML document the readers accept (see README, "Limits").
MAX_XML_BYTES = 64 * 1024 * 1024

__all__ = ["FORBIDDEN", "FORBIDDEN_CHARACTERS", "collapse", "line_of", "local", "parse", "text_of"]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


#: A named entity other than XML's five: it needs a DTD, which is never loaded.
_NAMED_ENTITY = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)[A-Za-z_:][\w.:-]*;")
_REFERENCE = re.compile(r"&([A-Za-z_:][\w.:-]*);")


def parse(text: str | bytes) -> etree._Element:
    """The root element of an XML document; FormatError (with place) when it is not one.

    Named entities are expanded by pubmeta, not libxml2: those the document declares in its
    internal subset (within a size budget, so an entity bomb is refused, not expanded) and the
    standard character entities (HTML5/MathML/ISO names such as &mdash;) that JATS and NLM
    DTDs declare. An entity that is neither is an error, never silently dropped text."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if len(data) > MAX_XML_BYTES:
        raise FormatError(
            f"XML input is {len(data)} bytes, over the {MAX_XML_BYTES}-byte limit", rule="too-large"
        )
    if isinstance(text, str):
        # the XML declaration's encoding no longer applies to already-decoded text
        data = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data, count=1)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        root = _with_character_entities(data, error)
        if root is None:
            line, column = error.position if error.position else (None, None)
            raise FormatError(
                f"malformed XML: {str(error.msg)[:200]}",
                line=line,
                column=column,
                rule="xml-syntax",
            ) from None
    if root is None:
        raise FormatError("empty XML document", line=1, column=1, rule="xml-syntax")
    if _NAMED_ENTITY.search(data):
        _expand_entities(root, budget=max(1_000_000, 10 * len(data)))
    return root


_DECLARED = re.compile(rb"<!ENTITY\s+(?!%)([^\s>]+)")


def _with_character_entities(data: bytes, error: etree.XMLSyntaxError) -> etree._Element | None:
    """A document that uses standard character entities (&mdash;) with no DTD to declare
    them is not well-formed for libxml2; read as its author meant, with the standard names
    (those the document does not declare itself) as character references."""
    if "not defined" not in str(error.msg):
        return None
    declared = {m.group(1) for m in _DECLARED.finditer(data)}

    def reference(match: re.Match[bytes]) -> bytes:
        name = match.group(0)[1:-1]
        value = html5.get(name.decode("ascii", "replace") + ";")
        if name in declared or not value:
            return match.group(0)
        return b"".join(b"&#%d;" % ord(c) for c in value)

    fixed = _NAMED_ENTITY.sub(reference, data)
    if fixed == data:
        return None
    try:
        return etree.fromstring(fixed, _parser())
    except etree.XMLSyntaxError:
        return None


def _expand_entities(root: etree._Element, budget: int) -> None:
    declared: dict[str, str] = {}
    internal = root.getroottree().docinfo.internalDTD
    if internal is not None:
        for entity in internal.iterentities():  # type: ignore[attr-defined]
            if entity.name and entity.content is not None and entity.system_url is None:
                declared.setdefault(entity.name, entity.content)
    spent = [0]

    def expand(name: str, depth: int, line: int) -> str:
        if name in declared:
            if depth > 20:
                raise _entity_error(f"entity &{name}; is nested too deeply", line)
            value = _REFERENCE.sub(lambda m: expand(m.group(1), depth + 1, line), declared[name])
        else:
            value = html5.get(name + ";") or html5.get(name) or ""
            if not value:
                raise _entity_error(
                    f"entity &{name[:40]}; is not declared in the document and is not a "
                    "standard character entity (its DTD is not loaded)",
                    line,
                )
        spent[0] += len(value)
        if spent[0] > budget:
            raise _entity_error("entities expand far beyond the document's size", line)
        return value

    for entity in list(root.iter(etree.Entity)):
        name = str(entity.text)[1:-1]
        replacement = expand(name, 0, line_of(entity)) + (entity.tail or "")
        parent = entity.getparent()
        if parent is None:
            continue
        previous = entity.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + replacement
        else:
            parent.text = (parent.text or "") + replacement
        parent.remove(entity)


def _entity_error(message: str, line: int) -> FormatError:
    return FormatError(message, line=line, column=1, rule="xml-entity")


def local(tag: object) -> str:
    """The local name of an element tag ('{ns}dc' -> 'dc'); '' for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    """The children of an element with this local name, whatever their namespace (none for
    no element)."""
    if element is None:
        return []
    return [child for child in element if local(child.tag) == name]


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first child of an element with this local name, or None."""
    if element is None:
        return None
    for found in element:
        if local(found.tag) == name:
            return found
    return None


def line_of(element: etree._Element) -> int:
    """The element's line in its source text (1 when lxml does not know it)."""
    line: Any = getattr(element, "sourceline", None)
    return int(line) if isinstance(line, int) else 1


def text_of(
    element: etree._Element | None, *, skip: tuple[str, ...] = (), collapsed: bool = True
) -> str:
    """All text inside an element, markup dropped, layout whitespace collapsed (or, with
    ``collapsed=False``, as it stands)."""
    if element is None:
        return ""
    if not skip:
        if len(element) == 0:  # no child of any kind (element, comment, entity): its text
            joined = element.text or ""
        else:
            texts: Any = element.itertext()  # str pieces: the parser decodes everything
            joined = "".join(texts)
        return collapse(joined) if collapsed else joined
    parts: list[str] = []
    _gather_text(element, skip, parts)
    joined = "".join(parts)
    return collapse(joined) if collapsed else joined


def stripped_text(element: etree._Element | None) -> str | None:
    """The text inside an element as it stands, its ends stripped; None when that is empty."""
    value = text_of(element, collapsed=False).strip()
    return value or None


def _gather_text(node: etree._Element, skip: tuple[str, ...], parts: list[str]) -> None:
    """The text of ``node`` and its descendants outside ``skip`` elements, tails included.
    (A module function, not a closure: a recursive closure is a reference cycle, garbage that
    only the cyclic collector can free; see :mod:`pubmeta.collector`.)"""
    if node.text and local(node.tag) not in skip:
        parts.append(node.text)
    for child in node:
        if local(child.tag) not in skip:
            _gather_text(child, skip, parts)
        if child.tail:
            parts.append(child.tail)
