"""SPDX licence ids as SPDX's licence list keeps them today, through the ``license-expression``
package (its bundled ScanCode LicenseDB index maps each licence to its current SPDX id and the
older ids that meant it). CFF 1.2.0's schema carries the SPDX list of 2021."""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()


def current_id(spdx_id: str) -> str | None:
    """The id SPDX now gives the licence that ``spdx_id`` names, when ``spdx_id`` is one SPDX
    has deprecated (``GPL-2.0`` -> ``GPL-2.0-only``); None for a current or an unknown id."""
    return _replaced().get(spdx_id)


@lru_cache(maxsize=1)
def _replaced() -> dict[str, str]:
    from license_expression import get_license_index

    with _lock:  # the index file is read once, whole, by one thread
        index = get_license_index()
    current = {entry.get("spdx_license_key") for entry in index}
    replaced: dict[str, str] = {}
    for entry in index:
        key = entry.get("spdx_license_key")
        if not key or key.startswith("LicenseRef-"):  # ScanCode's own, not an SPDX id
            continue
        if entry.get("is_deprecated") or entry.get("is_exception"):
            continue
        for old in entry.get("other_spdx_license_keys") or ():
            if old not in current and not old.startswith("LicenseRef-") and " " not in old:
                replaced[old] = key
    return replaced
