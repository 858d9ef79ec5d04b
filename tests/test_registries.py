"""Crossref, DataCite and OpenAlex: real responses read right, deposits valid against the
official schemas and read back, and the registries' own rules kept (what the peers get wrong)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SHARED, need
from deposit_support import options
from formats_support import corpus_files, seed_and_corpus_records, truth_accuracy
from lxml import etree
from standards import assert_valid_crossref, assert_valid_datacite

import pubmeta
from pubmeta import Publication
from pubmeta.formats.datacite.mapping import GENERAL_TYPES, TO_GENERAL

HEAD = options("crossref")
REGISTRIES = ("crossref", "datacite", "openalex")


def _record(**fields: object) -> Publication:
    return Publication.model_validate(
        {"title": "A title", "identifiers": {"doi": "10.5555/abc.1"}, **fields}
    )


def _all_real_records() -> list[tuple[str, Publication]]:
    found = list(seed_and_corpus_records())
    for kind in ("csl", "jats", "dc", "bibtex", "ris", *REGISTRIES):
        for path in corpus_files(kind):
            if path.name.endswith((".truth.json", ".expected.json")) or path.suffix == ".md":
                continue
            try:
                found.extend((path.name, r) for r in pubmeta.read(path, format=kind))
            except pubmeta.PubmetaError:
                continue  # a file of another kind in the folder (its own test reads it)
    return found


# -- reading real responses ---------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("kind", REGISTRIES)
def test_real_responses_give_title_first_author_doi_and_year(kind: str) -> None:
    need(SHARED / "corpus" / kind, f"the {kind} corpus")
    accuracy, misses = truth_accuracy(kind, ".json")
    assert accuracy >= 0.99, misses


@pytest.mark.corpus
@pytest.mark.parametrize("kind", REGISTRIES)
def test_no_real_response_is_refused_or_invalid(kind: str) -> None:
    for path in corpus_files(kind):
        if path.name.endswith(".truth.json"):
            continue
        assert [i for i in pubmeta.validate(path, format=kind) if i.is_error] == [], path.name


def test_a_crossref_items_list_gives_one_record_per_item() -> None:
    path = need(SHARED / "corpus/crossref/habanero_works_rows2_book-chapters.json", "corpus")
    records = pubmeta.read(path)
    assert [r.type.value for r in records] == ["book-chapter", "book-chapter"]
    assert records[0].container is not None
    assert records[0].container.title == "Handbuch Innovationsforschung"
    assert records[0].publisher_place == "Wiesbaden"


def test_crossref_rest_json_is_told_from_csl_by_its_own_marks() -> None:
    csl = '[{"type": "article-journal", "title": "T", "DOI": "10.1/x", '
    csl += '"issued": {"date-parts": [[2020]]}}]'
    rest = '{"message-type": "work", "message": {"type": "journal-article", "title": ["T"]}}'
    assert pubmeta.read(rest)[0].provenance.reader == "crossref"  # type: ignore[union-attr]
    assert pubmeta.read(csl)[0].provenance is None or (
        pubmeta.read(csl)[0].provenance.reader != "crossref"  # type: ignore[union-attr]
    )


def test_the_openalex_abstract_is_rebuilt_from_its_inverted_index() -> None:
    work = (
        '{"id": "https://openalex.org/W1", "title": "T", "abstract_inverted_index": '
        '{"Despite": [0], "growing": [1], "interest": [2, 5], "in": [3], "open": [4]}}'
    )
    (record,) = pubmeta.read(work)
    assert record.abstract == "Despite growing interest in open interest"


def test_openalex_authorships_keep_orcid_institution_and_order() -> None:
    path = need(
        SHARED / "corpus/openalex/commonmeta-py_openalex_10.1038-hdy.2013.26.json", "corpus"
    )
    (record,) = pubmeta.read(path)
    first = record.authors()[0]
    assert first.kind == "person"
    assert (first.given, first.family, first.orcid) == ("Joshua B.", "Gross", "0000-0002-0032-1053")
    # the institution with its ROR ID, as the response gives it
    assert [a.model_dump() for a in first.affiliations] == [  # type: ignore[union-attr]
        {"name": "University of Cincinnati", "ror": "01e3m7079"}
    ]
    assert record.container is not None and record.container.title == "Heredity"
    assert (record.volume, record.issue) == ("111", "2")


@pytest.mark.standards
def test_the_official_crossref_examples_are_read() -> None:
    folder = need(SHARED / "standards/crossref/examples", "the Crossref examples")
    for path in sorted(folder.rglob("*.xml")):
        records = pubmeta.read(path, format="crossref")
        assert records and all(r.identifiers.doi and r.title for r in records), path.name


@pytest.mark.standards
def test_the_official_datacite_examples_are_read() -> None:
    folder = need(SHARED / "standards/datacite/examples", "the DataCite examples")
    for path in sorted(folder.rglob("*.xml")):
        (record,) = pubmeta.read(path)
        assert record.identifiers.doi and record.title and record.dates.published, path.name
        assert record.source_type is not None and record.source_type.scheme == "DataCite"


# -- writing deposits ------------------------------------------------------------------


@pytest.mark.standards
@pytest.mark.corpus
def test_every_real_record_with_a_doi_and_a_title_is_deposited_valid_or_refused_by_name() -> None:
    """Crossref and DataCite: valid against 5.3.1, 5.4.0, kernel 4.6 and 4.7, read back with the
    same title, authors, year and DOI; or refused naming a value the registry requires."""
    written = refused = 0
    for name, record in _all_real_records():
        if not (record.identifiers.doi and record.title):
            continue
        for version in ("5.3.1", "5.4.0"):
            try:
                deposit = pubmeta.write(record, "crossref", version=version, **HEAD)
            except pubmeta.UnwritableRecordError as error:
                assert re.match(r"^[a-z_.]+(\[\d+\])?[a-z_.]*: ", str(error)), str(error)
                refused += 1
                break
            assert_valid_crossref(deposit)
            _same_essentials(record, pubmeta.read(deposit, format="crossref")[0], name)
            written += 1
        for version in ("4.6", "4.7"):
            try:
                document = pubmeta.write(record, "datacite", version=version)
            except pubmeta.UnwritableRecordError as error:
                assert str(error).startswith("dates.published: "), str(error)  # no year
                refused += 1
                break
            assert_valid_datacite(document)
            _same_essentials(record, pubmeta.read(document, format="datacite")[0], name)
            written += 1
    assert written > 4 * refused, (written, refused)


def _families(record: Publication) -> list[str | None]:
    return [c.display_name() for c in record.authors()]


def _year(record: Publication) -> int | None:
    date = record.dates.published or record.dates.early_online
    return date.year if date else None


def _same_essentials(record: Publication, back: Publication, name: str) -> None:
    year, back_year = _year(record), _year(back)
    assert (back.title, back.identifiers.doi, back_year) == (
        record.title,
        record.identifiers.doi,
        year,
    ), name
    assert [a.kind for a in back.authors()] == [a.kind for a in record.authors()], name


def test_a_deposit_needs_its_head_and_names_what_is_missing() -> None:
    with pytest.raises(pubmeta.PubmetaError, match="depositor, email"):
        pubmeta.write(_record(), "crossref", registrant="R", batch_id="b-01", timestamp="1")


def test_a_year_only_date_is_deposited_as_a_year_never_a_day() -> None:
    """commonmeta-py invents a month and day from today for every year-only date."""
    record = _record(
        type="article",
        container={"title": "Journal"},
        dates={"published": "2019"},
    )
    root = etree.fromstring(pubmeta.write(record, "crossref", **HEAD).encode())
    dates = [e for e in root.iter() if etree.QName(e).localname == "publication_date"]
    assert dates and all([etree.QName(c).localname for c in d] == ["year"] for d in dates)


def test_a_year_and_month_stay_a_year_and_month() -> None:
    record = _record(type="article", container={"title": "J"}, dates={"published": "2019-03"})
    text = pubmeta.write(record, "crossref", **HEAD)
    assert "<month>03</month>" in text and "<day>" not in text


def test_the_doi_is_deposited_whatever_the_record_came_from() -> None:
    """commonmeta-py keeps the DOI only when the CSL id is a DOI URL."""
    csl = '[{"id": "item-1", "type": "article-journal", "title": "T", "DOI": "10.5555/x1", '
    csl += '"container-title": "J", "issued": {"date-parts": [[2020]]}}]'
    (record,) = pubmeta.read(csl, format="csl")
    assert "<doi>10.5555/x1</doi>" in pubmeta.write(record, "crossref", **HEAD)
    assert ">10.5555/x1</identifier>" in pubmeta.write(record, "datacite")


def test_one_deposit_holds_many_records_of_one_kind_and_refuses_a_mix() -> None:
    article = _record(type="article", container={"title": "J"}, dates={"published": "2020"})
    other = article.model_copy(update={"identifiers": article.identifiers.model_copy(
        update={"doi": "10.5555/abc.2"})})  # fmt: skip
    deposit = pubmeta.write([article, other], "crossref", **HEAD)
    assert_valid_crossref(deposit)
    assert len(pubmeta.read(deposit, format="crossref")) == 2
    chapter = Publication.model_validate(
        {**article.model_dump(mode="json"), "type": "book-chapter", "publisher": "P"}
    )
    with pytest.raises(pubmeta.WriteError, match="one kind of work"):
        pubmeta.write([article, chapter], "crossref", **HEAD)


def test_datacite_resource_types_come_from_the_closed_list() -> None:
    """'Article' is not a resourceTypeGeneral; every record type maps into the list."""
    assert set(TO_GENERAL.values()) <= GENERAL_TYPES
    assert "Article" not in GENERAL_TYPES


def test_datacite_stands_in_for_unknown_mandatory_values() -> None:
    text = pubmeta.write(
        Publication.model_validate(
            {"identifiers": {"doi": "10.5555/x"}, "dates": {"published": "0033"}}
        ),
        "datacite",
    )
    assert "<creatorName>(:unav)</creatorName>" in text
    assert "<title>(:unav)</title>" in text and "<publisher>(:unav)</publisher>" in text
    assert "<publicationYear>0033</publicationYear>" in text
    assert_valid_datacite(text)


def test_datacite_keeps_a_software_type_it_read() -> None:
    path = need(SHARED / "corpus/datacite/commonmeta-py_dois_10.5281-zenodo.48440.json", "corpus")
    (record,) = pubmeta.read(path)
    assert 'resourceTypeGeneral="Software"' in pubmeta.write(record, "datacite")


def test_datacite_creator_parts_are_in_the_schema_order() -> None:
    record = _record(
        dates={"published": "2020"},
        contributors=[
            {
                "family": "Miller",
                "given": "Ann",
                "orcid": "0000-0001-5000-0007",
                "affiliations": ["DataCite"],
            }
        ],
    )
    creator = re.search(r"<creator>(.*?)</creator>", pubmeta.write(record, "datacite"), re.S)
    assert creator is not None
    order = re.findall(r"<(\w+)[ >]", creator.group(1))
    assert order == ["creatorName", "givenName", "familyName", "nameIdentifier", "affiliation"]


def test_ingest_writes_a_crossref_deposit_per_kind_of_work_in_each_chunk(tmp_path: Path) -> None:
    from pubmeta.cli import main

    article = _record(type="article", container={"title": "J"}, dates={"published": "2020"})
    chapter = _record(
        type="book-chapter",
        container={"title": "Book"},
        publisher="P",
        dates={"published": "2020"},
        identifiers={"doi": "10.5555/abc.3"},
    )
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(r.model_dump_json(exclude_defaults=True) for r in (article, chapter)) + "\n"
    )
    head = [f"--option=crossref.{k}={v}" for k, v in HEAD.items()]
    code = main(["ingest", str(source), "--to", "crossref,datacite", "--out",
                 str(tmp_path / "out"), *head])  # fmt: skip
    assert code == 0
    deposits = sorted((tmp_path / "out" / "crossref").glob("*.xml"))
    assert len(deposits) == 2
    for deposit in deposits:
        assert_valid_crossref(deposit.read_text("utf-8"))
    assert len(list((tmp_path / "out" / "datacite").rglob("*.xml"))) == 2


def test_json_lines_of_api_responses_are_read_line_by_line(tmp_path: Path) -> None:
    """A harvest saved as JSON Lines (one response per line) is validated and ingested as its
    format, told by the first line; a bad line costs that line only."""
    works = [
        '{"id": "https://openalex.org/W1", "title": "First", "doi": "10.5555/a1"}',
        "{not json",
        '{"id": "https://openalex.org/W2", "title": "Second", "doi": "10.5555/a2"}',
    ]
    source = tmp_path / "harvest.jsonl"
    source.write_text("\n".join(works) + "\n", encoding="utf-8")
    issues = pubmeta.validate(source)
    assert [(i.rule, i.line) for i in issues if i.is_error] == [("json-syntax", 2)]
    from pubmeta.cli import main

    assert main(["ingest", str(source), "--to", "pubmeta", "--out", str(tmp_path / "o")]) == 1
    written = (tmp_path / "o" / "records.jsonl").read_text("utf-8").splitlines()
    assert [Publication.model_validate_json(line).title for line in written] == ["First", "Second"]


def test_pubmeta_records_of_every_type_are_not_taken_for_registry_responses() -> None:
    from pubmeta.formats.registry import format_for
    from pubmeta.model import PublicationType

    for kind in PublicationType:
        record = _record(type=kind.value, dates={"published": "2020"}, container={"title": "J"})
        assert format_for(record.model_dump_json(), ".jsonl").name == "pubmeta", kind


REAL = Path(__file__).parent / "data" / "real"


def test_a_kernel_3_datacite_record_is_read_and_keeps_what_has_no_field_as_notes() -> None:
    (record,) = pubmeta.read(REAL / "bolognese_datacite-example-complicated-v3.0.xml")
    assert record.identifiers.doi == "10.5072/testpub"
    assert record.title == "Właściwości rzutowań podprzestrzeniowych"
    first = record.authors()[0]
    assert first.kind == "person" and (first.family, first.given) == ("Smith", "John")
    assert record.dates.published is not None and record.dates.published.year == 2010
    assert (record.language, record.page_count, record.publisher) == ("de", 256, "Springer")
    # the relation and the version are the record's own fields since the record grew them
    assert [r.model_dump(mode="json") for r in record.related] == [
        {"relation": "is-part-of", "scheme": "doi", "value": "10.5272/oldertestpub"}
    ]
    assert record.version == "2"
    assert "DataCite title (TranslatedTitle): Translation of Polish titles" in record.notes
    assert any("937-0-4523-12357-6" in note for note in record.notes)  # an invalid ISBN


def test_a_crossref_unixref_record_is_read_with_its_crossmark_licence() -> None:
    (record,) = pubmeta.read(REAL / "bolognese_crossref-unixref_10.1371-journal.pone.0000030.xml")
    assert record.identifiers.doi == "10.1371/journal.pone.0000030"
    assert [a.display_name() for a in record.authors()][:2] == ["Markus Ralser", "Gino Heeren"]
    assert [c.role.value for c in record.contributors].count("editor") == 1
    assert record.dates.published is not None and record.dates.published.isoformat() == "2006-12-20"
    assert record.container is not None and record.container.issn_online == "1932-6203"
    assert (record.volume, record.issue, record.pages and record.pages.first) == ("1", "1", "e30")
    assert record.license is not None
    assert record.license.url == "http://creativecommons.org/licenses/by/4.0/"


# -- the record's growth for the registries: related works, versions, ROR IDs, software ------


def test_datacite_related_identifiers_version_and_ror_affiliations_are_read() -> None:
    path = need(
        SHARED / "standards/datacite/examples/kernel-4.7/datacite-example-full-v4.xml",
        "DataCite's full kernel-4.7 example",
    )
    (record,) = pubmeta.read(path)
    assert record.version == "1"
    assert record.contributors[0].affiliations[0].model_dump() == {
        "name": "ExampleAffiliation", "ror": "04wxnsj81"
    }  # fmt: skip
    # 41 related identifiers: all but the kernel-4.7-only RAiD, SWHID and relation "Other"
    assert len(record.related) == 38
    assert record.related[0].model_dump(mode="json") == {
        "relation": "is-cited-by", "scheme": "ark", "value": "ark:/13030/tqb3kh97gh8w"
    }  # fmt: skip
    assert record.related[-1].model_dump(mode="json") == {
        "relation": "is-translation-of", "scheme": "doi", "value": "10.1016/j.epsl.2011.11.037"
    }  # fmt: skip
    kept = [n for n in record.notes if n.startswith("DataCite ") and ": " in n]
    assert "DataCite IsPartOf RAiD: https://raid.org/10.26259/5c43ca8f" in kept
    assert "DataCite Other DOI: 10.1016/j.epsl.2011.11.037" in kept


def _software() -> Publication:
    return Publication.model_validate(
        {
            "type": "software",
            "title": "pubmeta",
            "version": "2.1.0",
            "dates": {"published": "2026"},
            "publisher": "Zenodo",
            "identifiers": {"doi": "10.5281/zenodo.1234567"},
            "contributors": [
                {"family": "Lee", "given": "Ann",
                 "affiliations": [{"name": "University of Oslo", "ror": "https://ror.org/01xtthb56"}]}
            ],
            "related": [
                {"relation": "is-supplement-to", "scheme": "doi", "value": "10.1000/paper.1"},
                {"relation": "is-cited-by", "scheme": "url", "value": "https://example.org/p"},
            ],
        }
    )  # fmt: skip


def test_software_with_a_version_is_a_datacite_software_resource() -> None:
    text = pubmeta.write(_software(), format="datacite")
    assert_valid_datacite(text)
    assert 'resourceTypeGeneral="Software"' in text and "<version>2.1.0</version>" in text
    assert (
        '<relatedIdentifier relatedIdentifierType="DOI" relationType="IsSupplementTo">'
        "10.1000/paper.1</relatedIdentifier>"
    ) in text
    assert 'affiliationIdentifier="https://ror.org/01xtthb56"' in text
    (back,) = pubmeta.read(text, format="datacite")
    assert back.type.value == "software" and back.version == "2.1.0"
    assert back.related == _software().related


def test_a_crossref_deposit_carries_the_relations_crossref_has_words_for() -> None:
    text = pubmeta.write(_software(), format="crossref", **options("crossref"))
    assert_valid_crossref(text)
    assert (
        '<rel:inter_work_relation relationship-type="isSupplementTo" identifier-type="doi">'
        "10.1000/paper.1</rel:inter_work_relation>"
    ) in text
    assert "is-cited-by" not in text and "isCitedBy" not in text  # Crossref has no such word
    assert '<institution_id type="ror">https://ror.org/01xtthb56</institution_id>' in text
    (back,) = pubmeta.read(text, format="crossref")
    assert [r.model_dump(mode="json") for r in back.related] == [
        {"relation": "is-supplement-to", "scheme": "doi", "value": "10.1000/paper.1"}
    ]
