"""The XML writers (a tree of Nodes serialised, or elements emitted as a writer walks its
record) write exactly what lxml writes for the same tree, and refuse what XML cannot hold by
naming where it is."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from pubmeta.errors import UnwritableRecordError
from pubmeta.text import FORBIDDEN
from pubmeta.xml.write import Emitter, Node, attribute, serialise

NAMESPACE = "http://example.org/ns"
TAGS = ["a", "b-c", "d_e", "x:f", "x:g"]
ATTRIBUTE_NAMES = ["id", "kind-of", "x:href", "xml:lang"]

xml_text = st.text(
    alphabet=st.characters(codec="utf-8").filter(lambda c: not FORBIDDEN.match(c)), max_size=20
) | st.sampled_from(["&<>\"'\n\r\t", "]]>", " ", "", "a & b < c", "\u00a0x\u2028"])


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    node: dict[str, Any] = {
        "tag": draw(st.sampled_from(TAGS)),
        "attributes": draw(st.dictionaries(st.sampled_from(ATTRIBUTE_NAMES), xml_text, max_size=3)),
        "text": None,
        "children": [],
    }
    if depth < 3 and draw(st.booleans()):
        node["children"] = draw(st.lists(trees(depth + 1), max_size=3))
    if not node["children"] or draw(st.booleans()):  # text beside children: mixed content
        node["text"] = draw(st.none() | xml_text)
    return node


def _ours(tree: dict[str, Any], root: bool = True) -> Node:
    attributes = {"xmlns:x": NAMESPACE} if root else {}
    node = Node(tree["tag"], tree["text"], {**attributes, **tree["attributes"]})
    for child in tree["children"]:
        node.append(_ours(child, root=False))
    return node


def _qualified(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    if prefix == "x":
        return f"{{{NAMESPACE}}}{local}"
    if prefix == "xml":
        return f"{{http://www.w3.org/XML/1998/namespace}}{local}"
    return name


def _lxml(tree: dict[str, Any], parent: Any = None) -> Any:
    tag = _qualified(tree["tag"])
    if parent is None:
        element = etree.Element(tag, nsmap={"x": NAMESPACE})
    else:
        element = etree.SubElement(parent, tag)
    for name, value in tree["attributes"].items():
        element.set(_qualified(name), value)
    if tree["text"] is not None:
        element.text = tree["text"]
    for child in tree["children"]:
        _lxml(child, element)
    return element


_EMPTY_TEXT_BESIDE_A_CHILD = {
    "tag": "a",
    "attributes": {},
    "text": "",  # lxml keeps an empty text node: mixed content, not laid out
    "children": [{"tag": "a", "attributes": {}, "text": None, "children": []}],
}


@given(trees())
@example(_EMPTY_TEXT_BESIDE_A_CHILD)
def test_any_tree_is_written_as_lxml_writes_it(tree: dict[str, Any]) -> None:
    expected = '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        _lxml(tree), encoding="unicode", pretty_print=True
    )
    assert serialise(_ours(tree)) == expected


def test_a_doctype_follows_the_declaration() -> None:
    document = serialise(Node("article", "x"), "<!DOCTYPE article>")
    assert document.splitlines()[:2] == [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!DOCTYPE article>",
    ]


def test_a_control_character_in_text_is_refused_naming_the_element() -> None:
    root = Node("article")
    root.add("front").add("article-title", "bell\x07")
    with pytest.raises(UnwritableRecordError, match=r"^article-title: character U\+0007"):
        serialise(root)


def test_a_control_character_in_an_attribute_is_refused_naming_it() -> None:
    root = Node("article")
    root.add("self-uri", None, {"xlink:href": "https://example.org/\x1b"})
    with pytest.raises(UnwritableRecordError, match=r"^self-uri/@xlink:href: character U\+001B"):
        serialise(root)


def test_text_beside_elements_is_written_without_layout_inside_it() -> None:
    root = Node("fr:assertion", "Funder", {"name": "funder_name"})
    root.add("fr:assertion", "10.13039/1", {"name": "funder_identifier"})
    assert serialise(root).splitlines()[1] == (
        '<fr:assertion name="funder_name">Funder'
        '<fr:assertion name="funder_identifier">10.13039/1</fr:assertion></fr:assertion>'
    )


@st.composite
def element_trees(draw: st.DrawFn, depth: int = 0) -> dict[str, Any]:
    """Trees an emitting writer makes: text only in elements without children."""
    node = draw(trees(depth=3))  # a leaf: tag, attributes, text
    if depth < 3 and draw(st.booleans()):
        node["children"] = draw(st.lists(element_trees(depth + 1), min_size=1, max_size=3))
        node["text"] = None
    return node


def _emit(out: Emitter, tree: dict[str, Any], root: bool = True) -> None:
    names = {"xmlns:x": NAMESPACE} if root else {}
    attributes = "".join(
        attribute(tree["tag"], name, value)
        for name, value in {**names, **tree["attributes"]}.items()
    )
    if not tree["children"]:
        out.leaf(tree["tag"], tree["text"], attributes)
        return
    out.open(tree["tag"], attributes)
    for child in tree["children"]:
        _emit(out, child, root=False)
    out.close()


@given(element_trees())
def test_any_tree_emitted_element_by_element_is_written_as_lxml_writes_it(
    tree: dict[str, Any],
) -> None:
    element = _lxml(tree)
    for leaf in element.iter():
        if leaf.text == "":  # no text and empty text are one element to every reader
            leaf.text = None
    expected = '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(
        element, encoding="unicode", pretty_print=True
    )
    out = Emitter()
    _emit(out, tree)
    assert out.document() == expected


def test_an_emitted_document_carries_its_doctype_after_the_declaration() -> None:
    out = Emitter("<!DOCTYPE article>")
    out.leaf("article", "x")
    assert out.document().splitlines()[:2] == [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!DOCTYPE article>",
    ]


def test_an_emitted_control_character_in_text_is_refused_naming_the_element() -> None:
    out = Emitter()
    out.open("article")
    with pytest.raises(UnwritableRecordError, match=r"^article-title: character U\+0007"):
        out.leaf("article-title", "bell\x07")


def test_an_emitted_control_character_in_an_attribute_is_refused_naming_it() -> None:
    with pytest.raises(UnwritableRecordError, match=r"^self-uri/@xlink:href: character U\+001B"):
        attribute("self-uri", "xlink:href", "https://example.org/\x1b")
