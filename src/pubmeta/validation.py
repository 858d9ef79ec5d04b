"""Validation of records: the published schema, the model, and semantic rules, as Issues.

Valid records take the fast path: the pydantic model (or, when no record needs to be built, its
check-only twin in :mod:`pubmeta.checker`), then the semantic rules on the record's fields;
python-jsonschema runs only for records the model refuses, to say precisely why in the terms of
the published schema. Every finding is an :class:`~pubmeta.issues.Issue` with a rule id.

Rule ids
--------
Schema and model (structure): ``unknown-property``, ``required``, ``type``, ``enum``,
``const``, ``min-length``, ``minimum``, ``format``, plus the field-specific ones below when a
pattern fails. Semantic (meaning): ``doi-syntax``, ``issn-checksum``, ``issn-syntax``,
``isbn-checksum``, ``isbn-syntax``, ``orcid-checksum``, ``orcid-syntax``, ``pmid-form``,
``pmcid-form``, ``scopus-eid-form``, ``date-format``, ``date-calendar``, ``date-order``,
``page-order``, ``language-code``, ``name-empty``, ``truncation-flag``; warnings:
``title-missing``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import pairwise
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError as SchemaError
from pydantic import ValidationError

from . import identifiers as ids
from .checker import record_checker
from .dates import PartialDate
from .issues import Issue, Severity, pointer_join
from .languages import is_known_code
from .model import Publication
from .schema import load_schema

#: Rule ids and what they check, for `pubmeta formats`-style listings and the README.
RULES: dict[str, str] = {
    "unknown-property": "a property the schema does not define (the nearest name is suggested)",
    "required": "a required property is missing",
    "type": "a value of the wrong JSON type",
    "enum": "a value outside a controlled vocabulary",
    "const": "a value that must be one fixed word",
    "min-length": "an empty text or list where one is required",
    "minimum": "a number below its minimum",
    "doi-syntax": "DOI is not 10.NNNN/suffix",
    "issn-syntax": "ISSN is not NNNN-NNNC",
    "issn-checksum": "ISSN check character is wrong",
    "isbn-syntax": "ISBN has not 10 or 13 digits",
    "isbn-checksum": "ISBN check digit is wrong",
    "orcid-syntax": "ORCID iD is not 16 characters in four groups",
    "orcid-checksum": "ORCID iD check character (ISO 7064 MOD 11-2) is wrong",
    "pmid-form": "PMID is not 1-9 digits",
    "pmcid-form": "PMCID is not PMC followed by digits",
    "scopus-eid-form": "Scopus EID is not 2-s2.0-digits",
    "date-format": "date is not YYYY, YYYY-MM or YYYY-MM-DD",
    "date-calendar": "date does not exist in the calendar (e.g. 2023-02-30)",
    "date-order": "events out of order (submitted <= accepted <= early online <= published)",
    "page-order": "first page after last page",
    "language-code": "language is not an ISO 639 code",
    "name-empty": "a contributor without a name",
    "truncation-flag": "an omitted-contributor count on a list not marked truncated",
    "title-missing": "(warning) the record has no title",
}

_FIELD_PATTERN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/doi$"), "doi-syntax"),
    (re.compile(r"/issn(_print|_online)?$"), "issn-syntax"),
    (re.compile(r"/isbn_(print|electronic)/\d+$"), "isbn-syntax"),
    (re.compile(r"/orcid$"), "orcid-syntax"),
    (re.compile(r"/pmid$"), "pmid-form"),
    (re.compile(r"/pmcid$"), "pmcid-form"),
    (re.compile(r"/scopus_eid$"), "scopus-eid-form"),
    (re.compile(r"/language$"), "language-code"),
    (re.compile(r"/(dates/\w+|start|end|as_of)$"), "date-format"),
)

_VALIDATOR_RULES = {
    "additionalProperties": "unknown-property",
    "required": "required",
    "type": "type",
    "enum": "enum",
    "const": "const",
    "minLength": "min-length",
    "minItems": "min-length",
    "minimum": "minimum",
    "exclusiveMinimum": "minimum",
    "pattern": "pattern",
}


@lru_cache(maxsize=1)
def schema_validator() -> jsonschema.protocols.Validator:
    schema = load_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


# -- structure ---------------------------------------------------------------------------------


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _rule_value(error: SchemaError) -> Any:
    """The schema keyword's value (typed loosely: it is whatever the schema says)."""
    return error.validator_value


def _instance_keys(error: SchemaError) -> list[str]:
    instance: Any = error.instance
    return [str(k) for k in instance] if isinstance(instance, Mapping) else []


def _subschema(error: SchemaError) -> Mapping[str, Any]:
    return error.schema if isinstance(error.schema, Mapping) else {}


def _leaf_errors(error: SchemaError) -> list[SchemaError]:
    """For oneOf/anyOf failures, the errors of the branch the document evidently meant."""
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return [error]
    by_branch: dict[int, list[SchemaError]] = {}
    for sub in error.context:
        by_branch.setdefault(int(sub.schema_path[0]) if sub.schema_path else 0, []).append(sub)
    meant = [
        subs
        for subs in by_branch.values()
        if not any(
            s.validator in ("type", "const", "enum") and list(s.relative_path) in ([], ["kind"])
            for s in subs
        )
    ]
    if len(meant) != 1:
        expected = [
            str(branch.get("type"))
            for branch in _rule_value(error)
            if isinstance(branch, Mapping) and "type" in branch
        ]
        if not meant and expected and len(expected) == len(_rule_value(error)):
            return [_type_error(error, expected)]
        return [error]
    leaves: list[SchemaError] = []
    for sub in meant[0]:
        leaves.extend(_leaf_errors(sub))
    return leaves


_JSON_TYPE_NAMES = {
    bool: "boolean",
    int: "number",
    float: "number",
    str: "string",
    list: "array",
    dict: "object",
    type(None): "null",
}


def _type_error(error: SchemaError, expected: list[str]) -> SchemaError:
    got = _JSON_TYPE_NAMES.get(type(error.instance), type(error.instance).__name__)
    wanted = (
        " or ".join(("an " if t[0] in "aeiou" else "a ") + t for t in expected if t != "null")
        or "null"
    )
    hint = ""
    if "string" in expected and got in ("number", "boolean"):
        hint = f'; quote it: "{error.instance}"'
    return SchemaError(
        f"{error.instance!r} is a {got}, expected {wanted}{hint}",
        validator="type",
        path=error.relative_path,
        schema_path=error.relative_schema_path,
        instance=error.instance,
        schema=error.schema,
        parent=error.parent,
    )


def _schema_issue(error: SchemaError) -> list[Issue]:
    parts = list(error.absolute_path)
    pointer = pointer_join(*parts)
    validator = str(error.validator)
    if validator == "additionalProperties":
        allowed = sorted(_subschema(error).get("properties", {}))
        extras = [k for k in _instance_keys(error) if k not in allowed]
        return [
            Issue(
                "unknown-property",
                f"unknown property '{extra}'{_suggest(extra, allowed)}",
                pointer_join(*parts, extra),
            )
            for extra in extras
        ]
    if validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        name = missing[0] if missing else ""
        return [Issue("required", f"missing required property '{name}'", pointer)]
    if validator == "pattern":
        rule = next((r for rx, r in _FIELD_PATTERN_RULES if rx.search(pointer)), "pattern")
        described = _subschema(error).get("description", "")
        hint = f" ({described.rstrip('.')})" if described else ""
        return [Issue(rule, f"{error.instance!r} is not an accepted form{hint}", pointer)]
    if validator == "enum":
        options = ", ".join(str(o) for o in _rule_value(error))
        return [Issue("enum", f"{error.instance!r} is not one of: {options}", pointer)]
    if validator == "type" and ", expected " not in error.message:
        wanted = _rule_value(error)
        error = _type_error(error, list(wanted) if isinstance(wanted, list) else [str(wanted)])
    rule = _VALIDATOR_RULES.get(validator, validator)
    return [Issue(rule, error.message, pointer)]


def schema_issues(data: Any) -> list[Issue]:
    """Issues of the published JSON Schema, one per concrete problem."""
    found: list[Issue] = []
    for error in schema_validator().iter_errors(data):
        for leaf in _leaf_errors(error):
            found.extend(_schema_issue(leaf))
    return found


_PYDANTIC_RULES = {
    "date_calendar": "date-calendar",
    "date_format": "date-format",
    "date_type": "type",
    "extra_forbidden": "unknown-property",
    "missing": "required",
    "string_pattern_mismatch": "pattern",
    "literal_error": "const",
    "enum": "enum",
}


def model_issues(error: ValidationError) -> list[Issue]:
    found = []
    for detail in error.errors(include_url=False):
        location = [
            p
            for p in detail["loc"]
            if not (isinstance(p, str) and (p in ("person", "organisation") or "[" in p))
        ]
        rule = _PYDANTIC_RULES.get(detail["type"], detail["type"].replace("_", "-"))
        found.append(Issue(rule, detail["msg"], pointer_join(*location)))
    return found


def structure_issues(data: Any, error: ValidationError) -> list[Issue]:
    """Why the model refused ``data``: the schema's findings, plus what only the model checks."""
    from_schema = schema_issues(data)
    covered = {i.pointer for i in from_schema}
    extra = [
        i
        for i in model_issues(error)
        if i.pointer not in covered and not any(i.pointer.startswith(c + "/") for c in covered)
    ]
    return from_schema + extra


# -- meaning -----------------------------------------------------------------------------------


def _fields(part: Any) -> Mapping[str, Any]:
    """The fields of a record or a part of it, whether a model instance or the plain dict the
    check-only validator (:mod:`pubmeta.checker`) makes of it. The rules read only through
    this, so an absent field and a field at its default (None, empty, False) read the same."""
    # a model instance keeps its field values in its __dict__: reading it copies nothing
    return part if type(part) is dict else part.__dict__


def semantic_issues(record: Publication | Mapping[str, Any]) -> list[Issue]:
    """The rules no schema can say: check digits, real codes, orders, names."""
    # Run for every record of a big file: each rule first asks the cheap question (is the
    # field there?) and builds nothing when the answer is no.
    fields = _fields(record)
    found: list[Issue] = []
    title = fields.get("title")
    if title is None or not title.strip():
        found.append(Issue("title-missing", "the record has no title", "/title", Severity.WARNING))
    found.extend(_part_issues(fields, _IDENTIFYING_PARTS))
    contributors = fields.get("contributors")
    if contributors:
        found.extend(_contributors_issues(contributors))
    language = fields.get("language")
    if language is not None and not is_known_code(language):
        found.append(
            Issue("language-code", f"'{language}' is not an ISO 639 language code", "/language")
        )
    found.extend(_part_issues(fields, _ORDERED_PARTS))
    if fields.get("contributors_omitted") is not None and not fields.get("contributors_truncated"):
        found.append(
            Issue(
                "truncation-flag",
                "contributors_omitted is set but contributors_truncated is false",
                "/contributors_omitted",
            )
        )
    return found


PartRule = Callable[[Mapping[str, Any]], Iterable[Issue]]


def _part_issues(fields: Mapping[str, Any], rules: tuple[tuple[str, PartRule], ...]) -> list[Issue]:
    """The rules of the parts (``identifiers``, ``dates``, ...) a record has, in order."""
    found: list[Issue] = []
    for name, rule in rules:
        part = fields.get(name)
        if part is not None:
            found.extend(rule(_fields(part)))
    return found


def _contributors_issues(contributors: list[Any]) -> list[Issue]:
    found: list[Issue] = []
    for index, contributor in enumerate(contributors):
        person = contributor if type(contributor) is dict else contributor.__dict__
        # the common case, a named person without an ORCID iD, costs three lookups
        family = person.get("family")
        if family and person.get("orcid") is None and not family.isspace():
            continue
        found.extend(_contributor_issues(person, index))
    return found


def _identifier_issues(identifiers: Mapping[str, Any]) -> list[Issue]:
    found: list[Issue] = []
    doi = identifiers.get("doi")
    if doi is not None and not ids.is_valid_doi(doi):
        found.append(
            Issue(
                "doi-syntax", f"'{doi}' is not a DOI of the form 10.NNNN/suffix", "/identifiers/doi"
            )
        )
    found.extend(_isbn_lists(identifiers, "identifiers"))
    return found


def _container_issues(container: Mapping[str, Any]) -> list[Issue]:
    found: list[Issue] = []
    for field in ("issn_print", "issn_online"):
        value = container.get(field)
        if value is not None and not ids.is_valid_issn(value):
            found.append(_issn_issue(value, pointer_join("container", field)))
    found.extend(_isbn_lists(container, "container"))
    return found


def _isbn_lists(part: Mapping[str, Any], where: str) -> list[Issue]:
    """Both ISBN lists of a part: the work's own (identifiers) or its host's (container)."""
    found: list[Issue] = []
    for field in ("isbn_print", "isbn_electronic"):
        isbns = part.get(field)
        if isbns:
            for index, value in enumerate(isbns):
                found.extend(_isbn(value, pointer_join(where, field, index)))
    return found


def _series_issues(series: Mapping[str, Any]) -> Iterator[Issue]:
    issn = series.get("issn")
    if issn and not ids.is_valid_issn(issn):
        yield _issn_issue(issn, "/series/issn")


def _issn_issue(value: str, pointer: str) -> Issue:
    return Issue("issn-checksum", f"ISSN {value} has a wrong check character", pointer)


def _isbn(value: str, pointer: str) -> Iterator[Issue]:
    if len(value) not in (10, 13):
        yield Issue("isbn-syntax", f"ISBN {value} has {len(value)} digits, not 10 or 13", pointer)
    elif not ids.is_valid_isbn(value):
        yield Issue("isbn-checksum", f"ISBN {value} has a wrong check digit", pointer)


def _contributor_issues(contributor: Mapping[str, Any], index: int) -> Iterator[Issue]:
    base = ("contributors", index)
    if contributor.get("kind") == "organisation":
        if not contributor["name"].strip():
            yield Issue("name-empty", "organisation name is blank", pointer_join(*base, "name"))
        return
    if not any((contributor.get(part) or "").strip() for part in ("family", "literal", "given")):
        yield Issue(
            "name-empty",
            "person has no name: give family (and given) or literal",
            pointer_join(*base),
        )
    orcid = contributor.get("orcid")
    if orcid is not None and not ids.is_valid_orcid(orcid):
        yield Issue(
            "orcid-checksum",
            f"ORCID iD {orcid} has a wrong check character",
            pointer_join(*base, "orcid"),
        )


_EVENT_ORDER = ("submitted", "accepted", "early_online", "published")


def _event_order(dates: Mapping[str, Any]) -> Iterator[Issue]:
    if len(dates) < 2:
        return  # one dated event (the usual record) has no order to break
    known: list[tuple[str, PartialDate]] = [
        (name, value) for name in _EVENT_ORDER if (value := dates.get(name)) is not None
    ]
    for (earlier_name, earlier), (later_name, later) in pairwise(known):
        if not earlier.may_precede(later):
            yield Issue(
                "date-order",
                f"{earlier_name.replace('_', ' ')} {earlier} is after "
                f"{later_name.replace('_', ' ')} {later}",
                pointer_join("dates", later_name),
            )


def _event_span(event: Mapping[str, Any]) -> Iterator[Issue]:
    start, end = event.get("start"), event.get("end")
    if start and end and not start.may_precede(end):
        yield Issue("date-order", f"event starts {start} after it ends {end}", "/event/end")


def _page_order(pages: Mapping[str, Any]) -> Iterator[Issue]:
    first, last = pages["first"], pages.get("last")
    if last is not None and first.isdigit() and last.isdigit() and int(first) > int(last):
        yield Issue("page-order", f"first page {first} is after last page {last}", "/pages")


#: Parts checked before the contributors (what identifies the work and its host) and after
#: them (what must be in order), each by its rule; the order is the order of the findings.
_IDENTIFYING_PARTS: tuple[tuple[str, PartRule], ...] = (
    ("identifiers", _identifier_issues),
    ("container", _container_issues),
    ("series", _series_issues),
)
_ORDERED_PARTS: tuple[tuple[str, PartRule], ...] = (
    ("dates", _event_order),
    ("event", _event_span),
    ("pages", _page_order),
)


def check_data(data: Any) -> tuple[Publication | None, list[Issue]]:
    """Validate one record in its native (JSON-like) form: the record if it loads, and issues."""
    try:
        record = Publication.model_validate(data)
    except ValidationError as error:
        return None, structure_issues(data, error)
    return record, semantic_issues(record)


def check_json(
    line: str | bytes, *, build: bool = True
) -> tuple[Publication | None, list[Issue]] | None:
    """Fast path for one JSON text; None when the model refuses it (take the slow path).

    With ``build=False`` the record is checked exactly as the model would check it but not
    built (the first item is None): what validation alone needs, at about half the cost.
    """
    try:
        if build:
            record = Publication.model_validate_json(line)
            return record, semantic_issues(record)
        fields = record_checker().validate_json(line)
    except ValidationError:
        return None
    return None, semantic_issues(fields)
