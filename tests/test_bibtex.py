"""BibTeX: what reference managers and publishers export is read; what pubmeta writes is read
back by pybtex, bibtexparser and biber, and keeps LaTeX from breaking a document."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import SHARED, need, need_program
from formats_support import truth_accuracy
from standards import assert_valid_bibtex

import pubmeta
from pubmeta import Publication


def _one(text: str) -> Publication:
    (record,) = pubmeta.read(text, format="bibtex")
    return record


def _family(record: Publication, index: int = 0) -> str | None:
    person = record.contributors[index]
    return person.name if person.kind == "organisation" else person.family


# -- reading ------------------------------------------------------------------------------------


def test_string_macros_and_concatenation_are_expanded() -> None:
    record = _one(
        '@STRING{jgr = "Journal of Geophysical Research"}\n'
        '@Article{k, TITLE = "Rain" # { and } # "Snow", Journal = jgr # ": Atmospheres",'
        " YEAR = 1999, MONTH = feb}"
    )
    assert record.title == "Rain and Snow"
    assert (
        record.container
        and record.container.title == "Journal of Geophysical Research: Atmospheres"
    )
    assert record.dates.published and record.dates.published.isoformat() == "1999-02"


def test_a_part_inherits_from_its_crossref_host() -> None:
    records = pubmeta.read(
        "@incollection{part, author = {Ada Lovelace}, title = {Notes}, crossref = {host},"
        " pages = {1--10}}\n"
        "@book{host, title = {Sketch of the Engine}, editor = {Luigi Menabrea},"
        " publisher = {Taylor}, year = {1843}}\n",
        format="bibtex",
    )
    part = records[0]
    assert part.type.value == "book-chapter"
    assert part.container and part.container.title == "Sketch of the Engine"
    assert part.publisher == "Taylor" and part.dates.published and part.dates.published.year == 1843
    assert [c.role.value for c in part.contributors] == ["author", "editor"]


def test_comments_and_preambles_are_skipped_and_entries_need_no_key() -> None:
    records = pubmeta.read(
        "Text outside entries is a comment.\n@comment{jabref-meta: databaseType:bibtex;}\n"
        '@preamble{"\\newcommand{\\noop}[1]{}"}\n'
        "@misc{title = {No key here}, year = 2020}\n",
        format="bibtex",
    )
    assert [r.title for r in records] == ["No key here"]


def test_latex_accents_commands_and_ligatures_become_unicode() -> None:
    record = _one(
        "@article{k, title = {{\\\"U}ber die {G}r\\\"o\\ss e -- \\'{e}t\\'e \\emph{vivo}},"
        ' author = {M{\\"u}ller, J{\\"o}rg and \\v{S}koda, Ond\\v{r}ej}}'
    )
    assert record.title == "Über die Größe – été vivo"
    assert [(c.family, c.given) for c in record.contributors] == [
        ("Müller", "Jörg"),
        ("Škoda", "Ondřej"),
    ]


def test_names_keep_particles_suffixes_and_organisations() -> None:
    record = _one(
        "@book{k, author = {Vincent van Gogh and van der Waals, Johannes Diderik and "
        "King, Jr., Martin Luther and {World Health Organization} and others}, title = {T}}"
    )
    people = record.contributors
    assert (people[0].particle, people[0].family, people[0].given) == ("van", "Gogh", "Vincent")
    assert (people[1].particle, people[1].family) == ("van der", "Waals")
    assert (people[2].family, people[2].suffix, people[2].given) == ("King", "Jr.", "Martin Luther")
    assert people[3].kind == "organisation" and people[3].name == "World Health Organization"
    assert record.contributors_truncated


def test_biblatex_date_journaltitle_and_location_are_read() -> None:
    record = _one(
        "@article{k, title = {T}, journaltitle = {Nature}, date = {2021-03-04},"
        " location = {London}, doi = {https://doi.org/10.1038/X--Y}, pages = {227--32}}"
    )
    assert record.container and record.container.title == "Nature"
    assert record.dates.published and record.dates.published.isoformat() == "2021-03-04"
    assert record.publisher_place == "London"
    assert record.identifiers.doi == "10.1038/x--y"
    assert record.pages and (record.pages.first, record.pages.last) == ("227", "232")


def test_a_malformed_entry_is_reported_at_its_line_and_the_others_are_read() -> None:
    records, issues = pubmeta.inspect(
        b"@article{good1, title = {One}}\n@article{bad, title = {Two}\n"
        b"@article{good2, title = {Three}}\n",
        format="bibtex",
    )
    assert [r.title for r in records] == ["One", "Three"]
    (problem,) = [i for i in issues if i.rule == "bibtex-syntax"]
    # found where the ',' or '}' was due (the next line), and named by the entry's own line
    assert problem.line == 3 and "@article at line 2" in problem.message


def test_fields_pubmeta_does_not_read_are_named_in_a_warning() -> None:
    _, issues = pubmeta.inspect(
        "@article{k, title = {T}, date-added = {2020-08-07}, bdsk-url-1 = {x}}", format="bibtex"
    )
    (warning,) = [i for i in issues if i.rule == "bibtex-unknown-field"]
    assert "bdsk-url-1" in warning.message and "date-added" in warning.message


def test_real_exports_are_read_with_title_first_author_doi_and_year_right() -> None:
    need(SHARED / "corpus" / "bibtex", "the bibtex corpus")
    accuracy, misses = truth_accuracy("bibtex", ".bib")
    assert accuracy >= 0.99, misses


# -- writing ------------------------------------------------------------------------------------


def test_latex_specials_are_escaped_so_a_percent_cannot_comment_out_the_rest() -> None:
    record = Publication.model_validate(
        {"title": "Costs & Benefits", "abstract": "A 50% cut in $ costs_total #1 {x} ~ ^ \\"}
    )
    text = pubmeta.write(record, format="bibtex")
    assert "50\\% cut in \\$ costs\\_total \\#1" in text
    assert _one(text).abstract == record.abstract


def test_an_abstract_paragraph_that_starts_with_an_at_sign_stays_inside_its_entry() -> None:
    # Found by the laws on a fresh seed: a braced value's line starting with "@" is text to
    # every BibTeX reader, so the written entries are still exactly the records written.
    first = Publication.model_validate({"title": "One", "abstract": "Intro.\n\n@home, later"})
    second = Publication.model_validate({"title": "Two"})
    text = pubmeta.write([first, second], format="bibtex")
    assert "\n@home, later}" in text
    assert_valid_bibtex(text, entries=2)
    assert [r.abstract for r in pubmeta.read(text, format="bibtex")] == [first.abstract, None]


def test_a_paragraph_that_reads_as_an_entry_or_field_start_is_written_so_it_does_not() -> None:
    # Found by the laws on a fresh seed: '@A-{}-{}-' (an abstract's '@A---' with its ligatures
    # broken) on a line of its own read as an entry opened inside a value left open.
    abstract = "Intro.\n\n@A---\n\nauthor = Smith, and more"
    text = pubmeta.write(Publication.model_validate({"title": "T", "abstract": abstract}), "bibtex")
    assert "\n\n{@}A-{}-{}-\n\n{a}uthor = Smith, and more}" in text
    assert_valid_bibtex(text)
    assert _one(text).abstract == abstract


def test_organisations_and_capitals_are_braced() -> None:
    record = Publication.model_validate(
        {
            "title": "The DNA of Copenhagen",
            "contributors": [{"kind": "organisation", "name": "World Health Organization"}],
        }
    )
    text = pubmeta.write(record, format="bibtex")
    assert "author = {{World Health Organization}}" in text
    assert "title = {The {DNA} of {Copenhagen}}" in text


def _person_written(person: dict[str, str]) -> str:
    record = Publication.model_validate({"title": "T", "contributors": [person]})
    text = pubmeta.write(record, format="bibtex")
    (line,) = [line for line in text.splitlines() if line.strip().startswith("author")]
    return line.strip()


def test_a_particle_without_a_lower_case_word_is_written_as_part_of_the_family_name() -> None:
    # BibTeX's von part is its lower-case words: 'De' in 'De Gaulle' is the family name's
    line = _person_written({"family": "Gaulle", "given": "Charles", "particle": "De"})
    assert line == "author = {De Gaulle, Charles},"
    person = _one("@misc{k, title = {T}, " + line + "}").contributors[0]
    assert (person.particle, person.family, person.given) == (None, "De Gaulle", "Charles")


def test_a_particles_capitalised_last_word_is_written_as_the_family_names_first() -> None:
    line = _person_written({"family": "Fontaine", "given": "Jean", "particle": "de La"})
    assert line == "author = {de La Fontaine, Jean},"
    person = _one("@misc{k, title = {T}, " + line + "}").contributors[0]
    assert (person.particle, person.family) == ("de", "La Fontaine")


def test_a_particle_is_judged_by_its_first_letter_not_its_first_character() -> None:
    # Gerard 't Hooft: the apostrophe is not a letter; 't' makes the particle lower-case
    line = _person_written({"family": "Hooft", "given": "Gerard", "particle": "'t"})
    assert line == "author = {'t Hooft, Gerard},"
    person = _one("@misc{k, title = {T}, " + line + "}").contributors[0]
    assert (person.particle, person.family) == ("'t", "Hooft")


def test_a_run_of_spaces_in_a_name_is_written_as_one_space() -> None:
    # LaTeX reads a run of spaces as one: an empty braced word ('A {} B') read back differently
    line = _person_written({"family": "A  B", "given": "G", "particle": "van  X"})
    assert line == "author = {van X A B, G},"
    text = "@misc{k, title = {T}, " + line + "}"
    assert pubmeta.write(pubmeta.read(text, format="bibtex"), format="bibtex").count(line) == 1


def test_keys_are_unique_and_stable_across_runs() -> None:
    record = Publication.model_validate(
        {"title": "Design of things", "contributors": [{"family": "Vaimann", "given": "T."}],
         "dates": {"published": "2018"}}
    )  # fmt: skip
    text = pubmeta.write([record, record, record], format="bibtex")
    assert [line for line in text.splitlines() if line.startswith("@")] == [
        "@misc{vaimann2018designa,",
        "@misc{vaimann2018designb,",
        "@misc{vaimann2018designc,",
    ]
    assert pubmeta.write([record, record, record], format="bibtex") == text


def test_the_doi_is_written_whatever_the_record_came_from() -> None:
    record = Publication.model_validate({"title": "T", "identifiers": {"doi": "10.1000/x_1"}})
    assert "doi = {10.1000/x\\_1}" in pubmeta.write(record, format="bibtex")
    assert _one(pubmeta.write(record, format="bibtex")).identifiers.doi == "10.1000/x_1"


def _corpus_records() -> list[Publication]:
    records = []
    for kind in ("csl", "jats", "dc"):
        for path in sorted((SHARED / "corpus" / kind).glob("*")):
            if path.name.endswith((".truth.json", ".expected.json")) or path.is_dir():
                continue
            try:
                records.extend(pubmeta.read(path))
            except pubmeta.PubmetaError:
                continue
    return records


@pytest.mark.external
def test_biber_validates_what_is_written_against_its_data_model(tmp_path: Path) -> None:
    biber = need_program("biber")
    need(SHARED / "corpus", "the corpus")
    records = _corpus_records()
    assert records
    text = pubmeta.write(records, format="bibtex")
    assert_valid_bibtex(text, entries=len(records))
    source = tmp_path / "records.bib"
    source.write_text(text, "utf-8")
    result = subprocess.run(
        [biber, "--tool", "--validate-datamodel", "--output-file", str(tmp_path / "out.bib"),
         str(source)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "ERROR" not in log, [line for line in log.splitlines() if "ERROR" in line][:5]


def test_the_publication_date_is_the_year_and_editors_stay_editors() -> None:
    record = Publication.model_validate(
        {
            "type": "book-chapter",
            "title": "Chapter",
            "contributors": [
                {"family": "Author", "given": "A."},
                {"family": "Editor", "given": "E.", "role": "editor"},
            ],
            "dates": {"published": "2019-07"},
            "container": {"title": "Host"},
        }
    )
    text = pubmeta.write(record, format="bibtex")
    assert "urldate" not in text and "year = {2019}" in text and "month = jul" in text
    assert "author = {Author, A.}" in text and "editor = {Editor, E.}" in text


@pytest.mark.external
def test_bibtex_reads_what_is_written_without_an_error(tmp_path: Path) -> None:
    bibtex = need_program("bibtex")
    need(SHARED / "corpus", "the corpus")
    records = _corpus_records()
    (tmp_path / "records.bib").write_text(pubmeta.write(records, format="bibtex"), "utf-8")
    (tmp_path / "paper.aux").write_text(
        "\\citation{*}\n\\bibstyle{plain}\n\\bibdata{records}\n", "utf-8"
    )
    result = subprocess.run(
        [bibtex, "paper"], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    log = (tmp_path / "paper.blg").read_text("utf-8", errors="replace")
    # bibtex exits 0 on warnings and 1 or 2 on errors; its log says which
    assert result.returncode == 0, log[-3000:]
    assert "error message" not in log, log[-3000:]
    assert (tmp_path / "paper.bbl").read_text("utf-8").count("\\bibitem") == len(records)
