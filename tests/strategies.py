"""Hypothesis strategies that build any valid Publication: every field the schema has.

They follow the schema and the semantic rules (real check digits, events in order, real
language codes), so every record they build validates without errors. ``test_strategies``
holds them to the schema: across a run they must reach every property it defines.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from stdnum import ean as stdnum_ean
from stdnum import issn as stdnum_issn
from stdnum.iso7064 import mod_11_2

from pubmeta.dates import days_in
from pubmeta.model import (
    AccessRights,
    Publication,
    PublicationType,
    RelatedScheme,
    Relation,
    Role,
    Status,
)
from pubmeta.text import one_line

# Text without surrogates or the control characters no format can carry (the model refuses
# them); C1 controls, line separators and odd spaces are legal and do occur.
_ALPHABET = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="".join(chr(c) for c in (*range(9), 11, 12, *range(14, 32)))
    + "\ufffe\uffff",
)
_VISIBLE = st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"))


def _text(max_size: int, min_size: int = 1) -> st.SearchStrategy[str]:
    """One-line text as the model stores it: stripped, layout whitespace as one space."""
    return (
        st.text(_ALPHABET, min_size=min_size, max_size=max_size)
        .map(lambda s: one_line(s).strip())
        .filter(bool)
    )


#: Pieces of the formats' own syntax and of the readers' heuristics (RIS tags, BibTeX and
#: LaTeX specials, XML and HTML markup, YAML indicators, name-list words, DataCite's standard
#: values): text made of them is where a writer's escaping or a reader's guess breaks.
SYNTAX = (
    "TY  - JOUR", "ER  - ", "AU  - ", "\nTI  - ", "@article{k,", "@", "{", "}", "\\", "#", "%",
    "$", "&", "~", "^", "_", "\\emph{x}", "--", "]]>", "<b>", "</p>", "<!--", "&amp;", "&#x0;",
    "---", ": ", "- ", "? ", "|", "'", '"', ",", ";", " and ", " AND ", "others", "et al.",
    "Jr.", "van", "(:unav)", "(:etal)", "doi:", "https://", "10.1000/x", "  ", "\xa0", "\u2028",
)  # fmt: skip
_syntax_text = (
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.text(_VISIBLE, max_size=3)), max_size=6)
    .map(lambda parts: one_line("".join(parts)).strip())
    .filter(bool)
)
text = st.one_of(st.text(_VISIBLE, min_size=1, max_size=20), _text(40), _syntax_text)
long_text = st.one_of(_text(400), _syntax_text)
paragraph_text = st.lists(long_text, min_size=1, max_size=3).map("\n\n".join)
name_part = st.one_of(
    st.sampled_from(["Müller", "Ødegård", "Nakamura", "Ng", "O'Brien", "Abou-Alfa", "Zhang"]),
    st.sampled_from(["张伟", "Иванов", "Παπαδόπουλος", "김민준", "محمد", "José María"]),
    text,
)
particles = st.sampled_from(["van", "van der", "de la", "von", "de", "da"])
roles = st.sampled_from([r.value for r in Role])


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = -9999, max_year: int = 9999) -> str:
    """Any partial date the model accepts: years before the common era, any real day."""
    year = draw(st.one_of(st.integers(1900, 2030), st.integers(min_year, max_year)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    sign = "-" if year < 0 else ""
    shown = f"{sign}{abs(year):04d}"
    if precision == "year":
        return shown
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{shown}-{month:02d}"
    day = draw(st.integers(1, days_in(year, month)))
    return f"{shown}-{month:02d}-{day:02d}"


def _key(date: str) -> tuple[int, ...]:
    negative = date.startswith("-")
    parts = [int(p) for p in date.lstrip("-").split("-")]
    if negative:
        parts[0] = -parts[0]
    return tuple(parts)


@st.composite
def issns(draw: st.DrawFn) -> str:
    body = draw(st.text("0123456789", min_size=7, max_size=7))
    return f"{body[:4]}-{body[4:]}{stdnum_issn.calc_check_digit(body)}"


@st.composite
def isbn13s(draw: st.DrawFn) -> str:
    body = draw(st.sampled_from(["978", "979"])) + draw(
        st.text("0123456789", min_size=9, max_size=9)
    )
    return body + stdnum_ean.calc_check_digit(body)


@st.composite
def orcids(draw: st.DrawFn) -> str:
    body = "000" + draw(st.text("0123456789", min_size=12, max_size=12))
    full = body + mod_11_2.calc_check_digit(body)
    return "-".join(full[i : i + 4] for i in range(0, 16, 4))


dois = st.one_of(
    st.builds(
        lambda prefix, suffix: f"10.{prefix}/{suffix}".lower(),
        st.integers(1000, 999999999),
        st.text(
            "abcdefghijklmnopqrstuvwxyz0123456789.-_;()<>&[]:/", min_size=1, max_size=30
        ).filter(lambda s: not s.startswith("/")),
    ),
    # real DOIs of the SICI form (the first named in issue 27, the second an Ecology article's,
    # as OpenAlex serves it); a URL cannot hold their '<', '>', '[' and ']' as they are
    st.sampled_from(
        [
            "10.1002/(sici)1097-0258(19980815/30)17:15/16<1661::aid-sim968>3.0.co;2-2",
            "10.1890/0012-9658(2006)87[2832:tiopma]2.0.co;2",
        ]
    ),
)
#: real ROR IDs (Caltech, University of Oslo, University of Copenhagen, TU Munich), in the
#: forms the model accepts
rors = st.sampled_from(
    ["05dxps055", "https://ror.org/01xtthb56", "035b05819", "https://ror.org/02KKVPP62"]
)
related_identifiers = st.builds(
    lambda relation, scheme_value: {
        "relation": relation,
        "scheme": scheme_value[0],
        "value": scheme_value[1],
    },
    st.sampled_from([r.value for r in Relation]),
    st.one_of(
        dois.map(lambda doi: ("doi", doi)),
        st.just(("url", "https://example.org/data/1")),
        st.just(("isbn", "9780306406157")),
        st.just(("arxiv", "arXiv:2101.00001")),
        st.just(("handle", "20.500.12345/67")),
        st.tuples(st.sampled_from([s.value for s in RelatedScheme]), text),
    ),
)
urls = st.builds(lambda path: f"https://example.org/{path}", st.text("abcxyz0123/-_", max_size=20))


@st.composite
def persons(draw: st.DrawFn) -> dict[str, Any]:
    person: dict[str, Any] = {}
    shape = draw(st.sampled_from(["family", "family", "family", "given-only", "literal"]))
    if shape == "literal":
        person["literal"] = draw(name_part)
        if draw(st.integers(0, 4)) == 0:
            person["given"] = draw(name_part)
    elif shape == "given-only":
        person["given"] = draw(name_part)
    else:
        person["family"] = draw(name_part)
        if draw(st.booleans()):
            person["given"] = draw(name_part)
        if draw(st.integers(0, 5)) == 0:
            person["particle"] = draw(particles)
        if draw(st.integers(0, 8)) == 0:
            person["dropping_particle"] = draw(st.sampled_from(["von", "de", "van"]))
        if draw(st.integers(0, 10)) == 0:
            person["literal"] = draw(name_part)
    if draw(st.integers(0, 8)) == 0:
        person["suffix"] = draw(st.sampled_from(["Jr.", "III", "Sr."]))
    if draw(st.integers(0, 3)) == 0:
        person["orcid"] = draw(orcids())
    if draw(st.integers(0, 3)) == 0:
        person["affiliations"] = draw(
            st.lists(
                st.one_of(
                    text,
                    st.builds(lambda name, ror: {"name": name, "ror": ror}, text, rors),
                    text.map(lambda name: {"name": name}),
                ),
                min_size=1,
                max_size=2,
            )
        )
    if draw(st.integers(0, 8)) == 0:
        person["corresponding"] = draw(st.booleans())
    if draw(st.integers(0, 8)) == 0:
        person["email"] = draw(st.sampled_from(["a@example.org", "x.y@uni.example"]))
    if draw(st.integers(0, 10)) == 0:
        person["kind"] = "person"
    person["role"] = draw(st.one_of(st.just(Role.AUTHOR.value), roles))
    return person


@st.composite
def organisations(draw: st.DrawFn) -> dict[str, Any]:
    organisation: dict[str, Any] = {
        "kind": "organisation",
        "name": draw(st.one_of(text, st.just("CERN & Partners"))),
    }
    if draw(st.booleans()):
        organisation["role"] = draw(roles)
    return organisation


@st.composite
def ordered_dates(draw: st.DrawFn) -> dict[str, str]:
    names = ["submitted", "accepted", "early_online", "published"]
    chosen = sorted(draw(st.lists(partial_dates(), min_size=0, max_size=4)), key=_key)
    kept = sorted(
        draw(
            st.lists(
                st.sampled_from(names), min_size=len(chosen), max_size=len(chosen), unique=True
            )
        ),
        key=names.index,
    )
    # dates sorted by their full key may still be "equal at shared precision"; both orders valid
    return dict(zip(kept, chosen, strict=True))


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    event: dict[str, Any] = {"name": draw(text)}
    if draw(st.booleans()):
        event["acronym"] = draw(text)
    if draw(st.booleans()):
        event["place"] = draw(text)
    span = sorted(draw(st.lists(partial_dates(), min_size=0, max_size=2)), key=_key)
    if span and draw(st.integers(0, 5)) == 0:
        event["end"] = span[-1]  # an end without a start does occur
    elif span:
        event["start"] = span[0]
        if len(span) > 1:
            event["end"] = span[1]
    return event


@st.composite
def containers(draw: st.DrawFn) -> dict[str, Any]:
    container: dict[str, Any] = {
        "kind": draw(
            st.sampled_from(["journal", "book", "proceedings", "report-series", "website", "other"])
        )
    }
    for key in ("title", "subtitle", "abbreviated_title"):
        if draw(st.integers(0, 2)) == 0 or (key == "title" and draw(st.booleans())):
            container[key] = draw(text)
    for key in ("issn_print", "issn_online"):
        if draw(st.booleans()):
            container[key] = draw(issns())
    for key in ("isbn_print", "isbn_electronic"):
        if draw(st.integers(0, 3)) == 0:
            container[key] = draw(st.lists(isbn13s(), min_size=1, max_size=2, unique=True))
    return container


@st.composite
def identifiers(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if draw(st.booleans()):
        found["doi"] = draw(dois)
    if draw(st.integers(0, 3)) == 0:
        found["pmid"] = str(draw(st.integers(1, 99999999)))
    if draw(st.integers(0, 3)) == 0:
        found["pmcid"] = f"PMC{draw(st.integers(1, 9999999))}"
    for key in ("isbn_print", "isbn_electronic"):
        if draw(st.integers(0, 4)) == 0:
            found[key] = draw(st.lists(isbn13s(), min_size=1, max_size=2, unique=True))
    if draw(st.integers(0, 4)) == 0:
        found["scopus_eid"] = f"2-s2.0-{draw(st.integers(10000, 10**11))}"
    if draw(st.integers(0, 3)) == 0:
        found["urls"] = draw(st.lists(urls, min_size=1, max_size=2))
    if draw(st.integers(0, 4)) == 0:
        found["other"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"scheme": st.sampled_from(["pure", "wos", "arxiv"]), "value": text}
                ),
                min_size=1,
                max_size=2,
            )
        )
    return found


licences = st.one_of(
    st.just({"url": "https://creativecommons.org/licenses/by/4.0/"}),
    st.builds(lambda t: {"text": t}, paragraph_text),
    st.builds(lambda u, t: {"url": u, "text": t}, urls, long_text),
)
metrics = st.builds(
    lambda source, count, as_of: (
        {"source": source, "count": count} | ({"as_of": as_of} if as_of else {})
    ),
    st.sampled_from(["Scopus", "Pure", "Web of Science"]),
    st.integers(0, 10**6),
    st.one_of(st.none(), partial_dates(1990, 2030)),
)


@st.composite
def publication_data(draw: st.DrawFn, max_contributors: int = 200) -> dict[str, Any]:
    data: dict[str, Any] = {"type": draw(st.sampled_from([t.value for t in PublicationType]))}
    _titles_and_abstract(draw, data)
    _contributors(draw, data, max_contributors)
    for part in _PARTS:
        part(draw, data)
    return data


def _titles_and_abstract(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """The titles (and translated ones), the abstract and the source's own type terms."""
    if draw(st.integers(0, 10)):
        data["title"] = draw(st.one_of(text, long_text))
    if draw(st.booleans()):
        data["subtitle"] = draw(text)
    if draw(st.integers(0, 4)) == 0:
        data["translated_titles"] = draw(
            st.lists(
                st.builds(
                    lambda lang, title, subtitle: (
                        {"language": lang, "title": title}
                        | ({"subtitle": subtitle} if subtitle else {})
                    ),
                    st.sampled_from(["de", "fr", "da", "zh", "pt-BR"]),
                    text,
                    st.one_of(st.none(), text),
                ),
                min_size=1,
                max_size=2,
            )
        )
    if draw(st.booleans()):
        paragraphs = draw(
            st.lists(
                st.one_of(long_text, st.just("A & B < C > D ]]> \"quoted\" 'apos'")),
                min_size=1,
                max_size=3,
            )
        )
        data["abstract"] = "\n\n".join(paragraphs)
    if draw(st.integers(0, 6)) == 0:
        data["source_type"] = {
            "scheme": draw(st.sampled_from(["Pure", "DC", "CSL"])),
            "terms": draw(st.lists(text, min_size=1, max_size=3)),
        }


def _contributors(draw: st.DrawFn, data: dict[str, Any], max_contributors: int) -> None:
    """The contributors, persons and organisations, and whether the list was cut."""
    data["contributors"] = draw(
        st.lists(st.one_of(persons(), organisations()), max_size=max_contributors)
    )
    if draw(st.integers(0, 4)) == 0:
        data["contributors_truncated"] = True
        if draw(st.booleans()):
            data["contributors_omitted"] = draw(st.integers(1, 5000))


def _language_status_and_dates(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Language, status and the dated events."""
    if draw(st.integers(0, 6)):
        data["language"] = draw(
            st.sampled_from(["en", "de", "fr", "da", "ru", "zh", "en-US", "pt-BR", "grc", "la"])
        )
    if draw(st.booleans()):
        data["status"] = draw(st.sampled_from([s.value for s in Status]))
    data["dates"] = draw(ordered_dates())


def _host_series_and_event(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """The container, the series and the event the work was given at."""
    if draw(st.booleans()):
        data["container"] = draw(containers())
    if draw(st.integers(0, 5)) == 0:
        data["series"] = (
            {"title": draw(text)}
            | ({"number": draw(text)} if draw(st.booleans()) else {})
            | ({"issn": draw(issns())} if draw(st.integers(0, 3)) == 0 else {})
        )
    if draw(st.integers(0, 5)) == 0:
        data["event"] = draw(events())


def _locators(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Volume, issue, pages, article number, page count, version, publisher."""
    for key in ("volume", "issue"):
        if draw(st.booleans()):
            data[key] = draw(st.one_of(st.integers(1, 999).map(str), text))
    if draw(st.booleans()):
        first = draw(
            st.one_of(st.integers(1, 5000).map(str), st.sampled_from(["e12", "xiv", "S1"]))
        )
        data["pages"] = {"first": first}
        if draw(st.booleans()):
            data["pages"]["last"] = (
                str(int(first) + draw(st.integers(0, 80))) if first.isdigit() else draw(text)
            )
    if draw(st.integers(0, 2)) == 0:
        data["article_number"] = draw(
            st.one_of(st.integers(1, 99999).map(str), st.just("e1002"), text)
        )
    if draw(st.booleans()):
        data["page_count"] = draw(st.integers(1, 2000))
    if draw(st.integers(0, 4)) == 0:
        data["version"] = draw(st.one_of(st.sampled_from(["1.0", "v2.1.3", "3"]), text))
    if draw(st.booleans()):
        data["publisher"] = draw(text)
    if draw(st.integers(0, 3)) == 0:
        data["publisher_place"] = draw(text)


def _identifiers_and_subjects(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Identifiers, keywords, subjects and the review flags."""
    found = draw(identifiers())
    if found:
        data["identifiers"] = found
    data["keywords"] = draw(st.lists(text, max_size=5, unique=True))
    if draw(st.integers(0, 4)) == 0:
        data["subjects"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {"scheme": st.sampled_from(["fingerprint", "asjc", "sdg"]), "term": text}
                ),
                min_size=1,
                max_size=3,
            )
        )
    for key in ("peer_reviewed", "externally_published"):
        if draw(st.booleans()):
            data[key] = draw(st.booleans())


def _reception_and_rights(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """Metrics, access rights, licence, funding and related works."""
    for key in ("citations", "downloads"):
        if draw(st.integers(0, 3)) == 0:
            data[key] = draw(st.lists(metrics, min_size=1, max_size=2))
    if draw(st.integers(0, 4)) == 0:
        data["access_rights"] = draw(st.sampled_from([a.value for a in AccessRights]))
    if draw(st.integers(0, 3)) == 0:
        data["license"] = draw(licences)
    if draw(st.integers(0, 4)) == 0:
        data["funding"] = draw(
            st.lists(
                st.builds(
                    lambda funder, fid, award: (
                        {"funder": funder}
                        | ({"funder_id": fid} if fid else {})
                        | ({"award_id": award} if award else {})
                    ),
                    text,
                    st.one_of(st.none(), st.just("10.13039/501100000780")),
                    st.one_of(st.none(), text),
                ),
                min_size=1,
                max_size=2,
            )
        )
    if draw(st.integers(0, 4)) == 0:
        data["related"] = draw(st.lists(related_identifiers, min_size=1, max_size=3))


def _thesis_notes_and_provenance(draw: st.DrawFn, data: dict[str, Any]) -> None:
    """The thesis details, notes and provenance."""
    if draw(st.integers(0, 5)) == 0:
        qualification = draw(st.one_of(st.none(), text))
        institutions = draw(st.lists(text, min_size=0 if qualification else 1, max_size=2))
        data["thesis"] = {"qualification": qualification} if qualification else {}
        if institutions:
            data["thesis"]["awarding_institutions"] = institutions
    if draw(st.integers(0, 4)) == 0:
        data["notes"] = draw(
            st.lists(
                st.one_of(text, paragraph_text, st.just("pubmeta-type: x")), min_size=1, max_size=3
            )
        )
    if draw(st.integers(0, 4)) == 0:
        data["provenance"] = (
            {"reader": draw(st.sampled_from(["pure", "jats", "dc"]))}
            | ({"url": "https://portal.example/x"} if draw(st.booleans()) else {})
            | ({"institution": draw(text)} if draw(st.booleans()) else {})
            | ({"truncated": True} if draw(st.booleans()) else {})
        )


#: The parts of a record after its titles and contributors, drawn in this order.
_PARTS = (
    _language_status_and_dates,
    _host_series_and_event,
    _locators,
    _identifiers_and_subjects,
    _reception_and_rights,
    _thesis_notes_and_provenance,
)


def publications(max_contributors: int = 200) -> st.SearchStrategy[Publication]:
    return publication_data(max_contributors).map(Publication.model_validate)


def crowded_publications() -> st.SearchStrategy[Publication]:
    """Records with up to 200 contributors (consortium papers) and very long titles."""
    return st.builds(
        lambda data, people, title: Publication.model_validate(
            {**data, "contributors": people, "title": title}
        ),
        publication_data(max_contributors=0),
        st.lists(st.one_of(persons(), organisations()), min_size=50, max_size=200),
        _text(5000, min_size=1000),
    )


#: Characters no format can carry (the model and the schema refuse them).
xml_forbidden = st.sampled_from(["\x00", "\x07", "\x1b", "\ufffe", "\x0b"])
