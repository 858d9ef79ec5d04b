"""Semantic rules: what no schema can say (check digits, real codes, orders).

They run on a record the model accepts, whether built (a :class:`~pubmeta.model.Publication`)
or only checked (the plain dict of :mod:`pubmeta.validation.checker`), through one accessor,
so there is one rule set for both paths. They are run for every record of a big file: each
rule first asks the cheap question (is the field there?) and builds nothing when the answer
is no. This module imports neither pydantic nor the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from itertools import pairwise
from typing import Any

from .. import identifiers as ids
from ..dates import PartialDate
from ..diagnostics import Issue, Severity, pointer_join
from ..languages import is_known_code


def _fields(part: Any) -> Mapping[str, Any]:
    """The fields of a record or a part of it, whether a model instance or the plain dict the
    check-only validator (:mod:`pubmeta.validation.checker`) makes of it. The rules read only
    through this, so an absent field and a field at its default (None, empty, False) read the
    same."""
    # a model instance keeps its field values in its __dict__: reading it copies nothing
    return part if type(part) is dict else part.__dict__


def semantic_issues(record: Any) -> list[Issue]:
    """The rules no schema can say: check digits, real codes, orders, names."""
    # Run for every record of a big file: each rule first asks the cheap question (is the
    # field there?) and builds nothing when the answer is no.
    fields = _fields(record)
    found: list[Issue] = []
    title = fields.get("title")
    if title is None or not title.strip():
        found.append(Issue("title-missing", "the record has no title", "/title", Severity.WARNING))
    _part_issues(fields, _IDENTIFYING_PARTS, found)
    contributors = fields.get("contributors")
    if contributors:
        _contributors_issues(contributors, found)
    language = fields.get("language")
    if language is not None and not is_known_code(language):
        found.append(
            Issue("language-code", f"'{language}' is not an ISO 639 language code", "/language")
        )
    _part_issues(fields, _ORDERED_PARTS, found)
    if fields.get("contributors_omitted") is not None and not fields.get("contributors_truncated"):
        found.append(
            Issue(
                "truncation-flag",
                "contributors_omitted is set but contributors_truncated is false",
                "/contributors_omitted",
            )
        )
    return found


#: A part's rule: its findings added to the list given (a list passed down instead of one
#: made and joined per rule: most parts of most records have nothing to report).
PartRule = Callable[[Mapping[str, Any], list[Issue]], None]


def _part_issues(
    fields: Mapping[str, Any], rules: tuple[tuple[str, PartRule], ...], found: list[Issue]
) -> None:
    """The rules of the parts (``identifiers``, ``dates``, ...) a record has, in order."""
    for name, rule in rules:
        part = fields.get(name)
        if part is not None:
            rule(_fields(part), found)


def _contributors_issues(contributors: list[Any], found: list[Issue]) -> None:
    for index, contributor in enumerate(contributors):
        person = contributor if type(contributor) is dict else contributor.__dict__
        # the common case, a person without an ORCID iD or affiliations, costs two lookups
        if person.get("orcid") is None and not person.get("affiliations"):
            continue
        found.extend(_contributor_issues(person, index))


def _identifier_issues(identifiers: Mapping[str, Any], found: list[Issue]) -> None:
    doi = identifiers.get("doi")
    if doi is not None and not ids.is_valid_doi(doi):
        found.append(
            Issue(
                "doi-syntax", f"'{doi}' is not a DOI of the form 10.NNNN/suffix", "/identifiers/doi"
            )
        )
    _isbn_lists(identifiers, "identifiers", found)


def _container_issues(container: Mapping[str, Any], found: list[Issue]) -> None:
    for field in ("issn_print", "issn_online"):
        value = container.get(field)
        if value is not None and not ids.is_valid_issn(value):
            found.append(_issn_issue(value, pointer_join("container", field)))
    _isbn_lists(container, "container", found)


def _isbn_lists(part: Mapping[str, Any], where: str, found: list[Issue]) -> None:
    """Both ISBN lists of a part: the work's own (identifiers) or its host's (container)."""
    for field in ("isbn_print", "isbn_electronic"):
        isbns = part.get(field)
        if isbns:
            for index, value in enumerate(isbns):
                found.extend(_isbn(value, pointer_join(where, field, index)))


def _series_issues(series: Mapping[str, Any], found: list[Issue]) -> None:
    issn = series.get("issn")
    if issn and not ids.is_valid_issn(issn):
        found.append(_issn_issue(issn, "/series/issn"))


def _issn_issue(value: str, pointer: str) -> Issue:
    return Issue("issn-checksum", f"ISSN {value} has a wrong check character", pointer)


def _isbn(value: str, pointer: str) -> Iterator[Issue]:
    if len(value) not in (10, 13):
        yield Issue("isbn-syntax", f"ISBN {value} has {len(value)} digits, not 10 or 13", pointer)
    elif not ids.is_valid_isbn(value):
        yield Issue("isbn-checksum", f"ISBN {value} has a wrong check digit", pointer)


_ROR = re.compile(ids.ROR_PATTERN)


def _contributor_issues(contributor: Mapping[str, Any], index: int) -> Iterator[Issue]:
    for number, affiliation in enumerate(contributor.get("affiliations") or ()):
        if isinstance(affiliation, str):
            continue  # a name alone, the usual affiliation
        given = affiliation.get("ror") if isinstance(affiliation, dict) else affiliation.ror
        if not isinstance(given, str) or not _ROR.fullmatch(given.strip()):
            continue  # absent, or not of the form: the structure check says so
        if not ids.is_valid_ror(ids.normalise_ror(given)):
            yield Issue(
                "ror-checksum",
                f"ROR ID {given} has wrong check digits",
                pointer_join("contributors", index, "affiliations", number, "ror"),
            )
    orcid = contributor.get("orcid")
    if orcid is not None and not ids.is_valid_orcid(orcid):
        yield Issue(
            "orcid-checksum",
            f"ORCID iD {orcid} has a wrong check character",
            pointer_join("contributors", index, "orcid"),
        )


_EVENT_ORDER = ("submitted", "accepted", "early_online", "published")


def _event_order(dates: Mapping[str, Any], found: list[Issue]) -> None:
    known: list[tuple[str, PartialDate]] = [
        (name, value) for name in _EVENT_ORDER if (value := dates.get(name)) is not None
    ]
    if len(known) < 2:
        return  # one dated event (the usual record) has no order to break
    for (earlier_name, earlier), (later_name, later) in pairwise(known):
        if not earlier.may_precede(later):
            found.append(
                Issue(
                    "date-order",
                    f"{earlier_name.replace('_', ' ')} {earlier} is after "
                    f"{later_name.replace('_', ' ')} {later}",
                    pointer_join("dates", later_name),
                )
            )


def _event_span(event: Mapping[str, Any], found: list[Issue]) -> None:
    start, end = event.get("start"), event.get("end")
    if start and end and not start.may_precede(end):
        found.append(Issue("date-order", f"event starts {start} after it ends {end}", "/event/end"))


def _after(first: str, last: str) -> bool:
    """Whether one page number comes after another, compared as digit strings: a page number
    of thousands of digits is no reason to fail (int() would refuse it)."""
    first, last = first.lstrip("0") or "0", last.lstrip("0") or "0"
    return (len(first), first) > (len(last), last)


def _page_order(pages: Mapping[str, Any], found: list[Issue]) -> None:
    first, last = pages["first"], pages.get("last")
    if last is not None and first.isdigit() and last.isdigit() and _after(first, last):
        found.append(Issue("page-order", f"first page {first} is after last page {last}", "/pages"))


#: Parts checked before the contributors (what identifies the work and its host) and after
#: them (what must be in order), each by its rule; the order is the order of the findings.
_IDENTIFYING_PARTS: tuple[tuple[str, PartRule], ...] = (
    ("identifiers", _identifier_issues),
    ("container", _container_issues),
    ("series", _series_issues),
)
_ORDERED_PARTS: tuple[tuple[str, PartRule], ...] = (
    ("dates", _event_order),
    ("event", _event_span),
    ("pages", _page_order),
)
