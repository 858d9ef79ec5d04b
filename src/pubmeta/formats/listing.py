"""What each format carries, rendered from the formats' mapping data: the README's table and
the ``pubmeta formats`` listing are two views of the same rows."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Fidelity, Format
from .registry import FORMATS


def _cell(fmt: Format, field: str) -> tuple[str, str]:
    """(fidelity, how) of one field in one format; a field a format does not list is dropped."""
    entry = next((m for m in fmt.mapping if m.field == field), None)
    if entry is None:
        return Fidelity.DROPPED.value, "-"
    how = entry.target + (f" ({entry.note})" if entry.note else "")
    return entry.fidelity.value, how


def rows() -> Iterator[tuple[str, dict[str, tuple[str, str]]]]:
    """(field, {format: (fidelity, how)}) for every record field, formats in registry order."""
    fields = [m.field for m in FORMATS["pubmeta"].mapping]
    others = [f for name, f in FORMATS.items() if name != "pubmeta"]
    for field in fields:
        yield field, {fmt.name: _cell(fmt, field) for fmt in others}


def markdown() -> str:
    names = [name for name in FORMATS if name != "pubmeta"]
    lines = [
        "| field | pubmeta | " + " | ".join(names) + " |",
        "|---" * (len(names) + 2) + "|",
    ]
    for field, cells in rows():
        shown = [f"{fidelity}: {how}".replace("|", "\\|") for fidelity, how in cells.values()]
        lines.append(f"| `{field}` | carried | " + " | ".join(shown) + " |")
    return "\n".join(lines)


def text() -> str:
    """The listing of ``pubmeta formats``: per format, what it does not carry unchanged."""
    lines: list[str] = []
    for fmt in FORMATS.values():
        can = "/".join(w for w, ok in (("read", fmt.can_read), ("write", fmt.can_write)) if ok)
        lines.append(f"{fmt.name:9} {can:10} {fmt.title} ({', '.join(fmt.suffixes)})")
        for option in fmt.options:
            lines.append(f"    option {option.name}: {option.help}")
    for field, cells in rows():
        lossy = [
            (name, fidelity, how)
            for name, (fidelity, how) in cells.items()
            if fidelity != "carried"
        ]
        if lossy:
            lines.append(f"\n{field}:")
            lines.extend(f"    {name:9} {fidelity:8} {how}" for name, fidelity, how in lossy)
    lines.append(
        "\nFields and formats not listed are carried unchanged; "
        "'pubmeta formats --output-format json' gives every field of every format."
    )
    return "\n".join(lines) + "\n"
