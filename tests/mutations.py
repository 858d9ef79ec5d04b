"""Structure-aware mutations of well-formed documents: one place changed, the rest intact.

JSON documents (native, CSL, and any JSON format) get a value swapped for another JSON type,
emptied, deleted, repeated, or turned into an absurd date or number; XML documents get an
element emptied, deleted or repeated, its text or an attribute replaced by something absurd.
Used by the fuzz tests and by ``scripts/fuzz_readers.py`` for long campaigns.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from lxml import etree

#: Values a mutation puts where another was: every JSON type, and the shapes that break
#: careless readers (huge numbers, impossible and ancient dates, deep nesting, blank text).
ABSURD_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**70,
    1.5,
    float("1e308"),
    "",
    " ",
    "2023-02-30",
    "-44",
    "9" * 5000,
    "x" * 10000,
    [],
    [[]],
    [None],
    {},
    {"date-parts": "2020"},
    {"date-parts": [["2020", "13", "40"]]},
    {"date-parts": [[-44]]},
    [{"family": None}],
    "<b>&amp;</b>",
    "\x00",
    "null",
]
ABSURD_TEXTS = [
    "",
    " ",
    "2023-02-30",
    "-44",
    "9" * 5000,
    "0",
    "abc",
    "\u202e",
    "x" * 10000,
    "13",
    "{not json",
    '{"a": 1}',
    "[1, 2]",
    "null",
    "true",
]


def _places(document: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(document, dict):
        items: Any = list(document.items())
    elif isinstance(document, list):
        items = list(enumerate(document))
    else:
        return found
    for key, value in items:
        found.append((*at, key))
        found.extend(_places(value, (*at, key)))
    return found


def mutate_json(text: str, rng: random.Random) -> str:
    document = json.loads(text)
    places = _places(document)
    if not places:
        return json.dumps(rng.choice(ABSURD_VALUES))
    place = rng.choice(places)
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    key = place[-1]
    action = rng.choice(["swap", "swap", "delete", "repeat", "empty", "wrap"])
    if action == "swap":
        parent[key] = copy.deepcopy(rng.choice(ABSURD_VALUES))
    elif action == "delete":
        del parent[key]
    elif action == "repeat" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif action == "repeat":
        parent[key] = [parent[key], parent[key]]
    elif action == "empty":
        value = parent[key]
        parent[key] = type(value)() if isinstance(value, (list, dict, str)) else None
    else:
        parent[key] = {"raw": parent[key]} if rng.random() < 0.5 else [parent[key]]
    return json.dumps(document, ensure_ascii=False)


def mutate_xml(text: str, rng: random.Random) -> str:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(text.encode("utf-8"), parser)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    element = rng.choice(elements)
    action = rng.choice(["text", "text", "empty", "delete", "repeat", "attribute", "child"])
    parent = element.getparent()
    if action == "text" or (action in ("delete", "repeat") and parent is None):
        element.text = rng.choice(ABSURD_TEXTS)
    elif action == "empty":
        for child in list(element):
            element.remove(child)
        element.text = None
    elif action == "delete":
        assert parent is not None
        parent.remove(element)
    elif action == "repeat":
        assert parent is not None
        parent.insert(parent.index(element), copy.deepcopy(element))
    elif action == "attribute":
        names = list(element.attrib) or ["iso-8601-date"]
        element.set(rng.choice(names), rng.choice(ABSURD_TEXTS).replace("\x00", ""))
    else:
        child = etree.SubElement(element, rng.choice(["year", "month", "day", "p", "name", "x"]))
        child.text = rng.choice(ABSURD_TEXTS)
    return etree.tostring(root, encoding="unicode")


def mutate(text: str, rng: random.Random) -> str:
    """One structure-aware mutation of a document we wrote (JSON or XML)."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return mutate_json(text, rng)
    if stripped.startswith("<"):
        return mutate_xml(text, rng)
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    lines[index] = rng.choice([*ABSURD_TEXTS, lines[index] * 2, ""])
    return "\n".join(lines)
