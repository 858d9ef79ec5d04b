"""The Arrow schema of pubmeta's Parquet and Arrow output, derived from the record model.

One fixed schema, whatever the data: every field of :class:`~pubmeta.model.Publication` is a
column, nested as the model nests (structs for objects, lists for arrays), so files of two runs
over different inputs have the same schema and can be read as one table. The schema carries
its version in its metadata (``pubmeta.arrow_schema_version``); a change of the model that
changes the schema changes the version.

How model types become Arrow types:

- text, controlled terms (enums, literals) -> ``string``; flags -> ``bool``; counts -> ``int64``;
- an object -> a ``struct`` of its fields; an array -> a ``list``;
- a date (year, month or day precision) -> ``struct<iso: string, year: int32, month: int8,
  day: int8>``: the parts the source gave, the others null (a day is never invented);
- a choice of objects (a contributor: a person or an organisation) -> one struct holding the
  fields of each, in order (``kind`` says which); a choice of text or an object (an
  affiliation: a name, or a name with its ROR ID) -> the object, the text as its first field.

Requires pyarrow (``pip install 'pubmeta[parquet]'``).
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel

from .dates import PartialDate
from .errors import PubmetaError

#: The schema's version: bumped whenever the derived schema changes (a test pins the schema
#: text of each version, so a changed model cannot change the schema unnoticed).
ARROW_SCHEMA_VERSION = "1"
#: The schema metadata key that holds the version.
VERSION_KEY = b"pubmeta.arrow_schema_version"

Convert = Callable[[Any], Any]


class ArrowUnavailableError(PubmetaError):
    """pyarrow is not installed."""


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise ArrowUnavailableError(
            "Parquet and Arrow output need pyarrow: pip install 'pubmeta[parquet]'"
        ) from None
    return pyarrow


def _date_type(pa: Any) -> Any:
    return pa.struct(
        [
            pa.field("iso", pa.string()),
            pa.field("year", pa.int32()),
            pa.field("month", pa.int8()),
            pa.field("day", pa.int8()),
        ]
    )


def date_parts(iso: str | None) -> dict[str, Any] | None:
    """A stored date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, years BCE as ``-YYYY``) as the
    date struct's values."""
    if iso is None:
        return None
    negative = iso.startswith("-")
    parts = (iso[1:] if negative else iso).split("-")
    year = -int(parts[0]) if negative else int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else None
    day = int(parts[2]) if len(parts) > 2 else None
    return {"iso": iso, "year": year, "month": month, "day": day}


def _strip(annotation: Any) -> Any:
    """The type without ``Annotated`` metadata and without ``None`` (every column is nullable)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _derive(annotation: Any, pa: Any) -> tuple[Any, Convert | None]:
    """(Arrow type, converter of the JSON-mode value or None when the value fits as it is)."""
    annotation = _strip(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        inner, convert = _derive(typing.get_args(annotation)[0], pa)
        if convert is None:
            return pa.list_(inner), None
        each = convert
        return pa.list_(inner), lambda v: None if v is None else [each(x) for x in v]
    if origin in (typing.Union, types.UnionType):
        return _union(typing.get_args(annotation), pa)
    if origin is typing.Literal or (isinstance(annotation, type) and issubclass(annotation, str)):
        return pa.string(), None
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return pa.string(), None
    if annotation is bool:
        return pa.bool_(), None
    if annotation is int:
        return pa.int64(), None
    if annotation is PartialDate:
        return _date_type(pa), date_parts
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _struct([annotation], pa)
    raise TypeError(f"no Arrow type for {annotation!r}")  # a model change this module must learn


def _struct(models: list[type[BaseModel]], pa: Any) -> tuple[Any, Convert | None]:
    fields: dict[str, Any] = {}
    converters: dict[str, Convert] = {}
    for model in models:
        for name, info in model.model_fields.items():
            arrow, convert = _derive(info.annotation, pa)
            if name in fields and fields[name] != arrow:
                raise TypeError(f"{name} has two Arrow types in {models}")
            fields[name] = arrow
            if convert is not None:
                converters[name] = convert
    struct = pa.struct([pa.field(n, t) for n, t in fields.items()])
    if not converters:
        return struct, None
    pairs = tuple(converters.items())

    def convert_struct(value: Any) -> Any:
        if value is None:
            return None
        for name, convert in pairs:
            if name in value:
                value[name] = convert(value[name])
        return value

    return struct, convert_struct


def _union(members: tuple[Any, ...], pa: Any) -> tuple[Any, Convert | None]:
    stripped = [_strip(m) for m in members if m is not type(None)]
    models = [m for m in stripped if isinstance(m, type) and issubclass(m, BaseModel)]
    texts = [m for m in stripped if m is str]
    if not models or len(models) + len(texts) != len(stripped):
        raise TypeError(f"no Arrow type for the choice {members!r}")
    struct, convert = _struct(models, pa)
    if not texts:
        return struct, convert
    first = struct.field(0).name

    def text_or_object(value: Any) -> Any:
        if isinstance(value, str):
            return {first: value}
        return value if convert is None else convert(value)

    return struct, text_or_object


@cache
def _derived() -> tuple[Any, Convert]:
    from .model import Publication

    pa = _pyarrow()
    struct, convert = _struct([Publication], pa)
    schema = pa.schema(
        list(struct),
        metadata={VERSION_KEY: ARROW_SCHEMA_VERSION.encode(), b"pubmeta.record": b"Publication"},
    )
    return schema, convert or (lambda v: v)


def arrow_schema() -> Any:
    """The ``pyarrow.Schema`` of a table of records (raises ArrowUnavailableError without
    pyarrow)."""
    return _derived()[0]


def record_row(record: BaseModel) -> dict[str, Any]:
    """A record as one row of :func:`arrow_schema` (a dict for ``Table.from_pylist``)."""
    # nulls left out of the dump (a third less to build); from_pylist reads them as null
    row: dict[str, Any] = _derived()[1](record.model_dump(mode="json", exclude_none=True))
    return row


def _type_name(arrow: Any) -> tuple[str, Any]:
    """(short type name, the struct to list the fields of, or None)."""
    if hasattr(arrow, "value_type"):  # a list
        inner, struct = _type_name(arrow.value_type)
        return f"list<{inner}>", struct
    if getattr(arrow, "num_fields", 0) and not hasattr(arrow, "value_type"):
        return "struct", arrow
    return str(arrow), None


def schema_rows() -> list[tuple[str, str]]:
    """(dotted column path, type) of every column and nested field, in schema order; a list's
    items are named by the list's path (``contributors.family``)."""
    rows: list[tuple[str, str]] = []

    def walk(prefix: str, fields: Any) -> None:
        for field in fields:
            name, struct = _type_name(field.type)
            path = f"{prefix}{field.name}"
            rows.append((path, name))
            if struct is not None:
                walk(f"{path}.", list(struct))

    walk("", list(arrow_schema()))
    return rows


def render_arrow_schema() -> str:
    """The schema as text, one field a line, nested fields indented, with its version (what
    ``pubmeta schema --arrow`` prints)."""
    lines = [f"# pubmeta Arrow schema, version {ARROW_SCHEMA_VERSION} (all fields nullable)"]
    for path, name in schema_rows():
        depth = path.count(".")
        lines.append(f"{'  ' * depth}{path.rsplit('.', 1)[-1]}: {name}")
    return "\n".join(lines) + "\n"


def _models_of(annotation: Any) -> list[type[BaseModel]]:
    """The record classes a field holds (through lists, choices and ``None``)."""
    annotation = _strip(annotation)
    if typing.get_origin(annotation) is list:
        return _models_of(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in _models_of(a)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _descriptions() -> dict[str, str]:
    from .model import Publication

    found: dict[str, str] = {}

    def walk(prefix: str, models: list[type[BaseModel]]) -> None:
        for model in models:
            for name, info in model.model_fields.items():
                path = f"{prefix}{name}"
                found.setdefault(path, info.description or "")
                walk(f"{path}.", _models_of(info.annotation))

    walk("", [Publication])
    return found


_DATE_PARTS = {
    "iso": "the date as given: YYYY, YYYY-MM or YYYY-MM-DD",
    "year": "its year (astronomical: 0 is 1 BC)",
    "month": "its month, null when the source gave none",
    "day": "its day, null when the source gave none",
}


def arrow_markdown() -> str:
    """The README's table of the Arrow schema: every column and nested field, its type and
    what it holds (the record model's own descriptions)."""
    described = _descriptions()
    lines = [
        f"Arrow schema version {ARROW_SCHEMA_VERSION} (`pubmeta schema --arrow`); every field "
        "is nullable; a list's fields are named by the list's path.",
        "",
        "| column | Arrow type | holds |",
        "|---|---|---|",
    ]
    for path, name in schema_rows():
        leaf = path.rpartition(".")[2]
        holds = described.get(path) or _DATE_PARTS.get(leaf, "")
        lines.append(f"| `{path}` | {name} | {holds.replace('|', '/')} |")
    return "\n".join(lines) + "\n"
