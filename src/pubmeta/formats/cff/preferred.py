"""The reference a work's authors ask to be cited, chosen by what the records say of themselves
(see :mod:`.mapping`): what GitHub's "Cite this repository" shows for a CITATION.cff."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .mapping import PREFERRED, SOURCE_SCHEME

if TYPE_CHECKING:
    from ...model import Publication


def is_preferred_citation(record: Publication) -> bool:
    """Whether the record was read as a CITATION.cff's ``preferred-citation``."""
    source = record.source_type
    return source is not None and source.scheme == SOURCE_SCHEME and source.terms[0] == PREFERRED


def preferred_citation(records: Iterable[Publication]) -> list[Publication]:
    """The records to cite among one document's records: those read from its
    ``preferred-citation`` when there are any, else every record as given (a CITATION.cff
    without one: the software or data set itself; a record of another format: itself).

    Give it the records of one document at a time: of several, each has its own choice."""
    given = list(records)
    chosen = [record for record in given if is_preferred_citation(record)]
    return chosen or given
