"""Writing one record as an OAI-PMH ``oai_dc:dc`` document (OpenAIRE literature guidelines)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ...languages import alpha3
from ...names import inverted
from ...text import full_title
from ...xml.write import Node, serialise
from ..base import records_or_refuse
from .mapping import (
    ACCESS,
    DC,
    EU_REPO,
    GRANT,
    OAI_DC,
    SCHEMA_LOCATION,
    TO_EU_REPO_TYPE,
    UNSAFE_IN_SOURCE,
    VERSION_OF_STATUS,
    XSI,
    same_language,
    written_description,
)

if TYPE_CHECKING:
    from ...model import Publication


def write(records: Sequence[Publication]) -> str:
    records_or_refuse("oai_dc", records)
    return serialise(_document(records[0]))


_ROOT_ATTRIBUTES = {
    "xmlns:oai_dc": OAI_DC,
    "xmlns:dc": DC,
    "xmlns:xsi": XSI,
    "xsi:schemaLocation": SCHEMA_LOCATION,
}


def _document(record: Publication) -> Node:
    root = Node("oai_dc:dc", None, _ROOT_ATTRIBUTES)

    def add(name: str, text: str, lang: str | None = None) -> None:
        # an empty value is an empty element, as lxml writes one read back
        root.add(f"dc:{name}", text or None, {"xml:lang": lang} if lang else None)

    _titles(add, record)
    # creators first: readers list dc:creator before dc:contributor, so order survives
    for contributor in record.contributors:
        if contributor.role == "author":
            add("creator", _name(contributor))
    for contributor in record.contributors:
        if contributor.role != "author":
            add("contributor", _name(contributor))
    for keyword in record.keywords:
        add("subject", keyword)
    if record.abstract and (description := written_description(record.abstract)):
        add("description", description)
    if record.publisher:
        add("publisher", record.publisher)
    date = record.dates.published or record.dates.early_online
    if date:
        add("date", date.isoformat())
    add("type", EU_REPO + TO_EU_REPO_TYPE[record.type])
    if record.status:
        add("type", EU_REPO + VERSION_OF_STATUS[record.status])
    _identifiers(add, record)
    _sources(add, record)
    if record.language:
        add("language", alpha3(record.language) or record.language)
    _relations_and_rights(add, record)
    return root


#: ``add(element, text, lang=None)``: one dc element of the document being written.
_Add = Callable[..., None]


def _titles(add: _Add, record: Publication) -> None:
    if record.title:
        add("title", full_title(record.title, record.subtitle), record.language)
    # DC has no "no main title": without one, readers take the first title in the record's
    # language for it, so that one is written in the record's language, as a main title is
    # (writing what is read back is then the same document)
    taken = None
    if not record.title and record.language:
        taken = next(
            (
                index
                for index, translated in enumerate(record.translated_titles)
                if same_language(translated.language, record.language)
            ),
            None,
        )
    order = list(range(len(record.translated_titles)))
    if taken is not None:  # read back as the main title, so written first, as one is
        order.insert(0, order.pop(taken))
    for index in order:
        translated = record.translated_titles[index]
        text = full_title(translated.title, translated.subtitle)
        # with neither a title nor a language, the first title written is the main title (its
        # language is not the record's, so it goes without)
        alone = index == 0 and not record.title and not record.language
        lang = record.language if index == taken else translated.language
        add("title", text, None if alone else lang)


def _identifiers(add: _Add, record: Publication) -> None:
    ids = record.identifiers
    if ids.doi:
        add("identifier", f"https://doi.org/{ids.doi}")
    if ids.pmid:
        add("identifier", f"https://pubmed.ncbi.nlm.nih.gov/{ids.pmid}/")
    if ids.pmcid:
        add("identifier", f"https://www.ncbi.nlm.nih.gov/pmc/articles/{ids.pmcid}/")
    isbns = [*ids.isbn_print, *ids.isbn_electronic]
    if record.type == "book-chapter" and record.container:
        # repositories give a chapter its book's ISBN, and the reader reads it so
        isbns += [*record.container.isbn_print, *record.container.isbn_electronic]
    for isbn in dict.fromkeys(isbns):
        add("identifier", f"urn:isbn:{isbn}")
    for url in ids.urls:
        add("identifier", url)


def _relations_and_rights(add: _Add, record: Publication) -> None:
    for grant in record.funding:
        if grant.award_id and "/" not in grant.funder and "/" not in grant.award_id:
            add("relation", f"{GRANT}{grant.funder}//{grant.award_id}")
    if record.access_rights:
        add("rights", EU_REPO + ACCESS[record.access_rights])
    if record.license and record.license.url:
        add("rights", record.license.url)


def _sources(add: _Add, record: Publication) -> None:
    source = _source(record)
    if source:
        add("source", source)
    container = record.container
    if container and container.issn_print:
        add("source", f"ISSN: {container.issn_print}")
    if container and container.issn_online:
        add("source", f"eISSN: {container.issn_online}")


def _name(contributor: Any) -> str:
    return str(contributor.name) if contributor.kind == "organisation" else inverted(contributor)


def _source(record: Publication) -> str | None:
    """'Journal, 32(2), 95-110': the citation form repositories (and Zenodo) use, always with
    all three slots so it reads back unambiguously. A value holding the form's own punctuation
    is left out rather than written ambiguously."""
    container = record.container
    if container is None or not container.title:
        return None
    volume = _safe(record.volume)
    issue = _safe(record.issue)
    pages = record.pages
    if pages and "-" not in pages.first and "-" not in (pages.last or ""):
        where = _safe(str(pages))
    else:
        where = "" if pages else _safe(record.article_number)
    if not (volume or issue or where):
        return container.title
    return f"{container.title}, {volume}({issue}), {where}".rstrip()


def _safe(value: str | None) -> str:
    return "" if value is None or UNSAFE_IN_SOURCE.search(value) else value
