"""Hypothesis strategies that build any valid Publication.

They follow the schema and the semantic rules (real check digits, events in order, real
language codes), so every record they build validates without issues.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from stdnum import ean as stdnum_ean
from stdnum import issn as stdnum_issn
from stdnum.iso7064 import mod_11_2

from pubmeta.dates import PartialDate
from pubmeta.model import AccessRights, Publication, PublicationType, Role, Status

# Text without surrogates or XML-forbidden controls; names from many scripts.
_ALPHABET = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
text = st.text(_ALPHABET, min_size=1, max_size=40).filter(lambda s: s.strip() == s and s)
long_text = st.text(_ALPHABET, min_size=1, max_size=400)
name_part = st.one_of(
    st.sampled_from(["Müller", "Ødegård", "Nakamura", "Ng", "O'Brien", "Abou-Alfa", "Zhang"]),
    st.sampled_from(["张伟", "Иванов", "Παπαδόπουλος", "김민준", "محمد", "José María"]),
    text,
)
particles = st.sampled_from(["van", "van der", "de la", "von", "de", "da"])


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1900, max_year: int = 2030) -> PartialDate:
    year = draw(st.integers(min_year, max_year))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    day = draw(st.integers(1, 28))
    return PartialDate(year, month, day)


@st.composite
def issns(draw: st.DrawFn) -> str:
    body = draw(st.text("0123456789", min_size=7, max_size=7))
    return f"{body[:4]}-{body[4:]}{stdnum_issn.calc_check_digit(body)}"


@st.composite
def isbn13s(draw: st.DrawFn) -> str:
    body = "978" + draw(st.text("0123456789", min_size=9, max_size=9))
    return body + stdnum_ean.calc_check_digit(body)


@st.composite
def orcids(draw: st.DrawFn) -> str:
    body = "000" + draw(st.text("0123456789", min_size=12, max_size=12))
    full = body + mod_11_2.calc_check_digit(body)
    return "-".join(full[i : i + 4] for i in range(0, 16, 4))


dois = st.builds(
    lambda prefix, suffix: f"10.{prefix}/{suffix}".lower(),
    st.integers(1000, 999999999),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789.-_;()<>&", min_size=1, max_size=30).filter(
        lambda s: not s.startswith("/")
    ),
)


@st.composite
def persons(draw: st.DrawFn) -> dict[str, Any]:
    person: dict[str, Any] = {"family": draw(name_part)}
    if draw(st.booleans()):
        person["given"] = draw(name_part)
    if draw(st.integers(0, 5)) == 0:
        person["particle"] = draw(particles)
    if draw(st.integers(0, 8)) == 0:
        person["suffix"] = draw(st.sampled_from(["Jr.", "III", "Sr."]))
    if draw(st.integers(0, 3)) == 0:
        person["orcid"] = draw(orcids())
    if draw(st.integers(0, 3)) == 0:
        person["affiliations"] = draw(st.lists(text, min_size=1, max_size=2))
    person["role"] = draw(st.sampled_from([Role.AUTHOR.value] * 4 + [Role.EDITOR.value]))
    return person


organisations = st.builds(
    lambda name: {"kind": "organisation", "name": name}, st.one_of(text, st.just("CERN & Partners"))
)


@st.composite
def ordered_dates(draw: st.DrawFn) -> dict[str, str]:
    chosen = sorted(
        draw(st.lists(partial_dates(), min_size=0, max_size=4)), key=PartialDate.sort_key
    )
    names = sorted(
        draw(
            st.lists(
                st.sampled_from(["submitted", "accepted", "early_online", "published"]),
                min_size=len(chosen),
                max_size=len(chosen),
                unique=True,
            )
        ),
        key=["submitted", "accepted", "early_online", "published"].index,
    )
    # dates sorted by their full key may still be "equal at shared precision"; both orders valid
    return {name: value.isoformat() for name, value in zip(names, chosen, strict=True)}


@st.composite
def publication_data(draw: st.DrawFn, max_contributors: int = 200) -> dict[str, Any]:
    data: dict[str, Any] = {"type": draw(st.sampled_from([t.value for t in PublicationType]))}
    data["title"] = draw(st.one_of(text, long_text.filter(lambda s: s.strip())))
    if draw(st.booleans()):
        data["subtitle"] = draw(text)
    if draw(st.booleans()):
        paragraphs = draw(
            st.lists(
                st.one_of(long_text, st.just("A & B < C > D ]]> \"quoted\" 'apos'")),
                min_size=1,
                max_size=3,
            )
        )
        data["abstract"] = "\n\n".join(p.strip() or "x" for p in paragraphs)
    data["contributors"] = draw(
        st.lists(st.one_of(persons(), organisations), max_size=max_contributors)
    )
    if draw(st.integers(0, 4)) == 0:
        data["contributors_truncated"] = True
    data["language"] = draw(st.sampled_from(["en", "de", "fr", "da", "ru", "zh", "en-US", "pt-BR"]))
    if draw(st.booleans()):
        data["status"] = draw(st.sampled_from([s.value for s in Status]))
    data["dates"] = draw(ordered_dates())
    if draw(st.booleans()):
        container: dict[str, Any] = {
            "kind": draw(st.sampled_from(["journal", "book", "proceedings"])),
            "title": draw(text),
        }
        if draw(st.booleans()):
            container["issn_print"] = draw(issns())
        if draw(st.booleans()):
            container["issn_online"] = draw(issns())
        if container["kind"] != "journal" and draw(st.booleans()):
            container["isbn_print"] = [draw(isbn13s())]
        data["container"] = container
    for key in ("volume", "issue"):
        if draw(st.booleans()):
            data[key] = draw(st.one_of(st.integers(1, 999).map(str), text))
    if draw(st.booleans()):
        first = draw(st.integers(1, 5000))
        data["pages"] = {"first": str(first)} | (
            {"last": str(first + draw(st.integers(0, 80)))} if draw(st.booleans()) else {}
        )
    elif draw(st.booleans()):
        data["article_number"] = draw(st.one_of(st.integers(1, 99999).map(str), st.just("e1002")))
    if draw(st.booleans()):
        data["page_count"] = draw(st.integers(1, 2000))
    if draw(st.booleans()):
        data["publisher"] = draw(text)
    identifiers: dict[str, Any] = {}
    if draw(st.booleans()):
        identifiers["doi"] = draw(dois)
    if draw(st.integers(0, 3)) == 0:
        identifiers["pmid"] = str(draw(st.integers(1, 99999999)))
    if draw(st.integers(0, 3)) == 0:
        identifiers["pmcid"] = f"PMC{draw(st.integers(1, 9999999))}"
    if data["type"] == "book" and draw(st.booleans()):
        identifiers["isbn_print"] = [draw(isbn13s())]
    if identifiers:
        data["identifiers"] = identifiers
    data["keywords"] = draw(st.lists(text, max_size=5, unique=True))
    if draw(st.booleans()):
        data["peer_reviewed"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        data["citations"] = [{"source": "Scopus", "count": draw(st.integers(0, 10**6))}]
    if draw(st.integers(0, 4)) == 0:
        data["access_rights"] = draw(st.sampled_from([a.value for a in AccessRights]))
    if draw(st.integers(0, 4)) == 0:
        data["license"] = {"url": "https://creativecommons.org/licenses/by/4.0/"}
    if draw(st.integers(0, 4)) == 0:
        data["funding"] = [{"funder": draw(text), "award_id": draw(text)}]
    return data


def publications(max_contributors: int = 200) -> st.SearchStrategy[Publication]:
    return publication_data(max_contributors).map(Publication.model_validate)


def crowded_publications() -> st.SearchStrategy[Publication]:
    """Records with up to 200 contributors (consortium papers) and very long titles."""
    return st.builds(
        lambda data, people, title: Publication.model_validate(
            {**data, "contributors": people, "title": title}
        ),
        publication_data(max_contributors=0),
        st.lists(st.one_of(persons(), organisations), min_size=50, max_size=200),
        st.text(_ALPHABET, min_size=1000, max_size=5000).filter(lambda s: s.strip() != ""),
    )


#: Characters XML 1.0 cannot hold (the JSON formats can).
xml_forbidden = st.sampled_from(["\x00", "\x07", "\x1b", "\ufffe", "\ud800"])
