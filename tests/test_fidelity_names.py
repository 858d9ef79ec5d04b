"""Names given whole (issue 27): DataCite creators with a personal name and no parts, OpenAlex
``display_name`` in family-first scripts and with a counter in brackets. Real responses: the
files in ``tests/data/real`` (SOURCES.tsv) and a line of the DataCite data file in the shared
corpus. Where a split would be a guess the name stays whole (literal)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import REPO, SHARED

import pubmeta
from pubmeta import Publication
from pubmeta.names import split_packed, split_whole_name

REAL = REPO / "tests" / "data" / "real"
DATACITE_LINES = SHARED / "corpus" / "snapshots" / "datacite" / "dois_lines47_2024plus.jsonl"


def _parts(record: Publication) -> list[tuple[Any, ...]]:
    return [
        (c.family, c.given) if c.kind == "person" else ("organisation", c.name)
        for c in record.contributors
    ]


def test_openalex_counters_in_brackets_are_no_family_name() -> None:
    # 'Mihai G Netea (15649)': OpenAlex's display_name of a figure's authors
    (record,) = pubmeta.read(
        REAL / "commonmeta-py_openalex_10.1371-journal.pmed.0030277.g001_numbered-names.json",
        format="openalex",
    )
    assert _parts(record)[:3] == [("Netea", "Mihai G"), ("Azam", "Tania"), ("Lewis", "Eli C")]
    assert all(not (c.family or "").startswith("(") for c in record.contributors)  # type: ignore[union-attr]


def test_openalex_japanese_names_are_family_first() -> None:
    (record,) = pubmeta.read(
        REAL / "commonmeta-py_openalex_10.7600-jspfsm.56.60_japanese-names.json",
        format="openalex",
    )
    assert _parts(record) == [("宮地", "元彦"), ("山元", "健太")]


def test_openalex_russian_names_with_a_patronymic_are_family_first() -> None:
    records = pubmeta.read(REAL / "commonmeta-py_openalex_sample5_russian-names.json")
    assert _parts(records[0]) == [
        ("Беспалов", "Дмитрий Николаевич"),
        ("Казаков", "Михаил Анатольевич"),
    ]
    assert _parts(records[1])[0] == ("Karlson", "Jamie A.")  # natural order stays


@pytest.mark.corpus
def test_datacite_personal_names_given_whole_are_split() -> None:
    if not DATACITE_LINES.exists():
        pytest.skip(f"{DATACITE_LINES} is missing (the shared corpus)")
    line = DATACITE_LINES.read_text("utf-8").splitlines()[46]  # 10.60872/fairisland
    assert json.loads(line)["id"] == "10.60872/fairisland"
    (record,) = pubmeta.read(line, format="datacite")
    assert _parts(record)[:4] == [
        ("Chodaki", "John"), ("Robinson", "Erin"), ("Davies", "Neil"), ("Buys", "Matt")
    ]  # fmt: skip


def test_a_whole_name_of_unknown_kind_is_not_split() -> None:
    # no nameType, no ORCID: 'Foo Data Center' may be an organisation's name
    document = {"data": {"attributes": {"titles": [{"title": "T"}],
                                        "creators": [{"name": "Foo Data Center"}]}}}  # fmt: skip
    (record,) = pubmeta.read(json.dumps(document), format="datacite")
    assert record.contributors[0].model_dump(exclude_defaults=True) == {
        "literal": "Foo Data Center"
    }


@pytest.mark.parametrize(
    ("whole", "parts"),
    [
        ("宮地元彦", {"literal": "宮地元彦"}),  # no space: where the family name ends is a guess
        ("김민준", {"literal": "김민준"}),
        ("Мария Иванова", {"family": "Иванова", "given": "Мария"}),
        ("Иванова Мария", {"family": "Иванова", "given": "Мария"}),
        ("Александр Пушкин", {"family": "Пушкин", "given": "Александр"}),
        ("Лев Толстой", {"literal": "Лев Толстой"}),  # no ending tells the order
        ("Ludwig van Beethoven", {"family": "Beethoven", "particle": "van", "given": "Ludwig"}),
    ],
)
def test_script_aware_splits_and_guesses_kept_whole(whole: str, parts: dict[str, str]) -> None:
    found, why = split_whole_name(whole)
    assert found == parts
    assert (why is not None) == ("literal" in parts)


def test_several_people_packed_into_one_creator_are_told_apart() -> None:
    name = "Garza, Kristian (University of Texas); Dworkin, Ian (McMaster University)"
    assert split_packed(name) == [
        ("Garza, Kristian", "University of Texas"),
        ("Dworkin, Ian", "McMaster University"),
    ]
    document = {"data": {"attributes": {"titles": [{"title": "T"}],
                                        "creators": [{"name": name}]}}}  # fmt: skip
    (record,) = pubmeta.read(json.dumps(document), format="datacite")
    assert _parts(record) == [("Garza", "Kristian"), ("Dworkin", "Ian")]
    assert record.contributors[1].affiliations == ["McMaster University"]  # type: ignore[union-attr]
    assert split_packed("Smith, J.; et al.") is None  # not every part is a person


def test_a_real_response_packing_three_people_into_one_creator_name_is_split() -> None:
    path = REAL / "bolognese_datacite-api_10.7910-dvn-eqtqyo_packed-creators.json"
    records, issues = pubmeta.inspect(path)
    assert not [i for i in issues if i.is_error]
    (record,) = records
    assert _parts(record) == [("Enos", "Ryan"), ("Fowler", "Anthony"), ("Vavreck", "Lynn")]
    assert [c.affiliations for c in record.contributors] == [  # type: ignore[union-attr]
        ["Harvard University"],
        ["University Of Chicago"],
        ["UCLA"],
    ]


def test_several_people_packed_into_one_creator_element_are_each_read() -> None:
    # a real DataCite XML record whose one <creator> holds three creatorName runs: only the
    # first person was read, the other two lost without a word
    path = REAL / "bolognese_datacite-malformed-creator_three-in-one.xml"
    records, issues = pubmeta.inspect(path)
    assert not [i for i in issues if i.is_error]
    (record,) = records
    assert _parts(record) == [("Grošelj", "Blaž"), ("Oražem", "Miha"), ("Kovač", "Viljem")]
    assert [c.affiliations for c in record.contributors] == [  # type: ignore[union-attr]
        ["Onkološki inštitut Ljubljana"]
    ] * 3
