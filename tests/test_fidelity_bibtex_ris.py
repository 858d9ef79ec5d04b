"""BibTeX and RIS classes that real exports showed the readers getting wrong (issue 27), each
on a real file in ``tests/data/real`` (SOURCES.tsv says where each came from). Expected values
are the ones the file's own source (Zotero's translator test cases) gives, read by eye."""

from __future__ import annotations

import pytest
from conftest import REPO

import pubmeta
from pubmeta import Publication

REAL = REPO / "tests" / "data" / "real"


def _read(name: str) -> list[Publication]:
    records, issues = pubmeta.inspect(REAL / name)
    assert not [i for i in issues if i.is_error], [i.format() for i in issues]
    return records


def _families(record: Publication) -> list[tuple[str | None, str | None]]:
    return [(getattr(c, "family", None), getattr(c, "given", None)) for c in record.contributors]


# -- BibTeX -------------------------------------------------------------------------------------


def test_a_bare_preamble_with_nested_braces_costs_only_itself() -> None:
    # '@preamble{BibTeX for papers by David Kotz; ... }': a preamble is not a record
    (record,) = _read("zotero-translators_bibtex-tc19_kotz-bare-preamble.bib")
    assert record.title == (
        "A Rural Mobile Health Obesity Wellness Intervention for Older Adults with Obesity"
    )
    assert _families(record)[0] == ("Batsis", "John A.")
    assert str(record.dates.published) == "2020-12"


def test_macros_joined_by_hash_keep_every_part() -> None:
    # Author = stefan # And # meta:maintainer: two people, joined by the macro " and "
    (record,) = _read("zotero-translators_bibtex-tc18_preamble-and-concatenation.bib")
    assert len(record.contributors) == 2
    assert str(record.dates.published) == "1942-03"


def test_an_ill_formed_preamble_does_not_refuse_the_file() -> None:
    text = (REAL / "zotero-translators_bibtex-tc19_kotz-bare-preamble.bib").read_text("utf-8")
    (record,) = pubmeta.read(
        text.replace("@preamble{", "@preamble{ {\\def\\x{", 1), format="bibtex"
    )
    assert record.title is not None and record.title.startswith("A Rural Mobile Health")


def test_a_doi_is_taken_from_a_link_of_any_resolver_or_landing_page() -> None:
    text = (REAL / "zotero-translators_bibtex-tc15_madoc-and-mathscinet.bib").read_text("utf-8")
    # the MathSciNet entry's DOI written only as its dx.doi.org link
    without_field = text.replace("DOI = {10.1016/j.aim.2013.04.020},\n", "")
    assert "DOI =" not in without_field.split("@article {MR3077863")[1]
    records = pubmeta.read(without_field, format="bibtex")
    assert records[1].identifiers.doi == "10.1016/j.aim.2013.04.020"
    assert records[0].identifiers.doi == "10.1515/zfsoz-2015-0604"  # its own DOI field


@pytest.mark.parametrize(
    ("url", "doi"),
    [
        ("http://doi.acm.org/10.1145/1281192.1281230", "10.1145/1281192.1281230"),
        ("https://dl.acm.org/doi/pdf/10.1145/3219819.3220060", "10.1145/3219819.3220060"),
        ("https://onlinelibrary.wiley.com/doi/full/10.1002/sim.4780171510",
         "10.1002/sim.4780171510"),
        ("https://link.springer.com/chapter/10.1007/978-3-662-46370-3_13",
         "10.1007/978-3-662-46370-3_13"),
        ("https://madoc.bib.uni-mannheim.de/40756/", None),
        ("https://arxiv.org/abs/1910.00177", None),
    ],
)  # fmt: skip
def test_a_doi_inside_a_links_path(url: str, doi: str | None) -> None:
    entry = f"@article{{k, author={{A, B}}, title={{T}}, year=2000, url={{{url}}}}}"
    assert _only_doi(entry) == doi


def _only_doi(entry: str) -> str | None:
    (record,) = pubmeta.read(entry, format="bibtex")
    return record.identifiers.doi


def test_an_unclosed_brace_is_reported_where_it_opens() -> None:
    text = (REAL / "zotero-translators_bibtex-tc15_madoc-and-mathscinet.bib").read_text("utf-8")
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if "pages = {426--446}" in line)
    lines[at] = lines[at].replace("{426--446}", "{426--446")  # the brace opened on this line
    records, issues = pubmeta.inspect("\n".join(lines), format="bibtex")
    (issue,) = [i for i in issues if i.is_error]
    assert issue.line == at + 1
    assert issue.column == lines[at].index("{") + 1
    assert "'{' is not closed" in issue.message
    assert records[-1].title == "Higher-order Erdős-Szekeres theorems"  # the next entry is read


# -- RIS ----------------------------------------------------------------------------------------


def test_ris_names_without_a_space_after_the_comma_are_split() -> None:
    (record,) = _read("zotero-translators_ris-tc00_refman-names-without-space.ris")
    assert _families(record) == [
        ("Baldwin", "S.A."),
        ("Fugaccia", "I."),
        ("Brown", "D.R."),
        ("Brown", "L.V."),
        ("Scheff", "S.W."),
    ]


def test_ris_export_with_leading_blank_lines_keeps_the_family_name_whole() -> None:
    # rispy's fixture of a file that starts with blank lines; its 'Shannon,Claude E.' was
    # read as the family name 'E.' (the initial) before tight commas were split
    (record,) = _read("rispy_example-starting-newlines_tight-comma.ris")
    assert _families(record) == [("Shannon", "Claude E.")]
    assert record.title == "A Mathematical Theory of Communication"
    assert record.dates.published is not None and record.dates.published.year == 1948


@pytest.mark.parametrize(
    ("value", "family", "given"),
    [("Smith,John", "Smith", "John"), ("Doe,J.K.", "Doe", "J.K."),
     ("García-Pérez,María", "García-Pérez", "María")],
)  # fmt: skip
def test_a_tight_comma_separates_family_and_given(value: str, family: str, given: str) -> None:
    (record,) = pubmeta.read(f"TY  - JOUR\nAU  - {value}\nTI  - T\nER  - \n", format="ris")
    assert _families(record) == [(family, given)]


def test_a_comma_inside_an_organisation_or_a_chemical_name_does_not_split() -> None:
    text = "TY  - JOUR\nAU  - 3,4-Dioxane Group\nAU  - Institute of Physics,Prague\nER  - \n"
    (record,) = pubmeta.read(text, format="ris")
    assert [c.kind for c in record.contributors] == ["organisation", "organisation"]


def test_a_day_joined_to_a_month_macro_and_a_sorting_command_keep_the_date() -> None:
    # xampl.bib's 'month = "10~" # jan' (the 10th of January) and year
    # '"{\noopsort{1973b}}1973"', \noopsort defined by the file's @preamble to print nothing
    knuth, masterly = _read("fsbthesis_xampl-excerpt.bib")
    assert str(knuth.dates.published) == "1973-01-10"
    assert not [n for n in knuth.notes if n.startswith(("year", "month"))]
    assert str(masterly.dates.published) == "1988"


@pytest.mark.parametrize(
    ("month", "date"),
    [("jan", "1973-01"), ('"10~" # jan', "1973-01-10"), ('jan # "~10"', "1973-01-10"),
     ("{March}", "1973-03"), ("3", "1973-03"), ('apr # "-" # may', "1973")],
)  # fmt: skip
def test_month_fields_as_styles_print_them(month: str, date: str) -> None:
    entry = f"@book{{k, author={{A, B}}, title={{T}}, publisher={{P}}, year=1973, month={month}}}"
    (record,) = pubmeta.read(entry, format="bibtex")
    assert str(record.dates.published) == date


def test_a_doi_given_only_as_a_dx_doi_org_link_in_a_real_list() -> None:
    records = _read("ck-guide-images_collective-knowledge-refs.bib")
    (milepost,) = [r for r in records if (r.title or "").startswith("Milepost GCC")]
    assert milepost.identifiers.doi == "10.1007/s10766-010-0161-2"
    assert "http://dx.doi.org/10.1007/s10766-010-0161-2" in milepost.identifiers.urls


def test_a_name_with_a_tight_comma_that_is_not_split_is_written_to_read_back_whole() -> None:
    record = pubmeta.Publication.model_validate(
        {"type": "article", "title": "T",
         "contributors": [{"kind": "organisation", "name": "Acme,Corp"}, {"literal": "Smith,John"}]}
    )  # fmt: skip
    text = pubmeta.write(record, "ris")
    (back,) = pubmeta.read(text, format="ris")
    assert [getattr(c, "family", None) or getattr(c, "name", None) for c in back.contributors] == [
        "Acme,Corp", "Smith,John"
    ]  # fmt: skip
    assert pubmeta.write(back, "ris") == text
