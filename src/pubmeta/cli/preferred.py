"""``--preferred`` of ``convert`` and ``cite``: only the reference a document's authors ask to be
cited (a CITATION.cff's preferred-citation, else the work itself)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Publication

HELP = (
    "only the reference its authors ask to be cited: a CITATION.cff's preferred-citation when "
    "it has one, else the work itself"
)


def add(command: argparse.ArgumentParser) -> None:
    command.add_argument("--preferred", action="store_true", help=HELP)


def chosen(args: argparse.Namespace, records: list[Publication]) -> list[Publication]:
    """One document's records, or only its preferred citation when ``--preferred`` is given."""
    if not getattr(args, "preferred", False):
        return records
    from ..formats.cff.preferred import preferred_citation

    return preferred_citation(records)
