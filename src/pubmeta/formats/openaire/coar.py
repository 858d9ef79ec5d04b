"""The COAR vocabularies of the OpenAIRE Guidelines for Literature Repositories v4, as data.

Resource types (COAR Resource Types 2.0, the 58 concepts ``oaire-resourceType-v4.xsd``
enumerates), access rights (COAR Access Rights, ``oaire-accessRight-v4.xsd``) and version types
(COAR Version Types, ``oaire-versions-v4.xsd``): the concept, its label, and the record term
each reads as. Both the reader and the writer use these tables, and ``pubmeta formats`` and the
README's mapping table say what they say.
"""

from __future__ import annotations

RESOURCE_TYPE = "http://purl.org/coar/resource_type/"
ACCESS_RIGHT = "http://purl.org/coar/access_right/"
VERSION = "http://purl.org/coar/version/"

#: COAR resource type concept -> (label, record type it reads as). Every concept of the v4
#: schema; ``resourceTypeGeneral`` follows from the record type (see GENERAL).
RESOURCE_TYPES: dict[str, tuple[str, str]] = {
    "c_1162": ("annotation", "comment"),
    "c_0640": ("journal", "other"),
    "c_6501": ("journal article", "article"),
    "c_b239": ("editorial", "editorial"),
    "c_7a1f": ("bachelor thesis", "thesis"),
    "c_86bc": ("bibliography", "other"),
    "c_2f33": ("book", "book"),
    "c_3248": ("book part", "book-chapter"),
    "c_ba08": ("book review", "review-article"),
    "c_7ad9": ("website", "other"),
    "c_e9a0": ("interactive resource", "other"),
    "c_f744": ("conference proceedings", "book"),
    "c_c94f": ("conference object", "conference-paper"),
    "c_5794": ("conference paper", "conference-paper"),
    "c_6670": ("conference poster", "conference-abstract"),
    "c_3e5a": ("contribution to journal", "article"),
    "c_beb9": ("data paper", "article"),
    "c_ddb1": ("dataset", "dataset"),
    "c_db06": ("doctoral thesis", "thesis"),
    "c_c513": ("image", "other"),
    "c_8544": ("lecture", "other"),
    "c_0857": ("letter", "letter"),
    "c_bdcc": ("master thesis", "thesis"),
    "c_8a7e": ("moving image", "other"),
    "c_2659": ("periodical", "other"),
    "c_545b": ("letter to the editor", "letter"),
    "c_1843": ("other", "other"),
    "c_15cd": ("patent", "other"),
    "c_816b": ("preprint", "preprint"),
    "c_93fc": ("report", "report"),
    "c_ba1f": ("report part", "report"),
    "c_baaf": ("research proposal", "report"),
    "c_efa0": ("review", "review-article"),
    "c_5ce6": ("software", "software"),
    "c_ecc8": ("still image", "other"),
    "c_71bd": ("technical documentation", "report"),
    "c_393c": ("workflow", "other"),
    "c_8042": ("working paper", "report"),
    "c_46ec": ("thesis", "thesis"),
    "c_12cc": ("cartographic material", "other"),
    "c_12cd": ("map", "other"),
    "c_12ce": ("video", "other"),
    "c_18cc": ("sound", "other"),
    "c_18cd": ("musical composition", "other"),
    "c_18cf": ("text", "other"),
    "c_18cp": ("conference paper not in proceedings", "conference-paper"),
    "c_18co": ("conference poster not in proceedings", "conference-abstract"),
    "c_18cw": ("musical notation", "other"),
    "c_18ww": ("internal report", "report"),
    "c_18wz": ("memorandum", "report"),
    "c_18wq": ("other type of report", "report"),
    "c_186u": ("policy report", "report"),
    "c_18op": ("project deliverable", "report"),
    "c_18hj": ("report to funding agency", "report"),
    "c_18ws": ("research report", "report"),
    "c_18gh": ("technical report", "report"),
    "c_dcae04bc": ("review article", "review-article"),
    "c_2df8fbb1": ("research article", "article"),
}

#: record type -> the concept written for it. Each type has its own concept except a
#: comment (an annotation) and a conference abstract (a conference poster has no abstract
#: concept in v4): these read back as written, the rest of COAR's concepts read as the
#: nearest record type (RESOURCE_TYPES).
TO_RESOURCE_TYPE: dict[str, str] = {
    "article": "c_6501",
    "review-article": "c_dcae04bc",
    "letter": "c_0857",
    "editorial": "c_b239",
    "comment": "c_1162",
    "conference-paper": "c_5794",
    "conference-abstract": "c_6670",
    "book": "c_2f33",
    "book-chapter": "c_3248",
    "report": "c_93fc",
    "thesis": "c_46ec",
    "dataset": "c_ddb1",
    "preprint": "c_816b",
    "software": "c_5ce6",
    "other": "c_1843",
}

#: record type -> resourceTypeGeneral (literature, dataset, software, other research product)
GENERAL: dict[str, str] = {
    "dataset": "dataset",
    "software": "software",
    "other": "other research product",
}

#: access rights -> COAR access right concept; v4 has no "closed access" concept (COAR's
#: c_14cb is "metadata only access", which v4 uses for closed items too)
TO_ACCESS: dict[str, str] = {
    "open": "c_abf2",
    "embargoed": "c_f1cf",
    "restricted": "c_16ec",
    "metadata-only": "c_14cb",
    "closed": "c_14cb",
}
ACCESS_LABEL: dict[str, str] = {
    "c_abf2": "open access",
    "c_f1cf": "embargoed access",
    "c_16ec": "restricted access",
    "c_14cb": "metadata only access",
}
FROM_ACCESS: dict[str, str] = {
    "c_abf2": "open",
    "c_f1cf": "embargoed",
    "c_16ec": "restricted",
    "c_14cb": "metadata-only",
}

#: COAR version type concept -> (label, record status it reads as)
VERSIONS: dict[str, tuple[str, str | None]] = {
    "c_b1a7d7d4d402bcce": ("AO", "unpublished"),
    "c_71e4c1898caa6e32": ("SMUR", "submitted"),
    "c_ab4af688f83e57aa": ("AM", "accepted"),
    "c_fa2ee174bc00049f": ("P", "in-press"),
    "c_970fb48d4fbd8a85": ("VoR", "published"),
    "c_e19f295774971610": ("CVoR", "published"),
    "c_dc82b40f9837b551": ("EVoR", "published"),
    "c_be7fb7dd8ff6fe43": ("NA", None),
}
#: record status -> version concept written
TO_VERSION: dict[str, str] = {
    "unpublished": "c_b1a7d7d4d402bcce",
    "submitted": "c_71e4c1898caa6e32",
    "accepted": "c_ab4af688f83e57aa",
    "in-press": "c_fa2ee174bc00049f",
    "published": "c_970fb48d4fbd8a85",
    "epub-ahead-of-print": "c_970fb48d4fbd8a85",
}
