"""What is wrong with a CITATION.cff: the official schema's findings and the semantic rules, each
placed at its line and column.

Errors and warnings (what GitHub's "Cite this repository" still shows is a warning where that is
what the file's maintainer needs):

- cff-version 1.2.0: every finding of the official 1.2.0 schema is an error (GitHub shows an
  invalid file as an error message, not as a citation).
- cff-version 1.0.3 or 1.1.0: one warning (``cff-old-version``) at the version: the file is
  read, the 1.2.0 schema refuses it, and the semantic rules below still apply.
- any other cff-version (1.3.0 of the unreleased draft, a typo, none): an error
  (``cff-version``), and the file is checked against the 1.2.0 schema.
- semantic rules: ORCID and ISSN check characters (``orcid-checksum``, ``issn-checksum``; such
  a value is reported here and kept in the record's notes, not carried), DOI syntax
  (``doi-syntax``, where the schema's own pattern was not applied), a real ``date-released``
  (the schema's ``date`` format), and a ``preferred-citation`` of a type without what a
  citation of it needs
  (``cff-citation-incomplete``, a warning: the schema does not ask for it), and a licence id
  SPDX has deprecated (``cff-licence-deprecated``, a warning: CFF 1.2.0's list still takes it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ... import identifiers as ids
from ...diagnostics import Issue, Severity, pointer_join, quote
from . import licences
from .check import Validator
from .mapping import REFERENCE_NEEDS, VERSION_WRITTEN, VERSIONS_READ

_validator: list[Validator] = []


def validator() -> Validator:
    if not _validator:
        from .schema import official_schema

        _validator.append(Validator(official_schema()))
    return _validator[0]


def findings(document: Any) -> list[tuple[str, str, str, Severity]]:
    """(pointer, rule, message, severity) of a loaded CFF document."""
    found: list[tuple[str, str, str, Severity]] = []
    version = document.get("cff-version") if isinstance(document, dict) else None
    version = str(version) if version is not None else None
    old = version in VERSIONS_READ and version != VERSION_WRITTEN
    if old:
        found.append(("/cff-version", "cff-old-version",
                      f"cff-version {version} is read, but the official schema of "
                      f"{VERSION_WRITTEN} refuses it: update the file to cff-version "
                      f"{VERSION_WRITTEN}", Severity.WARNING))  # fmt: skip
    else:
        for pointer, rule, message in validator().findings(document):
            if pointer == "/cff-version" and rule == "pattern":
                continue  # said once, by the rule below
            if rule == "enum" and re.search(r"/license(/[0-9]+)?$", pointer):
                message += _licence_hint(document, pointer)
            found.append((pointer, rule, message, Severity.ERROR))
        if isinstance(document, dict) and version != VERSION_WRITTEN:
            said = "no cff-version" if version is None else f"cff-version {quote(version)}"
            found.append(("/cff-version" if version is not None else "", "cff-version",
                          f"{said}: pubmeta knows {', '.join(VERSIONS_READ)} "
                          f"(write {VERSION_WRITTEN})", Severity.ERROR))  # fmt: skip
    if isinstance(document, dict):
        found.extend((p, r, m, Severity.ERROR) for p, r, m in _semantic(document, old))
        found.extend(_citation_needs(document.get("preferred-citation")))
        found.extend((p, r, m, Severity.WARNING) for p, r, m in _deprecated_licences(document))
    return found


def file_issues(document: Any, root: Any) -> list[Issue]:
    """The findings as issues at their places (``root``: the file's composed YAML nodes)."""
    found = findings(document)
    if not found:
        return []
    from .yaml12 import locators

    value_at, key_at = locators(root)
    issues: list[Issue] = []
    for pointer, rule, message, severity in found:
        locate = key_at if rule == "unknown-property" else value_at
        try:
            line, column = locate(pointer)
        except Exception:  # a place is a courtesy: never let finding it hide the finding
            line, column = 1, 1
        issues.append(Issue(rule, message, pointer, severity, line=line, column=column))
    return sorted(issues, key=lambda i: (i.line or 0, i.column or 0))


def _semantic(document: dict[str, Any], old: bool) -> Iterator[tuple[str, str, str]]:
    for pointer, key, value in _walk(document, ""):
        if not isinstance(value, str):
            continue
        if key == "orcid" and re.fullmatch(ids.ORCID_PATTERN, value.strip()):
            if not ids.is_valid_orcid(ids.normalise_orcid(value)):
                yield (
                    pointer,
                    "orcid-checksum",
                    (
                        f"{quote(value)}: the check character is wrong (ISO 7064 11,2); "
                        "copy the iD from orcid.org"
                    ),
                )
        elif key == "issn" and re.fullmatch(ids.ISSN_PATTERN, value):
            if not ids.is_valid_issn(value):
                yield pointer, "issn-checksum", f"{quote(value)}: the check character is wrong"
        elif key == "doi" and old and not ids.is_valid_doi(value):
            yield pointer, "doi-syntax", f"{quote(value)} is not a DOI (10.NNNN/suffix)"
        elif key == "date-released" and old and _not_a_day(value):
            yield pointer, "date-calendar", f"{quote(value)} is not a real date YYYY-MM-DD"


def _deprecated_licences(document: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """Licence ids SPDX has since deprecated (GPL-2.0, LGPL-3.0, ...): CFF 1.2.0's list, from
    2021, still takes them, but they no longer say which terms apply (only / or later). The
    current ids come from SPDX's licence list as the license-expression package keeps it."""
    for pointer, key, value in _walk(document, ""):
        if key != "license" and not re.search(r"/license/[0-9]+$", pointer):
            continue
        if not isinstance(value, str):
            continue
        current = licences.current_id(value.strip())
        if current is not None and current in _cff_licence_ids():  # advice the schema takes
            yield (
                pointer,
                "cff-licence-deprecated",
                f"{quote(value)} is a deprecated SPDX licence id: write {quote(current)} "
                "(the id SPDX now gives these terms)",
            )


def _cff_licence_ids() -> frozenset[str]:
    return frozenset(validator().root["definitions"]["license-enum"]["enum"])


def _licence_hint(document: Any, pointer: str) -> str:
    """What to write instead of an SPDX expression: CFF takes a list of ids (read as OR)."""
    node = document
    for part in pointer.strip("/").split("/"):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, str) and re.search(r"\s(OR|AND|WITH)\s", node):
        ids_ = [i.strip("() ") for i in re.split(r"\s+OR\s+", node)]
        if " AND " not in node and " WITH " not in node:
            return f"; CFF takes a list of SPDX ids for a choice of licences: {ids_}"
        return "; CFF takes SPDX ids only (a list means a choice), not AND or WITH expressions"
    return " (an SPDX licence id of CFF 1.2.0's list, e.g. 'MIT', 'Apache-2.0')"


def _not_a_day(value: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        return True
    return False


def _walk(node: Any, at: str) -> Iterator[tuple[str, str, Any]]:
    stack = [(node, at)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                inner = where + pointer_join(str(key))
                if isinstance(value, (dict, list)):
                    stack.append((value, inner))
                else:
                    yield inner, str(key), value
        elif isinstance(item, list):
            for index, value in enumerate(item):
                inner = where + pointer_join(index)
                if isinstance(value, (dict, list)):
                    stack.append((value, inner))
                else:  # a list's own values (licences, keywords): their key is their index
                    yield inner, str(index), value


def _citation_needs(cited: Any) -> Iterator[tuple[str, str, str, Severity]]:
    if not isinstance(cited, dict):
        return
    kind = cited.get("type")
    for group in REFERENCE_NEEDS.get(str(kind), ()):
        if not any(cited.get(key) not in (None, "") for key in group):
            said = " or ".join(f"'{key}'" for key in group)
            yield ("/preferred-citation", "cff-citation-incomplete",
                   f"a preferred citation of type {kind} needs {said} to be cited",
                   Severity.WARNING)  # fmt: skip
