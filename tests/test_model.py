"""The record normalises identifiers and keeps what it is given."""

import pytest
from pydantic import ValidationError

import pubmeta
from pubmeta import Publication


def test_identifiers_are_stored_in_canonical_form() -> None:
    record = Publication.model_validate(
        {
            "title": "T",
            "identifiers": {
                "doi": "https://doi.org/10.1000/ABC.Def",
                "isbn_print": ["0-306-40615-2"],
                "pmcid": "pmc123",
            },
            "container": {"issn_print": "0378595x", "issn_online": "03785955"},
            "contributors": [{"family": "D", "orcid": "https://orcid.org/000000021825009x"}],
        }
    )
    assert record.identifiers.doi == "10.1000/abc.def"
    assert record.identifiers.isbn_print == ["9780306406157"]
    assert record.identifiers.pmcid == "PMC123"
    assert record.container is not None
    assert record.container.issn_print == "0378-595X"
    assert record.container.issn_online == "0378-5955"
    assert record.contributors[0].orcid == "0000-0002-1825-009X"  # type: ignore[union-attr]


def test_language_tags_keep_their_region() -> None:
    assert Publication(title="T", language="EN-us").language == "en-US"  # type: ignore[arg-type]
    assert Publication(title="T", language="eng").language == "en"  # type: ignore[arg-type]


def test_contributor_kind_defaults_to_person() -> None:
    record = Publication.model_validate(
        {"contributors": [{"family": "Curie"}, {"kind": "organisation", "name": "CERN"}]}
    )
    assert isinstance(record.contributors[0], pubmeta.Person)
    assert isinstance(record.contributors[1], pubmeta.Organisation)


def test_unknown_properties_are_refused() -> None:
    with pytest.raises(ValidationError):
        Publication.model_validate({"titel": "x"})


def test_model_is_the_public_face() -> None:
    assert pubmeta.Publication is Publication
    assert "pubmeta" in pubmeta.FORMATS and "pure" in pubmeta.FORMATS
    assert issubclass(pubmeta.FormatError, pubmeta.PubmetaError)
