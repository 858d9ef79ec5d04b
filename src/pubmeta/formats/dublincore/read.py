"""Reading ``oai_dc:dc`` records, bare or in OAI-PMH GetRecord/ListRecords responses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...dates import DateError, PartialDate
from ...diagnostics import Issue, Severity
from ...errors import FormatError
from ...identifiers import URL_PATTERN, is_valid_isbn, is_valid_issn, normalise_doi
from ...languages import LANGUAGE_PATTERN, code_for
from ...names import parse_inverted
from ...xml import parse as xmlio
from ..base import Reading, outside
from .mapping import (
    ALT_IDENTIFIER,
    DATE_START,
    DC,
    EU_REPO,
    FROM_ACCESS,
    FROM_TYPE,
    GRANT,
    OAI,
    OAI_DC,
    SOURCE,
    SOURCE_ISSN,
    STATUS_OF_VERSION,
    XML_LANG,
    plain_description,
    same_language,
)

if TYPE_CHECKING:
    from lxml import etree


def read(text: str, suffix: str = "") -> list[Reading]:
    return read_tree(xmlio.parse(text))


def read_tree(root: etree._Element) -> list[Reading]:
    """The records of a parsed document, or of an element of one (a harvested page's
    ``record``: the harvester reads a page's records from the page's own tree)."""
    records = [root] if root.tag == f"{{{OAI_DC}}}dc" else list(root.iter(f"{{{OAI_DC}}}dc"))
    if not records:
        # harvesters and some providers hand over the record as a plain <dc> element
        records = [
            e
            for e in root.iter()
            if xmlio.local(e.tag) == "dc" and any(str(c.tag).startswith(f"{{{DC}}}") for c in e)
        ]
    deleted: list[Issue] = []
    for header in root.iter(f"{{{OAI}}}header"):
        if header.get("status") == "deleted":
            identifier = xmlio.text_of(xmlio.child(header, "identifier"))
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
            identifier = xmlio.text_of(xmlio.child(oai_header, "identifier"))
            others = data.setdefault("identifiers", {}).setdefault("other", [])
            if identifier and not any(o.get("value") == identifier for o in others):
                others.append({"scheme": "oai", "value": identifier})
            if not others:
                del data["identifiers"]["other"]
        extra = deleted if index == 0 else []
        readings.append(outside(data, extra + issues, xmlio.line_of(dc)))
    return readings


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


def _read_dc(dc: etree._Element) -> tuple[dict[str, Any], list[Issue]]:
    issues: list[Issue] = []
    data: dict[str, Any] = {"type": "other"}
    notes: list[str] = []
    values = _elements(dc, issues)
    language = _read_language(values.get("language", []), issues, notes)
    _read_titles(values.get("title", []), data, language, notes)
    if language:
        data["language"] = _main_language(values.get("title", []), data, language)
    contributors = [_person(t, "author") for t, _ in values.get("creator", [])]
    contributors += [_person(t, "contributor") for t, _ in values.get("contributor", [])]
    if contributors:
        data["contributors"] = contributors
    subjects = [t for t, _ in values.get("subject", [])]
    if subjects:
        data["keywords"] = subjects
    # descriptions keep their paragraphs: collapse each, not the whole text
    descriptions = [
        plain_description(xmlio.text_of(node, collapsed=False))
        for _, node in values.get("description", [])
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
    _isbns_of_a_part_to_its_book(data)
    for name in ("coverage", "format"):
        notes += [f"{name}: {t}" for t, _ in values.get(name, [])]
    if notes:
        data["notes"] = notes
    return data, issues


_DC_TAG = f"{{{DC}}}"


def _elements(
    dc: etree._Element, issues: list[Issue]
) -> dict[str, list[tuple[str, etree._Element]]]:
    """The Dublin Core elements' texts by element name (an element of another namespace is
    reported)."""
    values: dict[str, list[tuple[str, etree._Element]]] = {}
    for child in dc:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # a comment or processing instruction
        if tag.startswith(_DC_TAG):
            name = tag[len(_DC_TAG) :]
        else:
            name = xmlio.local(tag)
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
    return values


def _read_language(
    languages: list[tuple[str, etree._Element]], issues: list[Issue], notes: list[str]
) -> str | None:
    language = None
    for text, node in languages:
        # a code of the right shape that ISO 639 does not know is kept as the language: the
        # language-code rule reports it (dropping it to notes would hide the problem)
        code = code_for(text) or (text if _LANGUAGE_SHAPE.match(text) else None)
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
    return language


def _main_language(
    titles: list[tuple[str, etree._Element]], data: dict[str, Any], language: str
) -> str:
    """The main title's tag says the language in full (dc:language holds ISO 639-3 only): a
    tag code_for does not know is taken as written when it has a tag's shape."""
    title_language = next((n.get(XML_LANG) for t, n in titles if data.get("title") == t), None)
    region = code_for(title_language) if title_language else None
    if region is None and title_language and _LANGUAGE_SHAPE.match(title_language):
        region = title_language
    return region if region and same_language(region, language) else language


def _read_titles(
    titles: list[tuple[str, etree._Element]],
    data: dict[str, Any],
    language: str | None,
    notes: list[str],
) -> None:
    """The main title is the first in the record's language (or without a language); further
    titles that say their language are translated titles, others are kept in notes. A record
    that names its language and gives no title in it has translations only."""
    main = next(
        (i for i, (_, node) in enumerate(titles) if same_language(node.get(XML_LANG), language)),
        None,
    )
    for index, (text, node) in enumerate(titles):
        lang = node.get(XML_LANG)
        if index == main:
            data["title"] = text
        elif lang:  # a further title that says its language: another language's title
            data.setdefault("translated_titles", []).append({"language": lang, "title": text})
        else:
            notes.append(f"title: {text}")


def _isbns_of_a_part_to_its_book(data: dict[str, Any]) -> None:
    """A chapter's ISBNs are its book's: they go to the container."""
    ids = data.get("identifiers", {})
    if data.get("type") == "book-chapter" and ids.get("isbn_print"):
        container = data.setdefault("container", {})
        container.setdefault("kind", "book")
        container.setdefault("isbn_print", []).extend(ids.pop("isbn_print"))
        if not ids:
            del data["identifiers"]


def _read_dates(
    dates: list[tuple[str, etree._Element]], data: dict[str, Any], notes: list[str]
) -> None:
    for text, _ in dates:
        if text.startswith("info:eu-repo/date/"):
            notes.append(f"date: {text}")
            continue
        match = DATE_START.match(text)
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
_URL = re.compile(URL_PATTERN)
_LANGUAGE_SHAPE = re.compile(LANGUAGE_PATTERN)
_DOI_FORM = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*|10\.\d{4,9}/)")


_HYPHENATED_ISBN = re.compile(r"^(?:97[89]-)?[0-9]{1,5}(?:-[0-9]{1,7}){1,2}-[0-9Xx]$")
_HYPHENATED_ISSN = re.compile(r"^[0-9]{4}-[0-9]{3}[0-9Xx]$")


def _printed_isbn(text: str) -> bool:
    """An identifier printed as an ISBN is (hyphen groups and a right check digit); a bare
    run of digits is not guessed: a repository's item number can look the same."""
    return bool(_HYPHENATED_ISBN.match(text)) and is_valid_isbn(text.replace("-", "").upper())


def _printed_issn(text: str) -> bool:
    return bool(_HYPHENATED_ISSN.match(text)) and is_valid_issn(text.upper())


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
        elif lower.startswith(("urn:isbn:", "isbn:", "isbn ")) or _printed_isbn(text):
            isbn = re.sub(r"^(urn:isbn:|isbn:?\s*)", "", text, flags=re.IGNORECASE)
            ids.setdefault("isbn_print", []).append(isbn)
        elif lower.startswith(("issn:", "issn ")) or _printed_issn(text):
            issn = text[5:].strip() if lower.startswith("issn") else text
            data.setdefault("container", {}).setdefault("issn_print", issn)
        elif lower.startswith(("oai:", "hdl:")):
            scheme, value = ("oai", text) if lower.startswith("oai:") else ("handle", text[4:])
            ids.setdefault("other", []).append({"scheme": scheme, "value": value})
        elif _URL.match(text):
            ids.setdefault("urls", []).append(text)
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
            if value and scheme == "url" and _URL.match(value):
                ids.setdefault("urls", []).append(value)
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
        issn = SOURCE_ISSN.match(text)
        if issn:
            key = "issn_online" if issn.group("kind").lower() == "eissn" else "issn_print"
            data.setdefault("container", {})[key] = issn.group("issn")
            continue
        match = SOURCE.match(text)
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
        if _URL.match(text) and "url" not in licence:
            licence["url"] = text
        elif "text" not in licence:
            licence["text"] = text
        else:
            notes.append(f"rights: {text}")
    if data.get("license") == {}:
        del data["license"]
