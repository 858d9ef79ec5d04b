"""Writing the record as the ``<front>`` of a JATS 1.3 ``<article>``, valid against the JATS 1.3
Archiving and Publishing DTDs and the Publishing XSD."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ...jsonio import compact
from ...names import family_with_particles, split_particle
from ...xml.write import Emitter, attribute
from ..base import records_or_refuse
from .mapping import (
    ARTICLE_TYPES,
    CUSTOM,
    CUSTOM_FIELDS,
    DOCTYPE,
    ELECTRONIC_PUB_DATE,
    NAME_SPLIT,
    NSMAP,
    PRINT_PUB_DATE,
)

if TYPE_CHECKING:
    from ...dates import PartialDate
    from ...model import Event, Person, Publication


def write(records: Sequence[Publication]) -> str:
    """One JATS article: a JATS document holds one record."""
    records_or_refuse("JATS", records, "article")
    out = Emitter(DOCTYPE)
    _article(out, records[0])
    return out.document()


_NAMESPACES = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items())
_PRINT_ISSN = ' publication-format="print" pub-type="ppub"'
_ONLINE_ISSN = ' publication-format="electronic" pub-type="epub"'
_PRINT_PUB_DATE = "".join(f' {name}="{value}"' for name, value in PRINT_PUB_DATE.items())
_ELECTRONIC_PUB_DATE = "".join(f' {name}="{value}"' for name, value in ELECTRONIC_PUB_DATE.items())


def _article(out: Emitter, record: Publication) -> None:
    attributes = _NAMESPACES + f' article-type="{ARTICLE_TYPES[record.type]}"'
    attributes += ' dtd-version="1.3"'
    if record.language:
        attributes += attribute("article", "xml:lang", record.language)
    out.open("article", attributes)
    out.open("front")
    _journal_meta(out, record)
    _article_meta(out, record)
    out.close()
    out.close()


def _journal_meta(out: Emitter, record: Publication) -> None:
    leaf = out.leaf
    out.open("journal-meta")
    container = record.container
    title = container.title if container else None
    # Publishing requires journal-id and issn; an empty one says "not known", never invents
    leaf("journal-id", title or "", ' journal-id-type="publisher-id"')
    if container and container.kind == "journal" and title:
        out.open("journal-title-group")
        leaf("journal-title", title)
        if container.abbreviated_title:
            leaf("abbrev-journal-title", container.abbreviated_title)
        out.close()
    issns = False
    if container and container.issn_print:
        leaf("issn", container.issn_print, _PRINT_ISSN)
        issns = True
    if container and container.issn_online:
        leaf("issn", container.issn_online, _ONLINE_ISSN)
        issns = True
    if not issns:
        leaf("issn", "")
    if record.publisher:  # <publisher> needs a name; a lone place goes to custom-meta
        out.open("publisher")
        leaf("publisher-name", record.publisher)
        if record.publisher_place:
            leaf("publisher-loc", record.publisher_place)
        out.close()
    out.close()


def _date(out: Emitter, tag: str, value: PartialDate, attributes: str) -> None:
    out.open(tag, f'{attributes} iso-8601-date="{value.isoformat()}"')
    if value.day is not None:
        out.leaf("day", f"{value.day:02d}")
    if value.month is not None:
        out.leaf("month", f"{value.month:02d}")
    if value.before_common_era:
        out.leaf("year", str(-value.historical_year))
        out.leaf("era", "BCE")
    else:
        out.leaf("year", f"{value.year:04d}")
    out.close()


def _ids(out: Emitter, record: Publication) -> None:
    leaf = out.leaf
    ids = record.identifiers
    if ids.doi:
        leaf("article-id", ids.doi, ' pub-id-type="doi"')
    if ids.pmid:
        leaf("article-id", ids.pmid, ' pub-id-type="pmid"')
    if ids.pmcid:
        leaf("article-id", ids.pmcid, ' pub-id-type="pmcid"')
    for value in ids.isbn_print:
        leaf("article-id", value, ' pub-id-type="isbn" specific-use="print"')
    for value in ids.isbn_electronic:
        leaf("article-id", value, ' pub-id-type="isbn" specific-use="electronic"')
    if ids.scopus_eid:
        # not one of JATS's pub-id-type values: JATS 1.3 names it as a custom type
        leaf("article-id", ids.scopus_eid, ' pub-id-type="custom" custom-type="scopus-eid"')
    for other in ids.other:
        authority = attribute("article-id", "assigning-authority", other.scheme)
        leaf("article-id", other.value, ' pub-id-type="other"' + authority)


def _article_meta(out: Emitter, record: Publication) -> None:
    leaf = out.leaf
    out.open("article-meta")
    _ids(out, record)
    _categories(out, record)
    _title_group(out, record)
    if record.contributors:
        _contributors(out, record)
    dates = record.dates
    if dates.published:
        _date(out, "pub-date", dates.published, _PRINT_PUB_DATE)
    if dates.early_online:
        _date(out, "pub-date", dates.early_online, _ELECTRONIC_PUB_DATE)
    if not dates.published and not dates.early_online:
        leaf("pub-date-not-available", None)
    _volume_to_pages(out, record)
    if dates.submitted or dates.accepted:
        out.open("history")
        if dates.submitted:
            _date(out, "date", dates.submitted, ' date-type="received"')
        if dates.accepted:
            _date(out, "date", dates.accepted, ' date-type="accepted"')
        out.close()
    if record.license:
        _license(out, record)
    for url in record.identifiers.urls:
        leaf("self-uri", None, attribute("self-uri", "xlink:href", url))
    _abstract_and_keywords(out, record)
    _funding(out, record)
    if record.event and record.event.start:
        _conference(out, record.event)
    if record.page_count:
        out.open("counts")
        leaf("page-count", None, f' count="{record.page_count}"')
        out.close()
    _custom_meta_group(out, record)
    out.close()


def _title_group(out: Emitter, record: Publication) -> None:
    leaf = out.leaf
    out.open("title-group")
    leaf("article-title", record.title or "")
    if record.subtitle:
        leaf("subtitle", record.subtitle)
    for translated in record.translated_titles:
        out.open(
            "trans-title-group", attribute("trans-title-group", "xml:lang", translated.language)
        )
        leaf("trans-title", translated.title)
        if translated.subtitle:
            leaf("trans-subtitle", translated.subtitle)
        out.close()
    out.close()


def _volume_to_pages(out: Emitter, record: Publication) -> None:
    """volume, issue, the host's ISBNs, then fpage/lpage or elocation-id (JATS's order)."""
    leaf = out.leaf
    if record.volume:
        leaf("volume", record.volume)
    if record.issue:
        leaf("issue", record.issue)
    container = record.container
    if container:
        for value in container.isbn_print:
            leaf("isbn", value, ' publication-format="print"')
        for value in container.isbn_electronic:
            leaf("isbn", value, ' publication-format="electronic"')
    if record.pages:
        leaf("fpage", record.pages.first)
        if record.pages.last:
            leaf("lpage", record.pages.last)
    elif record.article_number:
        leaf("elocation-id", record.article_number)


def _abstract_and_keywords(out: Emitter, record: Publication) -> None:
    if record.abstract:
        out.open("abstract")
        for paragraph in record.abstract.split("\n\n"):
            out.leaf("p", paragraph)
        out.close()
    if record.keywords:
        out.open("kwd-group", ' kwd-group-type="author"')
        for keyword in record.keywords:
            out.leaf("kwd", keyword)
        out.close()


def _custom_meta_group(out: Emitter, record: Publication) -> None:
    custom = _custom_meta(record)
    if custom:
        out.open("custom-meta-group")
        for name, value in custom:
            out.open("custom-meta")
            out.leaf("meta-name", name)
            out.leaf("meta-value", value)
            out.close()
        out.close()


def _license(out: Emitter, record: Publication) -> None:
    licence = record.license
    assert licence is not None
    out.open("permissions")
    href = attribute("license", "xlink:href", licence.url) if licence.url else ""
    if not licence.url and not licence.text:
        out.leaf("license", None, href)
    else:
        out.open("license", href)
        if licence.url:
            out.leaf("ali:license_ref", licence.url)
        if licence.text:
            for paragraph in licence.text.split("\n\n"):
                out.leaf("license-p", paragraph)
        out.close()
    out.close()


def _funding(out: Emitter, record: Publication) -> None:
    if not record.funding:
        return
    leaf = out.leaf
    out.open("funding-group")
    for grant in record.funding:
        out.open("award-group")
        if grant.funder_id:
            out.open("funding-source")
            out.open("institution-wrap")
            leaf("institution-id", grant.funder_id)
            leaf("institution", grant.funder)
            out.close()
            out.close()
        else:
            leaf("funding-source", grant.funder)
        if grant.award_id:
            leaf("award-id", grant.award_id)
        out.close()
    out.close()


def _categories(out: Emitter, record: Publication) -> None:
    groups: list[tuple[str, str, list[str]]] = []
    if record.source_type:
        groups.append(("source-type", record.source_type.scheme, record.source_type.terms))
    # one group per run of a scheme, so the subjects keep their order
    for subject in record.subjects:
        if groups and groups[-1][0] == "subject" and groups[-1][1] == subject.scheme:
            groups[-1][2].append(subject.term)
        else:
            groups.append(("subject", subject.scheme, [subject.term]))
    if not groups:
        return
    out.open("article-categories")
    for kind, scheme, terms in groups:
        vocabulary = attribute("subj-group", "vocab", scheme)
        out.open("subj-group", f' subj-group-type="{kind}"{vocabulary}')
        for term in terms:
            out.leaf("subject", term)
        out.close()
    out.close()


def _contributors(out: Emitter, record: Publication) -> None:
    out.open("contrib-group")
    affiliations: dict[tuple[str, str | None], str] = {}
    for contributor in record.contributors:
        role = contributor.role._value_  # the role names are attribute-safe words
        if contributor.kind == "organisation":
            out.open("contrib", f' contrib-type="{role}"')
            out.leaf("collab", contributor.name)
            out.close()
            continue
        if contributor.corresponding is None:
            out.open("contrib", f' contrib-type="{role}"')
        else:
            corresponding = "yes" if contributor.corresponding else "no"
            out.open("contrib", f' contrib-type="{role}" corresp="{corresponding}"')
        _person(out, contributor)
        for affiliation in contributor.affiliations:
            key = (
                (affiliation, None)
                if isinstance(affiliation, str)
                else (affiliation.name, affiliation.ror)
            )
            rid = affiliations.setdefault(key, f"aff{len(affiliations) + 1}")
            out.leaf("xref", None, f' ref-type="aff" rid="{rid}"')
        out.close()
    for (institution, ror), rid in affiliations.items():
        if ror is None:
            out.leaf("aff", institution, f' id="{rid}"')
            continue
        out.open("aff", f' id="{rid}"')
        out.open("institution-wrap")
        out.leaf("institution-id", f"https://ror.org/{ror}", ' institution-id-type="ror"')
        out.leaf("institution", institution)
        out.close()
        out.close()
    out.close()


def _person(out: Emitter, person: Person) -> None:
    """A person's ORCID, name and e-mail, inside their <contrib>."""
    if person.orcid:
        out.leaf("contrib-id", f"https://orcid.org/{person.orcid}", ' contrib-id-type="orcid"')
    if person.family is not None:
        out.open("name", ' name-style="western"')
        out.leaf("surname", family_with_particles(person))
        if person.given:
            out.leaf("given-names", person.given)
        if person.suffix:
            out.leaf("suffix", person.suffix)
        out.close()
    elif person.literal:
        out.leaf("string-name", person.literal)
    else:  # a given name alone (mononyms), as JATS 1.3 allows
        out.open("name", ' name-style="given-only"')
        out.leaf("given-names", person.given)
        if person.suffix:
            out.leaf("suffix", person.suffix)
        out.close()
    if person.email:
        out.leaf("email", person.email)


def _conference(out: Emitter, event: Event) -> None:
    assert event.start is not None
    out.open("conference")
    start = event.start.isoformat()
    span = start + (f"/{event.end.isoformat()}" if event.end else "")
    out.leaf("conf-date", span, f' iso-8601-date="{start}"')
    out.leaf("conf-name", event.name)
    if event.acronym:
        out.leaf("conf-acronym", event.acronym)
    if event.place:
        out.leaf("conf-loc", event.place)
    out.close()


def _json(value: Any) -> str:
    if isinstance(value, BaseModel):
        return value.model_dump_json(exclude_defaults=True)
    return compact(value)


#: The custom-meta name of each field JATS has no element for.
_CUSTOM_NAMES = {field: CUSTOM + name for field, name in CUSTOM_FIELDS.items()}


def _custom_meta(record: Publication) -> list[tuple[str, str]]:
    """What JATS has no element for, as pubmeta: name/value pairs (JSON where structured).
    Each field is asked in turn (no table built per record: most records need only the type)."""
    names = _CUSTOM_NAMES
    found: list[tuple[str, str]] = [(names["type"], record.type._value_)]
    for metric in record.citations:
        found.append((names["citations"], _json(metric)))
    for metric in record.downloads:
        found.append((names["downloads"], _json(metric)))
    _plain_custom_meta(record, found)
    dates = record.dates
    if dates.early_online and not dates.published:
        # alone, an electronic pub-date means "published": say which event it was
        found.append((names["dates"], _json(dates)))
    _structured_custom_meta(record, found)
    for index, contributor in enumerate(record.contributors):
        if contributor.kind != "person" or _plainly_read_back(contributor):
            continue
        if _name_as_read(contributor) != _name_parts(contributor):
            # every part, nulls included: they replace what the name elements suggest
            split = contributor.model_dump(mode="json", include=set(NAME_PARTS))
            found.append((f"{CUSTOM}{NAME_SPLIT}{index}", compact(split)))
    return found


def _plain_custom_meta(record: Publication, found: list[tuple[str, str]]) -> None:
    """Plain values, as JSON."""
    names = _CUSTOM_NAMES
    if record.peer_reviewed is not None:
        found.append((names["peer_reviewed"], compact(record.peer_reviewed)))
    if record.externally_published is not None:
        found.append((names["externally_published"], compact(record.externally_published)))
    if record.status is not None:
        found.append((names["status"], compact(record.status._value_)))
    if record.access_rights is not None:
        found.append((names["access_rights"], compact(record.access_rights._value_)))
    if record.contributors_truncated:
        found.append((names["contributors_truncated"], compact(True)))
    if record.contributors_omitted is not None:
        found.append((names["contributors_omitted"], compact(record.contributors_omitted)))
    if record.publisher_place is not None and not record.publisher:
        found.append((names["publisher_place"], compact(record.publisher_place)))
    if record.version is not None:
        found.append((names["version"], compact(record.version)))
    if record.pages and record.article_number:
        found.append((names["article_number"], record.article_number))


def _structured_custom_meta(record: Publication, found: list[tuple[str, str]]) -> None:
    """Structured values, as JSON objects."""
    names = _CUSTOM_NAMES
    container = _container_rest(record)
    if container:
        found.append((names["container"], compact(container)))
    for field in ("series", "thesis", "provenance"):
        value = getattr(record, field)
        if value:
            found.append((names[field], _json(value)))
    if record.notes:
        found.append((names["notes"], compact(record.notes)))
    event = record.event
    if event is not None and event.start is None:
        found.append((names["event"], _json(event)))
    if record.related:
        found.append(
            (names["related"], compact([r.model_dump(mode="json") for r in record.related]))
        )


NAME_PARTS = ("family", "given", "particle", "dropping_particle", "suffix", "literal")


def _plainly_read_back(person: Person) -> bool:
    """Whether the name elements surely give this name back: a one-word family name without
    particles or literal (most names; the full comparison below decides the others)."""
    family = person.family
    return (
        family is not None
        and " " not in family
        and person.particle is None
        and person.dropping_particle is None
        and person.literal is None
    )


def _name_parts(person: Person) -> tuple[str | None, ...]:
    return tuple(getattr(person, part) for part in NAME_PARTS)


def _name_as_read(person: Person) -> tuple[str | None, ...]:
    """What a reader gets back from the name elements written for this person."""
    if person.family is not None:
        particle, family = split_particle(family_with_particles(person))
        return (family, person.given, particle, None, person.suffix, None)
    if person.literal:
        return (None, None, None, None, None, person.literal)
    return (None, person.given, None, None, person.suffix, None)


def _container_rest(record: Publication) -> dict[str, Any] | None:
    """Container facts journal-meta cannot hold: a book's kind, title and subtitle."""
    container = record.container
    if container is None:
        return None
    rest: dict[str, Any] = {}
    if not (container.kind == "journal" and container.title):
        # journal-meta holds a journal's title and abbreviation only
        rest["kind"] = container.kind
        if container.title:
            rest["title"] = container.title
        if container.abbreviated_title:
            rest["abbreviated_title"] = container.abbreviated_title
    if container.subtitle:
        rest["subtitle"] = container.subtitle
    return rest or None
