"""Checks the model makes that its field types cannot say, as plain functions.

They live here, apart from :mod:`pubmeta.model`, because the check-only validator
(:mod:`pubmeta.validation.checker`) is kept on disk and names its functions by module: loading
it must not import the model. Each refusal carries the rule id the diagnostics report.
"""

from __future__ import annotations

from typing import Any

_NAME_PARTS = ("family", "given", "literal")


def _refuse(rule: str, message: str) -> Exception:
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(rule.replace("-", "_"), message)


def _said(value: Any) -> bool:
    """A value that says something: anything but absence, null or blank text (a value of
    the wrong type is left for its field's own check to report)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def person_has_a_name(value: Any) -> Any:
    """A person needs a family name, a given name or a literal name: a contributor with only
    a role or an ORCID iD is not a name any format can print."""
    if isinstance(value, dict) and value.get("kind", "person") == "person":
        for part in _NAME_PARTS:  # a loop, not any() over a generator: this runs for every name
            if _said(value.get(part)):
                return value
        raise _refuse("name-empty", "a person needs a name: give family (and given) or literal")
    return value


def thesis_says_something(value: Any) -> Any:
    """Thesis facts need a qualification or an awarding institution."""
    if (
        isinstance(value, dict)
        and not _said(value.get("qualification"))
        and not value.get("awarding_institutions")
    ):
        raise _refuse("thesis-empty", "thesis facts need a qualification or an institution")
    return value


def licence_says_something(value: Any) -> Any:
    """A licence needs its URL or its text: an empty licence is no statement at all."""
    if isinstance(value, dict) and not _said(value.get("url")) and not _said(value.get("text")):
        raise _refuse("license-empty", "a licence needs a url or a text")
    return value


def affiliation_form(value: Any) -> Any:
    """An affiliation without a ROR ID is stored as its name: one form for one meaning. (An
    Affiliation instance is told by its two fields: this module does not import the model.)"""
    if isinstance(value, dict):
        if (
            value.get("ror") is None
            and isinstance(value.get("name"), str)
            and set(value) <= {"name", "ror"}
        ):
            return value["name"]
        return value
    if (
        not isinstance(value, str)
        and getattr(value, "ror", "") is None
        and isinstance(getattr(value, "name", None), str)
    ):
        return value.name
    return value
