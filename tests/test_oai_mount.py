"""README's examples of mounting the provider in an existing web application are true: each is
taken from README.md as it stands, run in a folder holding a copy of ``seeds/`` (as README's
examples are), and the web application it makes (``site``) is served on a real server on
127.0.0.1 (Starlette's on uvicorn, Flask's on waitress): its OAI-PMH answers at /oai are
schema-valid and list every seed record."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, need_module
from oai_provider_support import assert_valid_response
from oai_servers import running_asgi, running_wsgi

import pubmeta

OAI = "{http://www.openarchives.org/OAI/2.0/}"
README = (REPO / "README.md").read_text("utf-8")
_PYTHON = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _example(call: str) -> str:
    """The one Python example of README that calls ``call``."""
    found = [m.group(1) for m in _PYTHON.finditer(README) if call in m.group(1)]
    assert len(found) == 1, f"README has {len(found)} Python examples calling {call}"
    return found[0]


def _site(call: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    shutil.copytree(REPO / "seeds", folder / "seeds")
    monkeypatch.chdir(folder)
    code = _example(call)
    assert len(code.splitlines()) <= 5, "README promises a five-line example"
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(code, "README.md", "exec"), namespace)
    return namespace["site"]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as answer:
        text: str = answer.read().decode("utf-8")
    return text


def _harvested(base: str) -> list[str]:
    """Identifiers of a whole ListRecords oai_dc list at ``base``, each page schema-valid."""
    query = "verb=ListRecords&metadataPrefix=oai_dc"
    found: list[str] = []
    while True:
        root = assert_valid_response(_get(f"{base}?{query}"), "oai_dc")
        found += [e.text or "" for e in root.iter(f"{OAI}identifier")]
        token = root.findtext(f".//{OAI}resumptionToken")
        if not token:
            return found
        query = f"verb=ListRecords&resumptionToken={token}"


def _seed_count() -> int:
    return sum(len(pubmeta.read(p)) for p in sorted((REPO / "seeds").iterdir()))


def test_readmes_starlette_mount_serves_oai_pmh_at_oai(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_module("starlette")
    need_module("uvicorn")
    site = _site("pubmeta.oai.app(", tmp_path, monkeypatch)
    with running_asgi(site) as url:  # url: http://127.0.0.1:PORT/oai
        base = f"{url}/"  # Starlette's mount answers below /oai/
        identify = assert_valid_response(_get(f"{base}?verb=Identify"), None)
        assert identify.findtext(f".//{OAI}repositoryName") == "My repository"
        assert identify.findtext(f".//{OAI}baseURL") == base
        identifiers = _harvested(base)
    assert len(identifiers) == len(set(identifiers)) == _seed_count()


def test_readmes_flask_mount_serves_oai_pmh_at_oai(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_module("flask")
    need_module("waitress")
    site = _site("pubmeta.oai.wsgi_app(", tmp_path, monkeypatch)
    with running_wsgi(site) as url:
        identify = assert_valid_response(_get(f"{url}?verb=Identify"), None)
        assert identify.findtext(f".//{OAI}baseURL") == url
        identifiers = _harvested(url)
        with pytest.raises(urllib.error.HTTPError) as elsewhere:  # the rest is Flask's
            _get(url.removesuffix("/oai") + "/?verb=Identify")
    assert elsewhere.value.code == 404  # Flask's: the example's site has no other route
    assert len(identifiers) == len(set(identifiers)) == _seed_count()
