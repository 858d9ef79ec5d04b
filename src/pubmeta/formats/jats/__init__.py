"""JATS XML: the record as the ``<front>`` of a JATS 1.3 ``<article>``; read back from JATS
1.x and NLM 2.x/3.0 articles as publishers deliver them.

The writer's output is valid against the JATS 1.3 Archiving and Publishing DTDs and the
Publishing XSD. What JATS has no element for travels in ``custom-meta`` under ``pubmeta:``
names (:mod:`.mapping`), so the round trip keeps it.
"""

from __future__ import annotations

from ..base import Format, lazy


def sniff(text: str, suffix: str) -> bool:
    head = text[:4000]
    return "<article" in head and ("<front" in text[:20000] or "JATS" in head or "NLM" in head)


FORMAT = Format(
    name="jats",
    title="JATS 1.3 XML article front matter",
    media_type="application/jats+xml",
    suffixes=(".xml", ".nxml", ".jats"),
    write_suffixes=(".jats.xml", ".nxml", ".jats"),
    reader=lazy("pubmeta.formats.jats.read", "read"),
    writer=lazy("pubmeta.formats.jats.write", "write"),
    sniff=sniff,
    mapping_source=lazy("pubmeta.formats.jats.mapping", "MAPPING"),
    max_records=1,
)
