"""The OAI-PMH 2.0 data provider over a record store: :func:`app` gives it as an ASGI
application, :func:`wsgi_app` as a WSGI one (the same :class:`Provider` answers both).

All six verbs and every error condition of the specification (badVerb, badArgument,
badResumptionToken, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch; the store always
has sets, so noSetHierarchy does not arise, nor noMetadataFormats). Metadata prefixes
``oai_dc``, ``oai_openaire``, ``datacite`` (records with a DOI and a year) and ``jats`` (the
JATS article in the JATS 1.3 namespace, as PubMed Central serves it: the OAI-PMH schema takes
only namespaced payloads). Sets are the record types (``type:article``, under ``type``) and,
when configured, the values of one field of the record (``language:en``, see :mod:`.sets`).
Datestamps at seconds granularity; ``from``/``until`` at either granularity. Resumption
tokens (ListIdentifiers, ListRecords, and ListSets: a field's values can be thousands of
sets) are signed and carry the list's state (see :mod:`.tokens`). Deleted records:
``persistent`` with a deletions list (see :mod:`.deletions`; a deleted record is a header
with ``status="deleted"`` and no metadata), else ``no``.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict
from xml.sax.saxutils import escape, quoteattr

from ..errors import PubmetaError
from . import web
from .deletions import read_deletions
from .protocol import (
    OAI,
    OAI_DC,
    OAI_SCHEMA_LOCATION,
    VERBS,
    XSI,
    datestamp,
    granularity_of,
    parse_datestamp,
)
from .records import RecordStore
from .tokens import BadToken, State, check, issue

if TYPE_CHECKING:
    from typing_extensions import Unpack  # typing.Unpack from Python 3.11; pydantic brings it

    from ..model import Publication

#: metadataPrefix -> (pubmeta format, schema, namespace)
PREFIXES: dict[str, tuple[str, str, str]] = {
    "oai_dc": ("dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC),
    "oai_openaire": (
        "openaire",
        "https://www.openaire.eu/schema/repo-lit/4.0/openaire.xsd",
        "http://namespace.openaire.eu/schema/oaire/",
    ),
    "datacite": (
        "datacite",
        "http://schema.datacite.org/meta/kernel-4.6/metadata.xsd",
        "http://datacite.org/schema/kernel-4",
    ),
    "jats": (
        "jats",
        "https://jats.nlm.nih.gov/archiving/1.3/xsd/JATS-archivearticle1-3.xsd",
        "https://jats.nlm.nih.gov/ns/archiving/1.3/",
    ),
}


@dataclass(frozen=True)
class Settings:
    name: str = "pubmeta"
    admin_email: str = "oai-admin@example.org"
    page_size: int = 100
    token_seconds: int = 3600


class OAIProblem(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Provider:
    """Answers OAI-PMH requests from a record store (an ASGI application when called)."""

    def __init__(
        self, store: RecordStore, settings: Settings | None = None, key: bytes | None = None
    ) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.key = key or os.urandom(32)
        self._writers: dict[str, Callable[[list[Publication]], str]] = {}
        self._stamps: dict[int, str] = {}  # epoch seconds -> datestamp (a few files' worth)

    async def __call__(self, scope: web.Scope, receive: web.Receive, send: web.Send) -> None:
        """The ASGI application."""
        await web.asgi(self.respond, scope, receive, send)

    # --- the protocol -------------------------------------------------------------------

    def respond(self, pairs: Sequence[tuple[str, str]], base_url: str) -> str:
        """The response document to a request's arguments (in the order they came)."""
        now = datestamp(datetime.now(timezone.utc))
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<OAI-PMH xmlns="{OAI}" xmlns:xsi="{XSI}"\n'
            f' xsi:schemaLocation="{OAI_SCHEMA_LOCATION}">\n'
            f"<responseDate>{now}</responseDate>\n"
        )
        try:
            arguments = _arguments(pairs)
            verb = arguments.pop("verb")
            handlers: dict[str, Callable[[dict[str, str]], str]] = {
                "Identify": lambda _a: self._identify(base_url),
                "ListMetadataFormats": self._formats,
                "ListSets": self._sets,
                "GetRecord": self._get_record,
                "ListIdentifiers": lambda a: self._list("ListIdentifiers", a),
                "ListRecords": lambda a: self._list("ListRecords", a),
            }
            body = handlers[verb](arguments)
        except OAIProblem as problem:
            plain = problem.code in ("badVerb", "badArgument")
            request = f"<request>{escape(base_url)}</request>\n" if plain else self._request(
                pairs, base_url)  # fmt: skip
            error = f'<error code="{problem.code}">{escape(problem.message)}</error>\n'
            return head + request + error + "</OAI-PMH>\n"
        return head + self._request(pairs, base_url) + body + "</OAI-PMH>\n"

    @staticmethod
    def _request(pairs: Sequence[tuple[str, str]], base_url: str) -> str:
        attributes = "".join(f" {k}={quoteattr(v)}" for k, v in pairs)
        return f"<request{attributes}>{escape(base_url)}</request>\n"

    def _identify(self, base_url: str) -> str:
        earliest = datestamp(datetime.fromtimestamp(self.store.earliest(), timezone.utc))
        deleted = "no" if self.store.deletions is None else "persistent"
        return (
            "<Identify>\n"
            f"<repositoryName>{escape(self.settings.name)}</repositoryName>\n"
            f"<baseURL>{escape(base_url)}</baseURL>\n"
            "<protocolVersion>2.0</protocolVersion>\n"
            f"<adminEmail>{escape(self.settings.admin_email)}</adminEmail>\n"
            f"<earliestDatestamp>{earliest}</earliestDatestamp>\n"
            f"<deletedRecord>{deleted}</deletedRecord>\n"
            "<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>\n"
            "</Identify>\n"
        )

    def _formats(self, arguments: dict[str, str]) -> str:
        prefixes = list(PREFIXES)
        if "identifier" in arguments:
            index = self._find(arguments["identifier"])
            if not self.store.has_doi(index):
                prefixes.remove("datacite")
        formats = "".join(
            f"<metadataFormat><metadataPrefix>{p}</metadataPrefix><schema>{PREFIXES[p][1]}"
            f"</schema><metadataNamespace>{PREFIXES[p][2]}</metadataNamespace></metadataFormat>\n"
            for p in prefixes
        )
        return f"<ListMetadataFormats>\n{formats}</ListMetadataFormats>\n"

    def _sets(self, arguments: dict[str, str]) -> str:
        """The sets, a page at a time (a set field such as keywords can give thousands)."""
        every = self.store.sets()
        if "resumptionToken" in arguments:
            state = self._state(arguments["resumptionToken"])
            if state.prefix or state.total != len(every):
                raise OAIProblem("badResumptionToken", "not a ListSets token of this repository")
        else:
            state = State("", None, None, None, 0, 0, len(every), 0)
        page = every[state.position : state.position + self.settings.page_size]
        sets = "".join(
            f"<set><setSpec>{spec}</setSpec><setName>{escape(name)}</setName></set>\n"
            for spec, name in page
        )
        token = self._token(state, len(page), state.position + len(page))
        return f"<ListSets>\n{sets}{token}</ListSets>\n"

    def _state(self, token: str) -> State:
        try:
            return check(token, self.key)
        except BadToken as error:
            raise OAIProblem("badResumptionToken", str(error)) from None

    def _token(self, state: State, count: int, position: int) -> str:
        """The resumptionToken element after a page of ``count`` items of a list in
        ``state``, the next page from ``position`` (an empty one ends a list of pages)."""
        sent = state.cursor + count
        if sent < state.total and count:
            expires = int(time.time()) + self.settings.token_seconds
            following = State(state.prefix, state.set, state.start, state.until, position,
                              sent, state.total, expires)  # fmt: skip
            expiry = datestamp(datetime.fromtimestamp(expires, timezone.utc))
            return (
                f'<resumptionToken completeListSize="{state.total}" cursor="{state.cursor}" '
                f'expirationDate="{expiry}">{issue(following, self.key)}</resumptionToken>\n'
            )
        if state.cursor:
            return f'<resumptionToken completeListSize="{state.total}" cursor="{state.cursor}"/>\n'
        return ""

    def _get_record(self, arguments: dict[str, str]) -> str:
        prefix = self._prefix(arguments["metadataPrefix"])
        index = self._find(arguments["identifier"])
        if prefix == "datacite" and not self.store.has_doi(index) and index < len(self.store):
            raise OAIProblem("cannotDisseminateFormat", "this record has no DOI for DataCite")
        return f"<GetRecord>\n{self._record(index, prefix)}</GetRecord>\n"

    # --- pieces -------------------------------------------------------------------------

    def _prefix(self, prefix: str) -> str:
        if prefix not in PREFIXES:
            raise OAIProblem(
                "cannotDisseminateFormat",
                f"metadataPrefix {prefix[:60]!r} is not one of {', '.join(PREFIXES)}",
            )
        return prefix

    def _find(self, identifier: str) -> int:
        index = self.store.find(identifier)
        if index is None:
            raise OAIProblem("idDoesNotExist", f"no record {identifier[:200]!r} here")
        return index

    def _header(self, index: int) -> str:
        store = self.store
        stamp = self._datestamp(store.datestamp(index))
        status = ' status="deleted"' if store.is_deleted(index) else ""
        specs = "".join(f"<setSpec>{spec}</setSpec>" for spec in store.set_specs(index))
        return (
            f"<header{status}><identifier>{escape(store.identifier(index))}</identifier>"
            f"<datestamp>{stamp}</datestamp>{specs}</header>\n"
        )

    def _record(self, index: int, prefix: str, record: Publication | None = None) -> str:
        if self.store.is_deleted(index):  # the header says so; no metadata (spec 2.5.1)
            return f"<record>\n{self._header(index)}</record>\n"
        if record is None:
            record = self.store.record(index)
        return (
            f"<record>\n{self._header(index)}<metadata>\n{self._payload(record, prefix)}"
            "</metadata>\n</record>\n"
        )

    def _datestamp(self, epoch: int) -> str:
        stamp = self._stamps.get(epoch)
        if stamp is None:
            if len(self._stamps) >= 4096:
                self._stamps.clear()
            stamp = self._stamps[epoch] = datestamp(datetime.fromtimestamp(epoch, timezone.utc))
        return stamp

    def _payload(self, record: Publication, prefix: str) -> str:
        writer = self._writers.get(prefix)
        if writer is None:
            from ..formats.registry import get_format

            found = get_format(PREFIXES[prefix][0]).writer
            assert found is not None
            writer = self._writers[prefix] = found
        document = writer([record])
        body = document[document.index("?>") + 2 :].lstrip()
        if body.startswith("<!DOCTYPE"):
            body = body[body.index(">") + 1 :].lstrip()
        if prefix == "jats":  # into the JATS namespace, as PubMed Central serves it
            body = body.replace("<article ", f'<article xmlns="{PREFIXES["jats"][2]}" ', 1)
        return body

    def _window(self, arguments: dict[str, str]) -> tuple[int | None, int | None]:
        start, until = arguments.get("from"), arguments.get("until")
        grains = [granularity_of(v) for v in (start, until) if v is not None]
        if None in grains:
            raise OAIProblem("badArgument", "from and until are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
        if len(grains) == 2 and grains[0] != grains[1]:
            raise OAIProblem("badArgument", "from and until must have the same granularity")
        low = parse_datestamp(start) if start else None
        high = parse_datestamp(until, end=True) if until else None
        if (start and low is None) or (until and high is None):
            raise OAIProblem("badArgument", "from or until is not a date of the calendar")
        if low is not None and high is not None and low > high:
            raise OAIProblem("badArgument", "from is later than until")
        return (int(low.timestamp()) if low else None, int(high.timestamp()) if high else None)

    def _list(self, verb: str, arguments: dict[str, str]) -> str:
        if "resumptionToken" in arguments:
            state = self._state(arguments["resumptionToken"])
            if state.prefix not in PREFIXES:
                raise OAIProblem("badResumptionToken", f"not a {verb} token of this repository")
        else:
            state = self._new_list(arguments)
        low, high = self._window({k: v for k, v in (("from", state.start),
                                                     ("until", state.until)) if v})  # fmt: skip
        doi = state.prefix == "datacite"
        found: list[int] = []
        for index in self.store.matching(state.position, state.set, low, high, doi):
            found.append(index)
            if len(found) == self.settings.page_size:
                break
        if verb == "ListRecords":
            live = [i for i in found if not self.store.is_deleted(i)]
            read = dict(zip(live, self.store.records(live), strict=True))
            parts = [self._record(i, state.prefix, read.get(i)) for i in found]
        else:
            parts = [self._header(i) for i in found]
        token = self._token(state, len(found), found[-1] + 1 if found else 0)
        return f"<{verb}>\n{''.join(parts)}{token}</{verb}>\n"

    def _new_list(self, arguments: dict[str, str]) -> State:
        low, high = self._window(arguments)  # first: a badArgument echoes no arguments
        prefix = self._prefix(arguments["metadataPrefix"])
        set_spec = arguments.get("set")
        if set_spec is not None and not self.store.has_set(set_spec):
            raise OAIProblem("noRecordsMatch", f"no set {set_spec[:100]!r} here")
        total = sum(1 for _ in self.store.matching(0, set_spec, low, high, prefix == "datacite"))
        if total == 0:
            raise OAIProblem("noRecordsMatch", "no records match the request")
        return State(prefix, set_spec, arguments.get("from"), arguments.get("until"), 0, 0,
                     total, 0)  # fmt: skip


_WORD = r"[A-Za-z0-9\-_.!~*'()]+"
#: argument values the OAI-PMH schema restricts (the request element echoes them)
_VALUE = {
    "metadataPrefix": re.compile(_WORD),
    "set": re.compile(f"{_WORD}(?::{_WORD})*"),
    "identifier": re.compile(r"\S+"),
}


def _arguments(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The request's arguments, checked against its verb (badVerb, badArgument)."""
    verbs = [v for k, v in pairs if k == "verb"]
    if len(verbs) != 1 or verbs[0] not in VERBS:
        said = (
            "no verb" if not verbs else "a repeated verb" if len(verbs) > 1 else "an unknown verb"
        )
        raise OAIProblem("badVerb", f"the request has {said}")
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    arguments: dict[str, str] = {}
    for key, value in pairs:
        if key == "verb":
            continue
        if key not in required | optional | exclusive:
            raise OAIProblem("badArgument", f"{verb} takes no argument {key[:40]!r}")
        if key in arguments:
            raise OAIProblem("badArgument", f"the argument {key[:40]!r} is repeated")
        pattern = _VALUE.get(key)
        if not value or (pattern is not None and not pattern.fullmatch(value)):
            raise OAIProblem("badArgument", f"the value of {key} is not a legal one")
        arguments[key] = value
    if exclusive & arguments.keys():
        if len(arguments) > 1:
            raise OAIProblem("badArgument", "resumptionToken is an exclusive argument")
    elif required - arguments.keys():
        missing = ", ".join(sorted(required - arguments.keys()))
        raise OAIProblem("badArgument", f"{verb} needs {missing}")
    return {"verb": verb, **arguments}


def app(
    paths: Sequence[str | Path],
    *,
    name: str = "pubmeta",
    admin_email: str = "oai-admin@example.org",
    page_size: int = 100,
    key: bytes | None = None,
    deletions: str | Path | None = None,
    set_field: str | None = None,
) -> Provider:
    """An ASGI application serving the records of ``paths`` (folders, record files, JSON
    Lines) over OAI-PMH 2.0; the records are indexed once, now. ``key`` signs resumption
    tokens (random by default: tokens do not outlive the process). ``deletions``: a JSON
    Lines list of withdrawn identifiers or DOIs with their dates (see :mod:`.deletions`):
    those records are served as deleted, and Identify declares ``persistent`` (without it,
    ``no``). ``set_field``: a field of the record (``language``, ``keywords``,
    ``container.title``, ...) whose values are sets too, besides the record types."""
    if page_size < 1:
        raise PubmetaError("the page size must be at least 1")
    settings = Settings(name=name, admin_email=admin_email, page_size=page_size)
    withdrawn = None if deletions is None else read_deletions(deletions)
    store = RecordStore(paths, _repository_id(name), withdrawn, set_field)
    return Provider(store, settings, key)


class WSGIProvider:
    """The same provider as a WSGI application (PEP 3333): ``provider`` answers, this passes
    the requests on."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self.store = provider.store

    def __call__(
        self, environ: dict[str, Any], start_response: web.StartResponse
    ) -> Iterable[bytes]:
        return web.wsgi(self.provider.respond, environ, start_response)


class ProviderOptions(TypedDict, total=False):
    """:func:`app`'s keyword arguments (its defaults), for :func:`wsgi_app` to take as they are."""

    name: str
    admin_email: str
    page_size: int
    key: bytes | None
    deletions: str | Path | None
    set_field: str | None


def wsgi_app(paths: Sequence[str | Path], **options: Unpack[ProviderOptions]) -> WSGIProvider:
    """A WSGI application serving the records of ``paths``: :func:`app`'s provider (the same
    arguments), for waitress, gunicorn or a WSGI framework (Flask, Django) to mount."""
    return WSGIProvider(app(paths, **options))


def _repository_id(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in ".-" else "-" for c in name.lower()).strip("-.")
    return cleaned or "pubmeta"
