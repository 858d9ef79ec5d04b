"""The accuracy scripts run in CI, their figures printed: ``scripts/pure_accuracy.py`` over the
Pure pages of ``../shared/corpus/pure`` (markdown snapshots included) and
``scripts/reader_accuracy.py`` over the truth files of ``../shared/corpus`` and
``tests/data/real``. Each reader must get at least 99% of the fields right."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import REPO, SHARED


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED / 'corpus'} is missing (the shared corpus)")
    return SHARED / "corpus"


@pytest.mark.corpus
def test_pure_reader_figure(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures = _script("pure_accuracy").measure(corpus / "pure", show=False)
    with capsys.disabled():
        print(f"\nPure reader on {corpus / 'pure'}: {figures.right}/{figures.total} fields "
              f"= {figures.share:.1f}%; pages not read: {figures.not_read}")  # fmt: skip
    assert figures.not_read == 0
    assert figures.total > 400 and figures.share >= 99.0


@pytest.mark.corpus
def test_every_other_reader_figure(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    module = _script("reader_accuracy")
    folders = [corpus / kind for kind in module.READERS] + [REPO / "tests" / "data" / "real"]
    figures = module.measure(folders)
    with capsys.disabled():
        print()
        for reader, counted in sorted(figures.items()):
            print(f"{reader} reader: {counted.right}/{counted.total} fields = "
                  f"{counted.share:.1f}%")  # fmt: skip
            for miss in counted.misses:
                print(f"    {miss}")
    assert set(figures) == set(module.READERS)
    for reader, counted in figures.items():
        assert counted.total >= 40 and counted.share >= 99.0, (reader, counted.misses)


def test_the_judge_counts_a_wrong_family_name_and_a_doi_in_another_case() -> None:
    import pubmeta

    module = _script("reader_accuracy")
    (record,) = pubmeta.read(
        "TY  - JOUR\nAU  - Baldwin,S.A.\nTI  - T\nPY  - 1996\nDO  - 10.1000/ABC\nER  - \n",
        format="ris",
    )
    right = {"title": "T", "first_author_family": "Baldwin", "doi": "10.1000/ABC", "year": 1996}
    assert module.judge(record, right) == []
    wrong = {**right, "first_author_family": "S.A.", "year": 1997}
    assert [key for key, _, _ in module.judge(record, wrong)] == ["first_author_family", "year"]
