"""Dublin Core: what we write is valid oai_dc and keeps its documented subset."""

from __future__ import annotations

import pytest
from formats_support import carried, project, seed_and_corpus_records
from hypothesis import given
from standards import assert_valid_dc
from strategies import publications

import pubmeta
from pubmeta import Publication

RECORDS = seed_and_corpus_records()


@pytest.mark.standards
@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[n for n, _ in RECORDS])
def test_written_dc_is_valid_against_oai_dc(name: str, record: Publication) -> None:
    assert_valid_dc(pubmeta.write(record, format="dc"))


@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[n for n, _ in RECORDS])
def test_round_trip_keeps_the_documented_subset(name: str, record: Publication) -> None:
    (back,) = pubmeta.read(pubmeta.write(record, format="dc"), format="dc")
    assert carried("dc", back) == project("dc", record)


@pytest.mark.standards
@given(publications())
def test_any_record_writes_valid_dc(record: Publication) -> None:
    assert_valid_dc(pubmeta.write(record, format="dc"))


def test_openaire_conventions() -> None:
    record = Publication.model_validate(
        {
            "type": "review-article",
            "title": "T",
            "language": "en",
            "status": "accepted",
            "contributors": [{"family": "Gogh", "given": "Vincent", "particle": "van"}],
            "identifiers": {"doi": "10.1000/abc"},
            "access_rights": "open",
            "dates": {"published": "2023-12"},
            "container": {"title": "J", "issn_print": "0378-5955"},
            "volume": "3",
            "issue": "2",
            "pages": {"first": "10", "last": "20"},
        }
    )
    document = pubmeta.write(record, format="dc")
    for expected in (
        "<dc:creator>van Gogh, Vincent</dc:creator>",
        "<dc:identifier>https://doi.org/10.1000/abc</dc:identifier>",
        "<dc:type>info:eu-repo/semantics/article</dc:type>",
        "<dc:type>info:eu-repo/semantics/acceptedVersion</dc:type>",
        "<dc:rights>info:eu-repo/semantics/openAccess</dc:rights>",
        "<dc:language>eng</dc:language>",
        "<dc:date>2023-12</dc:date>",
        "<dc:source>J, 3(2), 10-20</dc:source>",  # Title, Volume(Issue), Pages
        "<dc:source>ISSN: 0378-5955</dc:source>",
    ):
        assert expected in document


EXPECTED = {
    # file: [(title start, first creator, DOI, year, container)] per record
    "ckanext-oaipmh_testdata_listrecords_helda.xml": [
        ("Perunan typpilannoitus", "Anna Tall", None, 2007, None)
    ],
    "oaipmh-scythe_zenodo_ListRecords_first3.xml": [
        ("Meika4/mabs_mds7_gaussians", "Meika4", "10.5281/zenodo.20510666", 2026, None),
        (
            "Evaluating the Predictive Value",
            "Kanakarathnage Kavindya Prasadi Zoysa",
            "10.58614/jahsm593",
            2025,
            "Journal of Applied Health Sciences and Medicine",
        ),
        (
            "Malaria, Antimalarials",
            "Uchechukwu Scholastica Chukwu-Eze",
            "10.58614/jahsm5114",
            2025,
            "Journal of Applied Health Sciences and Medicine",
        ),
    ],
    "pyoai_fake1_00004_GetRecord_dspace-eur.xml": [
        ("De vrouwenbeweging online", None, None, 2003, None)
    ],
    "pyoai_fake1_00006_bare-oai_dc.xml": [("De vrouwenbeweging online", None, None, 2003, None)],
    "sickle_GetRecord.xml": [("Sample Title", "John Doe", None, 2011, "Sample Source")],
    "sickle_ListRecords.xml": [("Sample Title", "John Doe", None, 2010, "Sample Source")],
}


@pytest.mark.corpus
@pytest.mark.standards
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_records_read_and_write_back_valid(shared, name: str) -> None:  # type: ignore[no-untyped-def]
    path = shared / "corpus" / "dc" / name
    records = pubmeta.read(path)
    assert len(records) == len(EXPECTED[name])
    for record, (title, author, doi, year, container) in zip(records, EXPECTED[name], strict=True):
        assert record.title and record.title.startswith(title)
        authors = record.authors()
        assert (authors[0].display_name() if authors else None) == author
        assert record.identifiers.doi == doi
        assert (record.dates.published.year if record.dates.published else None) == year
        assert (record.container.title if record.container else None) == container
        assert_valid_dc(pubmeta.write(record, format="dc"))
    assert [i for i in pubmeta.validate(path) if i.is_error] == []


@pytest.mark.corpus
def test_escaped_html_in_descriptions_becomes_plain_text(shared) -> None:  # type: ignore[no-untyped-def]
    records = pubmeta.read(shared / "corpus" / "dc" / "oaipmh-scythe_zenodo_ListRecords_first3.xml")
    abstract = records[1].abstract or ""
    assert abstract.startswith("Abstract") and "<" not in abstract and "&lt;" not in abstract


@pytest.mark.corpus
def test_deleted_records_are_reported(shared) -> None:  # type: ignore[no-untyped-def]
    issues = pubmeta.validate(shared / "corpus" / "dc" / "sickle_ListRecords.xml")
    assert [i.rule for i in issues] == ["dc-deleted-record"]


def _dc(*elements: str) -> str:
    return (
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">' + "".join(elements) + "</oai_dc:dc>"
    )


def test_html_in_an_abstract_is_written_as_the_text_it_reads_back_as() -> None:
    record = Publication.model_validate(
        {"title": "T", "abstract": "<p>First <b>bold</b> claim.</p><p>Second &amp; last.</p>"}
    )
    text = pubmeta.write(record, format="dc")
    assert "<dc:description>First bold claim.\n\nSecond &amp; last.</dc:description>" in text
    (back,) = pubmeta.read(text, format="dc")
    assert back.abstract == "First bold claim.\n\nSecond & last."
    assert pubmeta.write(back, format="dc") == text


def test_a_creator_with_loose_spacing_is_read_as_family_and_given_names() -> None:
    (record,) = pubmeta.read(
        _dc("<dc:title>T</dc:title>", "<dc:creator>van  der Berg ,  Anna  Maria</dc:creator>"),
        format="dc",
    )
    person = record.contributors[0]
    assert (person.particle, person.family, person.given) == ("van der", "Berg", "Anna Maria")


def test_a_name_part_holding_a_run_of_spaces_is_written_with_one() -> None:
    record = Publication.model_validate(
        {"title": "T", "contributors": [{"family": "Van  Gogh", "given": "Vincent  W."}]}
    )
    assert "<dc:creator>Van Gogh, Vincent W.</dc:creator>" in pubmeta.write(record, format="dc")
