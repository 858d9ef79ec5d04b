"""CITATION.cff (Citation File Format): read 1.0.3, 1.1.0 and 1.2.0, write 1.2.0 valid against
the official schema, and check a file against that schema and the semantic rules, every problem
at its line and column. How ``preferred-citation`` is carried: see :mod:`.mapping`."""

from __future__ import annotations

import re

from ..base import Format, lazy

_MARK = re.compile(r"^cff-version\s*:", re.MULTILINE)


def sniff(text: str, suffix: str) -> bool:
    return suffix == ".cff" or _MARK.search(text[:20000]) is not None


FORMAT = Format(
    name="cff",
    title="CITATION.cff (Citation File Format 1.2.0; reads 1.0.3 and 1.1.0)",
    media_type="application/x-yaml",
    suffixes=(".cff",),
    reader=lazy("pubmeta.formats.cff.read", "read"),
    writer=lazy("pubmeta.formats.cff.write", "write"),
    sniff=sniff,
    mapping_source=lazy("pubmeta.formats.cff.mapping", "MAPPING"),
    max_records=2,
)
