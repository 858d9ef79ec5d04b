"""pubmeta: scholarly publication metadata, one typed record, many standard formats.

>>> import pubmeta
>>> records = pubmeta.read(pathlib.Path("record.yaml"))       # doctest: +SKIP
>>> pubmeta.write(records, format="jats")                      # doctest: +SKIP
>>> pubmeta.validate(pathlib.Path("record.yaml"))              # doctest: +SKIP
>>> pubmeta.cite(records[0], style="apa")                      # doctest: +SKIP

The public names are imported when first used, so ``import pubmeta`` (and ``pubmeta --help``)
costs nothing until a record is read.
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"

#: public name -> module that defines it
_PUBLIC = {
    "read": "api",
    "iter_records": "api",
    "write": "api",
    "validate": "api",
    "inspect": "api",
    "cite": "citation",
    "preferred_citation": "formats.cff.preferred",
    "bulk": "collector",
    "FORMATS": "formats.public",
    "FormatInfo": "formats.public",
    "OptionInfo": "formats.public",
    "PubmetaOptions": "formats.public",
    "CrossrefOptions": "formats.public",
    "DataciteOptions": "formats.public",
    "Issue": "diagnostics",
    "Severity": "diagnostics",
    "RULES": "diagnostics",
    "PartialDate": "dates",
    "PubmetaError": "errors",
    "ArgumentTypeError": "errors",
    "FormatError": "errors",
    "InvalidRecordError": "errors",
    "UnknownFormatError": "errors",
    "UnwritableRecordError": "errors",
    "WriteError": "errors",
    "OptionError": "errors",
    "MissingOptionError": "errors",
    "SourceUnreadableError": "errors",
    "IngestError": "errors",
    "CiteError": "errors",
    "harvest": "oai.harvester",
    "HarvestError": "oai.pages",
    "AccessRights": "model",
    "Affiliation": "model",
    "Container": "model",
    "Contributor": "model",
    "Event": "model",
    "EventDates": "model",
    "Funding": "model",
    "Identifiers": "model",
    "License": "model",
    "Metric": "model",
    "Organisation": "model",
    "OtherIdentifier": "model",
    "Pages": "model",
    "Person": "model",
    "Provenance": "model",
    "Publication": "model",
    "PublicationType": "model",
    "RelatedIdentifier": "model",
    "RelatedScheme": "model",
    "Relation": "model",
    "Role": "model",
    "Series": "model",
    "SourceType": "model",
    "Status": "model",
    "Subject": "model",
    "Thesis": "model",
    "TranslatedTitle": "model",
}

#: The public names, written out so type checkers see what `import pubmeta` gives (a test
#: holds the list to _PUBLIC)
__all__ = [
    "FORMATS",
    "RULES",
    "AccessRights",
    "Affiliation",
    "ArgumentTypeError",
    "CiteError",
    "Container",
    "Contributor",
    "CrossrefOptions",
    "DataciteOptions",
    "Event",
    "EventDates",
    "FormatError",
    "FormatInfo",
    "Funding",
    "HarvestError",
    "Identifiers",
    "IngestError",
    "InvalidRecordError",
    "Issue",
    "License",
    "Metric",
    "MissingOptionError",
    "OptionError",
    "OptionInfo",
    "Organisation",
    "OtherIdentifier",
    "Pages",
    "PartialDate",
    "Person",
    "Provenance",
    "Publication",
    "PublicationType",
    "PubmetaError",
    "PubmetaOptions",
    "RelatedIdentifier",
    "RelatedScheme",
    "Relation",
    "Role",
    "Series",
    "Severity",
    "SourceType",
    "SourceUnreadableError",
    "Status",
    "Subject",
    "Thesis",
    "TranslatedTitle",
    "UnknownFormatError",
    "UnwritableRecordError",
    "WriteError",
    "__version__",
    "bulk",
    "cite",
    "harvest",
    "inspect",
    "iter_records",
    "preferred_citation",
    "read",
    "validate",
    "write",
]

TYPE_CHECKING = False  # typing is not imported at run time: the command starts faster
if TYPE_CHECKING:
    from typing import Any

    from .api import inspect, iter_records, read, validate, write
    from .citation import cite
    from .collector import bulk
    from .dates import PartialDate
    from .diagnostics import RULES, Issue, Severity
    from .errors import (
        ArgumentTypeError,
        CiteError,
        FormatError,
        IngestError,
        InvalidRecordError,
        MissingOptionError,
        OptionError,
        PubmetaError,
        SourceUnreadableError,
        UnknownFormatError,
        UnwritableRecordError,
        WriteError,
    )
    from .formats.cff.preferred import preferred_citation
    from .formats.public import (
        FORMATS,
        CrossrefOptions,
        DataciteOptions,
        FormatInfo,
        OptionInfo,
        PubmetaOptions,
    )
    from .model import (
        AccessRights,
        Affiliation,
        Container,
        Contributor,
        Event,
        EventDates,
        Funding,
        Identifiers,
        License,
        Metric,
        Organisation,
        OtherIdentifier,
        Pages,
        Person,
        Provenance,
        Publication,
        PublicationType,
        RelatedIdentifier,
        RelatedScheme,
        Relation,
        Role,
        Series,
        SourceType,
        Status,
        Subject,
        Thesis,
        TranslatedTitle,
    )


def __getattr__(name: str) -> Any:
    if name == "oai":  # the OAI-PMH package (pubmeta.oai.app), imported when first used
        return importlib.import_module(f"{__name__}.oai")
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'pubmeta' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
