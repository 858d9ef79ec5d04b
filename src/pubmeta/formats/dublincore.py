"""Dublin Core: OAI-PMH ``oai_dc:dc`` records following the OpenAIRE Guidelines for Literature
Repositories (info:eu-repo/semantics vocabularies, DOI as https://doi.org/ URI, ISO 8601
dates, ISO 639-3 languages, the journal citation in ``dc:source``).

Dublin Core is lossy by nature: fifteen flat elements cannot hold the record. The round trip
holds on the subset the mapping table calls carried; what is lossy is said there, and what is
dropped is listed too. The reader takes bare ``oai_dc:dc`` documents and OAI-PMH
GetRecord/ListRecords responses as repositories serve them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

from lxml import etree

from .. import xmlio
from ..dates import DateError, PartialDate
from ..errors import FormatError
from ..identifiers import ISBN_PATTERN, ISSN_PATTERN, normalise_doi
from ..issues import Issue, Severity
from ..languages import alpha3, code_for
from ..model import Organisation, Person, Publication, Role
from ..salvage import build
from ..xmlwriter import Node, serialise
from . import Fidelity, FieldMap, Format, Reading

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI = "http://www.openarchives.org/OAI/2.0/"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
EU_REPO = "info:eu-repo/semantics/"

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
SUFFIXES = ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")

_ISSN = re.compile(ISSN_PATTERN)
_ISBN = re.compile(ISBN_PATTERN)
#: "Title, Volume(Issue), Pages[, (date)]": the fixed shape pubmeta writes and Zenodo serves;
#: the title is greedy, so a title holding ", " stays whole.
_SOURCE = re.compile(
    r"^(?P<title>.+), (?P<volume>[^,()]*)\((?P<issue>[^()]*)\), ?(?P<pages>[^,()]*?)"
    r"(?:, \((?P<date>[^()]*)\))?$"
)
_UNSAFE_IN_SOURCE = re.compile(r"[,()]")
_SOURCE_ISSN = re.compile(r"^(?P<kind>e?ISSN):?\s*(?P<issn>\S+)$", re.IGNORECASE)


# -- writing -----------------------------------------------------------------------------------


def write(records: Sequence[Publication]) -> str:
    if len(records) != 1:
        raise FormatError(
            f"an oai_dc document holds one record; got {len(records)} "
            "(write each record to its own document)",
            rule="dc-one-record",
        )
    return serialise(element(records[0]))


def _add(parent: Node, name: str, text: str, lang: str | None = None) -> None:
    parent.add(f"dc:{name}", text, {"xml:lang": lang} if lang else None)


def _name(person: Person | Organisation) -> str:
    if isinstance(person, Organisation):
        return person.name
    if person.family is None:
        return person.literal or person.given or ""
    family = " ".join(p for p in (person.particle, person.family) if p)
    given = " ".join(p for p in (person.given, person.dropping_particle) if p)
    if person.suffix:  # "Family, Given, Suffix"; an empty given keeps the suffix in third place
        return f"{family}, {given}, {person.suffix}"
    return f"{family}, {given}" if given else family


def element(record: Publication) -> Node:
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
    if record.title:
        title = record.title + (f": {record.subtitle}" if record.subtitle else "")
        _add(root, "title", title, record.language)
    for translated in record.translated_titles:
        text = translated.title + (f": {translated.subtitle}" if translated.subtitle else "")
        _add(root, "title", text, translated.language)
    # creators first: readers list dc:creator before dc:contributor, so order survives
    for contributor in record.contributors:
        if contributor.role is Role.AUTHOR:
            _add(root, "creator", _name(contributor))
    for contributor in record.contributors:
        if contributor.role is not Role.AUTHOR:
            _add(root, "contributor", _name(contributor))
    for keyword in record.keywords:
        _add(root, "subject", keyword)
    if record.abstract:
        _add(root, "description", record.abstract)
    if record.publisher:
        _add(root, "publisher", record.publisher)
    date = record.dates.published or record.dates.early_online
    if date:
        _add(root, "date", date.isoformat())
    _add(root, "type", EU_REPO + TO_EU_REPO_TYPE[record.type.value])
    if record.status:
        _add(root, "type", EU_REPO + VERSION_OF_STATUS[record.status.value])
    ids = record.identifiers
    if ids.doi:
        _add(root, "identifier", f"https://doi.org/{ids.doi}")
    if ids.pmid:
        _add(root, "identifier", f"https://pubmed.ncbi.nlm.nih.gov/{ids.pmid}/")
    if ids.pmcid:
        _add(root, "identifier", f"https://www.ncbi.nlm.nih.gov/pmc/articles/{ids.pmcid}/")
    for isbn in [*ids.isbn_print, *ids.isbn_electronic]:
        _add(root, "identifier", f"urn:isbn:{isbn}")
    for url in ids.urls:
        _add(root, "identifier", url)
    source = _source(record)
    if source:
        _add(root, "source", source)
    container = record.container
    if container and container.issn_print:
        _add(root, "source", f"ISSN: {container.issn_print}")
    if container and container.issn_online:
        _add(root, "source", f"eISSN: {container.issn_online}")
    if record.language:
        _add(root, "language", alpha3(record.language) or record.language)
    if record.access_rights:
        _add(root, "rights", EU_REPO + ACCESS[record.access_rights.value])
    if record.license and record.license.url:
        _add(root, "rights", record.license.url)
    return root


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


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in node if xmlio.local(c.tag) == name]


def read(text: str, suffix: str = "") -> list[Reading]:
    root = xmlio.parse(text)
    readings: list[Reading] = []
    records = [root] if root.tag == f"{{{OAI_DC}}}dc" else list(root.iter(f"{{{OAI_DC}}}dc"))
    issues_outside: list[Issue] = []
    for header in root.iter(f"{{{OAI}}}header"):
        if header.get("status") == "deleted":
            identifier = xmlio.text_of(next(iter(_children(header, "identifier")), None))
            issues_outside.append(
                Issue(
                    "dc-deleted-record",
                    f"OAI-PMH record {identifier} is deleted: it has no metadata to read",
                    "",
                    Severity.WARNING,
                    line=xmlio.line_of(header),
                    column=1,
                )
            )
    if not records:
        raise FormatError(
            f"no oai_dc:dc record here (root element <{xmlio.local(root.tag)}>)",
            line=xmlio.line_of(root),
            column=1,
            rule="dc-no-record",
        )
    for index, dc in enumerate(records):
        data, issues = _read_dc(dc)
        record_header = _header_of(dc)
        if record_header is not None:
            identifier = xmlio.text_of(next(iter(_children(record_header, "identifier")), None))
            if identifier and not any(
                o.get("value") == identifier for o in data.get("identifiers", {}).get("other", [])
            ):
                data.setdefault("identifiers", {}).setdefault("other", []).append(
                    {"scheme": "oai", "value": identifier}
                )
        line = xmlio.line_of(dc)
        record, salvaged = build(data, line)
        extra = issues_outside if index == 0 else []
        readings.append(Reading(record=record, issues=extra + issues + salvaged, line=line))
    return readings


def _header_of(dc: etree._Element) -> etree._Element | None:
    metadata = dc.getparent()
    record = metadata.getparent() if metadata is not None else None
    if record is None:
        return None
    return next((c for c in record if c.tag == f"{{{OAI}}}header"), None)


def _person(text: str, role: str) -> dict[str, Any]:
    """'Family, Given[, Suffix]' as OpenAIRE asks; anything else is kept whole."""
    parts = [p.strip() for p in text.split(",")]
    person: dict[str, Any] = {}
    if len(parts) == 3 and parts[0] and not parts[1] and parts[2] in SUFFIXES:
        parts = [parts[0], "", parts[2]]
    if (
        len(parts) >= 2
        and parts[0]
        and ((not parts[1] and len(parts) == 3) or (parts[1] and not parts[1][0].islower()))
        and len(parts) <= 3
    ):
        family = parts[0]
        lead = []
        words = family.split(" ")  # a no-break space joins, it does not separate
        while len(words) > 1 and words[0].islower():
            lead.append(words.pop(0))
        person["family"] = " ".join(words)
        if lead:
            person["particle"] = " ".join(lead)
        if parts[1]:
            person["given"] = parts[1]
        if len(parts) == 3:
            if parts[2] in SUFFIXES:
                person["suffix"] = parts[2]
            else:
                return {"literal": text} | ({"role": role} if role != "author" else {})
    else:
        person["literal"] = text
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
    paragraphs = [xmlio.collapse(p) for p in re.split(r"\n[ \t\r]*\n", unescaped)]
    return "\n\n".join(p for p in paragraphs if p)


def _read_dc(dc: etree._Element) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []
    data: dict[str, Any] = {"type": "other"}
    notes: list[str] = []
    values: dict[str, list[tuple[str, etree._Element]]] = {}
    for child in dc:
        name = xmlio.local(child.tag)
        text = xmlio.collapse(child.text or "")
        if not name:
            continue
        if child.tag.startswith(f"{{{DC}}}") is False:
            issues.append(
                Issue(
                    "dc-unknown-element",
                    f"<{name}> is not a Dublin Core element",
                    "",
                    Severity.WARNING,
                    line=xmlio.line_of(child),
                    column=1,
                )
            )
            continue
        if text:
            values.setdefault(name, []).append((text, child))
    titles = values.get("title", [])
    if titles:
        data["title"] = xmlio.collapse(titles[0][0])
        first_lang = titles[0][1].get(f"{{{XML_NS}}}lang")
        for text, node in titles[1:]:
            lang = node.get(f"{{{XML_NS}}}lang")
            if lang and lang != first_lang:
                data.setdefault("translated_titles", []).append(
                    {"language": lang, "title": xmlio.collapse(text)}
                )
            else:
                notes.append(f"title: {text}")
    contributors = [_person(t, "author") for t, _ in values.get("creator", [])]
    contributors += [_person(t, "contributor") for t, _ in values.get("contributor", [])]
    if contributors:
        data["contributors"] = contributors
    subjects = [t for t, _ in values.get("subject", [])]
    if subjects:
        data["keywords"] = subjects
    # descriptions keep their paragraphs: collapse each, not the whole text
    descriptions = [_plain(node.text or "") for _, node in values.get("description", [])]
    if descriptions:
        data["abstract"] = "\n\n".join(d for d in descriptions if d)
    publishers = [t for t, _ in values.get("publisher", [])]
    if publishers:
        data["publisher"] = publishers[0]
        notes += [f"publisher: {p}" for p in publishers[1:]]
    _read_dates(values.get("date", []), data, notes)
    _read_types(values.get("type", []), data)
    _read_identifiers(values.get("identifier", []), data, notes)
    _read_sources(values.get("source", []), data, notes)
    for text, node in values.get("language", []):
        code = code_for(text)
        if code and "language" not in data:
            data["language"] = code
        elif not code:
            issues.append(
                Issue(
                    "dc-unknown-value",
                    f"language {text!r} is not an ISO 639 code or name; kept in notes",
                    "/language",
                    Severity.WARNING,
                    line=xmlio.line_of(node),
                    column=1,
                )
            )
            notes.append(f"language: {text}")
    title_language = titles[0][1].get(f"{{{XML_NS}}}lang") if titles else None
    if title_language and data.get("language") == (code_for(title_language) or "").split("-")[0]:
        # dc:language is ISO 639-3 only; the title's xml:lang keeps a region (en-US)
        data["language"] = code_for(title_language)
    _read_rights(values.get("rights", []), data)
    for name in ("relation", "coverage", "format"):
        notes += [f"{name}: {t}" for t, _ in values.get(name, [])]
    if notes:
        data["notes"] = notes
    return data, issues


def _read_dates(
    dates: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    for text, _ in dates:
        if text.startswith("info:eu-repo/date/"):
            notes.append(f"date: {text}")
            continue
        match = re.match(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)", text)
        parsed: str | None = None
        try:
            parsed = (
                PartialDate.parse_iso(match.group(1)).isoformat()
                if match
                else PartialDate.parse_text(text).isoformat()
            )
        except DateError:
            parsed = None
        if parsed is None:
            notes.append(f"date: {text}")
        elif "dates" not in data:
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


def _read_identifiers(
    identifiers: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    ids: dict[str, Any] = data.setdefault("identifiers", {})
    for text, _ in identifiers:
        lower = text.lower()
        compact = re.sub(r"^(urn:isbn:|isbn:?\s*)", "", text, flags=re.IGNORECASE)
        if re.match(r"^(https?://(dx\.)?doi\.org/|doi:\s*|10\.\d{4,9}/)", lower):
            ids.setdefault("doi", normalise_doi(text))
        elif m := re.match(
            r"^https?://(www\.)?(pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov"
            r"/pubmed)/(\d+)/?$",
            lower,
        ):
            ids.setdefault("pmid", m.group(3))
        elif m := re.match(r"^https?://www\.ncbi\.nlm\.nih\.gov/pmc/articles/(pmc\d+)/?$", lower):
            ids.setdefault("pmcid", m.group(1).upper())
        elif lower.startswith(("urn:isbn:", "isbn")) or _ISBN.match(compact):
            ids.setdefault("isbn_print", []).append(compact)
        elif lower.startswith("issn:") or _ISSN.match(text):
            issn = text.split(":", 1)[-1].strip()
            data.setdefault("container", {}).setdefault("issn_print", issn)
        elif lower.startswith(("http://", "https://")):
            ids.setdefault("urls", []).append(text)
        elif lower.startswith("oai:"):
            ids.setdefault("other", []).append({"scheme": "oai", "value": text})
        elif lower.startswith("hdl:"):
            ids.setdefault("other", []).append({"scheme": "handle", "value": text[4:]})
        else:
            ids.setdefault("other", []).append({"scheme": "dc", "value": text})
    if not ids:
        del data["identifiers"]


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
            container = data.setdefault("container", {})
            container["title"] = match.group("title")
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


def _read_rights(rights: list[tuple[str, etree._Element]], data: dict[str, Any]) -> None:
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
            data.setdefault("notes", []).append(f"rights: {text}")


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
        "roles other than author read back as contributor; organisations, "
        "ORCID, affiliations and dropping particles are not carried",
    ),
    FieldMap("contributors_truncated", "-", Fidelity.DROPPED),
    FieldMap("contributors_omitted", "-", Fidelity.DROPPED),
    FieldMap("language", "dc:language ISO 639-3", Fidelity.LOSSY, "a region subtag is dropped"),
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
        "dc:source 'Title, Volume(Issue), Pages' and 'ISSN:'/'eISSN:'",
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
        "dc:identifier: https://doi.org/..., PubMed and PMC URLs, urn:isbn:..., URLs",
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
    FieldMap("funding", "-", Fidelity.DROPPED),
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
    reader=read,
    writer=write,
    sniff=sniff,
    mapping=MAPPING,
)
