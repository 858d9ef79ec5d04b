"""A small record store for the provider tests (real records of the shared corpus, as JSON
Lines, plus record files), and the OAI-PMH schema with each payload's schema beside it."""

from __future__ import annotations

import contextlib
import shutil
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need_module
from lxml import etree

import pubmeta

STANDARDS = SHARED / "standards"
PAYLOAD_SCHEMAS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc/", STANDARDS / "oai/2.0/oai_dc.xsd"),
    "oai_openaire": ("http://namespace.openaire.eu/schema/oaire/",
                     STANDARDS / "openaire4/schemas/4.0/openaire.xsd"),
    "datacite": ("http://datacite.org/schema/kernel-4",
                 STANDARDS / "datacite/kernel-4.6/metadata.xsd"),
}  # fmt: skip
OAI_XSD = STANDARDS / "oai-pmh" / "OAI-PMH.xsd"


def corpus_records() -> list[pubmeta.Publication]:
    records: list[pubmeta.Publication] = []
    for kind in ("pure", "jats", "crossref", "datacite", "csl", "dc"):
        for path in sorted((SHARED / "corpus" / kind).glob("*")):
            if path.is_file() and not path.name.endswith(".truth.json"):
                with contextlib.suppress(pubmeta.PubmetaError):  # a file of another kind
                    records += pubmeta.read(path, format=kind)
    return records


def make_store(folder: Path) -> int:
    """Records as JSON Lines and two record files in ``folder``; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    records = corpus_records()
    lines = "".join(r.model_dump_json(exclude_defaults=True) + "\n" for r in records)
    (folder / "records.jsonl").write_text(lines, encoding="utf-8")
    seed = sorted((REPO / "seeds").glob("*.yaml"))[0]
    shutil.copy(seed, folder / seed.name)
    jats = sorted((SHARED / "corpus" / "jats").glob("*.xml"))[0]
    shutil.copy(jats, folder / jats.name)
    return len(records) + len(pubmeta.read(seed)) + len(pubmeta.read(jats, format="jats"))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)


@cache
def envelope_schema(prefix: str | None) -> etree.XMLSchema:
    """OAI-PMH.xsd with the payload schema of ``prefix`` imported beside it (None: alone)."""
    oai = "http://www.openarchives.org/OAI/2.0/"
    imports = f'<xs:import namespace="{oai}" schemaLocation="{OAI_XSD.as_uri()}"/>'
    if prefix is not None:
        namespace, path = PAYLOAD_SCHEMAS[prefix]
        imports += f'<xs:import namespace="{namespace}" schemaLocation="{path.as_uri()}"/>'
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(driver.encode(), _parser(), base_url=str(OAI_XSD)))


def assert_valid_response(text: str, prefix: str | None) -> etree._Element:
    root = etree.fromstring(text.encode("utf-8"), _parser())
    schema = envelope_schema(prefix if prefix in PAYLOAD_SCHEMAS else None)
    if prefix == "jats":  # no schema for the JATS namespace: the envelope, then the payload
        from standards import jats_xsd

        for metadata in root.iter("{http://www.openarchives.org/OAI/2.0/}metadata"):
            article = metadata[0]
            plain = etree.fromstring(
                etree.tostring(article).replace(
                    b' xmlns="https://jats.nlm.nih.gov/ns/archiving/1.3/"', b"", 1
                ),
                _parser(),
            )
            assert jats_xsd().validate(plain), str(jats_xsd().error_log.last_error)
            metadata.remove(article)
            metadata.append(etree.Element("{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"))
        schema = envelope_schema("oai_dc")
    assert schema.validate(root), f"{prefix}: {schema.error_log.last_error}"
    return root


class _Evaluator:
    """lxml's XPathEvaluator with the ``evaluate`` method lxml 5 removed (pyoai 2.5.0, its
    latest release, still calls it)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        from lxml import etree

        self._evaluate = etree.XPathEvaluator(*args, **kwargs)  # type: ignore[call-overload]

    def evaluate(self, path: str) -> object:
        return self._evaluate(path)

    __call__ = evaluate


def patch_pyoai(monkeypatch: pytest.MonkeyPatch) -> object:
    """pyoai 2.5.0 on today's Python and lxml: the two calls it makes that are gone
    (``cgi.parse_qs``, removed in Python 3.8; ``XPathEvaluator.evaluate``, in lxml 5) given
    back to its modules for the test; nothing else of pyoai is touched."""
    oaipmh = need_module("oaipmh")
    import types
    import urllib.parse

    from lxml import etree
    from oaipmh import client, metadata, server

    shim = types.SimpleNamespace(**{n: getattr(etree, n) for n in dir(etree) if n[0] != "_"})
    shim.XPathEvaluator = _Evaluator
    for module in (client, metadata):
        monkeypatch.setattr(module, "etree", shim)
    monkeypatch.setattr(server, "cgi", types.SimpleNamespace(parse_qs=urllib.parse.parse_qs))
    return oaipmh
