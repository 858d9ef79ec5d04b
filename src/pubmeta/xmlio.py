"""Safe XML in and out, shared by the XML formats.

Input: a hardened lxml parser (no network, no external entities, no DTD loading, libxml2's
limits against entity expansion), and syntax errors as FormatError with line and column.
Output: text a writer puts in an element is checked for characters XML 1.0 cannot hold, so a
record with a control character is refused by name instead of producing a broken document.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .errors import FormatError, UnwritableRecordError

#: Largest XML document the readers accept (see README, "Limits").
MAX_XML_BYTES = 64 * 1024 * 1024

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


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


def parse(text: str | bytes) -> etree._Element:
    """The root element of an XML document; FormatError (with place) when it is not one."""
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
        line, column = error.position if error.position else (None, None)
        raise FormatError(
            f"malformed XML: {error.msg}", line=line, column=column, rule="xml-syntax"
        ) from None
    if root is None:
        raise FormatError("empty XML document", line=1, column=1, rule="xml-syntax")
    return root


def local(tag: object) -> str:
    """The local name of an element tag ('{ns}dc' -> 'dc'); '' for comments and PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(element: etree._Element | None, *, skip: tuple[str, ...] = ()) -> str:
    """All text inside an element, markup dropped, layout whitespace collapsed."""
    if element is None:
        return ""
    if not skip:
        texts: Any = element.itertext()  # str pieces: the parser decodes everything
        return collapse("".join(texts))
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and local(node.tag) not in skip:
            parts.append(node.text)
        for child in node:
            if local(child.tag) not in skip:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return collapse("".join(parts))


def collapse(text: str) -> str:
    """Layout whitespace (a run holding a line break or tab) becomes one space; other spaces,
    including no-break spaces, are content and stay as they are."""
    if "\n" in text or "\t" in text or "\r" in text:
        text = _LAYOUT.sub(" ", text)
    return text.strip(" \t\r\n")


_LAYOUT = re.compile(r"[ \t\r\n]*[\t\r\n][ \t\r\n]*")


def checked(value: str, where: str) -> str:
    """``value`` if XML 1.0 can hold it, else a clear refusal naming the field."""
    match = _FORBIDDEN.search(value)
    if match:
        raise UnwritableRecordError(
            f"{where}: character U+{ord(match.group(0)):04X} cannot be written in XML 1.0"
        )
    return value


def serialise(root: etree._Element, doctype: str | None = None) -> str:
    body = etree.tostring(root, encoding="unicode", pretty_print=True)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if doctype:
        head += doctype + "\n"
    return head + body
