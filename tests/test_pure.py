"""The research-portal (Pure) reader: the seed, the real corpus, and what it refuses."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import pubmeta
from pubmeta import Publication, Role

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_d4b476da1a4995c2.txt"


def _accuracy_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "pure_accuracy", REPO / "scripts" / "pure_accuracy.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["pure_accuracy"] = module
    spec.loader.exec_module(module)
    return module


def test_seed_reads_as_the_hand_written_record() -> None:
    (from_page,) = pubmeta.read(SEED)
    (by_hand,) = pubmeta.read(SEED.with_suffix(".yaml"))
    assert from_page == by_hand


def test_seed_facts() -> None:
    (record,) = pubmeta.read(SEED)
    authors = [c.display_name() for c in record.contributors if c.role is Role.AUTHOR]
    assert len(authors) == 13 and authors[0] == "Perla Chami" and authors[-1] == "Carla Hajj"
    assert record.type.value == "review-article" and record.peer_reviewed is True
    assert [(m.source, m.count) for m in record.citations] == [("Scopus", 1)]
    assert record.language == "en" and record.article_number == "16773"
    assert record.issue == "23" and str(record.dates.published) == "2023-12"
    assert record.externally_published is True and len(record.keywords) == 5
    assert record.abstract and record.abstract.startswith("The liver tumor immune")


def test_seed_converts_to_the_native_record_on_the_command_line(tmp_path: Path) -> None:
    from pubmeta.cli import main

    out = tmp_path / "seed.json"
    assert main(["convert", str(SEED), "--to", "pubmeta", "-o", str(out)]) == 0
    assert pubmeta.read(out) == pubmeta.read(SEED.with_suffix(".yaml"))


@pytest.mark.corpus
def test_every_corpus_record_reads_field_by_field(pure_corpus: Path) -> None:
    accuracy = _accuracy_module()
    wrong = []
    total = 0
    snapshots = 0
    for expected_path in accuracy.expected_files(pure_corpus):  # the markdown snapshots too
        snapshots += expected_path.parent.name == "markdown"
        text = expected_path.with_name(expected_path.name.replace(".expected.json", ".txt"))
        (record,) = pubmeta.read(text, format="pure")
        results = accuracy.compare(json.loads(expected_path.read_text("utf-8")), record)
        total += len(results)
        wrong += [(text.name, r.key, r.expected, r.got) for r in results if not r.ok]
    assert total > 300 and snapshots == 3
    assert len(wrong) <= 0.02 * total, wrong


@pytest.mark.parametrize(
    ("shown", "held", "right"),
    [
        ({"publication_status": "Published online"}, {"status": "published"}, False),
        ({"publication_status": "Published online"}, {"status": "epub-ahead-of-print"}, True),
        ({"publication_status": "Sent to the printer"}, {"status": "published"}, False),
        ({"language": "Russian"}, {"language": "en"}, False),
        ({"language": "Russian"}, {"language": "ru"}, True),
        ({"publication_date": "1 Nov 2016"}, {"dates": {"published": "2016-11"}}, False),
        ({"publication_date": "1 Nov 2016"}, {"dates": {"published": "2016-11-01"}}, True),
        ({"isbn": ["0-306-40615-2"]}, {"identifiers": {"isbn_print": ["9780306406157"]}}, True),
        ({"isbn": ["0-306-40615-2"]}, {"identifiers": {"isbn_print": ["9780306406150"]}}, False),
    ],
)
def test_the_accuracy_judge_spells_values_itself_so_a_misreading_fails(
    shown: dict[str, object], held: dict[str, object], right: bool
) -> None:
    accuracy = _accuracy_module()
    record = Publication.model_validate({"title": "T", **held})
    (result,) = accuracy.compare(shown, record)
    assert result.ok is right, (result.expected, result.got)


@pytest.mark.corpus
def test_every_corpus_record_is_valid(pure_corpus: Path) -> None:
    for text in sorted(pure_corpus.glob("*.txt")):
        errors = [i for i in pubmeta.validate(text, format="pure") if i.is_error]
        assert errors == [], text


@pytest.mark.corpus
def test_cut_off_excerpts_are_marked_truncated(pure_corpus: Path) -> None:
    (fragment,) = pubmeta.read(pure_corpus / "023.txt", format="pure")
    assert fragment.provenance and fragment.provenance.truncated
    assert fragment.title is None  # never guessed


def test_glued_breadcrumb_is_split_into_the_sources_words() -> None:
    page = (
        "A title\n\nAnna Berg, Bo Ek\n\nResearch output: Chapter in book / Conference "
        "proceedingChapter in an edited book (as author)Academic researchpeer-review\n\n"
        "Original languageEnglish\n"
        "Publication statusE-pub ahead of print - 26 Sept 2022\n\nCite this\n"
    )
    (record,) = pubmeta.read(page, format="pure")
    assert record.source_type and record.source_type.terms == [
        "Chapter in book / Conference proceeding",
        "Chapter in an edited book (as author)",
        "Academic research",
    ]
    assert record.type.value == "book-chapter" and record.peer_reviewed is True
    assert record.status and record.status.value == "epub-ahead-of-print"
    assert str(record.dates.early_online) == "2022-09-26"


def test_et_al_marks_the_author_list_truncated_without_inventing_names() -> None:
    page = "T\n\nAnna Berg, Bo Ek, + 12 more\n\nResearch output: Contribution to journalArticle\n"
    (record,) = pubmeta.read(page, format="pure")
    assert [c.display_name() for c in record.contributors] == ["Anna Berg", "Bo Ek"]
    assert record.contributors_truncated and record.contributors_omitted == 12


def test_lowercase_particles_are_kept_apart() -> None:
    page = (
        "T\n\nVincent van Gogh, Ludwig van der Rohe\n\n"
        "Research output: Contribution to journalArticle\n"
    )
    (record,) = pubmeta.read(page, format="pure")
    first = record.contributors[0]
    assert (first.given, first.particle, first.family) == ("Vincent", "van", "Gogh")  # type: ignore[union-attr]


def test_event_rows_become_an_event() -> None:
    page = (
        "T\n\nResearch output: Contribution to conferencePaperpeer-review\n\n"
        "Original languageEnglish\nConferenceCHI 2019\nCountry/TerritoryUnited Kingdom\n"
        "CityGlasgow\nPeriod4/05/19 → 9/05/19\nCite this\n"
    )
    (record,) = pubmeta.read(page, format="pure")
    assert record.event and record.event.name == "CHI 2019"
    assert record.event.place == "Glasgow, United Kingdom"
    assert (str(record.event.start), str(record.event.end)) == ("2019-05-04", "2019-05-09")
    assert record.type.value == "conference-paper"


def test_unknown_status_is_a_warning_naming_the_line() -> None:
    page = (
        "T\n\nResearch output: Contribution to journalArticle\n\n"
        "Original languageEnglish\nPublication statusDreaming - 2020\n"
    )
    issues = pubmeta.validate(page.encode(), format="pure")
    (warning,) = [i for i in issues if i.rule == "pure-unknown-value"]
    assert warning.line == 6 and not warning.is_error


def test_an_unknown_status_is_kept_in_notes_in_the_pages_words() -> None:
    page = (
        "T\n\nResearch output: Contribution to journalArticle\n\n"
        "Original languageEnglish\nPublication statusDreaming - 2020\n"
    )
    (record,) = pubmeta.read(page, format="pure")
    assert record.status is None and record.notes == ["status: Dreaming - 2020"]


@pytest.mark.parametrize(
    ("rows", "note"),
    [
        ("Original languageXyzzy", "language: Xyzzy"),
        ("Original languageEnglish\nNumber of pages0", "page_count: 0"),
        ("Original languageEnglish\nExternally publishedPerhaps", "externally_published: Perhaps"),
    ],
)
def test_a_labelled_value_it_cannot_place_is_kept_in_notes(rows: str, note: str) -> None:
    page = f"T\n\nResearch output: Contribution to journalArticle\n\n{rows}\n"
    (record,) = pubmeta.read(page, format="pure")
    assert record.notes == [note]
    issues = pubmeta.validate(page.encode(), format="pure")
    (warning,) = [i for i in issues if i.rule == "pure-unknown-value"]
    assert warning.line == 4 + len(rows.splitlines()) and "kept in notes" in warning.message


@pytest.mark.parametrize("label", ["Student thesis", "Studenteropgave"])
def test_a_student_thesis_is_a_thesis_under_the_pages_own_word(label: str) -> None:
    page = f"A thesis\n\nAnn Lee\n\n{label}: Doctoral ThesisDoctor of Philosophy\n\nText.\n"
    (record,) = pubmeta.read(page, format="pure")
    assert record.type.value == "thesis" and record.thesis is not None
    assert record.source_type is not None and record.source_type.terms[0] == label
    assert record.thesis.qualification == "Doctor of Philosophy"


def _journal_page(*rows: str) -> str:
    return (
        "A title\n\nAnn Lee, Bo Chan\n\nResearch output: Contribution to journalArticlepeer-review"
        "\n\nThe abstract.\n\nOriginal languageEnglish\nJournalSome Journal\n"
        + "".join(row + "\n" for row in rows)
    )


@pytest.mark.parametrize(
    ("row", "status", "dated"),
    [
        ("Publication statusPublished online - 3 Feb 2021", "epub-ahead-of-print", "early_online"),
        (
            "Publication statusE-pub ahead of print - 3 Feb 2021",
            "epub-ahead-of-print",
            "early_online",
        ),
        ("Publication statusEarly online date - 3 Feb 2021", "epub-ahead-of-print", "early_online"),
        ("Publication statusAccepted/In press - 3 Feb 2021", "accepted", "accepted"),
        ("StatePublished - 3 Feb 2021", "published", "published"),
    ],
)
def test_each_status_beside_published_keeps_its_date(row: str, status: str, dated: str) -> None:
    (record,) = pubmeta.read(_journal_page(row), format="pure")
    assert record.status is not None and record.status.value == status
    assert str(getattr(record.dates, dated)) == "2021-02-03"


def test_an_early_online_date_row_beside_the_status_is_kept_too() -> None:
    page = _journal_page("Early online date3 Feb 2021", "Publication statusPublished - Mar 2021")
    (record,) = pubmeta.read(page, format="pure")
    assert (str(record.dates.early_online), str(record.dates.published)) == (
        "2021-02-03",
        "2021-03",
    )


def test_a_date_the_reader_cannot_read_is_kept_in_notes_beside_its_status() -> None:
    page = _journal_page("Publication statusPublished - Spring 2020")
    (record,) = pubmeta.read(page, format="pure")
    assert record.status is not None and record.status.value == "published"
    assert record.dates.published is None and record.notes == ["dates/published: Spring 2020"]
    (warning,) = [
        i for i in pubmeta.validate(page.encode(), format="pure") if i.rule == "pure-unparsed-date"
    ]
    assert warning.line == 11 and "kept in notes" in warning.message


def test_a_books_isbn_10_and_isbn_13_are_one_isbn() -> None:
    page = (
        "A chapter\n\nAnn Lee\n\nResearch output: Chapter in Book/Report/Conference proceeding"
        "Chapterpeer-review\n\nThe abstract.\n\nOriginal languageEnglish\n"
        "Title of host publicationA Host Book\nISBN (Print)0-306-40615-2, 978-0-306-40615-7\n"
    )
    (record,) = pubmeta.read(page, format="pure")
    assert record.container is not None and record.container.isbn_print == ["9780306406157"]


def test_keywords_beside_a_fingerprint_sentence_cut_short_are_only_the_bullets() -> None:
    page = _journal_page("StatePublished - 2020", "", "  • alpha", "  • beta gamma", "", "") + (
        "Dive into the research topics of 'A ti"
    )
    (record,) = pubmeta.read(page, format="pure")
    assert record.keywords == ["alpha", "beta gamma"] and record.title == "A title"


@pytest.mark.parametrize(
    ("content", "rule"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (bytes(range(256)) * 4, "encoding"),
        (b"Dear diary,\n\ntoday nothing happened.\n", "pure-not-a-record"),
        (SEED.read_bytes()[:60], "pure-not-a-record"),  # cut off before anything is known
    ],
)
def test_malformed_pages_are_clear_errors(content: bytes, rule: str) -> None:
    (issue,) = pubmeta.validate(content, format="pure")
    assert issue.rule == rule and issue.is_error
    with pytest.raises(pubmeta.PubmetaError):
        pubmeta.read(content, format="pure")


def test_a_truncated_page_is_read_with_a_warning() -> None:
    cut = SEED.read_text("utf-8")[:1500]
    issues = pubmeta.validate(cut.encode(), format="pure")
    assert [i.rule for i in issues] == ["pure-truncated"] and not issues[0].is_error
    (record,) = pubmeta.read(cut, format="pure")
    assert record.provenance and record.provenance.truncated
    assert record.language is None  # after the cut: unknown, not guessed


@pytest.mark.corpus
def test_old_portal_pages_keep_the_institution_apart_from_the_title(pure_corpus: Path) -> None:
    (record,) = pubmeta.read(pure_corpus / "054.txt", format="pure")
    assert record.title == "Is shared space really shared?"
    assert record.provenance and record.provenance.institution == "University of Hertfordshire"


@pytest.mark.corpus
def test_a_markdown_snapshot_gives_authors_one_a_line_and_units_apart(pure_corpus: Path) -> None:
    (record,) = pubmeta.read(pure_corpus / "markdown" / "102.txt", format="pure")
    authors = [c.display_name() for c in record.contributors if c.role is Role.AUTHOR]
    assert authors == ["Minwook Kim", "Seongyeop Jeong", "Jin Soo Kim"]
    assert record.source_type is not None
    assert record.source_type.terms[:2] == [
        "Chapter in Book/Report/Conference proceeding",
        "Conference contribution",
    ]
    assert record.peer_reviewed is True
    assert [(m.source, m.count) for m in record.citations] == [("Scopus", 5)]
    assert record.keywords == [
        "partial parity", "raid", "zone random write area (zrwa)", "zoned namespaces"
    ]  # fmt: skip
    assert [s.term for s in record.subjects if s.scheme == "fingerprint"] == [
        "Interface Block", "Microbenchmarks", "Namespace Command"
    ]  # fmt: skip
    assert record.identifiers.doi == "10.1145/3669940.3707248"
