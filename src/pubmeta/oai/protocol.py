"""OAI-PMH 2.0 terms both sides use: namespaces, error codes, UTC datestamps and granularity."""

from __future__ import annotations

import re
from datetime import datetime, timezone

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_SCHEMA_LOCATION = f"{OAI} {OAI_SCHEMA}"

DAY = "YYYY-MM-DD"
SECONDS = "YYYY-MM-DDThh:mm:ssZ"

#: The six verbs and their arguments: required, optional, exclusive (spec, section 4).
VERBS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"}), frozenset()),
    "ListSets": (frozenset(), frozenset(), frozenset({"resumptionToken"})),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset(), frozenset()),
    "ListIdentifiers": (
        frozenset({"metadataPrefix"}),
        frozenset({"from", "until", "set"}),
        frozenset({"resumptionToken"}),
    ),
    "ListRecords": (
        frozenset({"metadataPrefix"}),
        frozenset({"from", "until", "set"}),
        frozenset({"resumptionToken"}),
    ),
}

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def granularity_of(value: str) -> str | None:
    """The granularity a datestamp argument is written at, or None when it is neither."""
    if _DAY.match(value):
        return DAY
    if _SECONDS.match(value):
        return SECONDS
    return None


def parse_datestamp(value: str, *, end: bool = False) -> datetime | None:
    """A UTC datestamp at either granularity (a day's end when ``end``); None if invalid."""
    kind = granularity_of(value)
    try:
        if kind == DAY:
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc)
            return day.replace(hour=23, minute=59, second=59) if end else day
        if kind == SECONDS:
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return None


def datestamp(moment: datetime, granularity: str = SECONDS) -> str:
    moment = moment.astimezone(timezone.utc)
    if granularity == DAY:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def at_granularity(value: str, granularity: str) -> str:
    """A responseDate or datestamp cut to an endpoint's granularity ('2026-01-02T03:04:05Z'
    -> '2026-01-02' for a day-granular endpoint)."""
    return value[:10] if granularity == DAY else value
