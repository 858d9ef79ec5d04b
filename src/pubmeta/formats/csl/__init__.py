"""CSL-JSON: items as citeproc-js, Zotero, pandoc and citeproc-py read them.

The writer fills the standard CSL variables; whatever CSL cannot say exactly (an ORCID, an
accepted date, a type CSL has no word for, a keyword holding a comma) travels in ``note`` as
``pubmeta-<field>: <json>`` lines, decided per field by the mapping table (:mod:`.mapping`),
so nothing is dropped without a line saying so. The reader takes CSL as people write it.
"""

from __future__ import annotations

import re

from ..base import Format, lazy

#: Keys only CSL items have (pubmeta's own records spell theirs differently).
CSL_KEYS = re.compile(r'"(id|issued|container-title|author|DOI|URL|ISSN|page)"\s*:')


def looks_like_csl(head: str) -> bool:
    return CSL_KEYS.search(head) is not None


def sniff(text: str, suffix: str) -> bool:
    head = text.lstrip()[:4000]
    return head.startswith(("[", "{")) and looks_like_csl(head)


FORMAT = Format(
    name="csl",
    title="CSL-JSON items (citeproc-js, Zotero, pandoc, citeproc-py)",
    media_type="application/vnd.citationstyles.csl+json",
    suffixes=(".csl.json", ".csl", ".json"),
    write_suffixes=(".csl.json", ".csl"),
    reader=lazy("pubmeta.formats.csl.read", "read"),
    writer=lazy("pubmeta.formats.csl.write", "write"),
    sniff=sniff,
    mapping_source=lazy("pubmeta.formats.csl.mapping", "MAPPING"),
    write_part=lazy("pubmeta.formats.csl.write", "write_line"),
)
