"""CITATION.cff as data: the versions read, the type words both ways, the choices about
``preferred-citation`` and the mapping table (README, ``pubmeta formats``, the laws read it).

How a file becomes records (the choice the mapping table states):

- The top level of a ``CITATION.cff`` describes the software (or data set) itself: it is the
  first record read, of type ``software`` or ``dataset``.
- ``preferred-citation`` (what its authors ask to be cited instead, often a paper) is read as a
  second record, a full reference with its own type. ``pubmeta cite CITATION.cff`` therefore
  formats both, the software first.
- Which record is the preferred one is said in the record itself, not by its place: its
  ``source_type`` is CFF's words for it, ``{"scheme": "CFF", "terms": ["preferred-citation",
  TYPE]}`` (the key it was read from, then its reference type). ``pubmeta.preferred_citation``
  (and ``--preferred`` of ``convert`` and ``cite``) keeps the records so marked when there are
  any, else every record as given (a file without ``preferred-citation``: the software or data
  set itself), which is what GitHub's "Cite this repository" shows.
- Writing does the reverse: a software or data-set record is written as the top level; a
  record of any other type (an article from BibTeX, say) is written as ``preferred-citation``,
  with the top level (which CFF requires) taking its title and authors; two records, software
  then work, are written as top level and ``preferred-citation``.
- ``references`` are other works. The record model holds another work only as a relation by
  identifier (``related``), so each reference with a valid DOI is read as a ``references``
  relation, and every reference (with or without a DOI) is also kept whole as a note of the
  software record, ``reference (CFF): `` and its JSON, so that no field of a reference is
  dropped unsaid. ``references`` are not written: CFF's schema requires ``type``,
  ``title`` and ``authors`` of every reference, and a relation by DOI gives none of them (a
  reference written without them would be invalid; one made up would be false).
"""

from __future__ import annotations

from ..base import Fidelity, FieldMap, dropped

#: The first of a preferred citation's ``source_type`` terms (scheme :data:`SOURCE_SCHEME`):
#: the key it was read from. A record so marked is the one its authors ask to be cited.
PREFERRED = "preferred-citation"
#: The ``source_type`` scheme of what is read from a CITATION.cff.
SOURCE_SCHEME = "CFF"
#: How a note holding one of a file's ``references`` (its JSON follows) begins.
REFERENCE_NOTE = "reference (CFF): "

#: cff-version values read (the 1.0.3 and 1.1.0 files GitHub still shows are read alike).
VERSIONS_READ = ("1.0.3", "1.1.0", "1.2.0")
#: The version written, whose official JSON Schema every written file is valid against.
VERSION_WRITTEN = "1.2.0"
#: What CFF's own guide asks for when the authors are unknown.
ANONYMOUS = "anonymous"
#: The message written when the record has none (the schema requires one).
DEFAULT_MESSAGE = "If you use this software, please cite it using the metadata from this file."

#: Record types written at the top level (CFF's top-level ``type`` has only these two).
TOP_LEVEL_TYPES = {"software": "software", "dataset": "dataset"}

#: Record type -> reference ``type`` written (preferred-citation).
TO_REFERENCE_TYPE = {
    "article": "article",
    "review-article": "article",
    "letter": "article",
    "editorial": "article",
    "comment": "article",
    "conference-paper": "conference-paper",
    "conference-abstract": "conference-paper",
    "book": "book",
    "book-chapter": "generic",
    "report": "report",
    "thesis": "thesis",
    "dataset": "data",
    "preprint": "unpublished",
    "software": "software",
    "other": "generic",
}
#: Reference ``type`` read -> record type (every word of the 1.2.0 schema; others: 'other').
FROM_REFERENCE_TYPE = {
    "article": "article",
    "magazine-article": "article",
    "newspaper-article": "article",
    "conference-paper": "conference-paper",
    "book": "book",
    "edited-work": "book",
    "report": "report",
    "government-document": "report",
    "standard": "report",
    "thesis": "thesis",
    "data": "dataset",
    "database": "dataset",
    "unpublished": "preprint",
    "software": "software",
    "software-code": "software",
    "software-container": "software",
    "software-executable": "software",
    "software-virtual-machine": "software",
}

#: Record status <-> reference ``status`` (the words both have).
TO_STATUS = {
    "in-press": "in-press",
    "submitted": "submitted",
    "epub-ahead-of-print": "advance-online",
}
FROM_STATUS = {cff: record for record, cff in TO_STATUS.items()}

#: A preferred citation of these types lacks what a citation of it needs without these keys
#: (any one of each group), as BibTeX's required fields of the matching entry type.
REFERENCE_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("journal",), ("year", "date-published")),
    "book": (("publisher",), ("year", "date-published")),
    "conference-paper": (("collection-title", "conference"), ("year", "date-published")),
    "thesis": (("institution",), ("year", "date-published")),
    "report": (("institution", "publisher"), ("year", "date-published")),
}

_L, _D = Fidelity.LOSSY, Fidelity.DROPPED

MAPPING: tuple[FieldMap, ...] = (
    FieldMap(
        "type",
        "top-level type (software, dataset), else preferred-citation type",
        _L,
        "a work of another type is written as preferred-citation (article, book, "
        "conference-paper, report, thesis, data, unpublished for a preprint, generic for the "
        "rest); a file's top level is read as the first record, of type software or dataset",
    ),
    FieldMap(
        "source_type",
        "preferred-citation type",
        _L,
        "read: CFF, ['preferred-citation', the reference's own type word] (what marks the "
        "preferred citation); written: that type word where it means the record's type",
    ),
    FieldMap(
        "title", "title", _L, "the subtitle joined after ': '; a record without one is not written"
    ),
    FieldMap("subtitle", "title", _L, "joined to the title after ': '"),
    FieldMap("translated_titles", "-", _D),
    FieldMap("abstract", "abstract"),
    FieldMap(
        "contributors",
        "authors (persons: family-names, given-names, name-particle, name-suffix, orcid, "
        "affiliation, email; entities: name); preferred-citation also editors, translators",
        _L,
        "a dropping particle joins name-particle; several affiliations are joined by '; ' "
        "(CFF has one); ROR IDs and the corresponding flag are dropped; a name known only as "
        "printed is written as an entity; no author at all is CFF's 'name: anonymous'",
    ),
    *dropped("contributors_truncated contributors_omitted"),
    FieldMap("language", "preferred-citation languages", _L, "the top level has none"),
    FieldMap("status", "preferred-citation status", _L, "in-press, submitted, advance-online"),
    FieldMap(
        "dates",
        "date-released; preferred-citation date-published, year, month",
        _L,
        "the published date only; the top level holds a full date only",
    ),
    FieldMap("container", "preferred-citation journal or collection-title", _L),
    FieldMap("series", "-", _D),
    FieldMap("event", "preferred-citation conference (name, location, date-start, date-end)", _L),
    FieldMap("volume", "preferred-citation volume", _L),
    FieldMap("issue", "preferred-citation issue", _L),
    FieldMap("pages", "preferred-citation start, end", _L),
    FieldMap("article_number", "-", _D, "CFF 1.2.0 has no article number"),
    FieldMap("page_count", "preferred-citation pages", _L),
    FieldMap("version", "version"),
    FieldMap("repository_code", "repository-code", _L, "an http(s), ftp or sftp URL only"),
    FieldMap("repository_artifact", "repository-artifact", _L, "an http(s), ftp or sftp URL only"),
    FieldMap("publisher", "preferred-citation publisher (an entity)", _L),
    FieldMap("publisher_place", "-", _D),
    FieldMap(
        "identifiers",
        "doi, url, identifiers (doi, url, swh, other), commit; preferred-citation isbn, pmcid",
        _L,
        "the first URL is url, further ones identifiers of type url; a URL CFF cannot take "
        "(not http, https, ftp or sftp) is an identifier of type other described 'url'; an "
        "other identifier's scheme is its description; swh IDs and a commit are kept; PMID, "
        "Scopus EID and ISBN kinds are not written at the top level; read: repository",
    ),
    FieldMap("keywords", "keywords", _L, "each once (the schema asks for unique items)"),
    *dropped("subjects peer_reviewed externally_published citations downloads"),
    FieldMap(
        "license",
        "license (SPDX ids of the schema's list), license-url",
        _L,
        "a licence text that is not an SPDX id (or ids joined by ' OR ') is dropped; a "
        "Creative Commons, SPDX or OSI licence URL also gives its SPDX id",
    ),
    *dropped("access_rights funding"),
    FieldMap(
        "related",
        "references (read: those with a DOI)",
        _L,
        "not written: CFF requires a reference's type, title and authors, which a relation by "
        "identifier lacks; read: every reference is also kept in notes",
    ),
    FieldMap("thesis", "preferred-citation institution, thesis-type", _L),
    FieldMap(
        "notes",
        "preferred-citation notes",
        _L,
        "the top level has none; read: a software record's notes keep its references",
    ),
    FieldMap(
        "message",
        "message",
        _L,
        "CFF's default written when the record has none, and read as none",
    ),
    FieldMap("provenance", "-", _D),
)
