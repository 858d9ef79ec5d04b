"""DataCite kernel elements two writers write alike: DataCite's own ``<resource>`` and OpenAIRE
v4's, which takes them from the kernel under the ``datacite:`` prefix (and its funding
references unprefixed). Each writer keeps what it writes differently: names, identifiers,
dates, titles (as each format's readers read them back). The readers of both share how the
kernel's list-valued alternate identifiers are filed (:func:`file_listed_identifier`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Publication
    from ..xml.write import Node

#: The kernel's alternateIdentifierType values that are lists of pubmeta's identifiers.
_LISTED_IDENTIFIERS = {"ISBN": "isbn_print", "EISBN": "isbn_electronic", "URL": "urls"}

#: funderIdentifierType by a mark in the identifier (DataCite's and OpenAIRE's vocabulary).
FUNDER_ID_TYPES = (("ror.org/", "ROR"), ("10.13039/", "Crossref Funder ID"))


def subjects(root: Node, record: Publication, prefix: str = "") -> None:
    """Keywords, then subjects with their scheme."""
    if not record.keywords and not record.subjects:
        return
    group = root.add(f"{prefix}subjects")
    for keyword in record.keywords:
        group.add(f"{prefix}subject", keyword)
    for subject in record.subjects:
        group.add(f"{prefix}subject", subject.term, {"subjectScheme": subject.scheme})


def orcid(element: Node, value: str | None, prefix: str = "") -> None:
    """A creator's or contributor's ORCID as its nameIdentifier."""
    if value:
        element.add(
            f"{prefix}nameIdentifier",
            f"https://orcid.org/{value}",
            {"nameIdentifierScheme": "ORCID", "schemeURI": "https://orcid.org"},
        )


def funding_references(root: Node, record: Publication, unmarked: str | None) -> None:
    """fundingReferences; a funder identifier of no known kind is typed ``unmarked``, or left
    out when that is None (OpenAIRE's schema takes the known kinds only)."""
    if not record.funding:
        return
    group = root.add("fundingReferences")
    for funding in record.funding:
        reference = group.add("fundingReference")
        reference.add("funderName", funding.funder)
        if funding.funder_id:
            found = (k for mark, k in FUNDER_ID_TYPES if mark in funding.funder_id)
            kind = next(found, unmarked)
            if kind is not None:
                reference.add("funderIdentifier", funding.funder_id, {"funderIdentifierType": kind})
        if funding.award_id:
            reference.add("awardNumber", funding.award_id)


def file_listed_identifier(ids: dict[str, Any], kind: str, value: str) -> bool:
    """An ISBN, e-ISBN or URL added to its list in ``ids``; False for any other kind."""
    field = _LISTED_IDENTIFIERS.get(kind)
    if field is None:
        return False
    ids.setdefault(field, []).append(value)
    return True
