"""The reference a CITATION.cff's authors ask to be cited (``--preferred``, and
``pubmeta.preferred_citation``), and a file's ``references``, which the record keeps (relations
by DOI, and each whole in a note) but CFF cannot be given back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cff_support import assert_valid_cff, load_as_the_official_validator_does
from conftest import SHARED, need, need_module

import pubmeta

CFF = SHARED / "corpus" / "cff"
#: a file with a preferred-citation (an article), and one without (the software only)
WITH, WITHOUT = "pydata_xarray", "KernelTuner_kernel_tuner"
#: real files with a references list
WITH_REFERENCES = (
    "007-Wik_Dam-Hydrographs-Analysis-BORI",
    "KernelTuner_kernel_tuner",
    "citation-file-format_citation-file-format",
    "ropensci_cffr",
)


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pubmeta", *argv], capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def _file(name: str) -> Path:
    return need(CFF / f"{name}.cff", "the CFF corpus")


def _truth(name: str) -> dict[str, Any]:
    (truth,) = json.loads((CFF / f"{name}.truth.json").read_text("utf-8"))
    return dict(truth)


@pytest.mark.corpus
def test_convert_preferred_gives_only_the_preferred_citation() -> None:
    result = _cli("convert", str(_file(WITH)), "-t", "bibtex", "--preferred")
    assert result.returncode == 0, result.stderr
    (cited,) = pubmeta.read(result.stdout, format="bibtex")
    assert (cited.title, cited.type) == (_truth(WITH)["preferred_citation_title"], "article")


@pytest.mark.corpus
def test_convert_preferred_without_one_gives_the_software_itself() -> None:
    result = _cli("convert", str(_file(WITHOUT)), "-t", "bibtex", "--preferred")
    assert result.returncode == 0, result.stderr
    (software,) = pubmeta.read(result.stdout, format="bibtex")
    truth = _truth(WITHOUT)
    assert (software.title, software.identifiers.doi, software.type) == (
        truth["title"], truth["doi"], "software")  # fmt: skip


@pytest.mark.corpus
def test_cite_preferred_formats_only_the_paper() -> None:
    need_module("py_mini_racer")
    result = _cli("cite", str(_file(WITH)), "-s", "apa", "--preferred")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Hoyer, S., & Joseph, H. (2017). xarray: N-D labeled Arrays and Datasets in Python. "
        "Journal of Open Research Software, 5(1). https://doi.org/10.5334/jors.148"
    ]


@pytest.mark.corpus
def test_cite_preferred_chooses_in_each_file_given() -> None:
    need_module("py_mini_racer")
    result = _cli("cite", str(_file(WITH)), str(_file(WITHOUT)), "-s", "apa", "--preferred")
    assert result.returncode == 0, result.stderr
    paper, software = result.stdout.splitlines()
    assert paper.startswith("Hoyer, S., & Joseph, H. (2017). xarray: N-D labeled")
    assert software == (
        "van Werkhoven, B. (2019). Kernel Tuner (Version 0.3.0) [Computer software]. "
        "https://doi.org/10.5281/zenodo.1220113"
    )


@pytest.mark.corpus
def test_the_preferred_citation_is_told_by_its_mark_not_its_place() -> None:
    software, paper = pubmeta.read(_file(WITH))
    assert pubmeta.preferred_citation([paper, software]) == [paper]


@pytest.mark.corpus
def test_the_mark_survives_pubmeta_json() -> None:
    text = pubmeta.write(pubmeta.read(_file(WITH)), format="pubmeta")
    (cited,) = pubmeta.preferred_citation(pubmeta.read(text, format="pubmeta"))
    assert cited.title == _truth(WITH)["preferred_citation_title"]


@pytest.mark.corpus
def test_a_record_of_another_format_is_its_own_preferred_citation() -> None:
    bib = need(SHARED / "corpus" / "bibtex" / "zotero-translators_bibtex-tc14_acm-dl.bib", "BibTeX")
    records = pubmeta.read(bib, format="bibtex")
    assert pubmeta.preferred_citation(records) == records


_MAGAZINE = """cff-version: 1.2.0
message: Please cite the article.
title: Tool
authors: [{name: The Tool Team}]
preferred-citation:
  type: magazine-article
  title: The Tool
  authors: [{family-names: Lee, given-names: Ann}]
  journal: Monthly
  year: 2020
"""


def test_writing_a_read_preferred_citation_keeps_its_reference_type() -> None:
    document = load_as_the_official_validator_does(
        pubmeta.write(pubmeta.read(_MAGAZINE, format="cff"), format="cff")
    )
    assert document["preferred-citation"]["type"] == "magazine-article"


# -- references --------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("name", WITH_REFERENCES)
def test_every_reference_of_a_real_file_is_kept_whole_in_a_note(name: str) -> None:
    path = _file(name)
    listed = load_as_the_official_validator_does(path.read_text("utf-8"))["references"]
    software = pubmeta.read(path)[0]
    prefix = "reference (CFF): "
    kept = [json.loads(n[len(prefix) :]) for n in software.notes if n.startswith(prefix)]
    assert kept == [json.loads(json.dumps(r, default=str)) for r in listed]


@pytest.mark.corpus
def test_each_reference_doi_is_a_relation() -> None:
    path = _file("citation-file-format_citation-file-format")
    listed = load_as_the_official_validator_does(path.read_text("utf-8"))["references"]
    software = pubmeta.read(path)[0]
    said = [(r.relation.value, r.scheme.value, r.value) for r in software.related]
    assert said == [("references", "doi", str(r["doi"])) for r in listed if "doi" in r]


def test_relations_are_not_written_as_references_cff_would_refuse() -> None:
    related = [{"relation": "references", "scheme": "doi", "value": "10.5334/jors.148"}]
    record = pubmeta.Publication.model_validate({
        "type": "software", "title": "Tool", "contributors": [{"family": "Lee", "given": "Ann"}],
        "related": related})  # fmt: skip
    text = pubmeta.write(record, format="cff")
    assert_valid_cff(text)
    assert "references" not in load_as_the_official_validator_does(text)
