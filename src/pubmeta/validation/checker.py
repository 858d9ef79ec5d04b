"""Checking a record without building it: the model's own validator, made to produce dicts.

``pubmeta validate`` needs a verdict and the findings, not :class:`~pubmeta.model.Publication`
instances, and on a seed-sized record pydantic spends about a third of its time creating
instances and filling in defaults. This module rewrites the model's core schema so that every
model becomes a typed dict of the same fields. Everything that decides acceptance is the
model's own: the field schemas, their patterns, strictness, normalising validators, whitespace
stripping and the refusal of unknown properties are the very objects the model uses; only
instance creation and defaults are gone (an absent field stays absent). A law in
``tests/test_checker.py`` holds the two to the same verdicts and the same values.

The rewrite refuses model features whose meaning it would change (aliases, validators on
whole models, computed fields, ...), so the model cannot grow one without this failing loudly
when the checker is built (once a process, never read from disk).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from pydantic_core import SchemaValidator

# The keys of pydantic-core's model schemas this rewrite understands (besides "metadata",
# which only feeds JSON Schema); any other key is a feature a typed dict would not honour.
_MODEL_KEYS = frozenset({"type", "cls", "schema", "config", "custom_init", "root_model", "ref"})
_MODEL_FIELDS_KEYS = frozenset({"type", "fields", "model_name", "computed_fields"})
_MODEL_FIELD_KEYS = frozenset({"type", "schema"})
_FUNCTION_KINDS = frozenset({"function-after", "function-wrap"})
_DEFAULT_KEYS = frozenset(
    {"type", "schema", "default", "default_factory", "default_factory_takes_data"}
)


class UnsupportedModelError(TypeError):
    """The model uses a feature the check-only validator cannot reproduce exactly."""


def check_only_schema(schema: Any) -> Any:
    """The core schema with each model turned into a typed dict of the same field schemas."""
    if isinstance(schema, list):
        return [check_only_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if kind == "model":
        return _typed_dict(schema)
    inner = schema.get("schema")
    if (
        kind in _FUNCTION_KINDS
        and isinstance(inner, dict)
        and inner.get("type") in ("model", "definition-ref")
    ):
        # a validator given the model instance (mode="after" model validators, or one
        # annotated on a nested model) would be handed a dict
        function = schema.get("function")
        if isinstance(function, dict):
            function = function.get("function")
        name = getattr(function, "__qualname__", "a validator")
        raise UnsupportedModelError(f"{name} needs model instances")
    return {key: check_only_schema(value) for key, value in schema.items()}


def _typed_dict(model: dict[str, Any]) -> dict[str, Any]:
    name = getattr(model.get("cls"), "__name__", "a model")
    _refuse_unknown(model, _MODEL_KEYS, name)
    if model.get("custom_init") or model.get("root_model"):
        raise UnsupportedModelError(f"{name}: custom __init__ or root models are not supported")
    fields_schema = model["schema"]
    if fields_schema.get("type") != "model-fields":
        raise UnsupportedModelError(f"{name}: validators around the whole model are not supported")
    _refuse_unknown(fields_schema, _MODEL_FIELDS_KEYS, name)
    if fields_schema.get("computed_fields"):
        raise UnsupportedModelError(f"{name}: computed fields are not supported")
    config = dict(model.get("config", {}))
    fields = {}
    for field_name, field in fields_schema["fields"].items():
        _refuse_unknown(field, _MODEL_FIELD_KEYS, f"{name}.{field_name}")
        inner = field["schema"]
        required = True
        if inner.get("type") == "default":
            _refuse_unknown(inner, _DEFAULT_KEYS, f"{name}.{field_name}")
            inner = inner["schema"]
            required = False
        fields[field_name] = {
            "type": "typed-dict-field",
            "schema": check_only_schema(inner),
            "required": required,
        }
    typed: dict[str, Any] = {
        "type": "typed-dict",
        "fields": fields,
        "config": config,
        "extra_behavior": config.get("extra_fields_behavior", "ignore"),
        # named as the model, so a union names its branch as the model does
        "cls_name": name,
    }
    if "ref" in model:
        typed["ref"] = model["ref"]
    return typed


def _refuse_unknown(schema: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    unknown = set(schema) - known - {"metadata"}
    if unknown:
        raise UnsupportedModelError(f"{where}: schema keys {sorted(unknown)} are not supported")


def fresh_schema() -> Any:
    """The check-only schema, built from the model now."""
    from ..model import Publication

    return check_only_schema(Publication.__pydantic_core_schema__)


@lru_cache(maxsize=1)
def record_checker() -> SchemaValidator:
    """Validates a native record as :class:`~pubmeta.model.Publication` does, returning its
    fields as dicts. Built from the model in this process, never read from disk: a file a
    user (or anyone who can write their cache) could change must not decide a verdict."""
    return SchemaValidator(fresh_schema())
