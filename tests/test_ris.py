"""RIS: what databases and reference managers export is read, quirks included; what pubmeta
writes follows the specification and is read back by rispy and bibutils' ris2xml."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import SHARED, need, need_program
from formats_support import truth_accuracy
from lxml import etree
from standards import assert_valid_ris

import pubmeta
from pubmeta import Publication


def _read(text: str) -> list[Publication]:
    return pubmeta.read(text.encode("utf-8"), format="ris")


def test_both_tag_generations_and_crlf_with_a_bom_are_read() -> None:
    (record,) = _read(
        "\ufeffTY  - JOUR\r\nA1  - Dana, Hod\r\nT1  - Thy1 mice\r\nJF  - PLOS ONE\r\n"
        "Y1  - 2018/10/11\r\nVL  - 13\r\nIS  - 10\r\nSP  - e0205444\r\nER  - \r\n"
    )
    assert (record.title, record.contributors[0].family) == ("Thy1 mice", "Dana")
    assert record.container and record.container.title == "PLOS ONE"
    assert record.dates.published and record.dates.published.isoformat() == "2018-10-11"
    assert (record.volume, record.issue, record.pages and record.pages.first) == (
        "13",
        "10",
        "e0205444",
    )


def test_counter_lines_and_record_headers_between_records_are_skipped() -> None:
    records = _read(
        "1.\nTY  - JOUR\nTI  - First\nER  - \n\nRecord 2 of 18\nTY  - BOOK\nTI  - Second\nER  - \n"
    )
    assert [r.title for r in records] == ["First", "Second"]


def test_several_tags_on_one_line_are_split() -> None:
    (record,) = _read("TY  - JOUR AU  - Smith, Jane TI  - Glued\nER  - \n")
    assert record.title == "Glued" and record.contributors[0].family == "Smith"


def test_an_abstract_that_quotes_ris_tags_is_not_cut_into_tags() -> None:
    (record,) = _read("TY  - JOUR\nTI  - T\nAB  - Lines such as TY  - JOUR or ER  - end\nER  - \n")
    assert record.abstract == "Lines such as TY  - JOUR or ER  - end"


def test_glued_tags_before_an_abstract_are_split_and_the_abstract_runs_to_the_line_end() -> None:
    (record,) = _read("TY  - JOUR TI  - Glued AB  - Text N1  - kept in the text\nER  - \n")
    assert record.title == "Glued" and record.abstract == "Text N1  - kept in the text"


def test_partial_dates_and_zero_years() -> None:
    (first, second) = _read("TY  - JOUR\nPY  - 2016/12//\nER  - \nTY  - JOUR\nPY  - 0000\nER  - \n")
    assert first.dates.published and first.dates.published.isoformat() == "2016-12"
    assert second.dates.published is None


def test_continuation_lines_join_their_tag_and_keywords_stay_apart() -> None:
    (record,) = _read(
        "TY  - JOUR\nAB  - First line\nsecond line\nKW  - Animals\nAnti-Inflammatory Agents\n"
        "T1  - A long title\n   wrapped by the exporter\nER  - \n"
    )
    assert record.abstract == "First line second line"  # one paragraph, wrapped
    assert record.keywords == ["Animals", "Anti-Inflammatory Agents"]
    assert record.title == "A long title wrapped by the exporter"


def test_sn_holds_issns_and_isbns_told_apart_by_length() -> None:
    (article, chapter) = _read(
        "TY  - JOUR\nSN  - 1895-5770 1128-045X\nER  - \n"
        "TY  - CHAP\nSN  - 978-3-642-00230-4\nER  - \n"
    )
    assert article.container and article.container.issn_print == "1895-5770"
    assert article.container.issn_online == "1128-045X"
    assert chapter.container and chapter.container.isbn_print == ["9783642002304"]


def test_a_record_without_er_is_read_with_a_warning() -> None:
    records, issues = pubmeta.inspect(
        b"TY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\n", format="ris"
    )
    assert [r.title for r in records] == ["One", "Two"]
    assert [i.rule for i in issues if i.rule == "ris-unclosed-record"] == [
        "ris-unclosed-record",
        "ris-unclosed-record",
    ]


def test_real_exports_are_read_with_title_first_author_doi_and_year_right() -> None:
    need(SHARED / "corpus" / "ris", "the ris corpus")
    accuracy, misses = truth_accuracy("ris", ".ris")
    assert accuracy >= 0.99, misses


_RECORD = Publication.model_validate(
    {
        "type": "book-chapter",
        "title": "Chapter",
        "contributors": [
            {"family": "Gogh", "particle": "van", "given": "Vincent"},
            {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
            {"family": "Editor", "given": "E.", "role": "editor"},
        ],
        "container": {"title": "The Book", "isbn_print": ["9783642002304"]},
        "dates": {"published": "2020-05"},
        "identifiers": {"doi": "10.1000/x", "urls": ["https://a.example/", "https://b.example/"]},
        "keywords": ["one", "two"],
        "abstract": "First paragraph.\n\nSecond paragraph.",
    }
)


def test_writing_follows_the_specification() -> None:
    text = pubmeta.write([_RECORD, _RECORD], format="ris")
    assert_valid_ris(text)
    lines = text.split("\r\n")
    assert lines[0] == "TY  - CHAP" and text.endswith("ER  - \r\n")
    assert lines.count("AU  - van Gogh, Vincent") == 2
    assert lines.count("AU  - King, Martin Luther, Jr.") == 2
    assert lines.count("KW  - one") == 2 and lines.count("UR  - https://b.example/") == 2
    assert _read(text)[0].abstract == _RECORD.abstract


def test_rispy_reads_every_line_back() -> None:
    import rispy

    (entry,) = rispy.loads(pubmeta.write(_RECORD, format="ris"))
    assert entry["type_of_reference"] == "CHAP"
    assert entry["authors"] == ["van Gogh, Vincent", "King, Martin Luther, Jr."]
    assert entry["doi"] == "10.1000/x" and entry["urls"] == [
        "https://a.example/",
        "https://b.example/",
    ]


def test_bibutils_ris2xml_reads_title_authors_year_and_doi(tmp_path: Path) -> None:
    ris2xml = need_program("ris2xml")
    source = tmp_path / "records.ris"
    source.write_text(pubmeta.write(_RECORD, format="ris"), "utf-8", newline="")
    result = subprocess.run([ris2xml, str(source)], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    mods = etree.fromstring(result.stdout)
    ns = {"m": "http://www.loc.gov/mods/v3"}
    assert mods.xpath("string(//m:mods/m:titleInfo/m:title)", namespaces=ns) == "Chapter"
    families = mods.xpath(
        "//m:mods/m:name[m:role/m:roleTerm='author']/m:namePart[@type='family']/text()",
        namespaces=ns,
    )
    assert families[:2] == ["van Gogh", "King"]
    assert "2020" in mods.xpath("string(//m:dateIssued)", namespaces=ns)
    assert mods.xpath("string(//m:identifier[@type='doi'])", namespaces=ns) == "10.1000/x"
