"""The provider's sets beyond the record types: the values of one configured field of the
record (``language``, ``publisher``, ``keywords``, ``container.title``, ``access_rights``, ...),
each value a set ``<field>:<value>`` whose setName is the value as it is.

A setSpec may hold only ``A-Z a-z 0-9 - _ . ! ~ * ' ( )`` (the OAI-PMH schema's pattern), so a
value's other characters, and ``~`` itself, are written as ``~`` and two hexadecimal digits
per UTF-8 byte (``Journal of Hope`` -> ``Journal~20of~20Hope``): different values give
different setSpecs, and each setSpec gives its value back.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterator

from pydantic import BaseModel

from ..errors import PubmetaError

_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!*'()")


def set_spec(value: str) -> str:
    """A value as the part of a setSpec after its field's name."""
    return "".join(
        c if c in _KEPT else "".join(f"~{b:02X}" for b in c.encode("utf-8")) for c in value
    )


def check_field(path: str) -> None:
    """A PubmetaError unless ``path`` (dotted: ``container.title``) names a field of the
    record whose values are words (text, a term, a number; or a list of them)."""
    from ..model import Publication

    current: type[BaseModel] = Publication
    parts = path.split(".")
    for number, part in enumerate(parts):
        known = current.model_fields.get(part)
        if known is None:
            raise PubmetaError(
                f"set field {path!r}: {current.__name__} has no field {part!r} "
                f"(it has {', '.join(current.model_fields)})"
            )
        models = [t for t in _leaf_types(known.annotation) if _is_model(t)]
        last = number == len(parts) - 1
        if last and models:
            raise PubmetaError(f"set field {path!r} holds records, not values: name one of "
                               f"their fields ({', '.join(models[0].model_fields)})")  # fmt: skip
        if not last:
            if not models:
                raise PubmetaError(f"set field {path!r}: {part!r} has no fields")
            current = models[0]


def _is_model(kind: object) -> typing.TypeGuard[type[BaseModel]]:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _leaf_types(annotation: object) -> Iterator[object]:
    """The types an annotation takes, through Optional, unions, lists and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _leaf_types(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, list, tuple, set, frozenset):
        for argument in typing.get_args(annotation):
            yield from _leaf_types(argument)
    else:
        yield annotation


def field_values(record: BaseModel, path: str) -> list[str]:
    """The values of ``path`` in ``record`` (a list field gives each of its values)."""
    current: list[object] = [record]
    for part in path.split("."):
        following: list[object] = []
        for item in current:
            value = getattr(item, part, None)
            following.extend(value if isinstance(value, list) else [value])
        current = following
    values: list[str] = []
    for value in current:
        if value is None or isinstance(value, BaseModel):
            continue
        text = str(value.value if isinstance(value, enum.Enum) else value).strip()
        if text and text not in values:
            values.append(text)
    return values
