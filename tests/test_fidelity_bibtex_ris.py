"""BibTeX and RIS classes that real exports showed the readers getting wrong (issue 27), each
on a real file in ``tests/data/real`` (SOURCES.tsv says where each came from). Expected values
are the ones the file's own source (Zotero's translator test cases) gives, read by eye."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SHARED

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
     ("{March}", "1973-03"), ("3", "1973-03"), ('apr # "-" # may', "1973"),
     # CryptoBib's forms (abbrev0.bib, crypto_misc.bib): a conference's days joined to its month
     ('jun # "~24--26,"', "1973-06"), ('apr # "~7--9"', "1973-04"), ('oct # "~29,"', "1973-10-29"),
     ('aug # "~31~--~" # sep # "~4,"', "1973")],
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


def test_a_month_macro_joined_to_a_conferences_days_keeps_the_month() -> None:
    # CryptoBib: 'month = mar # "~21--25,"' lost the month (the macro, its first part) because
    # the days were not one day; the days are the conference's, kept as a note
    records = _read("cryptobib-db_crypto-misc_networking-excerpt.bib")
    dates = {r.title: str(r.dates.published) for r in records}
    assert dates["Multicast Security: A Taxonomy and Some Efficient Constructions"] == "1999-03"
    assert dates["Iolus: A Framework for Scalable Secure Multicasting"] == "1997-09"
    assert dates["Secure Group Communications Using Key Graphs"] == "1998"  # Aug 31 - Sep 4
    assert dates["MARKS: Zero Side-Effect Multicast Key Management Using Arbitrarily Revealed "
                 "Key Sequences"] == "1999-11"  # fmt: skip
    canetti = records[1]
    assert "month: March 21–25," in canetti.notes


def test_an_entry_commented_out_line_by_line_is_neither_read_nor_reported() -> None:
    # biblatex-apa's test references: '%@ARTICLE{10.1:18,' ... '%}' beside the entry that
    # replaces it; biber skips it, BibTeX itself would read it
    records, issues = pubmeta.inspect(REAL / "biblatex-apa_test-references.bib")
    assert not [i for i in issues if i.rule == "bibtex-syntax"]
    titles = [r.title for r in records]
    commented = "From this article, it sounds like men are figuring something out that women have"
    assert [t for t in titles if t and t.startswith(commented)] == [
        commented + " known forever. I know of many"
    ]
    at = titles.index("Can We Talk Scientifically About Free Will?")
    assert titles[at + 1].startswith(commented)
    assert titles[at + 2] == "How Workout Buddies can Help Stave off Loneliness"


def _commented(text: str, line: str, comment: str) -> str:
    assert text.count(line) == 1
    return text.replace(line, comment + line)


@pytest.mark.parametrize(
    "comment",
    ["% ",  # the field commented out
     "  %% a line of notes between two fields, RELATED = {x},\n",
     "  RELATEDTYPE = % a comment between a field's '=' and its value\n  "],
)  # fmt: skip
def test_a_comment_inside_an_entry_costs_only_itself(comment: str) -> None:
    text = (REAL / "biblatex-apa_test-references.bib").read_text("utf-8")
    at = text.index("\n@ARTICLE{10.1:18,\n") + 1  # the entry that replaces the commented one
    entry = text[at : text.index("\n}\n", at) + 3]
    line = "  RELATEDTYPE    = {commenton},\n"
    if comment.startswith("  RELATEDTYPE"):
        changed = entry.replace(line, comment + "{commenton},\n")
    else:
        changed = _commented(entry, line, comment)
    assert changed != entry
    (record,) = pubmeta.read(changed, format="bibtex")
    assert record.title is not None and record.title.endswith("known forever. I know of many")
    assert str(record.dates.published) == "2019-01-15"
    assert record.container is not None and record.container.title == "The Washington Post"


def test_a_comment_between_pieces_joined_by_hash_keeps_both() -> None:
    text = (REAL / "cryptobib-db_crypto-misc_networking-excerpt.bib").read_text("utf-8")
    changed = _commented(text, '"~21--25,",', "% the conference's days:\n                 ")
    records = pubmeta.read(changed, format="bibtex")
    assert str(records[1].dates.published) == "1999-03"


# -- RIS names in Vancouver order ('Smith JA', MEDLINE's order, kept by RIS made from it) -------


def _medline_people(path: Path) -> list[list[tuple[str, str]]]:
    """Per record of a MEDLINE (PubMed) export: each AU value with the family name its FAU
    line (the full name, 'Family, Given') gives."""
    records: list[list[tuple[str, str]]] = []
    full = ""
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("PMID- "):
            records.append([])
        elif line.startswith("FAU - "):
            full = line[6:]
        elif line.startswith("AU  - "):
            records[-1].append((line[6:].strip(), full.split(",")[0].strip()))
    return records


def test_ris_names_in_vancouver_order_take_the_family_name_medline_gives() -> None:
    # a real PubMed export: the same people's AU ('Neilen AD') and FAU ('Neilen, Amanda D')
    # lines; RIS made from MEDLINE keeps the AU form, read before as given Neilen, family AD
    for people in _medline_people(REAL / "synthesisr_pubmed-export.nbib"):
        text = "TY  - JOUR\n" + "".join(f"AU  - {au}\n" for au, _ in people) + "ER  - \n"
        (record,) = pubmeta.read(text, format="ris")
        assert _families(record) == [(family, au.split()[-1]) for au, family in people]


@pytest.mark.parametrize(
    ("value", "family", "given", "suffix"),
    [("Hensley DT Jr", "Hensley", "DT", "Jr"), ("Olmos de Koo LC", "Olmos de Koo", "LC", None),
     ("Buzatti KCLR", "Buzatti", "KCLR", None), ("da-Fonseca LM", "da-Fonseca", "LM", None),
     ("Güler Ö", "Güler", "Ö", None), ("M El-Bakry H", "M El-Bakry", "H", None),
     ("De Souza E Castro FPM", "De Souza E Castro", "FPM", None),
     ("Offodile AC 2nd", "Offodile", "AC", "2nd")],
)  # fmt: skip
def test_medline_names_of_every_shape_are_split_as_their_full_form_says(
    value: str, family: str, given: str, suffix: str | None
) -> None:
    # AU values of real PubMed exports (revtools' restoration_pubmed.nbib; the telemonitoring
    # review's data/raw/pubmed), each family name as the record's own FAU line gives it
    (record,) = pubmeta.read(f"TY  - JOUR\nAU  - {value}\nER  - \n", format="ris")
    (person,) = record.contributors
    assert (person.family, person.given, person.suffix) == (family, given, suffix)


def test_vancouver_order_in_a_scopus_export_reads_the_editors_family_names() -> None:
    # Scopus writes editors 'Babur O.' (A2) and the same Denil as an author 'Denil, J.' (AU)
    records = pubmeta.read(SHARED / "corpus" / "ris" / "asreview_scopus-issue-1099.ris")
    (book,) = [r for r in records if (r.title or "").startswith("Validity Frame Driven")]
    editors = [(c.family, c.given) for c in book.contributors if c.role == "editor"]
    assert editors == [("Babur", "O."), ("Denil", "J."), ("Vogel-Heuser", "B.")]
    assert ("Denil", "J.") in _families(book)


def test_a_name_that_reads_both_ways_alone_is_kept_whole_with_a_note() -> None:
    # 'Burford MA' (the real export's last author): alone, MA could be a family name in
    # capitals after a given name, as in 'Wei LI'; beside 'Neilen AD' it cannot
    (alone,) = pubmeta.read("TY  - JOUR\nAU  - Burford MA\nER  - \n", format="ris")
    (person,) = alone.contributors
    assert person.literal == "Burford MA"
    assert any("'Burford MA' kept whole" in note for note in alone.notes)
    (beside,) = pubmeta.read("TY  - JOUR\nAU  - Neilen AD\nAU  - Burford MA\nER  - \n",
                             format="ris")  # fmt: skip
    assert _families(beside) == [("Neilen", "AD"), ("Burford", "MA")]


def test_natural_order_names_whose_family_name_is_an_initial_stay_in_natural_order() -> None:
    # IEEE Xplore writes 'M. V. S' (given names' initials, then a family name of one letter):
    # the initials with periods say natural order; the file reads as it did before the rule
    records = _read("ieee-xplore_telemonitoring-review_initial-family-names-excerpt.ris")
    assert _families(records[2]) == [
        ("Makanyadevi", "K."), ("S", "M. V."), ("M", "S."), ("A", "T. B.")
    ]  # fmt: skip
    assert _families(records[0])[1] == ("Uddin", "M. Rejwan")
