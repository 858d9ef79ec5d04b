"""The laws every format obeys, for whatever record the schema admits.

For each writable format F: writing never fails for a record the model accepts; what is
written is valid against F's official schema; read_F(write_F(r)) keeps what F's mapping data
says it carries (project_F); writing is stable byte for byte; and two paths through different
formats agree on the fields both carry. The records come from the strategies (every field the
schema has, fast) and from the published JSON Schema itself (hypothesis-jsonschema, kept where
the model accepts them): nothing friendly about them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from cff_support import assert_valid_cff
from deposit_support import options, ready_for_deposit
from formats_support import carried, project
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from pydantic import ValidationError
from schema_documents import schema_documents
from standards import (
    assert_valid_bibtex,
    assert_valid_crossref,
    assert_valid_csl,
    assert_valid_datacite,
    assert_valid_dc,
    assert_valid_jats,
    assert_valid_openaire,
    assert_valid_ris,
)
from strategies import crowded_publications, publications, xml_forbidden

import pubmeta
from pubmeta import Publication
from pubmeta.formats import FORMATS, WRITABLE
from pubmeta.schema import load_schema

SCHEMA = load_schema()
SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
VALIDATE: dict[str, Callable[[str], None]] = {
    "jats": assert_valid_jats,
    "dc": assert_valid_dc,
    "csl": lambda text: assert_valid_csl(json.loads(text)),
    "bibtex": assert_valid_bibtex,
    "ris": assert_valid_ris,
    "crossref": assert_valid_crossref,
    "datacite": assert_valid_datacite,
    "openaire": assert_valid_openaire,
    "cff": assert_valid_cff,
}


XML_FORMATS = ("jats", "dc", "crossref", "datacite", "openaire")


def as_lxml_writes_it(document: str) -> str:
    """The document as lxml writes the tree it parses from it: declaration, DOCTYPE, then the
    elements indented by two (the layout pubmeta's XML writers promise, byte for byte)."""
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(document.encode("utf-8"), parser)
    doctype = root.getroottree().docinfo.doctype
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + (doctype + "\n" if doctype else "")
        + etree.tostring(root, encoding="unicode", pretty_print=True)
    )


def _record(**fields: object) -> Publication:
    return Publication.model_validate({"title": "0", **fields})


#: Records the laws once found a bug with: each stays here so the bug never returns.
FOUND = [
    # JATS read a lower-case first word of a family name as a particle
    _record(contributors=[{"family": "a 0"}]),
    # DC stripped "< C >" from an abstract as if it were an HTML tag
    _record(abstract="A & B < C > D ]]> \"quoted\" 'apos'"),
    # DC collapsed a no-break space inside a subtitle
    _record(subtitle="0\xa00"),
    # RIS read an abstract's line that starts like a tag ("TY  - JOUR") as tags of its own
    _record(abstract="0\nER  - \nTY  - JOUR"),
    # ... and wrote a paragraph shaped like a tag line on a continuation line of its own
    _record(abstract="0\n\nTY  - JOUR\n\nER  -\n\n1"),
    # DataCite parted a particle at a run of spaces but wrote the run back (unstable)
    _record(contributors=[{"family": "a  b", "given": "G"}]),
    # DataCite parted a particle ending in a no-break space, which the model then stripped
    _record(contributors=[{"family": "<b>\xa0 and", "particle": "van", "dropping_particle": "v"}]),
    # RIS wrote a given name of commas, which parted the name again on reading (unstable)
    _record(contributors=[{"family": "X", "given": ",,"}, {"family": "B"}]),
    # BibTeX wrote a run of spaces in a name part holding 'and' (LaTeX reads one space)
    _record(contributors=[{"family": "F", "given": "AND TY  - JOUR"}, {"family": "B"}]),
    # DataCite read a given name ending in ',Jr.' as having the suffix Jr.
    _record(contributors=[{"family": "M", "given": "@article{k,Jr."}]),
    # BibTeX wrote an abstract paragraph '@A---' as '@A-{}-{}-': a line read as an entry start
    _record(abstract="0\n\n@A---"),
    # DataCite wrote a person given only as 'AU  - Jr.' without the suffix it reads back
    _record(contributors=[{"given": "AU  - Jr."}, {"family": "B"}]),
    # DC reads a description's HTML elements as markup (real repositories escape HTML there)
    _record(abstract="A  <b>bold</b> claim<p>x\xa0 <i>y</i></p> &amp;lt;<<b>i>z"),
    # DC joined abstract paragraphs into one
    _record(abstract="0\n\n0"),
    # DC lost the region of en-US (dc:language is ISO 639-3 only)
    _record(language="en-US"),
    # DC reordered creators and contributors; and read "Family, Jr." as a given name
    _record(
        contributors=[
            {"family": "M", "suffix": "Jr."},
            {"family": "E", "role": "editor"},
            {"family": "N"},
        ]
    ),
    # DC wrote a volume holding a comma into the citation, which then read back differently
    _record(container={"title": "0"}, volume=","),
    # DC's citation lost its trailing empty slot to whitespace trimming
    _record(container={"title": "0"}, volume="1"),
    # JATS and DC split a family name at a no-break space ("van 0\xa00")
    _record(contributors=[{"family": "0\xa00", "particle": "van", "suffix": "Jr."}]),
    # JATS wrote a conference without a date: <conf-date> is required
    _record(event={"name": "ICML"}),
    # DC read an organisation named "0,0" as a person "0, 0"
    _record(contributors=[{"kind": "organisation", "name": "0,0"}]),
    # DC took a record's only, translated title for its main title
    Publication.model_validate(
        {"translated_titles": [{"language": "de", "title": "T"}], "language": "en"}
    ),
    # a given name alone (no family, no literal)
    _record(contributors=[{"given": "Plato"}]),
    # years before the common era
    _record(dates={"published": "-0043-03-15"}, event={"name": "Senate", "start": "-0043"}),
    # the schema admits any URI; DC read only http(s) ones as URLs and licences
    _record(identifiers={"urls": ["A:0"]}, license={"url": "A:0"}),
    # JATS read a page count of ten digits as no page count
    _record(page_count=100_000),
    # JATS lost a container abbreviation without a journal title
    _record(container={"abbreviated_title": "J"}),
    # JATS lost an explicit "not corresponding"
    _record(contributors=[{"family": "A", "corresponding": False}]),
    # BibTeX read a braced family word starting with a command ('{\\textbackslash{}x}') as a
    # "special character", so as a particle
    _record(contributors=[{"family": "\\x \u00e9g", "particle": "van"}]),
    # BibTeX (LaTeX) and RIS read a run of spaces as one: written as one
    _record(title="a  b", keywords=["c  d"]),
    # RIS dropped a journal abbreviation equal to the journal title
    _record(container={"title": "0", "abbreviated_title": "0"}),
    # DataCite read "Unknown" as its stand-in for an unknown title (only "(:unav)"... are)
    _record(title="Unknown"),
    # DataCite wrote a contributor named by one of its standard values ('(:etal)'), which
    # reads back as no one: written as it reads back, i.e. not at all (the mapping says so)
    _record(contributors=[{"kind": "organisation", "name": "(:etal)"}, {"literal": "(:unav)"}]),
    # DataCite wrote an empty host; read a name without its parts in natural order
    _record(container={}, article_number="e1", contributors=[{"literal": "Ann Lee"}]),
    # DC read a translated title in the record's own language, on a record without a title,
    # as its title (documented as DC's limit; the projection once expected it to stay apart)
    Publication.model_validate(
        {"translated_titles": [{"language": "zh", "title": "0"}], "language": "zh"}
    ),
    # DC wrote that title with its own tag (dab-0) and, read back as the main title, again
    # with the record's (dab): not the same document twice
    Publication.model_validate(
        {"language": "DAB", "translated_titles": [{"language": "DAB-0", "title": "0"}]}
    ),
    # ... the other way round: the reader took only the tags code_for knows from xml:lang
    Publication.model_validate(
        {"language": "DAB-0", "translated_titles": [{"language": "DAB", "title": "0"}]}
    ),
    # ... and a regional variant of the record's language (the reader took the region in)
    Publication.model_validate(
        {"language": "en", "translated_titles": [{"language": "en-GB", "title": "0"}]}
    ),
    # ... and after a title in another language: the one read back as the main title was
    # written second, and the main title is written first (found by a fresh seed)
    Publication.model_validate(
        {
            "language": "de",
            "translated_titles": [
                {"language": "fr", "title": "0"},
                {"language": "de", "title": "1"},
            ],
        }
    ),
    # BibTeX wrote a particle without a lower-case letter (which reads back as part of the
    # family name) braced, and the name it read back bare: not the same bytes twice
    _record(contributors=[{"family": "H", "given": "G", "dropping_particle": "\U000e4103"}]),
    # ... and the projection took a particle whose first letter is lower-case, after other
    # characters, for a capitalised one (BibTeX judges a word by its first letter)
    _record(contributors=[{"family": "T", "given": "O", "particle": "\x95ml#8"}]),
    # ... and a particle's capitalised last word, which BibTeX reads as the family name's
    _record(contributors=[{"family": "Fontaine", "given": "J", "particle": "de La"}]),
    # BibTeX percent-encodes a URL's backslash and braces (documented), which the projection
    # once expected to come back as typed (a schema-drawn URL 'A:00\\')
    _record(identifiers={"urls": ["A:00\\{}"]}),
    # RIS (and every reader that splits a particle off) took a lower-case word before a word
    # beginning with another space character for a particle; the rest, a field of its own,
    # lost that leading character (found by the crowded-records law)
    _record(contributors=[{"family": "f \x85X"}]),
    # OpenAIRE writes a person's particles in the family name's place, so without a family
    # name they read back as it (the projection expected them lost; a schema-drawn record)
    _record(contributors=[{"given": "G", "particle": "van", "dropping_particle": "von"}]),
    # JATS grouped subjects by scheme, losing their order
    _record(
        subjects=[
            {"scheme": "a", "term": "1"},
            {"scheme": "b", "term": "2"},
            {"scheme": "a", "term": "3"},
        ]
    ),
]


def _with_found(test):  # type: ignore[no-untyped-def]
    for found in FOUND:
        test = example(record=found)(test)
    return test


def _write(record: Publication, fmt: str) -> str | None:
    """The document, or None where a deposit format refuses what its registry's schema cannot
    take (a surname of digits, a 61-character given name): refused with the field named."""
    try:
        return pubmeta.write(record, format=fmt, **options(fmt))
    except pubmeta.UnwritableRecordError as error:
        assert fmt in ("crossref", "datacite", "cff") and "schema)" in str(error), str(error)
        return None


def _read_back(text: str, fmt: str) -> Publication:
    """The record a document gives back: its one record; of a CITATION.cff, the last (a work
    that is not software is written as preferred-citation, after the top level CFF requires)."""
    records = pubmeta.read(text, format=fmt)
    if fmt == "cff":
        assert 1 <= len(records) <= 2, len(records)
        return records[-1]
    (back,) = records
    return back


def _trip(record: Publication, fmt: str) -> Publication:
    text = _write(record, fmt)
    assume(text is not None)
    assert text is not None
    return _read_back(text, fmt)


def obeys_every_law(record: Publication) -> None:
    """The laws of every writable format for one record; a failure names format and law."""
    for fmt in WRITABLE:
        ready = ready_for_deposit(fmt, record)
        text = _write(ready, fmt)
        if text is None:
            continue
        if fmt in VALIDATE:
            VALIDATE[fmt](text)
        if fmt in XML_FORMATS:
            assert text == as_lxml_writes_it(text), f"{fmt}: laid out as lxml lays it out"
        back = _read_back(text, fmt)
        assert carried(fmt, back) == project(fmt, ready), f"{fmt}: round trip"
        assert _write(back, fmt) == text, f"{fmt}: stable writing"
    _agree(record)


def _agree(record: Publication) -> None:
    via_jats_first = _trip(_trip(record, "jats"), "csl")
    via_csl_first = _trip(_trip(record, "csl"), "jats")
    both = FORMATS["jats"].carried_fields() & FORMATS["csl"].carried_fields()
    first = via_jats_first.model_dump(mode="json")
    second = via_csl_first.model_dump(mode="json")
    assert {k: first[k] for k in both} == {k: second[k] for k in both}, "JATS and CSL disagree"


@pytest.mark.parametrize("fmt", WRITABLE)
@given(record=publications())
@_with_found
def test_round_trip_keeps_what_the_format_carries(fmt: str, record: Publication) -> None:
    record = ready_for_deposit(fmt, record)
    assert carried(fmt, _trip(record, fmt)) == project(fmt, record)


@pytest.mark.parametrize("fmt", WRITABLE)
@given(record=publications())
@_with_found
def test_writing_is_stable_byte_for_byte(fmt: str, record: Publication) -> None:
    once = _write(ready_for_deposit(fmt, record), fmt)
    assume(once is not None)
    assert once is not None
    back = _read_back(once, fmt)
    assert _write(back, fmt) == once


@pytest.mark.standards
@pytest.mark.parametrize("fmt", sorted(VALIDATE))
@given(record=publications())
@_with_found
def test_what_is_written_is_valid_against_the_official_schema(
    fmt: str, record: Publication
) -> None:
    text = _write(ready_for_deposit(fmt, record), fmt)
    assume(text is not None)
    assert text is not None
    VALIDATE[fmt](text)


@given(record=publications())
@_with_found
def test_paths_through_jats_and_csl_agree_on_what_both_carry(record: Publication) -> None:
    _agree(record)


def _accepted(document: Any) -> Publication:
    try:
        return Publication.model_validate(document)
    except ValidationError:
        assume(False)  # the schema admits what the model stores differently: see test_schema
        raise


@pytest.mark.standards
@pytest.mark.slow
@settings(suppress_health_check=list(HealthCheck))
@given(record=schema_documents(SCHEMA).map(_accepted))
def test_every_law_holds_for_records_from_the_published_schema(record: Publication) -> None:
    obeys_every_law(record)


@pytest.mark.standards
@pytest.mark.slow
@settings(max_examples=25, suppress_health_check=list(HealthCheck))
@given(record=crowded_publications())
def test_crowded_records_with_long_titles_obey_every_law(record: Publication) -> None:
    obeys_every_law(record)


@given(record=publications(max_contributors=2), bad=xml_forbidden)
def test_characters_no_format_can_carry_are_refused_by_model_and_schema(
    record: Publication, bad: str
) -> None:
    document = record.model_dump(mode="json", exclude_defaults=True)
    document["title"] = f"before{bad}after"
    with pytest.raises(ValidationError):
        Publication.model_validate(document)
    assert not SCHEMA_VALIDATOR.is_valid(document)


@pytest.mark.parametrize("fmt", WRITABLE)
@given(
    record=publications(max_contributors=2),
    odd=st.sampled_from(["\x85", "\u2028", "\x9f", "\u00a0", "\ufeff", "\u200b"]),
)
def test_every_format_carries_unusual_but_legal_characters(
    fmt: str, record: Publication, odd: str
) -> None:
    unusual = record.model_copy(update={"title": f"before{odd}after", "subtitle": None})
    assert _trip(ready_for_deposit(fmt, unusual), fmt).title == f"before{odd}after"
