"""Writing XML metadata documents as text, exactly as lxml's ``tostring(pretty_print=True)``
would write the same tree, character for character (property tests hold both writers to lxml).

Two ways in, kept for a measured reason. Every writer but JATS builds a small tree of
:class:`Node` objects that :func:`serialise` writes (Crossref, DataCite, OpenAIRE, Dublin Core).
The JATS writer, the one on the speed goal's path (CSL -> XML, ../shared/bench), writes each
element the moment it reaches it through an :class:`Emitter` (open, leaf, close: the emitter
keeps the nesting, no tree at all). Measured on the 2,000 bench items, the same JATS documents
byte for byte written through Nodes took 1.55-1.8x the writer's time per record, and a whole
CSL -> JATS conversion (200 items' JSON read, each written) 1.13-1.32x (medians of 7-9
alternating rounds, several runs, this machine shared); Dublin Core through Nodes cost nothing
measurable in a whole conversion, so it went to Nodes. Building lxml elements costs 1-3 us each,
a Node a fraction of that, an emitted element less again. Reading stays with lxml's parser.

Namespaced names are written with their prefix (``xlink:href``, ``dc:title``); the root declares
the prefixes it uses. Text XML 1.0 cannot hold is refused when the document is written, naming
the element it was found in.
"""

from __future__ import annotations

import re

from ..errors import UnwritableRecordError
from ..text import FORBIDDEN, FORBIDDEN_CHARACTERS_WITH_SURROGATES

# What must be escaped, and what cannot be written at all, found in one search per text.
_TEXT_SPECIALS = re.compile(f"[&<>\r{FORBIDDEN_CHARACTERS_WITH_SURROGATES}]")
_ATTRIBUTE_SPECIALS = re.compile(f'[&<>"\n\r\t{FORBIDDEN_CHARACTERS_WITH_SURROGATES}]')
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTRIBUTE_ESCAPES = {
    **_TEXT_ESCAPES,
    '"': "&quot;",
    "\n": "&#10;",
    "\t": "&#9;",
}


class Node:
    """An element: a tag, attributes in order, text and child elements (text before the
    children: the mixed content metadata schemas use, e.g. Crossref's funder name)."""

    __slots__ = ("attributes", "children", "tag", "text")

    def __init__(
        self, tag: str, text: str | None = None, attributes: dict[str, str] | None = None
    ) -> None:
        self.tag = tag
        self.text = text
        # most elements are leaves without attributes: no empty list or dict for them
        self.attributes = attributes
        self.children: list[Node] | None = None

    def add(
        self, tag: str, text: str | None = None, attributes: dict[str, str] | None = None
    ) -> Node:
        """A new child element, returned for filling in."""
        child = Node(tag, text, attributes)
        # append's work, inline: a writer adds some 50 elements per record
        if self.children is None:
            self.children = [child]
        else:
            self.children.append(child)
        return child

    def append(self, child: Node) -> None:
        if self.children is None:
            self.children = [child]
        else:
            self.children.append(child)

    def set(self, name: str, value: str) -> None:
        if self.attributes is None:
            self.attributes = {name: value}
        else:
            self.attributes[name] = value


def serialise(root: Node, doctype: str | None = None) -> str:
    """The document: XML declaration, optional DOCTYPE, the root element indented by two."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if doctype:
        parts.append(doctype + "\n")
    try:
        _write(root, "", parts)
    except _ForbiddenCharacterError:
        _refuse(root)  # find it again, to name the element
        raise
    return "".join(parts)


class Emitter:
    """A document written as it is walked: the writer opens an element, writes what is in it
    and closes it; the emitter keeps the nesting (and so the layout) itself. Attributes come
    already written (constants as literals, values through :func:`attribute`); every element
    opened has content (an empty element is a leaf with no text).

    Text XML 1.0 cannot hold is refused where it is met, naming the element (and attribute)."""

    __slots__ = ("_indent", "_open", "_parts")

    def __init__(self, doctype: str | None = None) -> None:
        self._parts = ['<?xml version="1.0" encoding="UTF-8"?>\n']
        if doctype:
            self._parts.append(doctype + "\n")
        # the elements opened and not yet closed, outermost first, each with its indent
        self._open: list[tuple[str, str]] = []
        self._indent = ""  # where the next element starts: two spaces an open element, as lxml

    def leaf(self, tag: str, value: str | None, attributes: str = "") -> None:
        """An element without children: ``<tag/>`` when it has no text (None or empty: the
        same element to every reader, and how lxml writes it back), else its text."""
        if not value:
            self._parts.append(f"{self._indent}<{tag}{attributes}/>\n")
            return
        # text()'s common case, inline: a writer writes some 30 leaves per record
        if not value.isprintable() or "&" in value or "<" in value or ">" in value:
            value = text(tag, value)
        self._parts.append(f"{self._indent}<{tag}{attributes}>{value}</{tag}>\n")

    def open(self, tag: str, attributes: str = "") -> None:
        """The start of an element whose children follow, until :meth:`close`."""
        indent = self._indent
        self._parts.append(f"{indent}<{tag}{attributes}>\n")
        self._open.append((tag, indent))
        self._indent = indent + "  "

    def close(self) -> None:
        """The end of the element opened last."""
        tag, indent = self._open.pop()
        self._indent = indent
        self._parts.append(f"{indent}</{tag}>\n")

    def document(self) -> str:
        assert not self._open, f"elements left open: {self._open}"  # a writer's own slip
        return "".join(self._parts)


def text(tag: str, value: str) -> str:
    """A value escaped as the text of element ``tag`` (named if XML cannot hold it)."""
    # the common text is printable (so holds no forbidden character, nor a carriage return)
    # and has no markup character: tested in C, far cheaper than a regex search of every text
    if value.isprintable() and "&" not in value and "<" not in value and ">" not in value:
        return value
    try:
        return _escape_text(value)
    except _ForbiddenCharacterError as error:
        raise UnwritableRecordError(_message(tag, str(error))) from None


def attribute(tag: str, name: str, value: str) -> str:
    """`` name="value"``, escaped, for an attribute of element ``tag``."""
    try:
        return f' {name}="{_escape_attribute(value)}"'
    except _ForbiddenCharacterError as error:
        raise UnwritableRecordError(_message(f"{tag}/@{name}", str(error))) from None


class _ForbiddenCharacterError(ValueError):
    """Met while escaping: a character no XML 1.0 document can hold."""


def _write(node: Node, indent: str, parts: list[str]) -> None:
    tag = node.tag
    start = indent + "<" + tag
    if node.attributes:
        start += _attributes(node.attributes)
    if not node.children:
        if node.text is None:
            parts.append(start + "/>\n")
        else:
            parts.append(f"{start}>{_escape_text(node.text)}</{tag}>\n")
        return
    if node.text is not None:  # mixed content (even empty text, as lxml): no layout inside it
        parts.append(start + ">" + _escape_text(node.text))
        for child in node.children:
            _write_inline(child, parts)
        parts.append(f"</{tag}>\n")
        return
    parts.append(start + ">\n")
    inner = indent + "  "
    for child in node.children:
        if child.children or child.text is None:
            _write(child, inner, parts)
        else:  # a text leaf, most of a metadata document: written here, without a call
            child_tag = child.tag
            attributes = _attributes(child.attributes) if child.attributes else ""
            text = _escape_text(child.text)
            parts.append(f"{inner}<{child_tag}{attributes}>{text}</{child_tag}>\n")
    parts.append(f"{indent}</{tag}>\n")


def _write_inline(node: Node, parts: list[str]) -> None:
    attributes = _attributes(node.attributes) if node.attributes else ""
    if not node.children and node.text is None:
        parts.append(f"<{node.tag}{attributes}/>")
        return
    parts.append(f"<{node.tag}{attributes}>" + _escape_text(node.text or ""))
    for child in node.children or ():
        _write_inline(child, parts)
    parts.append(f"</{node.tag}>")


def _attributes(attributes: dict[str, str]) -> str:
    written = ""  # one or two attributes as a rule: a loop beats a generator and join
    for name, value in attributes.items():
        written += f' {name}="{_escape_attribute(value)}"'
    return written


def _escape_text(text: str) -> str:
    # The common text is printable (so holds no forbidden character, nor a carriage return):
    # tested in C, and escaped with replace, far cheaper than a regex search of every text.
    if text.isprintable():
        if "&" in text or "<" in text or ">" in text:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text
    if _TEXT_SPECIALS.search(text):
        return _TEXT_SPECIALS.sub(_text_escape, text)
    return text


def _escape_attribute(value: str) -> str:
    if value.isprintable():
        if "&" in value or "<" in value or ">" in value or '"' in value:
            return (
                value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace('"', "&quot;")
            )
        return value
    if _ATTRIBUTE_SPECIALS.search(value):
        return _ATTRIBUTE_SPECIALS.sub(_attribute_escape, value)
    return value


def _text_escape(match: re.Match[str]) -> str:
    escaped = _TEXT_ESCAPES.get(match.group(0))
    if escaped is None:
        raise _ForbiddenCharacterError(match.group(0))
    return escaped


def _attribute_escape(match: re.Match[str]) -> str:
    escaped = _ATTRIBUTE_ESCAPES.get(match.group(0))
    if escaped is None:
        raise _ForbiddenCharacterError(match.group(0))
    return escaped


def _refuse(node: Node) -> None:
    """Raise for the first text or attribute XML 1.0 cannot hold, naming where it is."""
    for name, value in (node.attributes or {}).items():
        found = FORBIDDEN.search(value)
        if found:
            raise UnwritableRecordError(_message(f"{node.tag}/@{name}", found.group(0)))
    if node.text is not None:
        found = FORBIDDEN.search(node.text)
        if found:
            raise UnwritableRecordError(_message(node.tag, found.group(0)))
    for child in node.children or ():
        _refuse(child)


def _message(where: str, character: str) -> str:
    return f"{where}: character U+{ord(character):04X} cannot be written in XML 1.0"
