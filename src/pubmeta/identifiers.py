"""Scholarly identifiers: the spellings accepted on input, the canonical stored form, and checks.

Normalisers turn any accepted spelling into the stored form (a DOI without its resolver
prefix and lower-cased, ``NNNN-NNNC`` ISSNs, ISBN-13, hyphenated ORCID iDs). Checkers say
whether a stored value is a real identifier (check digits), for the semantic rules.
Check-digit arithmetic comes from python-stdnum rather than hand-written tables.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .text import FORBIDDEN_CHARACTERS, VISIBLE, WHITESPACE

# python-stdnum is imported where a check digit is computed: a run that meets no ISSN, ISBN
# or ORCID iD does not pay for importing it.

# Patterns of the accepted spellings; the JSON Schema publishes exactly these.
DOI_PATTERN = rf"^(?:(?:https?://(?:dx\.)?doi\.org/)|(?:doi: ?))?10\.{VISIBLE}+/{VISIBLE}+$"
ISSN_PATTERN = r"^[0-9]{4}-?[0-9]{3}[0-9Xx]$"
ISBN_PATTERN = r"^(?:(?:[0-9]-?){9}[0-9Xx]|(?:[0-9]-?){12}[0-9])$"
ORCID_PATTERN = r"^(?:https?://orcid\.org/)?[0-9]{4}-?[0-9]{4}-?[0-9]{4}-?[0-9]{3}[0-9Xx]$"
PMID_PATTERN = r"^[1-9][0-9]{0,8}$"
PMCID_PATTERN = r"^(?:PMC|pmc)?[1-9][0-9]{0,8}$"
SCOPUS_EID_PATTERN = r"^2-s2\.0-[0-9]{5,}$"
_URI_CHARACTER = rf"(?:[^{WHITESPACE}{FORBIDDEN_CHARACTERS}%#\[\]]|%[0-9A-Fa-f]{{2}})"
#: An absolute URI (scheme:rest), as XML Schema's anyURI and the registries' URL fields take
#: it: no whitespace, percent-escapes well formed, at most one fragment.
URL_PATTERN = rf"^[A-Za-z][A-Za-z0-9+.\-]*:{_URI_CHARACTER}+(?:#{_URI_CHARACTER}*)?$"
#: ROR IDs: 0, six characters of Crockford base32, two check digits (URL form accepted).
ROR_PATTERN = r"^(?:https?://ror\.org/)?0[0-9a-hjkmnp-tv-zA-HJKMNP-TV-Z]{6}[0-9]{2}$"

#: Stricter syntax a DOI must have to be resolvable (Crossref's recommended pattern).
_DOI_STRICT = re.compile(r"^10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_IN_TEXT = re.compile(r"10\.[0-9]{4,9}(?:\.[0-9]+)*/[^\s\"<>]+")
# compiled once: normalisers run for every name of every work of a snapshot
_ORCID_RESOLVER = re.compile(r"^https?://orcid\.org/")
_ROR_RESOLVER = re.compile(r"^https?://ror\.org/")
_ROR = re.compile(ROR_PATTERN)


def normalise_doi(value: str) -> str:
    """``https://doi.org/10.1000/ABC`` -> ``10.1000/abc`` (DOIs are case-insensitive)."""
    value = value.strip()
    if value.startswith("10."):
        return value.lower()  # the stored form already: no resolver prefix to look for
    return _DOI_PREFIX.sub("", value).lower()


def is_valid_doi(value: str) -> bool:
    return bool(_DOI_STRICT.match(value))


def find_doi(text: str) -> str | None:
    """The first DOI in running text, without trailing punctuation."""
    match = _DOI_IN_TEXT.search(text)
    if not match:
        return None
    return normalise_doi(match.group(0).rstrip(".,;:)]}"))


def normalise_issn(value: str) -> str:
    """``12345679`` or ``1234-567x`` -> ``1234-567X``."""
    compact = value.strip().replace("-", "").upper()
    return f"{compact[:4]}-{compact[4:]}"


# Journals, books and authors recur across a corpus: a pipeline checks the same ISSN, ISBN or
# ORCID iD thousands of times, and python-stdnum takes a few microseconds each time.
@lru_cache(maxsize=16384)
def is_valid_issn(value: str) -> bool:
    from stdnum import issn as stdnum_issn

    return bool(stdnum_issn.is_valid(value))


def normalise_isbn(value: str) -> str:
    """Hyphens removed; a valid ISBN-10 becomes its ISBN-13. An invalid one is kept as given
    (digits only) so the check-digit rule can report it rather than the value vanishing."""
    compact = value.strip().replace("-", "").replace(" ", "").upper()
    if len(compact) == 10 and is_valid_isbn(compact):
        from stdnum import isbn as stdnum_isbn

        return str(stdnum_isbn.to_isbn13(compact))
    return compact


@lru_cache(maxsize=16384)
def is_valid_isbn(value: str) -> bool:
    from stdnum import isbn as stdnum_isbn

    return bool(stdnum_isbn.is_valid(value))


def normalise_orcid(value: str) -> str:
    """``https://orcid.org/0000000218250097`` -> ``0000-0002-1825-0097``."""
    compact = _ORCID_RESOLVER.sub("", value.strip()).replace("-", "").upper()
    return "-".join(compact[i : i + 4] for i in range(0, 16, 4))


@lru_cache(maxsize=16384)
def is_valid_orcid(value: str) -> bool:
    """ORCID iDs carry an ISO 7064 MOD 11-2 check character."""
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.iso7064 import mod_11_2

    try:
        mod_11_2.validate(value.replace("-", ""))
    except StdnumError:
        return False
    return True


def normalise_pmcid(value: str) -> str:
    """``pmc123`` or ``123`` -> ``PMC123``."""
    compact = value.strip()
    if compact[:3].lower() == "pmc":
        compact = compact[3:]
    return "PMC" + compact


def affiliation(name: str, identifier: str | None) -> str | dict[str, str]:
    """A read affiliation: its name, with the ROR ID when the identifier given is one (a
    GRID or ISNI identifier is not kept: the record holds ROR IDs only)."""
    if identifier and _ROR.fullmatch(identifier.strip()):
        return {"name": name, "ror": normalise_ror(identifier)}
    return name


def affiliation_key(value: Any) -> tuple[str, str | None]:
    """What makes two affiliations one: the name and the ROR ID (none for a bare name), for a
    read affiliation (a name, or a mapping) and the record's alike."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, dict):
        return value["name"], value.get("ror")
    return value.name, value.ror


def distinct(affiliations: list[str | dict[str, str]]) -> list[str | dict[str, str]]:
    """Each affiliation once, in order (a source repeats one per author and per role)."""
    seen: dict[tuple[str, str | None], str | dict[str, str]] = {}
    for value in affiliations:
        seen.setdefault(affiliation_key(value), value)
    return list(seen.values())


def normalise_ror(value: str) -> str:
    """``https://ror.org/05dxps055`` -> ``05dxps055`` (lower-case)."""
    return _ROR_RESOLVER.sub("", value.strip()).lower()


@lru_cache(maxsize=16384)
def is_valid_ror(value: str) -> bool:
    """ROR IDs end in an ISO 7064 MOD 97-10 checksum of the base32 number before it."""
    body, check = value[1:7], value[7:]
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    number = 0
    for char in body:
        digit = alphabet.find(char)
        if digit < 0:
            return False
        number = number * 32 + digit
    return check.isdigit() and 98 - (number * 100 % 97) == int(check)
