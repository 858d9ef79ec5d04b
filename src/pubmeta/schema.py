"""The published JSON Schema of the record: built from the model, shipped as a file.

``schemas/publication.schema.json`` in the repository is the output of :func:`build_schema`
(``pubmeta schema > schemas/publication.schema.json``); a test keeps the two equal,
so the published contract and the model cannot drift. The wheel carries a copy inside the
package, which :func:`load_schema` finds without the source tree.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .dates import MAX_YEAR, MIN_YEAR
from .model import Publication

SCHEMA_ID = "https://pubmeta.dev/schemas/publication/v1/publication.schema.json"
SCHEMA_FILE = "publication.schema.json"

#: Where the model is stricter than JSON Schema can say. The agreement tests exclude exactly
#: these; each entry names the rule id the model's refusal is reported under.
MODEL_STRICTER_THAN_SCHEMA: dict[str, str] = {
    "date-calendar": (
        "A partial date must be a real calendar date (no 2023-02-30) with a year from "
        f"{MIN_YEAR} to {MAX_YEAR} (astronomical: 0 is 1 BC); the schema's pattern only checks "
        "the shape."
    ),
}

EXAMPLE_RECORD: dict[str, Any] = {
    "type": "review-article",
    "source_type": {"scheme": "Pure", "terms": ["Contribution to journal", "Review article"]},
    "title": "Radiation and Immune Checkpoint Inhibitors: Combination Therapy for Treatment "
    "of Hepatocellular Carcinoma",
    "contributors": [
        {"family": "Chami", "given": "Perla"},
        {"family": "Diab", "given": "Youssef"},
    ],
    "contributors_truncated": True,
    "language": "en",
    "status": "published",
    "dates": {"published": "2023-12"},
    "container": {"kind": "journal", "title": "International Journal of Molecular Sciences"},
    "issue": "23",
    "article_number": "16773",
    "keywords": ["combination therapy", "hepatocellular carcinoma"],
    "peer_reviewed": True,
    "externally_published": True,
    "citations": [{"source": "Scopus", "count": 1}],
}


def build_schema() -> dict[str, Any]:
    """The JSON Schema 2020-12 document of :class:`pubmeta.Publication`."""
    body = Publication.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "pubmeta publication record",
        "description": (
            "A scholarly publication record as pubmeta stores it (native JSON/YAML). "
            "Generated from the pubmeta.Publication model; semantic rules (check digits, "
            "date order, ISO 639 codes) are checked by `pubmeta validate`, not by this schema."
        ),
    }
    body.pop("title", None)
    body.pop("description", None)
    schema.update(body)
    schema["examples"] = [EXAMPLE_RECORD]
    return schema


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict[str, Any]:
    """The shipped schema (a fresh copy: callers may change it)."""
    return json.loads(_schema_text())  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _schema_text() -> str:
    """The shipped schema: inside the installed package, else the source tree's ``schemas/``."""
    shipped = resources.files("pubmeta").joinpath("schemas").joinpath(SCHEMA_FILE)
    if shipped.is_file():
        text = shipped.read_text(encoding="utf-8")
    else:
        source_tree = Path(__file__).resolve().parents[2] / "schemas" / SCHEMA_FILE
        text = source_tree.read_text(encoding="utf-8")
    return text


if __name__ == "__main__":
    sys.stdout.write(render_schema())
