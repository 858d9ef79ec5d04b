"""pubmeta: scholarly publication metadata, one typed record, many standard formats.

>>> import pubmeta
>>> records = pubmeta.read(pathlib.Path("record.yaml"))       # doctest: +SKIP
>>> pubmeta.write(records, format="jats")                      # doctest: +SKIP
>>> pubmeta.validate(pathlib.Path("record.yaml"))              # doctest: +SKIP
"""

from __future__ import annotations

from .api import SourceUnreadableError, read, validate, write
from .dates import PartialDate
from .errors import (
    FormatError,
    InvalidRecordError,
    PubmetaError,
    UnknownFormatError,
    UnwritableRecordError,
)
from .formats import FORMATS, Format
from .issues import Issue, Severity
from .model import (
    Container,
    Event,
    Identifiers,
    Organisation,
    Person,
    Publication,
    PublicationType,
    Role,
    Status,
)

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "Container",
    "Event",
    "Format",
    "FormatError",
    "Identifiers",
    "InvalidRecordError",
    "Issue",
    "Organisation",
    "PartialDate",
    "Person",
    "Publication",
    "PublicationType",
    "PubmetaError",
    "Role",
    "Severity",
    "SourceUnreadableError",
    "Status",
    "UnknownFormatError",
    "UnwritableRecordError",
    "__version__",
    "read",
    "validate",
    "write",
]
