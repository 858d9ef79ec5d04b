"""Writing records as one Crossref metadata deposit (schema 5.3.1 or 5.4.0), valid against the
official XSD: the head from the writer's options, each record in the structure its type needs.

What the schema requires and the record lacks (a DOI, a title, a year for most works, the
journal of an article, the publisher of a book) is refused with the field named; no value is
invented: a year-only date is deposited as a year, never as the first of January.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from ...errors import MissingOptionError, OptionError, UnwritableRecordError, WriteError
from ...model import Role
from ...names import family_with_particles
from ...text import squeeze
from ...xml.write import Node, serialise
from .mapping import (
    AI_NS,
    DEFAULT_VERSION,
    FR_NS,
    JATS_NS,
    LANGUAGES,
    LENGTHS,
    NAME_PATTERN,
    POSTED_CONTENT_TYPE,
    REL_NS,
    RELATED_SCHEMES,
    RELATIONS,
    ROLES,
    STRUCTURE,
    VERSIONS,
    YEARS,
    namespace,
    schema_location,
)

if TYPE_CHECKING:
    from ...dates import PartialDate
    from ...model import Container, Contributor, Publication

# the schema's \s is only these four characters
_NAME = re.compile(NAME_PATTERN.replace(r"\s", r"\x20\t\n\r"))
_CROSSREF_DOI = re.compile(r"10\.[0-9]{4,9}/.{1,200}", re.DOTALL)
_RESOURCE = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
#: What a URL may hold as it is (RFC 3986 unreserved and reserved characters, '?' and '#'
#: aside inside a DOI's path); anything else, SICI's '<' '>' and '[' ']' too, is
#: percent-encoded, as the DOI Handbook asks of DOIs written in URLs.
_URL_KEEPS = "/;:@&=+$,-_.!~*'()"


def doi_url(doi: str) -> str:
    """The doi.org link of a DOI, valid as xsd:anyURI: ``10.1002/(SICI)...<1661::AID>...``
    -> ``https://doi.org/10.1002/(SICI)...%3C1661::AID%3E...``."""
    return "https://doi.org/" + quote(doi, safe=_URL_KEEPS)


def _landing(url: str) -> str:
    """A landing page as a valid URI: characters a URI cannot hold are percent-encoded, its
    own escapes ('%3C') kept."""
    return quote(url, safe=_URL_KEEPS + "%?#")


_HEAD_LENGTHS = {"depositor": (1, 130), "email": (6, 200), "registrant": (1, 255),
                 "batch_id": (4, 100)}  # fmt: skip


def write(
    records: Sequence[Publication],
    *,
    depositor: str | None = None,
    email: str | None = None,
    registrant: str | None = None,
    batch_id: str | None = None,
    timestamp: str | int | None = None,
    version: str = DEFAULT_VERSION,
) -> str:
    """One deposit holding the records (of one structure: a deposit's body holds journals,
    or books, or conferences..., never a mix)."""
    head_values = {"depositor": depositor, "email": email, "registrant": registrant,
                   "batch_id": batch_id, "timestamp": timestamp}  # fmt: skip
    missing = [name for name, value in head_values.items() if value in (None, "")]
    if missing:
        raise MissingOptionError("crossref", missing)
    if version not in VERSIONS:
        raise OptionError(f"crossref version {version!r}: one of {', '.join(VERSIONS)}")
    head = _head(head_values)
    if not records:
        raise WriteError("a Crossref deposit needs at least one record")
    structures = {structure_of(r) for r in records}
    if len(structures) > 1:
        raise WriteError(
            "a Crossref deposit holds one kind of work; these records need "
            + ", ".join(sorted(structures))
            + ": write each kind to its own deposit"
        )
    root = Node(
        "doi_batch",
        None,
        {
            "xmlns": namespace(version),
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xmlns:jats": JATS_NS,
            "xmlns:ai": AI_NS,
            "xmlns:fr": FR_NS,
            "xmlns:rel": REL_NS,
            "version": version,
            "xsi:schemaLocation": schema_location(version),
        },
    )
    root.append(head)
    body = root.add("body")
    for index, record in enumerate(records):
        try:
            body.append(work(record))
        except UnwritableRecordError as error:
            if len(records) == 1:
                raise
            raise UnwritableRecordError(f"record {index + 1}: {error}") from None
    return serialise(root)


def structure_of(record: Publication) -> str:
    return STRUCTURE[record.type]


def _head(values: Mapping[str, object]) -> Node:
    texts = {name: str(value).strip() for name, value in values.items()}
    for name, (shortest, longest) in _HEAD_LENGTHS.items():
        if not shortest <= len(texts[name]) <= longest:
            raise OptionError(
                f"crossref option {name}: {shortest} to {longest} characters, "
                f"not {len(texts[name])}"
            )
    if not texts["timestamp"].isdigit() or not texts["timestamp"].isascii():
        raise OptionError("crossref option timestamp: digits only, e.g. 20261130120000")
    head = Node("head")
    head.add("doi_batch_id", texts["batch_id"])
    head.add("timestamp", texts["timestamp"])
    depositor = head.add("depositor")
    depositor.add("depositor_name", texts["depositor"])
    depositor.add("email_address", texts["email"])
    head.add("registrant", texts["registrant"])
    return head


def _refuse(field: str, why: str) -> UnwritableRecordError:
    return UnwritableRecordError(f"{field}: {why} (Crossref deposit schema)")


def _sized(element: str, value: str, field: str) -> str:
    shortest, longest = LENGTHS[element]
    if not shortest <= len(value) <= longest:
        raise _refuse(
            field, f"<{element}> takes {shortest} to {longest} characters, not {len(value)}"
        )
    return value


def _leaf(parent: Node, element: str, value: str, field: str) -> None:
    parent.add(element, _sized(element, value, field))


def work(record: Publication) -> Node:
    """The body element (journal, book, conference...) holding one record."""
    if record.identifiers.doi is None:
        raise _refuse("identifiers.doi", "a deposit registers a DOI; the record has none")
    if record.title is None:
        raise _refuse("title", "every deposited work needs its title")
    structure = structure_of(record)
    return _BUILDERS[structure](record)


def _language(record: Publication) -> dict[str, str]:
    if record.language:
        primary = record.language.split("-")[0].lower()
        if primary in LANGUAGES and primary == record.language.lower():
            return {"language": primary}
    return {}


def _year_ok(date: PartialDate, field: str) -> PartialDate:
    if not YEARS[0] <= date.year <= YEARS[1]:
        raise _refuse(field, f"years run {YEARS[0]} to {YEARS[1]}, not {date.year}")
    return date


def _date(parent: Node, tag: str, date: PartialDate, field: str, media: str | None = None) -> None:
    _year_ok(date, field)
    element = parent.add(tag, None, {"media_type": media} if media else None)
    if date.month is not None:
        element.add("month", f"{date.month:02d}")
        if date.day is not None:
            element.add("day", f"{date.day:02d}")
    element.add("year", f"{date.year:04d}")


def _publication_dates(parent: Node, record: Publication, required: bool) -> None:
    dates = record.dates
    if dates.published is None and dates.early_online is None:
        if required:
            raise _refuse("dates.published", "this kind of work is deposited with its year")
        return
    if dates.published is not None and dates.early_online is not None:
        _date(parent, "publication_date", dates.published, "dates.published", "print")
        _date(parent, "publication_date", dates.early_online, "dates.early_online", "online")
    else:  # one date: the work's first publication, which is online for most works today
        date = dates.published or dates.early_online
        assert date is not None
        field = "dates.published" if dates.published else "dates.early_online"
        _date(parent, "publication_date", date, field, "online")


def _accepted(parent: Node, record: Publication) -> None:
    if record.dates.accepted is not None:
        _date(parent, "acceptance_date", record.dates.accepted, "dates.accepted")


def _titles(parent: Node, title: str, subtitle: str | None) -> None:
    titles = parent.add("titles")
    titles.add("title", title)
    if subtitle:
        titles.add("subtitle", subtitle)


def _collapsed(value: str) -> str:
    """The value with each run of the schema's whitespace as one space, none at the ends."""
    # most names are printable text with single inner spaces: nothing to collapse
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value
    return squeeze(value)  # the schema's collapse: runs of its four whitespace characters


def _name(value: str, element: str, field: str) -> str:
    collapsed = _collapsed(value)
    _sized(element, collapsed, field)
    if not _NAME.fullmatch(collapsed):
        raise _refuse(field, f"<{element}> cannot begin or end with a digit or hold only '?'")
    return collapsed


def _contributors(parent: Node, record: Publication) -> None:
    written: list[tuple[int, Contributor, str]] = []
    for i, c in enumerate(record.contributors):
        role = ROLES.get(c.role)
        if role is not None:
            written.append((i, c, role))
    if not written:
        return
    group = parent.add("contributors")
    first_author = next((i for i, c, _ in written if c.role is Role.AUTHOR), written[0][0])
    for index, contributor, role in written:
        field = f"contributors[{index}]"
        attributes = {
            "sequence": "first" if index == first_author else "additional",
            "contributor_role": role,
        }
        if contributor.kind == "organisation":
            name = _collapsed(contributor.name)
            group.add("organization", _sized("organization", name, field), attributes)
            continue
        person = group.add("person_name", None, attributes)
        family = contributor.family
        printed = family
        if contributor.particle or contributor.dropping_particle:
            printed = family_with_particles(contributor)
        surname = printed or contributor.literal or contributor.given
        given = contributor.given
        if given and (family or contributor.literal):
            person.add("given_name", _name(given, "given_name", field + ".given"))
        person.add("surname", _name(surname or "", "surname", field + ".family"))
        if contributor.suffix:
            _leaf(person, "suffix", contributor.suffix, field + ".suffix")
        if contributor.affiliations:
            affiliations = person.add("affiliations")
            for name, ror in contributor.distinct_affiliations():
                institution = affiliations.add("institution")
                _leaf(institution, "institution_name", name, field + ".affiliations")
                if ror:
                    institution.add("institution_id", f"https://ror.org/{ror}", {"type": "ror"})
        if contributor.orcid:
            person.add("ORCID", f"https://orcid.org/{contributor.orcid}")


def _abstract(parent: Node, record: Publication) -> None:
    if record.abstract:
        abstract = parent.add("jats:abstract")
        for paragraph in record.abstract.split("\n\n"):
            abstract.add("jats:p", paragraph)


def _pages(parent: Node, record: Publication) -> None:
    if record.pages is not None:
        pages = parent.add("pages")
        _leaf(pages, "first_page", record.pages.first, "pages.first")
        if record.pages.last:
            _leaf(pages, "last_page", record.pages.last, "pages.last")


def _publisher_item(parent: Node, record: Publication) -> None:
    if record.article_number:
        item = parent.add("publisher_item")
        number = _sized("item_number", record.article_number, "article_number")
        item.add("item_number", number, {"item_number_type": "article_number"})


def _programs(parent: Node, record: Publication) -> None:
    if record.funding:
        program = parent.add("fr:program", None, {"name": "fundref"})
        for funding in record.funding:
            group = program.add("fr:assertion", None, {"name": "fundgroup"})
            funder = group.add("fr:assertion", funding.funder, {"name": "funder_name"})
            if funding.funder_id:
                funder.add("fr:assertion", funding.funder_id, {"name": "funder_identifier"})
            if funding.award_id:
                group.add("fr:assertion", funding.award_id, {"name": "award_number"})
    licence = record.license.url if record.license else None
    licence_ok = licence is not None and _RESOURCE.match(licence) and len(licence) >= 10
    if licence_ok or (record.access_rights is not None and record.access_rights == "open"):
        program = parent.add("ai:program", None, {"name": "AccessIndicators"})
        if record.access_rights is not None and record.access_rights == "open":
            program.add("ai:free_to_read")
        if licence_ok and licence:
            program.add("ai:license_ref", licence)
    related = [
        (RELATIONS[r.relation], RELATED_SCHEMES[r.scheme], r.value)
        for r in record.related
        if r.relation in RELATIONS and r.scheme in RELATED_SCHEMES
    ]
    if related:
        program = parent.add("rel:program", None, {"name": "relations"})
        for (element, kind), identifier_type, value in related:
            item = program.add("rel:related_item")
            item.add(f"rel:{element}", value,
                     {"relationship-type": kind, "identifier-type": identifier_type})  # fmt: skip


def _doi_data(parent: Node, record: Publication) -> None:
    doi = record.identifiers.doi or ""
    data = parent.add("doi_data")
    _leaf(data, "doi", doi, "identifiers.doi")
    if not _CROSSREF_DOI.fullmatch(doi):
        raise _refuse("identifiers.doi", "Crossref DOIs have a prefix of 4-9 digits and a suffix "
                      "of at most 200 characters")  # fmt: skip
    landing = next((u for u in record.identifiers.urls if _RESOURCE.match(u)), None)
    resource = _landing(landing) if landing else doi_url(doi)
    _leaf(data, "resource", resource, "identifiers.urls")


def _isbns(parent: Node, record: Publication, required: bool) -> None:
    # a part (chapter, conference paper) is deposited with its host's ISBNs
    part = STRUCTURE[record.type] in ("book-chapter", "conference")
    source = record.container if part else record.identifiers
    written = 0
    if source is not None:
        for isbn, media in [(i, "print") for i in source.isbn_print] + [
            (i, "electronic") for i in source.isbn_electronic
        ]:
            if written < 6:
                parent.add("isbn", isbn, {"media_type": media})
                written += 1
    if not written and required:
        parent.add("noisbn", None, {"reason": "monograph"})


def _publisher(parent: Node, record: Publication, required: bool) -> None:
    if record.publisher is None:
        if required:
            raise _refuse("publisher", "this kind of work is deposited with its publisher")
        return
    publisher = parent.add("publisher")
    _leaf(publisher, "publisher_name", record.publisher, "publisher")
    if record.publisher_place:
        _leaf(publisher, "publisher_place", record.publisher_place, "publisher_place")


def _item_tail(item: Node, record: Publication) -> None:
    """pages, publisher item, programs and DOI: the common end of an item."""
    _pages(item, record)
    _closing(item, record)


def _closing(parent: Node, record: Publication) -> None:
    """publisher item, programs and DOI: how a work's elements end (a dataset's and posted
    content's schema order them otherwise)."""
    _publisher_item(parent, record)
    _programs(parent, record)
    _doi_data(parent, record)


def _titled_host(record: Publication, why: str) -> tuple[Container, str]:
    """The record's host and its title, which this kind of work is deposited with."""
    container = record.container
    if container is None or container.title is None:
        raise _refuse("container.title", why)
    return container, container.title


def _journal(record: Publication) -> Node:
    container, title = _titled_host(record, "a journal article is deposited with its journal title")
    journal = Node("journal")
    meta = journal.add("journal_metadata", None, _language(record) or None)
    _leaf(meta, "full_title", title, "container.title")
    if container.abbreviated_title:
        _leaf(meta, "abbrev_title", container.abbreviated_title, "container.abbreviated_title")
    if container.issn_print:
        meta.add("issn", container.issn_print, {"media_type": "print"})
    if container.issn_online:
        meta.add("issn", container.issn_online, {"media_type": "electronic"})
    if record.volume or record.issue:
        issue = journal.add("journal_issue")
        _publication_dates(issue, record, True)
        if record.volume:
            _leaf(issue.add("journal_volume"), "volume", record.volume, "volume")
        if record.issue:
            _leaf(issue, "issue", record.issue, "issue")
    article = journal.add("journal_article", None, {"publication_type": "full_text",
                                                    **_language(record)})  # fmt: skip
    _titles(article, record.title or "", record.subtitle)
    _contributors(article, record)
    _abstract(article, record)
    _publication_dates(article, record, True)
    _accepted(article, record)
    _item_tail(article, record)
    return journal


def _book_chapter(record: Publication) -> Node:
    container, title = _titled_host(record, "a book chapter is deposited with its book's title")
    editors = any(c.role == "editor" for c in record.contributors)
    book = Node("book", None, {"book_type": "edited_book" if editors else "other"})
    meta = book.add("book_metadata", None, _language(record) or None)
    _titles(meta, title, container.subtitle)
    _publication_dates(meta, record, True)
    _isbns(meta, record, True)
    _publisher(meta, record, True)
    item = book.add("content_item", None, {"component_type": "chapter", **_language(record)})
    _contributors(item, record)
    _titles(item, record.title or "", record.subtitle)
    _abstract(item, record)
    _accepted(item, record)
    _item_tail(item, record)
    return book


def _book(record: Publication) -> Node:
    book = Node("book", None, {"book_type": "monograph"})
    meta = book.add("book_metadata", None, _language(record) or None)
    _contributors(meta, record)
    _titles(meta, record.title or "", record.subtitle)
    _abstract(meta, record)
    _publication_dates(meta, record, True)
    _accepted(meta, record)
    _isbns(meta, record, True)
    _publisher(meta, record, True)
    _closing(meta, record)
    return book


def _conference(record: Publication) -> Node:
    _, title = _titled_host(record, "a conference paper is deposited with its proceedings")
    name = record.event.name if record.event else title
    conference = Node("conference")
    event = conference.add("event_metadata")
    _leaf(event, "conference_name", name, "event.name")
    if record.event is not None:
        if record.event.acronym:
            _leaf(event, "conference_acronym", record.event.acronym, "event.acronym")
        if record.event.place:
            _leaf(event, "conference_location", record.event.place, "event.place")
        _conference_date(event, record)
    proceedings = conference.add("proceedings_metadata", None, _language(record) or None)
    _leaf(proceedings, "proceedings_title", title, "container.title")
    _publisher(proceedings, record, True)
    _publication_dates(proceedings, record, True)
    _isbns(proceedings, record, True)
    paper = conference.add("conference_paper", None, {"publication_type": "full_text",
                                                      **_language(record)})  # fmt: skip
    _contributors(paper, record)
    _titles(paper, record.title or "", record.subtitle)
    _abstract(paper, record)
    _accepted(paper, record)
    _item_tail(paper, record)
    return conference


def _conference_date(event: Node, record: Publication) -> None:
    assert record.event is not None
    attributes: dict[str, str] = {}
    for prefix, date, field in (("start", record.event.start, "event.start"),
                                ("end", record.event.end, "event.end")):  # fmt: skip
        if date is None:
            continue
        _year_ok(date, field)
        if date.day is not None:
            attributes[f"{prefix}_day"] = str(date.day)
        if date.month is not None:
            attributes[f"{prefix}_month"] = str(date.month)
        attributes[f"{prefix}_year"] = str(date.year)
    if attributes:
        event.add("conference_date", None, attributes)


def _dissertation(record: Publication) -> Node:
    thesis = Node("dissertation", None, {"publication_type": "full_text", **_language(record)})
    authors = [c for c in record.contributors if c.role == "author" and c.kind == "person"]
    if not authors:
        raise _refuse("contributors", "a dissertation is deposited with its author")
    _contributors(thesis, record)
    _titles(thesis, record.title or "", record.subtitle)
    _abstract(thesis, record)
    date = record.dates.published or record.dates.early_online
    if date is None:
        raise _refuse("dates.published", "a dissertation is deposited with its approval year")
    _date(thesis, "approval_date", date, "dates.published")
    institutions = list(record.thesis.awarding_institutions) if record.thesis else []
    if not institutions and record.publisher:
        institutions = [record.publisher]
    if not institutions:
        raise _refuse("thesis.awarding_institutions", "a dissertation names its institution")
    for name in institutions[:6]:
        _leaf(thesis.add("institution"), "institution_name", name, "thesis.awarding_institutions")
    if record.thesis and record.thesis.qualification:
        _leaf(thesis, "degree", record.thesis.qualification, "thesis.qualification")
    _isbns(thesis, record, False)
    _closing(thesis, record)
    return thesis


def _report(record: Publication) -> Node:
    report = Node("report-paper")
    meta = report.add("report-paper_metadata", None, _language(record) or None)
    _contributors(meta, record)
    _titles(meta, record.title or "", record.subtitle)
    _abstract(meta, record)
    _publication_dates(meta, record, True)
    _isbns(meta, record, False)
    _publisher(meta, record, False)
    _closing(meta, record)
    return report


def _database(record: Publication) -> Node:
    database = Node("database")
    meta = database.add("database_metadata", None, _language(record) or None)
    container = record.container
    if container is not None and container.title:
        _titles(meta, container.title, container.subtitle)
    else:  # a dataset on its own: the database is named as the dataset
        _titles(meta, record.title or "", record.subtitle)
    _publisher(meta, record, False)
    dataset = database.add("dataset", None, {"dataset_type": "record"})
    _contributors(dataset, record)
    _titles(dataset, record.title or "", record.subtitle)
    date = record.dates.published or record.dates.early_online
    if date is not None:
        _date(dataset.add("database_date"), "publication_date", date, "dates.published")
    _publisher_item(dataset, record)
    if record.abstract:
        dataset.add("description", record.abstract)
    _programs(dataset, record)
    _doi_data(dataset, record)
    return database


def _posted_content(record: Publication) -> Node:
    kind = POSTED_CONTENT_TYPE[record.type]
    posted = Node("posted_content", None, {"type": kind, **_language(record)})
    _contributors(posted, record)
    _titles(posted, record.title or "", record.subtitle)
    date = record.dates.published or record.dates.early_online
    if date is None:
        raise _refuse("dates.published", "posted content is deposited with its posting date")
    _date(posted, "posted_date", date, "dates.published")
    _accepted(posted, record)
    if record.article_number:
        posted.add(
            "item_number",
            _sized("item_number", record.article_number, "article_number"),
            {"item_number_type": "article_number"},
        )
    _abstract(posted, record)
    _programs(posted, record)
    _doi_data(posted, record)
    return posted


_BUILDERS = {
    "journal": _journal,
    "book-chapter": _book_chapter,
    "book": _book,
    "conference": _conference,
    "dissertation": _dissertation,
    "report-paper": _report,
    "database": _database,
    "posted_content": _posted_content,
}
