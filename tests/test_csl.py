"""CSL-JSON: what we write is valid csl-data.json and reads back; real items read."""

from __future__ import annotations

import json

import pytest
from formats_support import carried, seed_and_corpus_records
from hypothesis import given
from hypothesis import strategies as st
from standards import assert_valid_csl
from strategies import publications

import pubmeta
from pubmeta import Publication
from pubmeta.diagnostics import Issue
from pubmeta.formats.csl import read as csl_read

RECORDS = seed_and_corpus_records()


@pytest.mark.standards
@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[n for n, _ in RECORDS])
def test_written_csl_is_valid_against_csl_data(name: str, record: Publication) -> None:
    assert_valid_csl(json.loads(pubmeta.write(record, format="csl")))


@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[n for n, _ in RECORDS])
def test_round_trip_is_lossless(name: str, record: Publication) -> None:
    assert pubmeta.read(pubmeta.write(record, format="csl"), format="csl") == [record]


@pytest.mark.standards
@given(publications())
def test_any_record_writes_valid_csl_and_reads_back(record: Publication) -> None:
    text = pubmeta.write(record, format="csl")
    assert_valid_csl(json.loads(text))
    (back,) = pubmeta.read(text, format="csl")
    assert carried("csl", back) == carried("csl", record)


EXPECTED = {
    # file: [(title start, first author, DOI, year, container)] per item
    "bbt_cheater-syntax-587.csl.json": [
        ("Mesopotamia", "Hazel V. Clark", None, 1957, None),
        ("Deconstructing dinner", "David Kamp", None, 2006, None),
        ("Sonatas and fantasies", "Wolfgang Amadeus Mozart", None, 1960, None),
        ("object name IRAS", None, None, None, "NASA/IPAC Extragalactic Database"),
        ("The mystery of samba", "Ben Ratliff", None, 1999, "Lingua Franca"),
    ],
    "bbt_season-ranges-860.csl.json": [
        ("Season ranges", None, None, 2017, None),
        ("months out of range", None, None, 2017, None),
    ],
    "handlr_citeproc-many.json": [
        ("Eating your own Dog Food", "Martin Fenner", "10.5438/4k3m-nyvg", 2016, "DataCite Blog"),
        (
            "Procesamiento semántico",
            "Karen L Juillerat",
            "10.4067/s0718-48082015000300006",
            2015,
            "Terapia psicológica",
        ),
    ],
    "manubot_cite-command-rendered_input-references.json": [
        ("Generalization of the Fermi", "Trang T. Le", "10.1088/1402-4896/ab0811", 2018, "arXiv"),
        ("Honey bee sting pain index", "Michael L. Smith", "10.7717/peerj.338", 2014, "PeerJ"),
        (
            "Opportunities and obstacles",
            "Travers Ching",
            "10.1098/rsif.2017.0387",
            2018,
            "Journal of the Royal Society, Interface",
        ),
    ],
    "manubot_empty-date-parts-csl_raw.json": [
        (
            "The arXiv of the future",
            "Alberto Pepe",
            "10.22541/au.149693987.70506124",
            None,
            "Authorea",
        ),
    ],
    "manubot_null-date-parts-csl_raw.json": [
        (None, None, "10.22541/au.149693987.70506124", None, None),
    ],
    "name_Asian.input.json": [("A Book of Five Rings", "Musashi Miyamoto", None, 1645, None)],
    "name_ParticleCaps1.input.json": [
        (None, "Onename van One", None, None, None),
        (None, "Threename van Three", None, None, None),
    ],
}


@pytest.mark.corpus
@pytest.mark.standards
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_items_read_and_write_back_valid(shared, name: str) -> None:  # type: ignore[no-untyped-def]
    path = next((shared / "corpus" / "csl").rglob(name))
    records = pubmeta.read(path)
    assert len(records) == len(EXPECTED[name])
    for record, (title, author, doi, year, container) in zip(records, EXPECTED[name], strict=True):
        assert (record.title or None) == title or (record.title or "").startswith(title or "~")
        authors = record.authors()
        assert (authors[0].display_name() if authors else None) == author
        assert record.identifiers.doi == doi
        assert (record.dates.published.year if record.dates.published else None) == year
        assert (record.container.title if record.container else None) == container
    assert [i for i in pubmeta.validate(path) if i.is_error] == []
    assert_valid_csl(json.loads(pubmeta.write(records, format="csl")))


def test_issn_is_written() -> None:
    record = Publication.model_validate(
        {"title": "T", "container": {"title": "J", "issn_print": "0378-5955"}}
    )
    (item,) = json.loads(pubmeta.write(record, format="csl"))
    assert item["ISSN"] == "0378-5955"


def test_particles_are_written_as_csl_expects() -> None:
    record = Publication.model_validate(
        {
            "title": "T",
            "contributors": [
                {"family": "Gogh", "given": "Vincent", "particle": "van"},
                {"family": "Mises", "given": "Ludwig", "dropping_particle": "von"},
            ],
        }
    )
    (item,) = json.loads(pubmeta.write(record, format="csl"))
    assert item["author"] == [
        {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
        {"family": "Mises", "given": "Ludwig", "dropping-particle": "von"},
    ]


def test_language_region_is_kept() -> None:
    record = Publication.model_validate({"title": "T", "language": "en-US"})
    (item,) = json.loads(pubmeta.write(record, format="csl"))
    assert item["language"] == "en-US"
    assert pubmeta.read(json.dumps([item]), format="csl")[0].language == "en-US"


def test_doi_is_written_whatever_the_id() -> None:
    record = Publication.model_validate({"title": "T", "identifiers": {"doi": "10.1000/x"}})
    (item,) = json.loads(pubmeta.write(record, format="csl"))
    assert item["DOI"] == "10.1000/x"
    item["id"] = "smith2020"
    assert pubmeta.read(json.dumps([item]), format="csl")[0].identifiers.doi == "10.1000/x"


def test_partial_dates_stay_partial() -> None:
    record = Publication.model_validate({"title": "T", "dates": {"published": "2023"}})
    (item,) = json.loads(pubmeta.write(record, format="csl"))
    assert item["issued"] == {"date-parts": [[2023]]}


def test_raw_literal_and_string_dates_are_read() -> None:
    items = [
        {"id": "a", "type": "book", "issued": {"raw": "2019-05"}},
        {"id": "b", "type": "book", "issued": {"literal": "March 2001"}},
        {"id": "c", "type": "book", "issued": {"date-parts": [["1999", "7"]]}},
    ]
    records = pubmeta.read(json.dumps(items), format="csl")
    assert [str(r.dates.published) for r in records] == ["2019-05", "2001-03", "1999-07"]


def test_what_csl_cannot_carry_travels_in_note() -> None:
    record = Publication.model_validate(
        {
            "title": "T",
            "peer_reviewed": True,
            "contributors": [{"family": "Doe", "given": "J", "orcid": "0000-0002-1825-0097"}],
        }
    )
    (item,) = json.loads(pubmeta.write(record, format="csl"))
    assert "pubmeta-peer_reviewed: true" in item["note"]
    assert "0000-0002-1825-0097" in item["note"]
    assert pubmeta.read(json.dumps([item]), format="csl") == [record]


def test_unknown_keys_are_reported_not_silently_dropped() -> None:
    issues = pubmeta.validate(
        json.dumps([{"id": "x", "type": "book", "title": "T", "frobnicate": 1}]), format="csl"
    )
    assert [i.rule for i in issues] == ["csl-ignored-key"]
    assert "frobnicate" in issues[0].message


# -- the quick readings of the commonest shapes agree with the full ones ----------------------

_DATE_PART = st.one_of(
    st.integers(-3000, 12000),
    st.sampled_from([0, 2, 12, 13, 21, 29, 30, 31, 32]),
    st.text(max_size=4),
)


@given(st.lists(_DATE_PART, max_size=4), st.booleans())
def test_a_date_is_read_alike_on_the_quick_and_the_full_path(
    parts: list[object], with_season: bool
) -> None:
    value: dict[str, object] = {"date-parts": [parts]}
    if with_season:
        value["season"] = 1
    issues: list[Issue] = []
    full = [d.isoformat() for d in csl_read.parse_date(value, "issued", issues)]
    quick = csl_read._plain_date(value)
    if quick is not None:
        assert [quick] == full and not issues


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ({"date-parts": [[2016, 12]]}, "2016-12"),
        ({"date-parts": [[2024, 2, 29]]}, "2024-02-29"),
        ({"date-parts": [[1999]]}, "1999"),
        ({"date-parts": [[2023, 2, 29]]}, None),  # not a day of 2023: the full path says so
        ({"date-parts": [[2020, 13]]}, None),  # a season as a month
        ({"date-parts": [[-44, 3, 15]]}, None),  # BC: the full path converts the year
        ({"date-parts": [["2020", "5"]]}, None),  # numbers as text
        ({"date-parts": [[2020]], "season": 2}, None),
    ],
)
def test_the_quick_date_path_takes_only_plain_dates(value: object, iso: str | None) -> None:
    assert csl_read._plain_date(value) == iso


@given(
    st.dictionaries(
        st.sampled_from(["family", "given", "literal", "suffix", "non-dropping-particle", "x"]),
        st.one_of(st.text(max_size=6), st.integers(), st.none()),
        max_size=3,
    )
)
def test_a_name_is_read_alike_whatever_its_shape(name: dict[str, object]) -> None:
    expected: dict[str, str] = {}
    for csl_key, key in (
        ("family", "family"),
        ("given", "given"),
        ("literal", "literal"),
        ("suffix", "suffix"),
        ("non-dropping-particle", "particle"),
    ):
        value = name.get(csl_key)
        text = str(value).strip() if value is not None else ""
        if text:
            expected[key] = text
    if "literal" in expected and ("family" in expected or "given" in expected):
        del expected["literal"]
    if not {"family", "given", "literal"} & set(expected):
        assert csl_read._person(name) is None
    else:
        assert csl_read._person(name) == expected
