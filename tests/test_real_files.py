"""Real files of the kinds that once broke the contract: each is read, kept, and written valid.

The files are in ``tests/data/real`` (their addresses in its SOURCES.tsv) and in the shared
corpus; nothing here is made up for the test, except where a file says it holds a value form
seen in real data (a conference date, an impossible month).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need
from standards import assert_valid_csl, assert_valid_dc, assert_valid_jats

import pubmeta
from pubmeta.dates import PartialDate
from pubmeta.formats.jats.read import conference_dates

REAL = REPO / "tests" / "data" / "real"


def _only(path: Path) -> pubmeta.Publication:
    records, issues = pubmeta.inspect(path)
    assert not [i for i in issues if i.is_error], [i.format() for i in issues]
    (record,) = records
    return record


def _written_valid_everywhere(record: pubmeta.Publication) -> None:
    assert_valid_jats(pubmeta.write(record, "jats"))
    assert_valid_dc(pubmeta.write(record, "dc"))
    assert_valid_csl(json.loads(pubmeta.write(record, "csl")))


@pytest.mark.standards
def test_a_conference_without_a_date_is_written_valid_without_inventing_one() -> None:
    record = _only(REAL / "citeproc-js_demo_item-4_speech.csl.json")
    assert record.event is not None and record.event.start is None
    assert record.event.place == "Denver, CO"
    jats = pubmeta.write(record, "jats")
    assert "<conference>" not in jats and "conf-date" not in jats
    _written_valid_everywhere(record)
    (back,) = pubmeta.read(jats, format="jats")
    assert back.event == record.event


def test_a_doi_given_only_as_an_openaire_alternative_identifier_is_read() -> None:
    record = _only(REAL / "upm_26833_altidentifier.oai_dc.xml")
    # the relation holds the DOI as a dx.doi.org URL: stored in canonical form
    assert record.identifiers.doi == "10.1016/j.physb.2012.12.047"
    assert record.title is not None and record.title.startswith("Virtual-bound")
    assert [c.display_name() for c in record.contributors][:2] == [
        "Antonio Luque López",
        "Alexander Virgil Mellor Null",
    ]


def test_identifiers_printed_as_isbns_are_read_as_isbns_and_nothing_else_is_guessed() -> None:
    record = _only(REAL / "conicet_11336-149241_bookpart.oai_dc.xml")
    assert record.type.value == "book-chapter"
    assert record.container is not None
    assert record.container.isbn_print == ["9789875586116"]  # the chapter's book
    others = [o.value for o in record.identifiers.other if o.scheme == "dc"]
    assert "CONICET Digital" in others and "CONICET" in others
    assert "http://www.unq.edu.ar/advf/documentos/5da9f2de18f72.pdf" in record.identifiers.urls


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("pyoai_fake1_00004_GetRecord_dspace-eur.xml", "isbn", "9789090149806"),
        ("ckanext-oaipmh_testdata_listrecords_helda.xml", "issn", "1796-6361"),
    ],
)
def test_corpus_identifiers_with_their_printed_form_and_check_digit_are_taken(
    name: str, field: str, value: str
) -> None:
    path = need(SHARED / "corpus" / "dc" / name, "the DC corpus")
    records, _issues = pubmeta.inspect(path)
    if field == "isbn":
        assert any(value in r.identifiers.isbn_print for r in records)
    else:
        assert any(r.container and r.container.issn_print == value for r in records)


@pytest.mark.parametrize("bare", ["20510666", "1234567890", "9781234567890"])
def test_a_bare_run_of_digits_is_not_guessed_to_be_an_issn_or_isbn(bare: str) -> None:
    # repository item numbers look like this (the Zenodo corpus records are numbered so)
    document = (
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title>'
        f"<dc:identifier>{bare}</dc:identifier></oai_dc:dc>"
    )
    (record,) = pubmeta.read(document, format="dc")
    assert record.identifiers.isbn_print == [] and record.container is None
    assert [o.value for o in record.identifiers.other] == [bare]
    assert not [i for i in pubmeta.validate(document, format="dc") if i.is_error]


@pytest.mark.standards
def test_years_before_the_common_era_are_kept_and_carried_by_every_format() -> None:
    record = _only(REAL / "plato-republic_bce.csl.json")
    # CSL's -380 is 380 BC, which ISO 8601 counts as -0379
    assert record.dates.published == PartialDate(-379)
    _written_valid_everywhere(record)
    for fmt in ("pubmeta", "jats", "csl", "dc"):
        (back,) = pubmeta.read(pubmeta.write(record, fmt), format=fmt)
        assert back.dates.published == PartialDate(-379), fmt
    (item,) = json.loads(pubmeta.write(record, "csl"))
    assert item["issued"] == {"date-parts": [[-380]]}
    assert "<era>BCE</era>" in pubmeta.write(record, "jats")


@pytest.mark.parametrize(
    ("parts", "kept"),
    [
        ([2019, 0, 3], "2019"),  # month 0 (seen in exports)
        ([2019, 5, 40], "2019-05"),  # day 40
        (["2019", "-1"], "2019"),  # a negative month given as text
    ],
)
def test_a_csl_date_keeps_its_valid_parts_when_one_is_impossible(
    parts: list[object], kept: str
) -> None:
    item = {"id": "x", "type": "book", "title": "T", "issued": {"date-parts": [parts]}}
    records, issues = pubmeta.inspect(json.dumps([item]), format="csl")
    assert records[0].dates.published is not None
    assert records[0].dates.published.isoformat() == kept
    assert any(i.rule in ("date-part-dropped", "csl-unparsed-date") for i in issues)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2003 Aug 25-29", "2003-08-25", "2003-08-29"),  # the JATS Tag Library's example
        ("16-21 June 2012", "2012-06-16", "2012-06-21"),  # as eLife references print it
        ("2019-03-12/2019-03-15", "2019-03-12", "2019-03-15"),
    ],
)
def test_free_text_conference_dates_are_read(text: str, start: str, end: str) -> None:
    first, last = conference_dates(text)
    assert (str(first), str(last)) == (start, end)


def test_a_conference_date_that_is_not_a_date_is_kept_in_notes_with_a_warning() -> None:
    article = (
        "<article><front><journal-meta/><article-meta><title-group><article-title>T"
        "</article-title></title-group><conference><conf-date>Spring term, to be announced"
        "</conf-date><conf-name>ICML</conf-name></conference></article-meta></front></article>"
    )
    records, issues = pubmeta.inspect(article, format="jats")
    assert records[0].event is not None and records[0].event.start is None
    assert "conf-date: Spring term, to be announced" in records[0].notes
    assert [i.rule for i in issues] == ["jats-kept-as-note"]
