"""JATS: what we write is valid JATS 1.3 and reads back; real articles read."""

from __future__ import annotations

import pytest
from formats_support import carried, seed_and_corpus_records
from hypothesis import example, given
from standards import assert_valid_jats
from strategies import publications

import pubmeta
from pubmeta import Publication

RECORDS = seed_and_corpus_records()


@pytest.mark.standards
@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[n for n, _ in RECORDS])
def test_written_jats_is_valid_against_dtds_and_xsd(name: str, record: Publication) -> None:
    assert_valid_jats(pubmeta.write(record, format="jats"))


@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[n for n, _ in RECORDS])
def test_round_trip_keeps_what_jats_carries(name: str, record: Publication) -> None:
    (back,) = pubmeta.read(pubmeta.write(record, format="jats"), format="jats")
    assert carried("jats", back) == carried("jats", record)


@pytest.mark.standards
@given(publications())
# found by this law: a family name whose first word is lower-case ("a 0") read back as
# particle "a" + family "0"; the writer now states the split in custom-meta
@example(Publication.model_validate({"title": "0", "contributors": [{"family": "a 0"}]}))
def test_any_record_writes_valid_jats_and_reads_back(record: Publication) -> None:
    document = pubmeta.write(record, format="jats")
    assert_valid_jats(document)
    (back,) = pubmeta.read(document, format="jats")
    assert carried("jats", back) == carried("jats", record)


# Expected values read by hand from each file: title start, first author, DOI, year, journal.
EXPECTED = {
    "elife_poa_e02725_collab.xml": (
        "Mismatch repair deficiency endows tumors",
        "Hui Zhao",
        "10.7554/elife.02725",
        None,
        "eLife",
    ),
    "elife_poa_e06828.xml": (
        "Cis and trans RET signaling",
        "Michael S Fleming",
        "10.7554/elife.06828",
        None,
        "eLife",
    ),
    "elife_preprint_84364.xml": (
        "Opto-RhoGEFs",
        "Eike K. Mahlandt",
        "10.7554/elife.84364.1",
        None,
        "eLife",
    ),
    "joss.00698.xml": (
        "A reusable tree-based web-visualization",
        "Bryan Brancotte",
        "10.21105/joss.00698",
        2018,
        "Journal of Open Source Software",
    ),
    "nlm3_samplesmall3-pub.xml": (
        "Archival DTD Test Article",
        "John Browning Jones, III",
        None,
        2004,
        None,
    ),
    "pandoc_jats-reader.xml": ("Pandoc Test Suite", "John MacFarlane", None, None, None),
    "peerj-1000.xml": (
        "Can endocranial volume be estimated",
        "Corina J. Logan",
        "10.7717/peerj.1000",
        2015,
        "PeerJ",
    ),
    "plos_journal.pmed.1000097.xml": (
        "Preferred Reporting Items for Systematic Reviews",
        "David Moher",
        "10.1371/journal.pmed.1000097",
        2009,
        "PLoS Medicine",
    ),
    "pmc_bmc_1471-2180-11-174.xml": (
        "Factors influencing lysis time stochasticity",
        "John J Dennehy",
        "10.1186/1471-2180-11-174",
        2011,
        "BMC Microbiology",
    ),
    "pmc_eid_PMC4036788.xml": (
        "Genetic Evidence of Importation of Drug-Resistant Plasmodium",
        "Jaymin C. Patel",
        "10.3201/eid2006.131204",
        2014,
        "Emerging Infectious Diseases",
    ),
    "pmc_npg_bjc_6605965a_47authors.xml": (
        "Oral contraceptives, reproductive history",
        "K K Tsilidis",
        "10.1038/sj.bjc.6605965",
        2010,
        "British Journal of Cancer",
    ),
    "scielo_rsp_abstract-and-trans-abstract.xml": (
        "HIV/AIDS knowledge among men who have sex with men",
        "Raquel Regina de Freitas Magalhães Gomes",
        "10.1590/s0034-8910.2014048004911",
        2014,
        "Revista de Saúde Pública",
    ),
}


@pytest.mark.corpus
@pytest.mark.standards
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_articles_read_and_write_back_valid(shared, name: str) -> None:  # type: ignore[no-untyped-def]
    path = shared / "corpus" / "jats" / name
    (record,) = pubmeta.read(path)
    title, author, doi, year, journal = EXPECTED[name]
    assert record.title and record.title.startswith(title)
    assert record.authors()[0].display_name() == author
    assert record.identifiers.doi == doi
    assert (record.dates.published.year if record.dates.published else None) == year
    assert (record.container.title if record.container else None) == journal
    assert [i for i in pubmeta.validate(path) if i.is_error] == []
    assert_valid_jats(pubmeta.write(record, format="jats"))


@pytest.mark.corpus
def test_markup_in_titles_and_abstracts_does_not_leak(shared) -> None:  # type: ignore[no-untyped-def]
    (record,) = pubmeta.read(shared / "corpus" / "jats" / "pmc_eid_PMC4036788.xml")
    assert record.title == (
        "Genetic Evidence of Importation of Drug-Resistant Plasmodium "
        "falciparum to Guatemala from the Democratic Republic of the Congo"
    )
    assert record.abstract and "<" not in record.abstract


@pytest.mark.corpus
def test_name_particles_survive(shared) -> None:  # type: ignore[no-untyped-def]
    (record,) = pubmeta.read(shared / "corpus" / "jats" / "pmc_npg_bjc_6605965a_47authors.xml")
    names = [c.display_name() for c in record.contributors]
    assert any("van Duijnhoven" in n for n in names)
    people = [c for c in record.contributors if getattr(c, "particle", None)]
    assert people, "a lower-case particle is kept apart from the family name"


@pytest.mark.corpus
def test_group_authors_are_organisations(shared) -> None:  # type: ignore[no-untyped-def]
    (record,) = pubmeta.read(shared / "corpus" / "jats" / "plos_journal.pmed.1000097.xml")
    assert any(
        isinstance(c, pubmeta.Organisation) and c.name == "The PRISMA Group"
        for c in record.contributors
    )


def test_partial_dates_are_not_completed() -> None:
    record = Publication.model_validate({"title": "T", "dates": {"published": "2023-12"}})
    document = pubmeta.write(record, format="jats")
    assert 'iso-8601-date="2023-12"' in document and "<day>" not in document
    (back,) = pubmeta.read(document, format="jats")
    assert str(back.dates.published) == "2023-12"


def test_ampersands_and_brackets_are_escaped() -> None:
    record = Publication.model_validate({"title": "A & B <C> ]]>", "abstract": "x < y & z"})
    document = pubmeta.write(record, format="jats")
    assert "A &amp; B &lt;C&gt; ]]&gt;" in document
    (back,) = pubmeta.read(document, format="jats")
    assert (back.title, back.abstract) == ("A & B <C> ]]>", "x < y & z")


def test_characters_xml_cannot_hold_are_refused_by_name_even_past_the_model() -> None:
    # the model refuses them; a record built without validation still never becomes bad XML
    record = Publication.model_construct(title="bell \x07 here")
    with pytest.raises(pubmeta.UnwritableRecordError, match=r"article-title.*U\+0007"):
        pubmeta.write(record, format="jats")


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        ("<article><front>", "xml-syntax"),
        ("<book/>", "jats-not-an-article"),
        ("<article/>", "jats-no-front"),
    ],
)
def test_documents_that_are_not_articles_are_clear_errors(content: str, rule: str) -> None:
    with pytest.raises(pubmeta.FormatError) as caught:
        pubmeta.read(content, format="jats")
    assert caught.value.rule == rule


def test_a_conference_whose_acronym_is_its_name_keeps_both() -> None:
    record = Publication.model_validate(
        {"type": "conference-paper", "title": "T", "event": {"name": "ECIR", "acronym": "ECIR"}}
    )
    (back,) = pubmeta.read(pubmeta.write(record, format="jats"), format="jats")
    assert back.event == record.event
