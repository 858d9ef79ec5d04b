"""Diagnostics as data: where (file, line, column, JSON pointer), which rule, how bad, and why.

Modelled on python-jsonschema's errors-as-data, written for the person who reads them. Every
rule id pubmeta can emit is registered once in :data:`RULES` with its severity and what it
checks; README's rule list is generated from it, and an :class:`Issue` with an unregistered
rule id cannot be made.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Group(str, Enum):
    """Where a rule belongs, for listings (README, ``pubmeta formats``)."""

    INPUT = "input"  # the bytes: encoding, syntax, size
    STRUCTURE = "structure"  # the published schema and the model
    MEANING = "meaning"  # semantic rules on a record the model accepts
    READER = "reader"  # what a reader of an outside format could not place
    RUN = "run"  # ingest and the command line


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    group: Group
    summary: str
    #: A finding under this rule says the input is not a readable document at all (no record
    #: to judge): ``pubmeta.read`` raises FormatError for it, not InvalidRecordError.
    unreadable: bool = False


def _unreadable(rule_id: str, group: Group, summary: str) -> Rule:
    """An error that says the input is no readable document (see Rule.unreadable)."""
    return Rule(rule_id, Severity.ERROR, group, summary, unreadable=True)


_E, _W = Severity.ERROR, Severity.WARNING
_RULE_LIST: tuple[Rule, ...] = (
    # input
    Rule("io-error", _E, Group.INPUT, "the file or folder cannot be read"),
    _unreadable("encoding", Group.INPUT, "the bytes are not UTF-8"),
    _unreadable("too-large", Group.INPUT, "the input is over the size limit"),
    _unreadable("too-deep", Group.INPUT, "the input is nested deeper than the limit"),
    _unreadable("number-too-long", Group.INPUT, "a number has more digits than can be read safely"),
    _unreadable("json-syntax", Group.INPUT, "malformed JSON"),
    _unreadable("duplicate-key", Group.INPUT, "a JSON or YAML mapping names a key twice"),
    _unreadable("yaml-syntax", Group.INPUT, "malformed YAML"),
    _unreadable("yaml-alias", Group.INPUT, "a YAML alias would expand beyond the size limit"),
    _unreadable("xml-syntax", Group.INPUT, "malformed XML"),
    _unreadable("xml-entity", Group.INPUT, "an XML entity that cannot be expanded safely"),
    _unreadable("empty", Group.INPUT, "the document holds no record"),
    _unreadable("format", Group.INPUT, "the format of the document cannot be told"),
    Rule("manifest-missing", _E, Group.INPUT, "a file a snapshot's manifest lists is not there"),
    Rule("manifest-size", _E, Group.INPUT, "a snapshot file's size is not its manifest's"),
    Rule("manifest-checksum", _E, Group.INPUT, "a snapshot file's checksum is not its manifest's"),
    Rule("manifest-count", _E, Group.INPUT, "a snapshot file's records are not as many as listed"),
    Rule("manifest-unreadable", _E, Group.INPUT, "a snapshot's manifest or merged ids unreadable"),
    # structure
    Rule("unknown-property", _E, Group.STRUCTURE, "a property the schema does not define"),
    Rule("required", _E, Group.STRUCTURE, "a required property is missing"),
    Rule("type", _E, Group.STRUCTURE, "a value of the wrong JSON type"),
    Rule("enum", _E, Group.STRUCTURE, "a value outside a controlled vocabulary"),
    Rule("const", _E, Group.STRUCTURE, "a value that must be one fixed word"),
    Rule("min-length", _E, Group.STRUCTURE, "an empty text or list where one is required"),
    Rule("minimum", _E, Group.STRUCTURE, "a number below its minimum"),
    Rule("maximum", _E, Group.STRUCTURE, "a number above its maximum"),
    Rule("pattern", _E, Group.STRUCTURE, "a text not of the form the schema asks for"),
    Rule("text-blank", _E, Group.STRUCTURE, "a text without a visible character"),
    Rule(
        "text-control-character",
        _E,
        Group.STRUCTURE,
        "a text holding a control character no format can carry (XML 1.0 forbids it)",
    ),
    Rule("name-empty", _E, Group.STRUCTURE, "a person without family, given or literal name"),
    Rule("license-empty", _E, Group.STRUCTURE, "a licence with neither URL nor text"),
    Rule("thesis-empty", _E, Group.STRUCTURE, "thesis facts with neither degree nor institution"),
    Rule("date-format", _E, Group.STRUCTURE, "date is not [-]YYYY, [-]YYYY-MM or [-]YYYY-MM-DD"),
    Rule("date-calendar", _E, Group.STRUCTURE, "date does not exist in the calendar"),
    Rule("model", _E, Group.STRUCTURE, "a value the model refuses for another reason"),
    Rule("unique-items", _E, Group.STRUCTURE, "a list holds the same item twice"),
    Rule("one-of", _E, Group.STRUCTURE, "a value fits more than one of the forms allowed"),
    # meaning
    Rule("doi-syntax", _E, Group.MEANING, "DOI is not 10.NNNN/suffix"),
    Rule("issn-syntax", _E, Group.MEANING, "ISSN is not NNNN-NNNC"),
    Rule("issn-checksum", _E, Group.MEANING, "ISSN check character is wrong"),
    Rule("isbn-syntax", _E, Group.MEANING, "ISBN has not 10 or 13 digits"),
    Rule("isbn-checksum", _E, Group.MEANING, "ISBN check digit is wrong"),
    Rule("orcid-syntax", _E, Group.MEANING, "ORCID iD is not 16 characters in four groups"),
    Rule("orcid-checksum", _E, Group.MEANING, "ORCID iD check character (ISO 7064) is wrong"),
    Rule("url-syntax", _E, Group.STRUCTURE, "a URL that is not an absolute URI without spaces"),
    Rule("ror-syntax", _E, Group.MEANING, "ROR ID is not 0 + 6 characters + 2 check digits"),
    Rule("ror-checksum", _E, Group.MEANING, "ROR ID check digits (ISO 7064 MOD 97-10) are wrong"),
    Rule("pmid-form", _E, Group.MEANING, "PMID is not 1-9 digits"),
    Rule("pmcid-form", _E, Group.MEANING, "PMCID is not PMC followed by digits"),
    Rule("scopus-eid-form", _E, Group.MEANING, "Scopus EID is not 2-s2.0-digits"),
    Rule(
        "date-order",
        _E,
        Group.MEANING,
        "events out of order (submitted <= accepted <= early online <= published)",
    ),
    Rule("page-order", _E, Group.MEANING, "first page after last page"),
    Rule("language-code", _E, Group.MEANING, "language is not an ISO 639 code"),
    Rule("truncation-flag", _E, Group.MEANING, "an omitted-contributor count on a complete list"),
    Rule("title-missing", _W, Group.MEANING, "the record has no title"),
    # readers of outside formats
    Rule("value-kept-as-note", _W, Group.READER, "a value the record refuses, kept in notes"),
    _unreadable("unreadable-record", Group.READER, "the values found do not make a record"),
    Rule("date-part-dropped", _W, Group.READER, "an impossible part of a date was left out"),
    _unreadable("csl-item", Group.READER, "a CSL-JSON item that is not an object"),
    Rule("csl-ignored-key", _W, Group.READER, "a key that is not a CSL variable pubmeta reads"),
    Rule("csl-type", _W, Group.READER, "a CSL type pubmeta reads as 'other'"),
    Rule("csl-season", _W, Group.READER, "a season the record cannot hold"),
    Rule("csl-unparsed-date", _W, Group.READER, "a CSL date pubmeta cannot read"),
    Rule("csl-unknown-value", _W, Group.READER, "a CSL value pubmeta does not know"),
    _unreadable("jats-not-an-article", Group.READER, "the XML holds no JATS article"),
    _unreadable("jats-no-front", Group.READER, "the article has no front matter"),
    Rule("jats-kept-as-note", _W, Group.READER, "JATS content with no record field, in notes"),
    Rule("jats-custom-meta", _W, Group.READER, "a pubmeta custom-meta value of the wrong shape"),
    _unreadable("dc-no-record", Group.READER, "the XML holds no oai_dc record"),
    Rule("dc-deleted-record", _W, Group.READER, "an OAI-PMH record marked deleted"),
    Rule("dc-unknown-value", _W, Group.READER, "a Dublin Core value pubmeta cannot place"),
    Rule("dc-unknown-element", _W, Group.READER, "an element that is not Dublin Core"),
    _unreadable("pure-binary", Group.READER, "binary data, not page text"),
    _unreadable("pure-not-a-record", Group.READER, "no research-output record on the page"),
    Rule("pure-unknown-line", _W, Group.READER, "a line the Pure reader does not understand"),
    Rule("pure-unknown-value", _W, Group.READER, "a value the reader cannot place, kept in notes"),
    Rule("pure-empty-value", _W, Group.READER, "a label without its value"),
    Rule("pure-repeated-label", _W, Group.READER, "a label given twice (the first is kept)"),
    Rule("pure-unparsed-date", _W, Group.READER, "a date it cannot read, kept in notes"),
    Rule("pure-truncated", _W, Group.READER, "the page text is cut off"),
    _unreadable("bibtex-syntax", Group.READER, "malformed BibTeX"),
    Rule("bibtex-undefined-macro", _W, Group.READER, "a @string macro that is not defined"),
    Rule("bibtex-missing-crossref", _W, Group.READER, "a crossref to an entry not in the file"),
    Rule("bibtex-unknown-field", _W, Group.READER, "a BibTeX field pubmeta does not read"),
    Rule("bibtex-type", _W, Group.READER, "a BibTeX entry type read as 'other'"),
    _unreadable("ris-syntax", Group.READER, "no RIS record (TY ... ER) in the document"),
    Rule("ris-unknown-tag", _W, Group.READER, "a RIS tag pubmeta does not read"),
    Rule("ris-unclosed-record", _W, Group.READER, "a RIS record without its ER line"),
    Rule("ris-type", _W, Group.READER, "a RIS type read as 'other'"),
    _unreadable("crossref-not-a-work", Group.READER, "the document holds no Crossref work"),
    _unreadable("datacite-not-a-resource", Group.READER, "the document holds no DataCite record"),
    _unreadable("openalex-not-a-work", Group.READER, "the document holds no OpenAlex work"),
    Rule("source-field-ignored", _W, Group.READER, "a field of the source pubmeta does not read"),
    Rule("cff-version", _E, Group.READER, "a cff-version the official schemas do not define"),
    Rule(
        "cff-old-version",
        _W,
        Group.READER,
        "a CITATION.cff of cff-version 1.0.3 or 1.1.0 (read; the 1.2.0 schema refuses it)",
    ),
    Rule(
        "cff-licence-deprecated",
        _W,
        Group.READER,
        "a CITATION.cff licence id SPDX has deprecated (GPL-2.0 for GPL-2.0-only)",
    ),
    Rule(
        "cff-citation-incomplete",
        _W,
        Group.READER,
        "a preferred-citation lacking what a citation of its type needs (an article's journal)",
    ),
    # runs
    Rule("unwritable", _E, Group.RUN, "the record cannot be written in a target format"),
    Rule("worker-died", _E, Group.RUN, "processing the record killed the worker process"),
    Rule("internal-error", _E, Group.RUN, "pubmeta failed unexpectedly on this input"),
)

#: rule id -> rule; the one registry (README's list is generated from it).
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULE_LIST}

#: Longest value quoted whole in a message; longer ones are cut, so a message stays readable
#: (and small) whatever the input holds.
QUOTE_LIMIT = 80


def quote(value: Any, limit: int = QUOTE_LIMIT) -> str:
    """``repr`` of a value for a message, cut to ``limit`` characters."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        shown = repr(value)
    else:
        shown = repr(value) if _small(value) else f"<{type(value).__name__}>"
    if len(shown) > limit:
        shown = (
            shown[: limit - 5] + "...' " if shown.startswith("'") else shown[: limit - 4] + " ..."
        )
        shown = shown.rstrip()
    return shown


def _small(value: Any, budget: int = 64) -> bool:
    """Whether a nested value is small enough to print (a YAML alias bomb is not)."""
    stack = [value]
    while stack:
        item = stack.pop()
        budget -= 1
        if budget < 0:
            return False
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return True


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about one place in one record.

    ``pointer`` is an RFC 6901 JSON pointer into the record's native form (``/dates/published``),
    ``""`` for the record as a whole. ``line``/``column`` are 1-based places in the source text.
    The severity is the rule's unless given.
    """

    rule: str
    message: str
    pointer: str = ""
    severity: Severity | None = None
    path: str | None = None
    line: int | None = None
    column: int | None = None
    record: int | None = None

    def __post_init__(self) -> None:
        registered = RULES.get(self.rule)
        if registered is None:
            raise ValueError(f"unregistered rule id {self.rule!r} (add it to RULES)")
        if self.severity is None:
            object.__setattr__(self, "severity", registered.severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at(self, line: int | None, column: int | None) -> Issue:
        return replace(self, line=line, column=column)

    def in_file(self, path: str | None, record: int | None = None) -> Issue:
        return replace(self, path=path, record=record)

    def under(self, prefix: str) -> Issue:
        """The same issue with its pointer inside ``prefix`` (e.g. an item of an array)."""
        return replace(self, pointer=prefix + self.pointer)

    def format(self) -> str:
        """``PATH:LINE:COL: /pointer: message [rule-id]`` (warnings say so)."""
        where = f"{self.path or '<input>'}:{self.line or 1}:{self.column or 1}"
        pointer = self.pointer or "/"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {pointer}: {prefix}{self.message} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "rule": self.rule,
            "severity": self.severity.value if self.severity else "error",
            "message": self.message,
            "record": self.record,
        }


def pointer_join(*parts: str | int) -> str:
    """JSON pointer from path parts, escaping ``~`` and ``/`` as RFC 6901 requires."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def pointer_parts(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def rules_markdown() -> str:
    """README's rule list, by group."""
    lines = []
    for group in Group:
        rules = [r for r in _RULE_LIST if r.group is group]
        entries = ", ".join(
            f"`{r.id}`{' (warning)' if r.severity is Severity.WARNING else ''}: {r.summary}"
            for r in rules
        )
        lines.append(f"- **{group.value}**: {entries}.")
    return "\n".join(lines) + "\n"
