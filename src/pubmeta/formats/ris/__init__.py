"""RIS (``.ris``): the tagged format every reference manager and database exports. Read in
both tag generations with exporters' quirks; written as the specification says (CRLF,
``TY`` first, ``ER`` last, one line per author, keyword and identifier), so that rispy and
bibutils' ``ris2xml`` read it back (tests run them)."""

from __future__ import annotations

import re

from ..base import Format, lazy

_TY = re.compile(r"^\ufeff?TY  ?- ", re.MULTILINE)


def sniff(text: str, suffix: str) -> bool:
    return suffix == ".ris" or _TY.search(text[:8000]) is not None


FORMAT = Format(
    name="ris",
    title="RIS (Research Information Systems tagged format)",
    media_type="application/x-research-info-systems",
    suffixes=(".ris",),
    reader=lazy("pubmeta.formats.ris.read", "read"),
    writer=lazy("pubmeta.formats.ris.write", "write"),
    sniff=sniff,
    mapping_source=lazy("pubmeta.formats.ris.mapping", "MAPPING"),
    write_part=lazy("pubmeta.formats.ris.write", "write_part"),
)
