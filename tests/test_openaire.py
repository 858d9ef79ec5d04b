"""oai_openaire (OpenAIRE Literature Repositories v4): the official example read as a person
reads it, the one real response read leniently and written back valid, the COAR vocabularies
against the schema's own lists. (The laws and the fuzzing cover every other record shape.)"""

from __future__ import annotations

import json
import random
import re

import pytest
from conftest import SHARED, need
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from mutations import mutate
from standards import assert_valid_openaire, openaire_xsd

import pubmeta
from pubmeta.formats import format_for
from pubmeta.formats.openaire import coar

OPENAIRE = SHARED / "standards" / "openaire4"
REAL = SHARED / "corpus" / "oai-pmh" / "repositorium-uminho_2024_ListRecords_oai_openaire.xml"


def _sample() -> pubmeta.Publication:
    path = need(OPENAIRE / "samples" / "sample_journalarticle1.xml", "the OpenAIRE v4 samples")
    (record,) = pubmeta.read(path, format="openaire")
    return record


def test_the_guidelines_journal_article_example_is_read_as_it_says() -> None:
    record = _sample()
    assert record.type.value == "article"  # COAR c_6501 journal article
    assert record.title == (
        "Redox\u2010Neutral Dual Functionalization of Electron\u2010Deficient Alkenes"
    )
    assert [c.family for c in record.contributors] == [
        "Pettersson", "Bergonzini", "Cassani", "Wallentin"]  # fmt: skip
    assert record.contributors[3].orcid == "0000-0003-1983-9378"
    assert record.identifiers.doi == "10.1002/chem.201701589"
    assert record.identifiers.pmcid == "PMC5574022"  # given there as a PMID
    assert record.container is not None
    assert (record.container.title, record.container.issn_print, record.container.issn_online) == (
        "Chemistry", "0947-6539", "1521-3765")  # fmt: skip
    assert (record.volume, record.issue, str(record.pages)) == ("23", "31", "7444-7447")
    assert record.status is not None and record.status.value == "submitted"  # SMUR
    assert record.access_rights is not None and record.access_rights.value == "open"
    assert record.license is not None
    assert record.license.url == "http://creativecommons.org/licenses/by-nc/4.0/"
    assert record.funding[0].funder == "European Commission"
    assert record.funding[0].award_id == "660668"
    assert str(record.dates.accepted) == "2018-02-25"
    assert str(record.dates.early_online) == "2019-02-25"  # dateType Available


def test_the_example_written_back_is_valid_against_the_v4_schema() -> None:
    assert_valid_openaire(pubmeta.write(_sample(), format="openaire"))


def _real_resources() -> list[etree._Element]:
    path = need(REAL, "the recorded oai_openaire response")
    root = etree.parse(str(path), etree.XMLParser(no_network=True)).getroot()
    return list(root.iter("{http://namespace.openaire.eu/schema/oaire/}resource"))


def test_the_real_response_is_invalid_as_served_but_every_record_is_read() -> None:
    resources = _real_resources()
    truth = json.loads(REAL.with_name(REAL.name.replace(".xml", ".truth.json")).read_text())
    live = truth["records"] - truth["deleted"]
    assert len(resources) == live == 98
    schema = openaire_xsd()
    assert not any(schema.validate(r) for r in resources)  # as served: none valid
    records = pubmeta.read(REAL, format="openaire")
    assert len(records) == live
    first = records[0].identifiers.other
    assert {"scheme": "oai", "value": truth["first_identifier"]} in [o.model_dump() for o in first]


def test_every_real_record_is_written_back_valid() -> None:
    for record in pubmeta.read(need(REAL, "the recorded response"), format="openaire"):
        assert_valid_openaire(pubmeta.write(record, format="openaire"))


def _schema_concepts(xsd: str, base: str) -> set[str]:
    text = (OPENAIRE / "schemas" / "4.0" / xsd).read_text("utf-8")
    return {v.removeprefix(base) for v in re.findall(r'<xs:enumeration value="([^"]+)"', text)}


def test_the_coar_tables_hold_exactly_the_concepts_of_the_v4_schema() -> None:
    types = _schema_concepts("oaire-resourceType-v4.xsd", coar.RESOURCE_TYPE)
    assert set(coar.RESOURCE_TYPES) == types and len(types) == 58
    assert set(coar.VERSIONS) == _schema_concepts("oaire-versions-v4.xsd", coar.VERSION)
    assert set(coar.FROM_ACCESS) == _schema_concepts("oaire-accessRight-v4.xsd", coar.ACCESS_RIGHT)


def test_an_openaire_resource_is_not_taken_for_datacite() -> None:
    text = (OPENAIRE / "samples" / "sample_minimal.xml").read_text("utf-8")
    assert format_for(text, ".xml").name == "openaire"


def test_a_bachelor_thesis_reads_as_a_thesis() -> None:
    document = (
        '<resource xmlns="http://namespace.openaire.eu/schema/oaire/">'
        '<resourceType resourceTypeGeneral="literature" '
        'uri="http://purl.org/coar/resource_type/c_7a1f">bachelor thesis</resourceType>'
        "</resource>"
    )
    (record,) = pubmeta.read(document, format="openaire")
    assert record.type.value == "thesis"


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1))
def test_a_mutated_real_response_is_read_or_refused(seed: int) -> None:
    text = need(REAL, "the recorded response").read_text("utf-8")
    # one record's worth keeps each example fast
    start = text.index("<record>", 1000)
    end = text.index("</record>", start) + len("</record>")
    document = text[: text.index("<record>")] + text[start:end] + "</ListRecords></OAI-PMH>"
    try:
        mutated = mutate(document, random.Random(seed))
    except (ValueError, IndexError):
        pytest.skip("nothing to mutate")
    try:
        pubmeta.read(mutated, format="openaire")
    except pubmeta.PubmetaError as error:
        assert str(error)
    issues = pubmeta.validate(mutated.encode("utf-8"), format="openaire")
    assert not [i for i in issues if i.rule == "internal-error"]
