"""Safe XML reading, shared by the XML formats (writing is :mod:`pubmeta.xmlwriter`).

A hardened lxml parser (no network, no external entities, no DTD loading, libxml2's limits
against entity expansion), syntax errors as FormatError with line and column, and the text
helpers the readers share.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .errors import FormatError

#: Largest XML document the readers accept (see README, "Limits").
MAX_XML_BYTES = 64 * 1024 * 1024

#: Characters XML 1.0 cannot hold, escaped or not (C0 controls but tab and line breaks,
#: surrogates, U+FFFE and U+FFFF).
FORBIDDEN_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff"
FORBIDDEN = re.compile(f"[{FORBIDDEN_CHARACTERS}]")


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


def line_of(element: etree._Element) -> int:
    """The element's line in its source text (1 when lxml does not know it)."""
    line: Any = getattr(element, "sourceline", None)
    return int(line) if isinstance(line, int) else 1


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
