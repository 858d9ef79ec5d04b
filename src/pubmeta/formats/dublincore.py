"""Dublin Core: OAI-PMH ``oai_dc:dc`` records following the OpenAIRE Guidelines for Literature
Repositories (info:eu-repo/semantics vocabularies, DOI as https://doi.org/ URI, ISO 8601
dates, ISO 639-3 languages, the journal citation in ``dc:source``, alternative identifiers and
grant agreements in ``dc:relation``).

Dublin Core is lossy by nature: fifteen flat elements cannot hold the record. The round trip
holds on the subset the mapping table calls carried; what is lossy is said there, and what is
dropped is listed too. The reader takes bare ``oai_dc:dc`` documents and OAI-PMH
GetRecord/ListRecords responses as repositories serve them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..dates import DateError, PartialDate
from ..diagnostics import Issue, Severity
from ..errors import FormatError
from ..identifiers import normalise_doi
from ..languages import alpha3, code_for
from ..names import inverted, parse_inverted
from ..text import collapse
from .base import Fidelity, FieldMap, Format, IngestOutput, Reading, outside, records_or_refuse

if TYPE_CHECKING:
    from lxml import etree

    from ..model import Publication
    from ..xml.write import Node

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI = "http://www.openarchives.org/OAI/2.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
EU_REPO = "info:eu-repo/semantics/"
ALT_IDENTIFIER = EU_REPO + "altIdentifier/"
GRANT = "info:eu-repo/grantAgreement/"

TO_EU_REPO_TYPE = {
    "article": "article",
    "review-article": "article",
    "letter": "article",
    "editorial": "article",
    "comment": "article",
    "conference-paper": "conferenceObject",
    "conference-abstract": "conferenceObject",
    "book": "book",
    "book-chapter": "bookPart",
    "report": "report",
    "thesis": "doctoralThesis",
    "dataset": "other",
    "preprint": "preprint",
    "other": "other",
}
#: eu-repo or free-text dc:type (lower-case) -> record type.
FROM_TYPE = {
    "article": "article",
    "journal article": "article",
    "contributiontoperiodical": "article",
    "review": "review-article",
    "conferenceobject": "conference-paper",
    "conference paper": "conference-paper",
    "conference object": "conference-paper",
    "book": "book",
    "bookpart": "book-chapter",
    "book chapter": "book-chapter",
    "book part": "book-chapter",
    "chapter": "book-chapter",
    "report": "report",
    "technical report": "report",
    "workingpaper": "report",
    "working paper": "report",
    "doctoralthesis": "thesis",
    "masterthesis": "thesis",
    "bachelorthesis": "thesis",
    "thesis": "thesis",
    "doctoral thesis": "thesis",
    "master thesis": "thesis",
    "dataset": "dataset",
    "preprint": "preprint",
    "other": "other",
}
VERSION_OF_STATUS = {
    "published": "publishedVersion",
    "epub-ahead-of-print": "publishedVersion",
    "in-press": "acceptedVersion",
    "accepted": "acceptedVersion",
    "submitted": "submittedVersion",
    "unpublished": "draft",
}
STATUS_OF_VERSION = {
    "publishedversion": "published",
    "acceptedversion": "accepted",
    "submittedversion": "submitted",
    "draft": "unpublished",
}
ACCESS = {
    "open": "openAccess",
    "embargoed": "embargoedAccess",
    "restricted": "restrictedAccess",
    "closed": "closedAccess",
    "metadata-only": "closedAccess",
}
FROM_ACCESS = {v.lower(): k for k, v in ACCESS.items() if k != "metadata-only"}

#: "Title, Volume(Issue), Pages[, (date)]": the fixed shape pubmeta writes and Zenodo serves;
#: the title is greedy, so a title holding ", " stays whole.
_SOURCE = re.compile(
    r"^(?P<title>.+), (?P<volume>[^,()]*)\((?P<issue>[^()]*)\), ?(?P<pages>[^,()]*?)"
    r"(?:, \((?P<date>[^()]*)\))?$"
)
_UNSAFE_IN_SOURCE = re.compile(r"[,()]")
_SOURCE_ISSN = re.compile(r"^(?P<kind>e?ISSN):?\s*(?P<issn>\S+)$", re.IGNORECASE)
_DATE_START = re.compile(r"^(-?\d{4}(?:-\d{2}(?:-\d{2})?)?)(?![\d])")


# -- writing -----------------------------------------------------------------------------------


def write(records: Sequence[Publication]) -> str:
    from ..xml.write import serialise

    records_or_refuse("oai_dc", records)
    return serialise(element(records[0]))


def element(record: Publication) -> Node:
    from ..xml.write import Node

    root = Node(
        "oai_dc:dc",
        None,
        {
            "xmlns:oai_dc": OAI_DC,
            "xmlns:dc": DC,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": SCHEMA_LOCATION,
        },
    )

    def add(name: str, text: str, lang: str | None = None) -> None:
        root.add(f"dc:{name}", text, {"xml:lang": lang} if lang else None)

    if record.title:
        add(
            "title",
            record.title + (f": {record.subtitle}" if record.subtitle else ""),
            record.language,
        )
    for translated in record.translated_titles:
        text = translated.title + (f": {translated.subtitle}" if translated.subtitle else "")
        add("title", text, translated.language)
    # creators first: readers list dc:creator before dc:contributor, so order survives
    for contributor in record.contributors:
        if contributor.role.value == "author":
            add("creator", _name(contributor))
    for contributor in record.contributors:
        if contributor.role.value != "author":
            add("contributor", _name(contributor))
    for keyword in record.keywords:
        add("subject", keyword)
    if record.abstract:
        add("description", record.abstract)
    if record.publisher:
        add("publisher", record.publisher)
    date = record.dates.published or record.dates.early_online
    if date:
        add("date", date.isoformat())
    add("type", EU_REPO + TO_EU_REPO_TYPE[record.type.value])
    if record.status:
        add("type", EU_REPO + VERSION_OF_STATUS[record.status.value])
    ids = record.identifiers
    if ids.doi:
        add("identifier", f"https://doi.org/{ids.doi}")
    if ids.pmid:
        add("identifier", f"https://pubmed.ncbi.nlm.nih.gov/{ids.pmid}/")
    if ids.pmcid:
        add("identifier", f"https://www.ncbi.nlm.nih.gov/pmc/articles/{ids.pmcid}/")
    for isbn in [*ids.isbn_print, *ids.isbn_electronic]:
        add("identifier", f"urn:isbn:{isbn}")
    for url in ids.urls:
        add("identifier", url)
    source = _source(record)
    if source:
        add("source", source)
    container = record.container
    if container and container.issn_print:
        add("source", f"ISSN: {container.issn_print}")
    if container and container.issn_online:
        add("source", f"eISSN: {container.issn_online}")
    if record.language:
        add("language", alpha3(record.language) or record.language)
    for grant in record.funding:
        if grant.award_id and "/" not in grant.funder and "/" not in grant.award_id:
            add("relation", f"{GRANT}{grant.funder}//{grant.award_id}")
    if record.access_rights:
        add("rights", EU_REPO + ACCESS[record.access_rights.value])
    if record.license and record.license.url:
        add("rights", record.license.url)
    return root


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
    return "" if value is None or _UNSAFE_IN_SOURCE.search(value) else value


# -- reading -----------------------------------------------------------------------------------


def read(text: str, suffix: str = "") -> list[Reading]:
    from ..xml import parse as xmlio

    root = xmlio.parse(text)
    records = [root] if root.tag == f"{{{OAI_DC}}}dc" else list(root.iter(f"{{{OAI_DC}}}dc"))
    deleted: list[Issue] = []
    for header in root.iter(f"{{{OAI}}}header"):
        if header.get("status") == "deleted":
            identifier = xmlio.text_of(next(iter(_children(header, "identifier")), None))
            deleted.append(
                Issue(
                    "dc-deleted-record",
                    f"OAI-PMH record {identifier[:100]} is deleted: it has no metadata to read",
                    line=xmlio.line_of(header),
                    column=1,
                )
            )
    if not records:
        raise FormatError(
            f"no oai_dc:dc record here (root element <{xmlio.local(root.tag)[:40]}>)",
            line=xmlio.line_of(root),
            column=1,
            rule="dc-no-record",
        )
    readings: list[Reading] = []
    for index, dc in enumerate(records):
        data, issues = _read_dc(dc)
        oai_header = _header_of(dc)
        if oai_header is not None:
            identifier = xmlio.text_of(next(iter(_children(oai_header, "identifier")), None))
            others = data.setdefault("identifiers", {}).setdefault("other", [])
            if identifier and not any(o.get("value") == identifier for o in others):
                others.append({"scheme": "oai", "value": identifier})
            if not others:
                del data["identifiers"]["other"]
        extra = deleted if index == 0 else []
        readings.append(outside(data, extra + issues, xmlio.line_of(dc)))
    return readings


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    from ..xml.parse import local

    return [c for c in node if local(c.tag) == name]


def _header_of(dc: etree._Element) -> etree._Element | None:
    metadata = dc.getparent()
    record = metadata.getparent() if metadata is not None else None
    if record is None:
        return None
    return next((c for c in record if c.tag == f"{{{OAI}}}header"), None)


def _person(text: str, role: str) -> dict[str, Any]:
    """'Family, Given[, Suffix]' as OpenAIRE asks; anything else is kept whole."""
    person = parse_inverted(text) or {"literal": text}
    if role != "author":
        person["role"] = role
    return person


_HTML_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|em|strong|i|b|u|a|span|sup|sub|blockquote|code)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_HTML_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote)(?:\s[^<>]*)?/?>", re.I)


def _plain(text: str) -> str:
    """Descriptions often carry (escaped) HTML, as Zenodo serves them: plain paragraphs.
    Only real HTML tags go; a '<' in prose ("x < y") is text."""
    unescaped = html.unescape(text) if _HTML_TAG.search(html.unescape(text)) else text
    if _HTML_TAG.search(unescaped):
        unescaped = _HTML_TAG.sub("", _HTML_BLOCK.sub("\n\n", unescaped))
    paragraphs = [collapse(p) for p in re.split(r"\n[ \t\r]*\n", unescaped)]
    return "\n\n".join(p for p in paragraphs if p)


def _same_language(tag: str | None, language: str | None) -> bool:
    if not tag or not language:
        return True
    return (code_for(tag) or tag).split("-")[0] == language.split("-")[0]


def _read_dc(dc: etree._Element) -> tuple[dict[str, Any], list[Issue]]:
    from ..xml import parse as xmlio

    issues: list[Issue] = []
    data: dict[str, Any] = {"type": "other"}
    notes: list[str] = []
    values: dict[str, list[tuple[str, etree._Element]]] = {}
    for child in dc:
        name = xmlio.local(child.tag)
        if not name:
            continue
        if not child.tag.startswith(f"{{{DC}}}"):
            issues.append(
                Issue(
                    "dc-unknown-element",
                    f"<{name[:40]}> is not a Dublin Core element",
                    line=xmlio.line_of(child),
                    column=1,
                )
            )
            continue
        text = xmlio.text_of(child)
        if text:
            values.setdefault(name, []).append((text, child))
    language = None
    for text, node in values.get("language", []):
        code = code_for(text)
        if code and language is None:
            language = code
        elif not code:
            issues.append(
                Issue(
                    "dc-unknown-value",
                    f"language {text[:60]!r} is not an ISO 639 code or name; kept in notes",
                    "/language",
                    Severity.WARNING,
                    line=xmlio.line_of(node),
                    column=1,
                )
            )
            notes.append(f"language: {text}")
    _read_titles(values.get("title", []), data, language, notes)
    if language:
        title_language = next(
            (n.get(XML_LANG) for t, n in values.get("title", []) if data.get("title") == t), None
        )
        region = code_for(title_language) if title_language else None
        data["language"] = region if region and _same_language(region, language) else language
    contributors = [_person(t, "author") for t, _ in values.get("creator", [])]
    contributors += [_person(t, "contributor") for t, _ in values.get("contributor", [])]
    if contributors:
        data["contributors"] = contributors
    subjects = [t for t, _ in values.get("subject", [])]
    if subjects:
        data["keywords"] = subjects
    # descriptions keep their paragraphs: collapse each, not the whole text
    descriptions = [
        _plain(xmlio.text_of(node, collapsed=False)) for _, node in values.get("description", [])
    ]
    if any(descriptions):
        data["abstract"] = "\n\n".join(d for d in descriptions if d)
    publishers = [t for t, _ in values.get("publisher", [])]
    if publishers:
        data["publisher"] = publishers[0]
        notes += [f"publisher: {p}" for p in publishers[1:]]
    _read_dates(values.get("date", []), data, notes)
    _read_types(values.get("type", []), data)
    _read_identifiers(values.get("identifier", []), data, notes)
    _read_sources(values.get("source", []), data, notes)
    _read_relations(values.get("relation", []), data, notes)
    _read_rights(values.get("rights", []), data, notes)
    for name in ("coverage", "format"):
        notes += [f"{name}: {t}" for t, _ in values.get(name, [])]
    if notes:
        data["notes"] = notes
    return data, issues


def _read_titles(
    titles: list[tuple[str, etree._Element]],
    data: dict[str, Any],
    language: str | None,
    notes: list[str],
) -> None:
    """The main title is the first in the record's language (or without a language); titles in
    another language are translations. A record that names its language and gives no title in
    it has translations only."""
    main = next(
        (i for i, (_, node) in enumerate(titles) if _same_language(node.get(XML_LANG), language)),
        None,
    )
    main_language = language
    if main is not None:
        main_language = titles[main][1].get(XML_LANG) or language
    for index, (text, node) in enumerate(titles):
        lang = node.get(XML_LANG)
        if index == main:
            data["title"] = text
        elif lang and not _same_language(lang, main_language):
            data.setdefault("translated_titles", []).append({"language": lang, "title": text})
        else:
            notes.append(f"title: {text}")


def _read_dates(
    dates: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    for text, _ in dates:
        if text.startswith("info:eu-repo/date/"):
            notes.append(f"date: {text}")
            continue
        match = _DATE_START.match(text)
        try:
            parsed = (
                PartialDate.parse_iso(match.group(1)) if match else PartialDate.parse_text(text)
            ).isoformat()
        except DateError:
            notes.append(f"date: {text}")
            continue
        if "dates" not in data:
            data["dates"] = {"published": parsed}
        elif data["dates"]["published"] != parsed:
            notes.append(f"date: {text}")


def _read_types(types: list[tuple[str, etree._Element]], data: dict[str, Any]) -> None:
    words: list[str] = []
    for text, _ in types:
        word = text[len(EU_REPO) :] if text.startswith(EU_REPO) else text
        key = word.lower()
        if key in STATUS_OF_VERSION:
            data["status"] = STATUS_OF_VERSION[key]
        elif key in FROM_TYPE and data["type"] == "other":
            data["type"] = FROM_TYPE[key]
            if not text.startswith(EU_REPO):
                words.append(text)
        elif not text.startswith(EU_REPO):
            words.append(text)
    if words:
        data["source_type"] = {"scheme": "DC", "terms": words}


_PUBMED = re.compile(
    r"^https?://(www\.)?(pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(\d+)/?$"
)
_PMC = re.compile(r"^https?://(www\.)?ncbi\.nlm\.nih\.gov/pmc/articles/(pmc\d+)/?$")
_DOI_FORM = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*|10\.\d{4,9}/)")


def _read_identifiers(
    identifiers: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    """What each dc:identifier says by its own prefix; a bare number is not guessed to be an
    ISSN or ISBN (a repository's item number looks the same)."""
    ids: dict[str, Any] = data.setdefault("identifiers", {})
    for text, _ in identifiers:
        lower = text.lower()
        if _DOI_FORM.match(lower):
            ids.setdefault("doi", normalise_doi(text))
        elif m := _PUBMED.match(lower):
            ids.setdefault("pmid", m.group(3))
        elif m := _PMC.match(lower):
            ids.setdefault("pmcid", m.group(2).upper())
        elif lower.startswith(("urn:isbn:", "isbn:", "isbn ")):
            isbn = re.sub(r"^(urn:isbn:|isbn:?\s*)", "", text, flags=re.IGNORECASE)
            ids.setdefault("isbn_print", []).append(isbn)
        elif lower.startswith(("issn:", "issn ")):
            data.setdefault("container", {}).setdefault("issn_print", text[5:].strip())
        elif lower.startswith(("http://", "https://")):
            ids.setdefault("urls", []).append(text)
        elif lower.startswith(("oai:", "hdl:")):
            scheme, value = ("oai", text) if lower.startswith("oai:") else ("handle", text[4:])
            ids.setdefault("other", []).append({"scheme": scheme, "value": value})
        else:
            ids.setdefault("other", []).append({"scheme": "dc", "value": text})
    if not ids:
        del data["identifiers"]


#: OpenAIRE altIdentifier schemes -> where the identifier goes.
_ALT_SCHEMES = {"doi": "doi", "pmid": "pmid", "pmc": "pmcid", "pmcid": "pmcid", "isbn": "isbn"}
_ALT_OTHER = {
    "arxiv": "arxiv", "hdl": "handle", "handle": "handle", "urn": "urn", "ark": "ark",
    "purl": "purl", "wos": "wos",
}  # fmt: skip


def _read_relations(
    relations: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    for text, _ in relations:
        if text.lower().startswith(ALT_IDENTIFIER.lower()):
            scheme, _, value = text[len(ALT_IDENTIFIER) :].partition("/")
            scheme = scheme.lower()
            value = value.strip()
            ids = data.setdefault("identifiers", {})
            if value and scheme in _ALT_SCHEMES:
                field = _ALT_SCHEMES[scheme]
                if field == "isbn":
                    ids.setdefault("isbn_print", []).append(value)
                elif field not in ids:
                    ids[field] = normalise_doi(value) if field == "doi" else value
                continue
            if value and scheme in ("issn", "pissn", "eissn", "lissn"):
                key = "issn_online" if scheme == "eissn" else "issn_print"
                data.setdefault("container", {}).setdefault(key, value)
                continue
            if value and scheme in _ALT_OTHER:
                ids.setdefault("other", []).append({"scheme": _ALT_OTHER[scheme], "value": value})
                continue
        elif text.startswith(GRANT):
            parts = text[len(GRANT) :].split("/")
            if len(parts) >= 3 and parts[0] and parts[2]:
                data.setdefault("funding", []).append({"funder": parts[0], "award_id": parts[2]})
                continue
        notes.append(f"relation: {text}")


def _read_sources(
    sources: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    for text, _ in sources:
        issn = _SOURCE_ISSN.match(text)
        if issn:
            key = "issn_online" if issn.group("kind").lower() == "eissn" else "issn_print"
            data.setdefault("container", {})[key] = issn.group("issn")
            continue
        match = _SOURCE.match(text)
        if match and "title" not in data.get("container", {}):
            data.setdefault("container", {})["title"] = match.group("title")
            if match.group("volume").strip():
                data["volume"] = match.group("volume")
            if match.group("issue").strip():
                data["issue"] = match.group("issue")
            where = match.group("pages")
            if where.count("-") == 1 and all(p.strip() for p in where.split("-")):
                first, last = where.split("-")
                data["pages"] = {"first": first, "last": last}
            elif where.strip():
                data["article_number"] = where
        elif "title" not in data.get("container", {}):
            data.setdefault("container", {})["title"] = text
        else:
            notes.append(f"source: {text}")


def _read_rights(
    rights: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    for text, _ in rights:
        if text.startswith(EU_REPO):
            access = FROM_ACCESS.get(text[len(EU_REPO) :].lower())
            if access:
                data["access_rights"] = access
                continue
        licence = data.setdefault("license", {})
        if text.startswith(("http://", "https://")) and "url" not in licence:
            licence["url"] = text
        elif "text" not in licence:
            licence["text"] = text
        else:
            notes.append(f"rights: {text}")
    if data.get("license") == {}:
        del data["license"]


def sniff(text: str, suffix: str) -> bool:
    return OAI_DC in text[:8000]


MAPPING = (
    FieldMap(
        "type",
        "dc:type info:eu-repo/semantics/<type>",
        Fidelity.LOSSY,
        "article-like types read back as article; dataset as other",
    ),
    FieldMap("source_type", "dc:type free text (read only)", Fidelity.DROPPED, "not written"),
    FieldMap(
        "title",
        "dc:title[@xml:lang]",
        Fidelity.LOSSY,
        "a subtitle is joined to it as 'Title: Subtitle'",
    ),
    FieldMap(
        "subtitle", "dc:title 'Title: Subtitle'", Fidelity.LOSSY, "reads back as part of the title"
    ),
    FieldMap(
        "translated_titles",
        "further dc:title with another xml:lang",
        Fidelity.LOSSY,
        "a translated subtitle joins its title",
    ),
    FieldMap("abstract", "dc:description (escaped HTML in real records read as plain text)"),
    FieldMap(
        "contributors",
        "dc:creator (authors), dc:contributor (others) as 'Family, Given'",
        Fidelity.LOSSY,
        "roles other than author read back as contributor; organisations, ORCID, affiliations "
        "and dropping particles are not carried",
    ),
    FieldMap("contributors_truncated", "-", Fidelity.DROPPED),
    FieldMap("contributors_omitted", "-", Fidelity.DROPPED),
    FieldMap(
        "language",
        "dc:language ISO 639-3",
        Fidelity.LOSSY,
        "a region subtag rides on the title's xml:lang",
    ),
    FieldMap(
        "status",
        "dc:type info:eu-repo/semantics/<version>",
        Fidelity.LOSSY,
        "epub-ahead-of-print reads back as published, in-press as accepted",
    ),
    FieldMap(
        "dates",
        "dc:date ISO 8601 (published, else early online)",
        Fidelity.LOSSY,
        "one date only; submitted/accepted are not carried",
    ),
    FieldMap(
        "container",
        "dc:source 'Title, Volume(Issue), Pages' and 'ISSN:'/'eISSN:'; read: dc:relation "
        "altIdentifier/pissn|eissn",
        Fidelity.LOSSY,
        "container kind, subtitle, abbreviation and ISBNs are not carried",
    ),
    FieldMap("series", "-", Fidelity.DROPPED),
    FieldMap("event", "-", Fidelity.DROPPED),
    FieldMap("volume", "dc:source", Fidelity.LOSSY, "only with a container title"),
    FieldMap("issue", "dc:source", Fidelity.LOSSY, "only with a container title"),
    FieldMap("pages", "dc:source", Fidelity.LOSSY, "only with a container title"),
    FieldMap(
        "article_number",
        "dc:source",
        Fidelity.LOSSY,
        "only with a container title and without pages",
    ),
    FieldMap("page_count", "-", Fidelity.DROPPED),
    FieldMap("publisher", "dc:publisher"),
    FieldMap("publisher_place", "-", Fidelity.DROPPED),
    FieldMap(
        "identifiers",
        "dc:identifier: https://doi.org/..., PubMed and PMC URLs, urn:isbn:..., URLs; read: "
        "dc:relation info:eu-repo/semantics/altIdentifier/<scheme>/... (doi, pmid, pmc, "
        "isbn, arxiv, hdl, urn, ark, purl, wos)",
        Fidelity.LOSSY,
        "Scopus EID and other identifiers are not written; ISBN medium is not kept",
    ),
    FieldMap("keywords", "dc:subject"),
    FieldMap("subjects", "-", Fidelity.DROPPED),
    FieldMap("peer_reviewed", "-", Fidelity.DROPPED),
    FieldMap("externally_published", "-", Fidelity.DROPPED),
    FieldMap("citations", "-", Fidelity.DROPPED),
    FieldMap("downloads", "-", Fidelity.DROPPED),
    FieldMap("license", "dc:rights (licence URL)", Fidelity.LOSSY, "licence text not written"),
    FieldMap(
        "access_rights",
        "dc:rights info:eu-repo/semantics/<access>Access",
        Fidelity.LOSSY,
        "metadata-only reads back as closed",
    ),
    FieldMap(
        "funding",
        "dc:relation info:eu-repo/grantAgreement/<funder>//<award>",
        Fidelity.LOSSY,
        "only funder and award (without '/'); funder ids not carried",
    ),
    FieldMap("thesis", "-", Fidelity.DROPPED),
    FieldMap(
        "notes", "- (read: dc:relation, dc:coverage, dc:format and extra values)", Fidelity.DROPPED
    ),
    FieldMap("provenance", "-", Fidelity.DROPPED),
)

FORMAT = Format(
    name="dc",
    title="Dublin Core (OAI-PMH oai_dc, OpenAIRE literature guidelines)",
    media_type="application/xml",
    suffixes=(".xml",),
    write_suffixes=(".dc.xml", ".oai_dc.xml"),
    reader=read,
    writer=write,
    sniff=sniff,
    mapping_source=MAPPING,
    max_records=1,
    ingest=IngestOutput("documents", "dc", ".xml"),
)
