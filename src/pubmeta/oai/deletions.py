"""The provider's deletions list: the records a repository has withdrawn, and when.

A repository knows what it withdrew as a list of identifiers or DOIs with dates. The list is a
JSON Lines file, one object a line::

    {"identifier": "oai:my-repository:0-12", "datestamp": "2026-11-02T10:00:00Z"}
    {"doi": "10.1234/withdrawn.5", "datestamp": "2026-11-03"}

``identifier`` is an OAI identifier this provider served (a record still in the files is
served as deleted; one no longer in them is kept as a tombstone), ``doi`` withdraws every
record of the files with that DOI. ``datestamp`` (when it was deleted; day or seconds
granularity, UTC) is the deleted record's datestamp. The file ``pubmeta harvest`` writes,
``deletions.jsonl``, has this shape: an aggregator can serve a harvest's deletions on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PubmetaError
from ..identifiers import normalise_doi
from .protocol import parse_datestamp


@dataclass
class Deletions:
    #: OAI identifier -> epoch seconds of its deletion
    identifiers: dict[str, int] = field(default_factory=dict)
    #: normalised DOI -> epoch seconds of its deletion
    dois: dict[str, int] = field(default_factory=dict)


def read_deletions(path: str | Path) -> Deletions:
    """The deletions list at ``path``; a PubmetaError names the line and the rule it breaks."""
    found = Deletions()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise PubmetaError(f"cannot read the deletions list {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise PubmetaError(f"the deletions list {path} is not UTF-8 text") from None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"deletions list {path}, line {number}"
        try:
            entry = json.loads(line)
        except ValueError:
            raise PubmetaError(f"{where}: not a JSON object") from None
        if not isinstance(entry, dict):
            raise PubmetaError(f"{where}: not a JSON object")
        _add(found, entry, where)
    return found


def _add(found: Deletions, entry: dict[str, object], where: str) -> None:
    stamp = entry.get("datestamp")
    moment = parse_datestamp(stamp) if isinstance(stamp, str) else None
    if moment is None:
        raise PubmetaError(
            f"{where}: 'datestamp' must be a UTC date, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ"
        )
    identifier, doi = entry.get("identifier"), entry.get("doi")
    if isinstance(identifier, str) and identifier.strip() and doi is None:
        if any(c.isspace() for c in identifier):
            raise PubmetaError(f"{where}: an identifier has no spaces")
        found.identifiers[identifier] = int(moment.timestamp())
    elif isinstance(doi, str) and doi.strip() and identifier is None:
        found.dois[normalise_doi(doi)] = int(moment.timestamp())
    else:
        raise PubmetaError(f"{where}: give either an 'identifier' or a 'doi' (a string)")
