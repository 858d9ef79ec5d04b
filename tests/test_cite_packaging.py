"""The official CSL styles and locales ship in the installed package, byte for byte as the CSL
project publishes them, and nothing modified can be shipped: the wheel's build step takes them
from the shared standards folder (the repository holds no copy) and refuses a changed file."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import IN_CI, REPO, SHARED, need

import pubmeta
import pubmeta.citation
from pubmeta.citation import LOCALES, STYLES

OFFICIAL = SHARED / "standards" / "csl-styles"
INSTALLED = Path(pubmeta.citation.__file__).parent / "csl"


def _official_sums() -> dict[str, str]:
    sums = need(OFFICIAL / "SHA256SUMS", "the official CSL styles' checksums").read_text("utf-8")
    return {name: digest for digest, name in (line.split() for line in sums.splitlines())}


def _installed_from_a_wheel() -> Path:
    """The package's own styles folder; a source checkout installed editable has none (it
    reads the shared folder): skipped there, a failure in CI, which installs the wheel."""
    if (INSTALLED / "styles").is_dir():
        return INSTALLED
    reason = f"no styles in {INSTALLED}: pubmeta is installed from its source tree (editable)"
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def test_the_installed_package_carries_every_style_and_locale_unmodified() -> None:
    official = _official_sums()
    shipped = _installed_from_a_wheel()
    files = sorted(p for p in shipped.rglob("*") if p.suffix in (".csl", ".xml"))
    assert {p.relative_to(shipped).as_posix() for p in files} == {
        *(f"styles/{name}" for name in STYLES.values()),
        *(f"locales/locales-{lang}.xml" for lang in LOCALES),
    }
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert official[path.relative_to(shipped).as_posix()] == digest, path


def test_the_installed_package_formats_references_with_no_shared_folder(tmp_path: Path) -> None:
    _installed_from_a_wheel()
    code = "import pubmeta, sys; print(pubmeta.cite(pubmeta.read(sys.stdin.read())[0]))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUBMETA_")}
    env["PUBMETA_SHARED"] = str(tmp_path / "nowhere")
    record = {
        "type": "article",
        "title": "A title",
        "contributors": [{"family": "Smith", "given": "Ann"}],
        "dates": {"published": "2001"},
        "container": {"title": "Journal of Tests"},
    }
    document = pubmeta.write(pubmeta.Publication.model_validate(record))
    result = subprocess.run(
        [sys.executable, "-c", code], input=document,
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Smith, A. (2001). A title. Journal of Tests.\n"


def test_the_repository_holds_no_copy_of_the_styles() -> None:
    source = REPO / "src" / "pubmeta" / "citation" / "csl"
    assert [p.name for p in source.iterdir()] == ["README.md"]


def _build_wheel(tmp_path: Path, shared: Path) -> subprocess.CompletedProcess[str]:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "hatch_build.py", "README.md"):
        shutil.copy2(REPO / name, project / name)
    for name in ("src", "schemas"):
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PUBMETA_SHARED": str(shared)}
    return subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         str(project), "-w", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


def _shared_copy(tmp_path: Path) -> Path:
    need(OFFICIAL / "SHA256SUMS", "the official CSL styles")
    copy = tmp_path / "shared"
    shutil.copytree(OFFICIAL, copy / "standards" / "csl-styles")
    return copy


@pytest.mark.slow
def test_a_wheel_built_from_the_official_files_carries_them(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    result = _build_wheel(tmp_path, _shared_copy(tmp_path))
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "out").glob("pubmeta-*.whl")
    official = _official_sums()
    with zipfile.ZipFile(wheel) as archive:
        prefix = "pubmeta/citation/csl/"
        packed = {
            name.removeprefix(prefix): hashlib.sha256(archive.read(name)).hexdigest()
            for name in archive.namelist()
            if name.startswith(prefix) and not name.endswith("README.md")
        }
    assert packed == {name: official[name] for name in packed}
    assert len(packed) == len(STYLES) + len(LOCALES)


@pytest.mark.slow
def test_a_modified_style_stops_the_build(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    shared = _shared_copy(tmp_path)
    apa = shared / "standards" / "csl-styles" / "styles" / "apa.csl"
    apa.write_bytes(apa.read_bytes().replace(b"APA Style", b"APA-ish Style", 1))
    result = _build_wheel(tmp_path, shared)
    assert result.returncode != 0
    assert "is not the official file" in result.stderr + result.stdout
    assert not any((tmp_path / "out").glob("*.whl"))
