"""Reading RIS as databases and reference managers export it: both tag generations, LF or
CRLF, a BOM, continuation lines, counter or "Record 3 of 18" lines between records, several
tags on one line, partial dates (``2016/12//``, ``0000``), ISSN and ISBN in one ``SN`` tag."""

from __future__ import annotations

import re
from typing import Any

from ...dates import MONTHS, PartialDate
from ...diagnostics import Issue
from ...errors import FormatError
from ...identifiers import find_doi, normalise_doi
from ...languages import code_for
from ...names import parse_natural, split_particle, vancouver
from ..base import Reading, outside
from .mapping import (
    ABBREVIATION_TAGS,
    ABSTRACT_TAGS,
    AUTHOR_TAGS,
    DATE_TAGS,
    EDITOR_TAGS,
    FROM_TYPE,
    JOURNAL_TAGS,
    MULTILINE_TAGS,
    RUN_OF_SPACES,
    SP_RANGE,
    SP_RANGE_DASH,
    TAG_LINE,
    TITLE_TAGS,
    TRANSLATOR_TAGS,
    reads_as_organisation,
    tight_comma,
)

#: A second tag on the same line ('TY  - JOUR AU  - Smith'), as some exporters glue them.
_GLUED = re.compile(r"\s+(?=[A-Z][A-Z0-9]  - )")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_CODE = re.compile(r"[0-9Xx][0-9Xx-]{6,}[0-9Xx]")

KNOWN = frozenset(
    {
        "TY", "ER", *AUTHOR_TAGS, *EDITOR_TAGS, *TRANSLATOR_TAGS, *TITLE_TAGS, *JOURNAL_TAGS,
        *ABBREVIATION_TAGS, *DATE_TAGS, *ABSTRACT_TAGS, "T3", "VL", "IS", "SP", "EP", "SN",
        "DO", "UR", "L1", "L2", "PB", "CY", "LA", "KW", "N1", "C7", "C2", "AN", "DP", "DB",
        "ID", "ST", "M3", "ET", "AD",
    }
)  # fmt: skip


class _Record:
    def __init__(self, line: int) -> None:
        self.line = line
        self.tags: list[tuple[str, str, int]] = []
        self.closed = False

    def values(self, *tags: str) -> list[str]:
        return [v for t, v, _ in self.tags if t in tags and v.strip()]

    def first(self, *tags: str) -> str | None:
        for tag in tags:
            for t, value, _ in self.tags:
                if t == tag and value.strip():
                    return value.strip()
        return None


def _records(text: str) -> tuple[list[_Record], list[Issue]]:
    records: list[_Record] = []
    issues: list[Issue] = []
    current: _Record | None = None
    # only CR and LF end lines (str.splitlines would also split at U+2028, U+0085...)
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        pieces = _unglued(line) if "  - " in line[4:] else [line]
        for piece in pieces:
            match = TAG_LINE.match(piece)
            if match is None:
                if current is not None and current.tags and not current.closed:
                    tag, value, at = current.tags[-1]
                    if tag == "KW":  # EndNote puts further keywords on lines of their own
                        if piece.strip():
                            current.tags.append(("KW", piece.strip(), number))
                    elif tag in MULTILINE_TAGS:
                        current.tags[-1] = (tag, value + "\n" + piece, at)
                    elif piece.strip():
                        joined = f"{value} {RUN_OF_SPACES.sub(' ', piece.strip())}"
                        current.tags[-1] = (tag, joined, at)
                continue  # outside a record: counters and headers ("Record 3 of 18")
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag not in MULTILINE_TAGS:
                value = RUN_OF_SPACES.sub(" ", value)
            if tag == "TY":
                if current is not None and not current.closed:
                    issues.append(_unclosed(current))
                current = _Record(number)
                records.append(current)
            elif current is None or current.closed:
                continue  # a tag before any TY: not part of a record
            if tag == "ER":
                current.closed = True
                continue
            current.tags.append((tag, value, number))
    if current is not None and not current.closed:
        issues.append(_unclosed(current))
    return records, issues


def _unglued(line: str) -> list[str]:
    """The tags glued on a tag line, cut apart; a free-text tag's value (an abstract, a note)
    runs to the end of the line, since its text may itself hold 'XX  - ' (as pubmeta writes
    an abstract whose paragraph starts so, and as prose quoting RIS does)."""
    if not TAG_LINE.match(line):
        return [line]  # a continuation line: its text, whatever it quotes
    pieces: list[str] = []
    start = 0
    for glue in _GLUED.finditer(line):
        if line[start : start + 2] in MULTILINE_TAGS:
            break
        pieces.append(line[start : glue.start()])
        start = glue.end()
    pieces.append(line[start:])
    return pieces


def _unclosed(record: _Record) -> Issue:
    return Issue("ris-unclosed-record", "the record has no ER line; it ends where the next "
                 "begins", "", line=record.line)  # fmt: skip


def read(text: str, suffix: str = "") -> list[Reading]:
    records, issues = _records(text.lstrip("\ufeff"))
    if not records:
        raise FormatError(
            "no RIS record (a 'TY  - ' line starts one)", line=1, column=1, rule="ris-syntax"
        )
    readings = []
    order = name_order(records)
    for record in records:
        own = [i for i in issues if i.line == record.line]
        data, found = native(record, order)
        readings.append(outside(data, own + found, line=record.line))
    return readings


def name_of(value: str, role: str, vancouver_order: bool | None = None) -> dict[str, Any]:
    """A name tag's value as name parts. ``vancouver_order``: whether the file's names without
    a comma are 'Family Initials' ('Smith JA', as MEDLINE prints them: True) or in natural
    order ('J. Smith', 'Anil K': False); None when the file does not tell (then a name of
    that shape is split only when it cannot be read the other way)."""
    # 'Family, Given, Suffix': the parts are separated by a comma and a space; a comma inside
    # a word ('Smith,J.', an organisation '3,4-Dioxane Group') does not separate
    parts = [p.strip() for p in re.split(r",(?= |$)", value.strip())]
    tight = tight_comma(value) if len(parts) == 1 else None
    if tight:
        parts = list(tight)
    if len(parts) == 1:
        if reads_as_organisation(value):
            return {"kind": "organisation", "name": value.strip(), **_role(role)}
        found = vancouver(value) if vancouver_order is not False else None
        if found is not None:
            parts_of, certain = found
            # 'Wei LI' alone: given and family in capitals, or family and initials
            return {**(parts_of if certain or vancouver_order else {"literal": value.strip()}),
                    **_role(role)}  # fmt: skip
        return {**parse_natural(value), **_role(role)}
    family_text, given = parts[0], parts[1]
    person: dict[str, Any] = {**_role(role)}
    if family_text:
        particle, family = split_particle(family_text)
        person["family"] = family
        if particle:
            person["particle"] = particle
    if given:
        person["given"] = given
    if len(parts) > 2 and ", ".join(parts[2:]).strip():
        person["suffix"] = ", ".join(parts[2:]).strip()
    if not (person.get("family") or person.get("given")):
        return {"kind": "organisation", "name": value.strip(), **_role(role)}
    return person


def _role(role: str) -> dict[str, str]:
    return {} if role == "author" else {"role": role}


def native(record: _Record, order: bool | None = None) -> tuple[dict[str, Any], list[Issue]]:
    """One record; ``order``: the file's order of names without a comma (:func:`name_order`)."""
    issues: list[Issue] = []
    type_tag = (record.first("TY") or "").upper()
    record_type = FROM_TYPE.get(type_tag)
    if record_type is None:
        issues.append(Issue("ris-type", f"TY '{type_tag}' is read as 'other'", "/type",
                            line=record.line))  # fmt: skip
        record_type = "other"
    data: dict[str, Any] = {"type": record_type}
    notes: list[str] = []
    if type_tag == "INPR":
        data["status"] = "in-press"
    title = record.first(*TITLE_TAGS)
    if title:
        data["title"] = title
    contributors = _contributors(record, order)
    if contributors:
        data["contributors"] = contributors
    notes.extend(
        f"name '{c['literal']}' kept whole: family name and initials ('Smith JA') or given name "
        "and family name in capitals ('Wei LI') cannot be told apart"
        for c in contributors
        if "literal" in c and vancouver(c["literal"]) is not None
    )
    _container(record, record_type, data)
    _date(record, data, notes)
    _publication_details(record, data)
    _identifiers(record, record_type, data)
    _content(record, data)
    notes += _notes(record)
    unknown = sorted({t for t, v, _ in record.tags if t not in KNOWN and v.strip()})
    if unknown:
        issues.append(Issue("ris-unknown-tag", "tags pubmeta does not read: "
                            + ", ".join(unknown), "", line=record.line))  # fmt: skip
    if notes:
        data["notes"] = notes
    return data, issues


#: The name tags of each role, in the order the record lists them.
_ROLE_TAGS = ((AUTHOR_TAGS, "author"), (EDITOR_TAGS, "editor"), (TRANSLATOR_TAGS, "translator"))


def _contributors(record: _Record, order: bool | None) -> list[dict[str, Any]]:
    return [name_of(v, role, order) for tags, role in _ROLE_TAGS for v in record.values(*tags)]


def name_order(records: list[_Record]) -> bool | None:
    """Whether the names of a file that have no comma are in Vancouver order ('Smith JA':
    True) or natural order ('J. Smith', 'Claude E. Shannon': False), by the names that can
    be read only one way; None when none can."""
    vancouver_names = natural_names = 0
    for record in records:
        for value in record.values(*AUTHOR_TAGS, *EDITOR_TAGS, *TRANSLATOR_TAGS):
            words = value.split()
            if "," in value or len(words) < 2 or reads_as_organisation(value):
                continue
            found = vancouver(value)
            if found is not None:
                vancouver_names += found[1]
            elif words[-1][:1].isupper() and any(map(str.islower, words[-1])):
                natural_names += 1
    if natural_names > vancouver_names:
        return False
    return True if vancouver_names else None


#: Tags read as they are: tag -> record field.
_AS_GIVEN = (("VL", "volume"), ("IS", "issue"), ("PB", "publisher"),
             ("CY", "publisher_place"), ("C7", "article_number"))  # fmt: skip


def _publication_details(record: _Record, data: dict[str, Any]) -> None:
    """Volume, issue, publisher and its place, article number, pages (a range in SP split)
    and series."""
    for tag, key in _AS_GIVEN:
        value = record.first(tag)
        if value:
            data[key] = value
    first, last = record.first("SP"), record.first("EP")
    if first and not last and SP_RANGE.fullmatch(first):
        first, last = (p.strip() for p in SP_RANGE_DASH.split(first, maxsplit=1))
    if first:
        data["pages"] = {"first": first, **({"last": last} if last else {})}
    series = record.first("T3")
    if series:
        data["series"] = {"title": series}


def _content(record: _Record, data: dict[str, Any]) -> None:
    """Abstract, keywords and language."""
    abstract = record.first(*ABSTRACT_TAGS)
    if abstract:
        data["abstract"] = abstract
    keywords = record.values("KW")
    if keywords:
        data["keywords"] = [k.strip() for k in keywords]
    language = record.first("LA")
    if language:
        data["language"] = code_for(language) or language


#: Tags kept as notes, in this order ('N1' as it is, the others named).
_NOTE_TAGS = ("N1", "ST", "M3", "ET", "AD", "DB", "DP")


def _notes(record: _Record) -> list[str]:
    return [
        v.strip() if tag == "N1" else f"{tag}: {v.strip()}"
        for tag in _NOTE_TAGS
        for v in record.values(tag)
    ]


def _container(record: _Record, record_type: str, data: dict[str, Any]) -> None:
    container: dict[str, Any] = {}
    title = record.first(*JOURNAL_TAGS)
    if title and record_type == "book" and not record.first("JF", "JO", "T3"):
        # a book's T2 is its series (Springer's 'Bibliothek des Eigentums') unless T3 says it
        data["series"] = {"title": title}
        title = None
    if title:
        container["title"] = title
        kind = {"article": "journal", "book-chapter": "book",
                "conference-paper": "proceedings"}.get(record_type)  # fmt: skip
        if kind:
            container["kind"] = kind
    abbreviation = record.first(*ABBREVIATION_TAGS)
    if abbreviation:  # as the file gives it, even when it equals the title (J2 = JF)
        container["abbreviated_title"] = abbreviation
    if container:
        data["container"] = container


def _date(record: _Record, data: dict[str, Any], notes: list[str]) -> None:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    for tag in DATE_TAGS:
        for value in record.values(tag):
            parts = [p.strip() for p in value.split("/")]
            if parts and re.fullmatch(r"-?\d{1,4}", parts[0]) and int(parts[0]) != 0:
                if year is None:
                    year = int(parts[0])
                if (
                    year == int(parts[0])
                    and month is None
                    and len(parts) > 1
                    and parts[1].isdigit()
                ):
                    month = int(parts[1])
                    if len(parts) > 2 and parts[2].isdigit():
                        day = int(parts[2])
            elif parts and parts[0].rstrip(".").lower() in MONTHS and month is None:
                month = MONTHS[parts[0].rstrip(".").lower()]  # 'DA  - Jun' beside 'PY  - 2011'
            elif value.strip() not in ("0000", ""):
                notes.append(f"{tag}: {value.strip()}")
    if year is None:
        return
    date, _dropped = PartialDate.salvage(*(p for p in (year, month, day) if p is not None))
    if date is not None:
        data["dates"] = {"published": date.isoformat()}


def _identifiers(record: _Record, record_type: str, data: dict[str, Any]) -> None:
    ids: dict[str, Any] = {}
    doi = record.first("DO")
    urls = [u.strip() for u in record.values("UR", "L2", "L1")]
    if doi:
        ids["doi"] = normalise_doi(doi)
    else:  # exporters that give the DOI only as its https://doi.org/ address (PLOS)
        resolver = next((u for u in urls if "doi.org/10." in u.lower()), None)
        found = find_doi(resolver) if resolver else None
        if found:
            ids["doi"] = found
    if urls:
        ids["urls"] = list(dict.fromkeys(urls))
    provider = (record.first("DP") or record.first("DB") or "").lower()
    accession = record.first("AN")
    if (
        accession
        and re.fullmatch(r"\d{1,9}", accession)
        and any(word in provider for word in ("nlm", "pubmed", "medline"))
    ):
        ids["pmid"] = accession
    pmcid = record.first("C2")
    if pmcid and pmcid.upper().startswith("PMC"):
        ids["pmcid"] = pmcid.split()[0]
    issns: list[str] = []
    isbns: list[str] = []
    for value in record.values("SN"):
        for code in _CODE.findall(value):
            digits = code.replace("-", "")
            (issns if len(digits) == 8 else isbns).append(code)
    if issns:
        container = data.setdefault("container", {})
        container["issn_print"] = issns[0]
        if len(issns) > 1 and issns[1] != issns[0]:
            container["issn_online"] = issns[1]
    if isbns:
        if record_type in ("book-chapter", "conference-paper"):
            data.setdefault("container", {})["isbn_print"] = list(dict.fromkeys(isbns))
        else:
            ids["isbn_print"] = list(dict.fromkeys(isbns))
    if ids:
        data["identifiers"] = ids
