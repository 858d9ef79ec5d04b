"""One OAI-PMH response page, read for a harvest: its records one by one, deleted headers,
the resumption token and OAI errors.

A page is parsed whole when it is well-formed XML. When it is not (a control character XML
1.0 forbids, a broken entity in one record), each ``<record>`` is cut out and parsed on its
own, so the damage costs the record that holds it and no other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..errors import PubmetaError
from .protocol import OAI


class HarvestError(PubmetaError):
    """A harvest that cannot go on: the message names the page and what the endpoint said."""


class OAIError(HarvestError):
    """The endpoint answered with an OAI-PMH error (``code`` as the spec names it)."""

    def __init__(self, message: str, code: str, page: int) -> None:
        super().__init__(message)
        self.code = code
        self.page = page


@dataclass(frozen=True)
class Token:
    value: str
    complete_list_size: int | None = None
    cursor: int | None = None
    expiration: str | None = None


@dataclass(frozen=True)
class Harvested:
    identifier: str
    datestamp: str
    xml: bytes
    #: the record's element in its page's tree (read from there, not parsed again)
    element: etree._Element | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Damaged:
    identifier: str
    message: str
    raw: bytes


@dataclass
class Page:
    number: int
    response_date: str | None = None
    records: list[Harvested] = field(default_factory=list)
    deleted: list[tuple[str, str]] = field(default_factory=list)
    damaged: list[Damaged] = field(default_factory=list)
    token: Token | None = None
    no_records: bool = False


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip


_RECORD_TAG, _HEADER_TAG, _IDENTIFIER_TAG, _DATESTAMP_TAG = (
    f"{{{OAI}}}{name}" for name in ("record", "header", "identifier", "datestamp")
)
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
_RECORD = re.compile(rb"<(?:\w+:)?record[\s>].*?</(?:\w+:)?record\s*>", re.DOTALL)
_ROOT_TAG = re.compile(rb"<(?:\w+:)?OAI-PMH\b[^>]*>", re.DOTALL)
_TOKEN = re.compile(
    rb"<(?:\w+:)?resumptionToken\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?resumptionToken\s*>)", re.DOTALL
)
_ATTRIBUTE = re.compile(rb'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_IDENTIFIER = re.compile(rb"<(?:\w+:)?identifier>\s*(.*?)\s*</(?:\w+:)?identifier>", re.DOTALL)
_RESPONSE_DATE = re.compile(rb"<(?:\w+:)?responseDate>\s*(.*?)\s*</", re.DOTALL)
_ERROR = re.compile(rb"<(?:\w+:)?error\b[^>]*\bcode\s*=\s*[\"'](\w+)[\"'][^>]*>(.*?)</", re.DOTALL)


def read_page(content: bytes, number: int, status: int = 200) -> Page:
    """The page, or HarvestError/OAIError naming the page when it is not one."""
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML.match(head):
        raise HarvestError(
            f"page {number}: the endpoint answered with an HTML page (HTTP status {status}), "
            "not an OAI-PMH response"
        )
    if not head.startswith(b"<"):
        what = "an empty body" if not head else "text that is not XML"
        raise HarvestError(
            f"page {number}: the endpoint answered with {what} (HTTP status {status})"
        )
    try:
        root = etree.fromstring(head, _parser())
    except etree.XMLSyntaxError as error:
        return _damaged_page(head, number, status, error)
    if root.tag != f"{{{OAI}}}OAI-PMH":
        local = str(root.tag).rsplit("}", 1)[-1][:40]
        raise HarvestError(
            f"page {number}: not an OAI-PMH response (root element <{local}>, HTTP status {status})"
        )
    page = Page(number, response_date=_text(root.find(f"{{{OAI}}}responseDate")))
    for element in root.iterfind(f"{{{OAI}}}error"):
        _oai_error(page, element.get("code") or "", (element.text or "").strip())
    listing = root.find(f"{{{OAI}}}ListRecords")
    if listing is None:
        listing = root.find(f"{{{OAI}}}ListIdentifiers")
    if listing is None:
        listing = root.find(f"{{{OAI}}}GetRecord")
    if listing is not None:
        for record in listing.iterchildren(_RECORD_TAG):
            _take(page, record)
        for header in listing.iterfind(f"{{{OAI}}}header"):  # ListIdentifiers
            _take_header(page, header, b"")
        token = listing.find(f"{{{OAI}}}resumptionToken")
        if token is not None:
            page.token = _token(token.text or "", {str(k): str(v) for k, v in token.attrib.items()})
    elif not page.no_records:
        raise HarvestError(f"page {number}: an OAI-PMH response without records or an error")
    return page


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _oai_error(page: Page, code: str, message: str) -> None:
    if code == "noRecordsMatch":
        page.no_records = True
        return
    raise OAIError(
        f"page {page.number}: the endpoint answered with the OAI-PMH error {code or '(no code)'}"
        + (f": {message[:300]}" if message else ""),
        code,
        page.number,
    )


def _first(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with this tag (matched in C: ``find`` goes through ElementPath, which
    costs several times more, and a page has three such look-ups a record)."""
    return next(element.iterchildren(tag), None)


def _take(page: Page, record: etree._Element) -> None:
    header = _first(record, _HEADER_TAG)
    if header is None:
        page.damaged.append(Damaged("", "a record without a header", etree.tostring(record)))
        return
    _take_header(page, header, etree.tostring(record), record)


def _take_header(
    page: Page, header: etree._Element, xml: bytes, record: etree._Element | None = None
) -> None:
    identifier = _text(_first(header, _IDENTIFIER_TAG)) or ""
    stamp = _text(_first(header, _DATESTAMP_TAG)) or ""
    if header.get("status") == "deleted":
        page.deleted.append((identifier, stamp))
    elif not identifier:
        page.damaged.append(Damaged("", "a record header without an identifier", xml))
    else:
        page.records.append(Harvested(identifier, stamp, xml, record))


def _token(text: str, attributes: dict[str, str]) -> Token | None:
    value = text.strip()
    if not value:
        return None  # an empty token ends the list (spec 3.5)
    return Token(
        value,
        _integer(attributes.get("completeListSize")),
        _integer(attributes.get("cursor")),
        attributes.get("expirationDate"),
    )


def _integer(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _damaged_page(content: bytes, number: int, status: int, error: etree.XMLSyntaxError) -> Page:
    """A page that is not well-formed: each record cut out and parsed on its own."""
    root_tag = _ROOT_TAG.search(content)
    if root_tag is None:
        line, column = error.position if error.position else (0, 0)
        raise HarvestError(
            f"page {number}: malformed XML at line {line}, column {column}: "
            f"{str(error.msg)[:200]} (HTTP status {status})"
        )
    for match in _ERROR.finditer(content):
        code = match.group(1).decode("ascii", "replace")
        message = match.group(2).decode("utf-8", "replace").strip()
        if code != "noRecordsMatch":
            raise OAIError(
                f"page {number}: the endpoint answered with the OAI-PMH error {code}: "
                f"{message[:300]}",
                code,
                number,
            )
    found = _RESPONSE_DATE.search(content)
    page = Page(number, response_date=found.group(1).decode("utf-8", "replace") if found else None)
    page.no_records = b"noRecordsMatch" in content and not _RECORD.search(content)
    last = 0
    for match in _RECORD.finditer(content):
        last = match.end()
        wrapped = (
            root_tag.group(0) + b"<ListRecords>" + match.group(0) + b"</ListRecords></OAI-PMH>"
        )
        try:
            record = etree.fromstring(wrapped, _parser())[0][0]
        except etree.XMLSyntaxError as record_error:
            found_id = _IDENTIFIER.search(match.group(0))
            identifier = found_id.group(1).decode("utf-8", "replace") if found_id else ""
            page.damaged.append(
                Damaged(identifier, f"malformed XML: {str(record_error.msg)[:200]}", match.group(0))
            )
            continue
        _take(page, record)
    token = _TOKEN.search(content, last)
    if token is not None:
        attributes = {
            m.group(1).decode(): (m.group(2) or m.group(3) or b"").decode("utf-8", "replace")
            for m in _ATTRIBUTE.finditer(token.group(1))
        }
        page.token = _token((token.group(2) or b"").decode("utf-8", "replace"), attributes)
    return page
