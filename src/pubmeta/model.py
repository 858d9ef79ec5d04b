"""The publication record: the one model every format reads into and writes from.

The model checks structure and normalises accepted spellings into one stored form; the
published JSON Schema (``schemas/publication.schema.json``) is generated from it. Rules that
need judgement about meaning (check digits, date order, real language codes) are semantic
rules in :mod:`pubmeta.validation`, so a record with a wrong ISSN check digit still loads and
is reported at its place rather than refused wholesale.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
)

from . import constraints
from . import identifiers as ids
from .dates import PartialDate
from .languages import LANGUAGE_PATTERN, normalise_tag
from .terms import AccessRights as AccessRights
from .terms import PublicationType as PublicationType
from .terms import RelatedScheme as RelatedScheme
from .terms import Relation as Relation
from .terms import Role as Role
from .terms import Status as Status
from .text import TEXT_PATTERN, one_line, paragraphs, schema_pattern


def _pattern(pattern: str, description: str | None = None) -> Any:
    """A field pattern; the published schema states it with surrogates refused too."""
    extra: dict[str, Any] = {"pattern": schema_pattern(pattern)}
    return Field(pattern=pattern, description=description, json_schema_extra=extra)


#: One-line text: a visible character, no control character, layout whitespace as one space.
Line = Annotated[str, _pattern(TEXT_PATTERN), AfterValidator(one_line)]
#: Text of paragraphs separated by a blank line (abstracts, licence statements).
Paragraphs = Annotated[str, _pattern(TEXT_PATTERN), AfterValidator(paragraphs)]
#: Free text kept exactly as given (notes), lines and all.
FreeText = Annotated[str, _pattern(TEXT_PATTERN)]

Doi = Annotated[
    str,
    _pattern(
        ids.DOI_PATTERN,
        "DOI, stored lower-case without resolver prefix (https://doi.org/ and doi: are accepted).",
    ),
    AfterValidator(ids.normalise_doi),
]
Issn = Annotated[
    str,
    _pattern(ids.ISSN_PATTERN, "ISSN, stored as NNNN-NNNC."),
    AfterValidator(ids.normalise_issn),
]
Isbn = Annotated[
    str,
    _pattern(
        ids.ISBN_PATTERN,
        "ISBN-10 or ISBN-13, hyphens allowed; stored without hyphens, a valid ISBN-10 as ISBN-13.",
    ),
    AfterValidator(ids.normalise_isbn),
]
Orcid = Annotated[
    str,
    _pattern(
        ids.ORCID_PATTERN,
        "ORCID iD, stored as 16 characters in four dash-separated groups (URL form accepted).",
    ),
    AfterValidator(ids.normalise_orcid),
]
Ror = Annotated[
    str,
    _pattern(
        ids.ROR_PATTERN, "ROR ID, stored as its nine characters (https://ror.org/ form accepted)."
    ),
    AfterValidator(ids.normalise_ror),
]
Url = Annotated[
    str, _pattern(ids.URL_PATTERN, "An absolute URL or URI (scheme:...), without spaces.")
]
Pmid = Annotated[str, _pattern(ids.PMID_PATTERN, "PubMed identifier.")]
Pmcid = Annotated[
    str,
    _pattern(ids.PMCID_PATTERN, "PubMed Central identifier, stored as PMC + digits."),
    AfterValidator(ids.normalise_pmcid),
]
LanguageTag = Annotated[
    str,
    _pattern(
        LANGUAGE_PATTERN,
        "ISO 639-1 or 639-3 code, optionally with BCP 47 subtags (en, en-US, rus).",
    ),
    AfterValidator(normalise_tag),
]
# Strict, as JSON Schema is: "yes" is not a boolean and "3" is not a number.
Flag = Annotated[bool, Strict()]
PositiveInt = Annotated[int, Strict(), Field(gt=0)]
NonNegativeInt = Annotated[int, Strict(), Field(ge=0)]


def _said(member: str) -> dict[str, Any]:
    """Schema of "this member is given" (not absent, not null)."""
    return {
        "required": [member],
        "properties": {member: {"type": "string", "description": f"{member} is given"}},
    }


class _Model(BaseModel):
    # surrounding whitespace is never content: " Title " is stored as "Title"
    model_config = ConfigDict(
        extra="forbid", validate_assignment=False, use_enum_values=False, str_strip_whitespace=True
    )


class Affiliation(_Model):
    """An affiliation with the organisation's identifier; one known only by name is a string."""

    name: Line = Field(description="The organisation's name as printed.")
    ror: Ror | None = Field(None, description="ROR ID of the organisation.")


class Person(_Model):
    """A person who contributed. Names are split as CSL does; ``literal`` holds a name that
    cannot be split (as printed). A person needs a name: family, given or literal."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [_said(part) for part in ("family", "given", "literal")]}
    )

    kind: Literal["person"] = Field("person", description="Always 'person' for a person.")
    family: Line | None = Field(None, description="Family name without particle ('Beethoven').")
    given: Line | None = Field(None, description="Given names or initials ('Ludwig').")
    particle: Line | None = Field(
        None, description="Non-dropping particle, part of the family name ('van' in van Gogh)."
    )
    dropping_particle: Line | None = Field(
        None, description="Dropping particle, omitted when sorting ('von' in Ludwig von Mises)."
    )
    suffix: Line | None = Field(None, description="Name suffix ('Jr.', 'III').")
    literal: Line | None = Field(
        None, description="The whole name as printed, when it cannot be split."
    )
    role: Role = Field(Role.AUTHOR, description="What the person did for the work.")
    orcid: Orcid | None = Field(None, description="ORCID iD.")
    affiliations: list[
        Annotated[Line | Affiliation, BeforeValidator(constraints.affiliation_form)]
    ] = Field(
        default_factory=list,
        description="Affiliations in order: the name as printed, or the name with its ROR ID.",
    )
    corresponding: Flag | None = Field(None, description="Whether a corresponding author.")
    email: Line | None = Field(None, description="E-mail address as given by the source.")

    def distinct_affiliations(self) -> list[tuple[str, str | None]]:
        """(name, ROR ID or None) of each affiliation, each once, in order."""
        return list(dict.fromkeys(ids.affiliation_key(a) for a in self.affiliations))

    def display_name(self) -> str:
        if self.literal:
            return self.literal
        family = " ".join(p for p in (self.particle, self.family) if p)
        name = " ".join(p for p in (self.given, self.dropping_particle, family) if p)
        return f"{name}, {self.suffix}" if self.suffix else name


class Organisation(_Model):
    """A group, consortium or institution that contributed as a whole."""

    kind: Literal["organisation"] = Field(description="Always 'organisation'.")
    name: Line = Field(description="The organisation's name as printed.")
    role: Role = Field(Role.AUTHOR, description="What the organisation did for the work.")

    def display_name(self) -> str:
        return self.name


# Tried in order: a person (the common case, and the default when "kind" is absent) first.
# Measured faster than a discriminator callback, which costs a Python call per contributor.
Contributor = Annotated[
    Annotated[Person, BeforeValidator(constraints.person_has_a_name)] | Organisation,
    Field(union_mode="left_to_right"),
]


class SourceType(_Model):
    """The output type in the source's own words, e.g. Pure's breadcrumb."""

    scheme: Line = Field(description="Whose vocabulary: 'Pure', 'JATS', 'CSL', 'DC'.")
    terms: list[Line] = Field(min_length=1, description="The words from general to specific.")


class TranslatedTitle(_Model):
    """A title in another language."""

    language: LanguageTag = Field(description="Language of this title.")
    title: Line = Field(description="The translated title.")
    subtitle: Line | None = Field(None, description="The translated subtitle.")


class EventDates(_Model):
    """Dated events in the life of the publication, each as precise as the source knows."""

    submitted: PartialDate | None = Field(None, description="Received by the publisher.")
    accepted: PartialDate | None = Field(None, description="Accepted for publication.")
    early_online: PartialDate | None = Field(
        None, description="First online, ahead of the issue (Pure 'Early online date')."
    )
    published: PartialDate | None = Field(None, description="Published (issue or final form).")


class Container(_Model):
    """Where the work appeared: a journal, or the host book or proceedings."""

    kind: Literal["journal", "book", "proceedings", "report-series", "website", "other"] = Field(
        "journal", description="What kind of container."
    )
    title: Line | None = Field(None, description="Journal or host publication title.")
    subtitle: Line | None = Field(None, description="Subtitle of the host publication.")
    abbreviated_title: Line | None = Field(None, description="Abbreviated journal title.")
    issn_print: Issn | None = Field(None, description="ISSN of the print edition.")
    issn_online: Issn | None = Field(None, description="ISSN of the electronic edition.")
    isbn_print: list[Isbn] = Field(default_factory=list, description="ISBNs of the print host.")
    isbn_electronic: list[Isbn] = Field(
        default_factory=list, description="ISBNs of the electronic host."
    )


class Series(_Model):
    """A book or report series."""

    title: Line = Field(description="Series title.")
    number: Line | None = Field(None, description="Number within the series.")
    issn: Issn | None = Field(None, description="ISSN of the series.")


class Event(_Model):
    """The conference or other event the work was presented at."""

    name: Line = Field(description="Event name.")
    acronym: Line | None = Field(None, description="Short name, e.g. 'ICML 2024'.")
    place: Line | None = Field(None, description="City and country as printed.")
    start: PartialDate | None = Field(None, description="First day.")
    end: PartialDate | None = Field(None, description="Last day.")


class Pages(_Model):
    """A page range; pages are text because they may be roman or prefixed ('e12', 'xiv')."""

    first: Line = Field(description="First page.")
    last: Line | None = Field(None, description="Last page, absent for a single page.")

    def __str__(self) -> str:
        return f"{self.first}-{self.last}" if self.last else self.first


class OtherIdentifier(_Model):
    """An identifier with no field of its own (e.g. a Pure record id)."""

    scheme: Line = Field(description="Identifier scheme, lower-case ('pure', 'wos').")
    value: Line = Field(description="The identifier as given.")


class Identifiers(_Model):
    """Identifiers of the work itself (the host's ISBNs are on ``container``)."""

    doi: Doi | None = Field(None, description="Digital Object Identifier.")
    pmid: Pmid | None = Field(None, description="PubMed ID.")
    pmcid: Pmcid | None = Field(None, description="PubMed Central ID.")
    isbn_print: list[Isbn] = Field(default_factory=list, description="ISBNs of the print book.")
    isbn_electronic: list[Isbn] = Field(
        default_factory=list, description="ISBNs of the electronic book."
    )
    scopus_eid: str | None = Field(
        None, pattern=ids.SCOPUS_EID_PATTERN, description="Scopus EID (2-s2.0-...)."
    )
    urls: list[Url] = Field(default_factory=list, description="Landing or full-text URLs.")
    other: list[OtherIdentifier] = Field(
        default_factory=list, description="Further identifiers by scheme."
    )


class Subject(_Model):
    """A term from a classification or topic scheme."""

    scheme: Line = Field(
        description="'fingerprint', 'asjc', 'sdg', 'oecd-fos', 'jats-subject', ..."
    )
    term: Line = Field(description="The term as printed.")


class Metric(_Model):
    """A count reported by a source, e.g. 12 Scopus citations."""

    source: Line = Field(description="Who counted ('Scopus', 'Pure', 'Web of Science').")
    count: NonNegativeInt = Field(description="The count.")
    as_of: PartialDate | None = Field(None, description="When the count was read.")


class License(_Model):
    """The licence of the work: its URL, its text, or both."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [_said("url"), _said("text")]})

    url: Url | None = Field(None, description="Licence URL, e.g. a Creative Commons deed.")
    text: Paragraphs | None = Field(None, description="Licence statement as printed.")


class Funding(_Model):
    """A grant or funder acknowledgement."""

    funder: Line = Field(description="Funder name.")
    funder_id: Line | None = Field(
        None, description="Funder identifier: a Crossref Funder ID (DOI), a ROR ID URL, ..."
    )
    award_id: Line | None = Field(None, description="Grant or award number.")


class RelatedIdentifier(_Model):
    """Another work the record relates to, by its identifier."""

    relation: Relation = Field(description="How this record relates to the other work.")
    scheme: RelatedScheme = Field(description="The kind of identifier.")
    value: Line = Field(description="The identifier as given ('10.5061/dryad.8515', a URL).")


class Thesis(_Model):
    """Facts of a thesis: the degree and the institution that awarded it (one at least)."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                _said("qualification"),
                {
                    "required": ["awarding_institutions"],
                    "properties": {
                        "awarding_institutions": {
                            "type": "array",
                            "minItems": 1,
                            "description": "awarding_institutions is given",
                        }
                    },
                },
            ]
        }
    )

    qualification: Line | None = Field(None, description="Degree, e.g. 'Doctor of Education'.")
    awarding_institutions: list[Line] = Field(
        default_factory=list, description="Awarding institutions."
    )


class Provenance(_Model):
    """Where the record came from and how complete the reading was."""

    reader: Line = Field(description="The pubmeta format that read it ('pure', 'jats').")
    url: Url | None = Field(None, description="Address of the source page, if known.")
    institution: Line | None = Field(
        None, description="The institution whose research portal showed the record."
    )
    truncated: Flag = Field(
        False, description="The source text was cut off: fields after the cut are unknown."
    )


class Publication(_Model):
    """A scholarly publication record: the centre every pubmeta format reads and writes."""

    type: PublicationType = Field(PublicationType.OTHER, description="Controlled output type.")
    source_type: SourceType | None = Field(None, description="The source's own type words.")
    title: Line | None = Field(None, description="Main title (absent only for fragments).")
    subtitle: Line | None = Field(None, description="Subtitle.")
    translated_titles: list[TranslatedTitle] = Field(
        default_factory=list, description="Titles in other languages."
    )
    abstract: Paragraphs | None = Field(
        None, description="Plain-text abstract; paragraphs are separated by a blank line."
    )
    contributors: list[Contributor] = Field(
        default_factory=list, description="Authors, editors, supervisors, ... in source order."
    )
    contributors_truncated: Flag = Field(
        False, description="The source lists only some contributors ('et al.', '+ N more')."
    )
    contributors_omitted: PositiveInt | None = Field(
        None, description="How many contributors the source left out, when it says ('+ N more')."
    )
    language: LanguageTag | None = Field(None, description="Language of the work.")
    status: Status | None = Field(None, description="Publication status.")
    dates: EventDates = Field(default_factory=EventDates, description="Dated events.")
    container: Container | None = Field(None, description="Journal or host publication.")
    series: Series | None = Field(None, description="Book or report series.")
    event: Event | None = Field(None, description="Conference or other event.")
    volume: Line | None = Field(None, description="Volume.")
    issue: Line | None = Field(None, description="Issue number.")
    pages: Pages | None = Field(None, description="Page range within the container.")
    article_number: Line | None = Field(
        None, description="Article number or electronic location id, used instead of pages."
    )
    page_count: Annotated[PositiveInt, Field(le=100_000)] | None = Field(
        None, description="Number of pages (at most 100,000)."
    )
    version: Line | None = Field(
        None, description="Version of the work as its publisher numbers it ('2.1.0', 'v3')."
    )
    repository_code: Url | None = Field(
        None, description="Where the work's source code is kept (a software repository)."
    )
    repository_artifact: Url | None = Field(
        None, description="Where the work's built artifacts are published (a package index)."
    )
    publisher: Line | None = Field(None, description="Publisher name.")
    publisher_place: Line | None = Field(None, description="Place of publication.")
    identifiers: Identifiers = Field(default_factory=Identifiers, description="Identifiers.")
    keywords: list[Line] = Field(default_factory=list, description="Author keywords.")
    subjects: list[Subject] = Field(
        default_factory=list, description="Classification terms and research-topic fingerprints."
    )
    peer_reviewed: Flag | None = Field(None, description="Whether the work was peer reviewed.")
    externally_published: Flag | None = Field(
        None, description="Published while the authors were not at the reporting institution."
    )
    citations: list[Metric] = Field(default_factory=list, description="Citation counts.")
    downloads: list[Metric] = Field(default_factory=list, description="Download counts.")
    license: Annotated[License, BeforeValidator(constraints.licence_says_something)] | None = Field(
        None, description="Licence of the work."
    )
    access_rights: AccessRights | None = Field(None, description="Access to the full text.")
    funding: list[Funding] = Field(default_factory=list, description="Funding.")
    related: list[RelatedIdentifier] = Field(
        default_factory=list, description="Other works this one relates to, in order."
    )
    thesis: Annotated[Thesis, BeforeValidator(constraints.thesis_says_something)] | None = Field(
        None, description="Degree facts of a thesis."
    )
    notes: list[FreeText] = Field(
        default_factory=list, description="Bibliographical notes as printed."
    )
    message: Line | None = Field(
        None, description="What the authors ask of those who cite the work ('Please cite ...')."
    )
    provenance: Provenance | None = Field(None, description="Where the record came from.")

    def authors(self) -> list[Person | Organisation]:
        return [c for c in self.contributors if c.role is Role.AUTHOR]
