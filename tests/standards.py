"""The official schemas from $PUBMETA_SHARED/standards, loaded offline once per session.

libxml2 reads XML_CATALOG_FILES once, before lxml is first imported (conftest sets it), and
every parser is created with no_network=True: nothing is ever fetched.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from conftest import SHARED, need
from lxml import etree

STANDARDS = SHARED / "standards"
JATS_DTDS = {
    "archiving": "jats/dtd/1.3/JATS-archivearticle1-3-mathml3.dtd",
    "publishing": "jats/dtd/1.3/JATS-journalpublishing1-3-mathml3.dtd",
}
JATS_XSD = "jats/xsd/JATS-Publishing-1-3-MathML3-XSD/JATS-journalpublishing1-3-mathml3.xsd"
OAI_DC_URL = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
CSL_DATA = "csl/v1.0.2/csl-data.json"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)


@cache
def jats_dtd(which: str) -> etree.DTD:
    return etree.DTD(file=str(need(STANDARDS / JATS_DTDS[which], "the JATS 1.3 DTDs")))


@lru_cache(maxsize=1)
def jats_xsd() -> etree.XMLSchema:
    path = need(STANDARDS / JATS_XSD, "the JATS 1.3 Publishing XSD")
    return etree.XMLSchema(etree.parse(str(path), _parser()))


@lru_cache(maxsize=1)
def oai_dc_xsd() -> etree.XMLSchema:
    need(STANDARDS / "oai" / "2.0" / "oai_dc.xsd", "the OAI-PMH oai_dc schema")
    return etree.XMLSchema(etree.parse(OAI_DC_URL, _parser()))


@lru_cache(maxsize=1)
def csl_validator() -> Any:
    path = need(STANDARDS / CSL_DATA, "the CSL-JSON schema")
    return jsonschema.Draft7Validator(json.loads(path.read_text("utf-8")))


@cache
def crossref_xsd(version: str) -> etree.XMLSchema:
    path = need(STANDARDS / "crossref" / version / f"crossref{version}.xsd",
                f"the Crossref deposit schema {version}")  # fmt: skip
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def _errors(log: Any) -> str:
    return "; ".join(f"line {e.line}: {e.message}" for e in list(log)[:5])


def assert_valid_jats(document: str) -> None:
    """Valid against the JATS 1.3 Archiving DTD, Publishing DTD and Publishing XSD."""
    root = etree.fromstring(document.encode("utf-8"), _parser())
    for which in JATS_DTDS:
        dtd = jats_dtd(which)
        assert dtd.validate(root), f"JATS 1.3 {which} DTD: {_errors(dtd.error_log)}"
    xsd = jats_xsd()
    assert xsd.validate(root), f"JATS 1.3 Publishing XSD: {_errors(xsd.error_log)}"


def assert_valid_dc(document: str) -> None:
    root = etree.fromstring(document.encode("utf-8"), _parser())
    schema = oai_dc_xsd()
    assert schema.validate(root), f"oai_dc.xsd: {_errors(schema.error_log)}"


OPENAIRE_XSD = "openaire4/schemas/4.0/openaire.xsd"


@lru_cache(maxsize=1)
def openaire_xsd() -> etree.XMLSchema:
    """OpenAIRE Literature v4 (its own reduced dc.xsd: never in one schema set with oai_dc)."""
    path = need(STANDARDS / OPENAIRE_XSD, "the OpenAIRE Literature v4 schema")
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def assert_valid_openaire(document: str | bytes | etree._Element) -> None:
    root = (
        document
        if isinstance(document, etree._Element)
        else etree.fromstring(document.encode("utf-8") if isinstance(document, str)
                              else document, _parser())
    )  # fmt: skip
    schema = openaire_xsd()
    assert schema.validate(root), f"openaire.xsd: {_errors(schema.error_log)}"


def assert_valid_csl(items: Any) -> None:
    errors = sorted(csl_validator().iter_errors(items), key=lambda e: list(e.path))
    assert not errors, "csl-data.json: " + "; ".join(
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]
    )


def standards_path() -> Path:
    return STANDARDS


def assert_valid_bibtex(document: str, entries: int = 1) -> None:
    """BibTeX as its outside readers take it: pybtex in strict mode (any warning is an error)
    and bibtexparser v2 (no block it failed on), both finding all ``entries`` entries.

    The count is the caller's, not read off the document: a braced value may hold a line that
    starts with ``@`` (an abstract's paragraph), which is text to every BibTeX reader."""
    import bibtexparser
    import pybtex.errors
    from pybtex.database import parse_string

    expected = entries
    pybtex.errors.set_strict_mode(True)
    data = parse_string(document, "bibtex")
    assert len(data.entries) == expected, "pybtex did not find every entry"
    library = bibtexparser.parse_string(document)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks][:3]
    assert len(library.entries) == expected, "bibtexparser did not find every entry"


def assert_valid_ris(document: str) -> None:
    """RIS as the specification lays it out (CRLF lines ``XX  - value``, TY first and ER last
    in each record, continuation lines only inside an abstract) and as rispy reads it."""
    import re

    import rispy

    assert document.endswith("ER  - \r\n") and "\n" not in document.replace("\r\n", "")
    lines = document.split("\r\n")[:-1]
    in_record = False
    previous = ""
    for line in lines:
        tag = re.match(r"^([A-Z][A-Z0-9])  - ", line)
        if tag is None:
            assert in_record and previous == "AB", f"stray line {line!r}"
            continue
        previous = tag.group(1)
        if previous == "TY":
            assert not in_record, "TY inside a record"
            in_record = True
        elif previous == "ER":
            assert in_record, "ER outside a record"
            in_record = False
        else:
            assert in_record, f"{previous} outside a record"
    entries = rispy.loads(document)
    assert len(entries) == document.count("\r\nER  - \r\n") + document.startswith("ER")
    assert all(e.get("type_of_reference") for e in entries)


def assert_valid_crossref(document: str) -> None:
    """Valid against the Crossref deposit schema of the version it declares (5.3.1, 5.4.0)."""
    root = etree.fromstring(document.encode("utf-8"), _parser())
    version = root.get("version") or ""
    schema = crossref_xsd(version)
    assert schema.validate(root), f"Crossref {version}: {_errors(schema.error_log)}"


@cache
def datacite_xsd(version: str) -> etree.XMLSchema:
    path = need(STANDARDS / "datacite" / f"kernel-{version}" / "metadata.xsd",
                f"the DataCite Metadata Schema {version}")  # fmt: skip
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def assert_valid_datacite(document: str) -> None:
    """Valid against the DataCite Metadata Schema kernel 4.6 and 4.7 XSDs (the writer uses the
    values both share)."""
    root = etree.fromstring(document.encode("utf-8"), _parser())
    for version in ("4.6", "4.7"):
        schema = datacite_xsd(version)
        assert schema.validate(root), f"DataCite {version}: {_errors(schema.error_log)}"
