"""A CITATION.cff licence id that SPDX has deprecated since CFF 1.2.0's list was made (GPL-3.0+,
GPL-2.0, LGPL-2.1, ...) is a warning naming the id SPDX now gives the same terms; current ids
and files without a licence get none."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED, need

import pubmeta

#: A real file (ropensci/cffr's CITATION.cff) whose licence is a current id.
REAL = SHARED / "corpus" / "cff" / "ropensci_cffr.cff"


def _licence_findings(text: str) -> list[pubmeta.Issue]:
    return [i for i in pubmeta.validate(text, format="cff") if i.rule == "cff-licence-deprecated"]


def _real_with_licence(licence: str) -> str:
    text = need(REAL, "the CFF corpus").read_text("utf-8")
    assert "license: GPL-3.0-or-later" in text
    return text.replace("license: GPL-3.0-or-later", f"license: {licence}")


def test_a_current_licence_id_gets_no_warning() -> None:
    assert _licence_findings(_real_with_licence("GPL-3.0-or-later")) == []


@pytest.mark.parametrize(
    ("deprecated", "current"),
    [
        ("GPL-3.0+", "GPL-3.0-or-later"),
        ("GPL-3.0", "GPL-3.0-only"),
        ("GPL-2.0", "GPL-2.0-only"),
        ("LGPL-2.1", "LGPL-2.1-only"),
        ("AGPL-3.0", "AGPL-3.0-only"),
        ("BSD-2-Clause-FreeBSD", "BSD-2-Clause-Views"),
    ],
)
def test_a_deprecated_licence_id_is_a_warning_naming_the_current_one(
    deprecated: str, current: str
) -> None:
    (issue,) = _licence_findings(_real_with_licence(deprecated))
    assert issue.severity == pubmeta.Severity.WARNING
    assert issue.pointer == "/license"
    assert f"'{current}'" in issue.message
    assert issue.line is not None and issue.line > 1


def test_a_deprecated_id_in_a_list_of_licences_is_found_at_its_place() -> None:
    text = _real_with_licence("\n  - MIT\n  - GPL-2.0+")
    (issue,) = _licence_findings(text)
    assert issue.pointer == "/license/1"
    assert "'GPL-2.0-or-later'" in issue.message


def test_the_command_still_passes_a_file_whose_only_finding_is_a_deprecated_id(
    tmp_path: Path,
) -> None:
    from pubmeta.cli import main

    path = tmp_path / "CITATION.cff"
    path.write_text(_real_with_licence("GPL-3.0+"), "utf-8")
    assert main(["validate", str(path)]) == 0
