"""citeproc-js, the CSL processor of Zotero and Mendeley, run inside this process by V8
(PyPI ``mini-racer``).

One V8 context per process, created under a lock the first time a reference is formatted; every
call into it holds the processor's lock (a V8 context runs one call at a time, and citeproc-js
keeps state between the calls of one rendering). Building a citeproc-js engine (parsing a style)
costs far more than a reference, so the last :data:`ENGINES` engines (one per style text and
locale) are kept warm; the least recently used one is dropped beyond that, whatever number of
different style texts callers bring.

citeproc-js itself is the npm package ``citeproc`` at the version and digest pinned in
``citeproc/npm.json``: the wheel carries it (its build step downloads and verifies it), or
``PUBMETA_CITEPROC_JS`` names an installed copy (``npm install citeproc@2.4.63``). Either file
is checked against the pinned SHA-256 before it is run.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import threading
from collections import OrderedDict
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import CiteError
from .styles import Style, locales_for

#: How many citeproc-js engines (style text x locale) stay warm in the context.
ENGINES = 16
_HERE = Path(__file__).parent
_SCRIPT = "citeproc_commonjs.js"
_IN_WHEEL = f"pubmeta/citation/citeproc/{_SCRIPT}"

_BRIDGE = """
var module = {exports: {}};
%(citeproc)s
;
var PUBMETA = {engines: {}, items: {}, locales: {}};
function pubmetaLocale(name, xml) { PUBMETA.locales[name] = xml; return 1; }
function pubmetaEngine(key, styleXml, names, lang) {
  var CSL = module.exports;
  var mine = {};
  names.forEach(function (name) { mine[name] = PUBMETA.locales[name]; });
  var sys = {
    retrieveLocale: function (l) { return mine[l] || mine[lang] || mine["en-US"]; },
    retrieveItem: function (id) { return PUBMETA.items[id]; }
  };
  PUBMETA.engines[key] = new CSL.Engine(sys, styleXml, lang, true);
  return 1;
}
function pubmetaDrop(key) { delete PUBMETA.engines[key]; return 1; }
function pubmetaRender(key, itemsJson, format, together) {
  var engine = PUBMETA.engines[key];
  var items = JSON.parse(itemsJson);
  engine.setOutputFormat(format);
  items.forEach(function (item) { PUBMETA.items[item.id] = item; });
  var out = [];
  try {
    if (together) {
      engine.updateItems(items.map(function (item) { return item.id; }));
      var bibliography = engine.makeBibliography();
      out = bibliography ? bibliography[1] : [];
    } else {
      items.forEach(function (item) {
        engine.updateItems([item.id]);
        var one = engine.makeBibliography();
        out.push(one ? one[1].join("") : "");
      });
    }
  } finally {
    items.forEach(function (item) { delete PUBMETA.items[item.id]; });
  }
  return JSON.stringify(out);
}
"""


def pin() -> dict[str, Any]:
    """The pinned npm package (name, version, tarball, integrity, the script's SHA-256)."""
    pinned: dict[str, Any] = json.loads((_HERE / "citeproc" / "npm.json").read_text("utf-8"))
    return pinned


def _installed_copy() -> Path | None:
    """The script the distribution installed: inside the package (a wheel), or beside its
    import path (an editable install records it in the distribution's files)."""
    inside = _HERE / "citeproc" / _SCRIPT
    if inside.is_file():
        return inside
    try:
        located = Path(str(metadata.distribution("pubmeta").locate_file(_IN_WHEEL)))
    except metadata.PackageNotFoundError:
        return None
    return located if located.is_file() else None


def script() -> str:
    """citeproc-js's source: ``PUBMETA_CITEPROC_JS`` (the file, or the npm package's folder)
    when set, else the copy installed with pubmeta; checked against the pinned SHA-256."""
    pinned = pin()
    wanted = f"citeproc-js {pinned['version']} (npm package {pinned['package']})"
    named = os.environ.get("PUBMETA_CITEPROC_JS")
    path = Path(named) if named else _installed_copy()
    if path is not None and path.is_dir():
        path = path / _SCRIPT
    if path is None or not path.is_file():
        where = f"PUBMETA_CITEPROC_JS names {named}, where it is not" if named else "not found"
        raise CiteError(
            f"{wanted} is needed to format references and was {where}: install pubmeta from "
            "its wheel, whose build puts it in (pip install 'pubmeta[cite]'), or install it "
            f"with npm (npm install {pinned['package']}@{pinned['version']}) and set "
            f"PUBMETA_CITEPROC_JS to node_modules/{pinned['package']}/{_SCRIPT}"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CiteError(f"cannot read {wanted} at {path}: {error}") from None
    if hashlib.sha256(data).hexdigest() != pinned["sha256"]:
        raise CiteError(f"{path} is not {wanted}, as published on the npm registry")
    return data.decode("utf-8")


class Processor:
    """citeproc-js in one V8 context; calls are serialised; at most :data:`ENGINES` engines."""

    def __init__(self) -> None:
        try:
            from py_mini_racer import MiniRacer
        except ImportError:
            raise CiteError(
                "formatting references needs citeproc-js's JavaScript engine (the Python "
                "package mini-racer): install pubmeta with the 'cite' extra, "
                "pip install 'pubmeta[cite]'"
            ) from None
        source = script()
        self.pid = os.getpid()
        try:
            self._context = MiniRacer()
            self._context.eval(_BRIDGE % {"citeproc": source})
        except Exception as error:  # V8 could not start, or citeproc-js did not load in it
            raise CiteError(f"citeproc-js could not be started in V8: {str(error)[:300]}") from None
        self._engines: OrderedDict[str, None] = OrderedDict()
        self._locales: set[str] = set()
        self._lock = threading.Lock()
        # closed while the interpreter still runs threads: closing it from the garbage
        # collector at shutdown waits forever for its (by then frozen) event-loop thread
        atexit.register(self.close)

    def close(self) -> None:
        with self._lock:
            self._context.close()

    def engines(self) -> list[str]:
        """The keys of the warm engines, least recently used first."""
        with self._lock:
            return list(self._engines)

    def render(
        self,
        style: Style,
        lang: str,
        items: list[dict[str, Any]],
        output_format: str,
        together: bool,
    ) -> list[str]:
        key = f"{style.key}|{lang}"
        payload = json.dumps(items)
        with self._lock:
            self._engine(key, style, lang)
            text = self._call("pubmetaRender", key, payload, output_format, together)
        rendered: list[str] = json.loads(str(text))
        return rendered

    def _engine(self, key: str, style: Style, lang: str) -> None:
        """Make ``key``'s engine the most recently used one, building it if needed (the lock
        is held)."""
        if key in self._engines:
            self._engines.move_to_end(key)
            return
        locales = locales_for(lang)
        for name, text in locales.items():
            if name not in self._locales:
                self._call("pubmetaLocale", name, text)
                self._locales.add(name)
        self._call("pubmetaEngine", key, style.text, list(locales), lang)
        self._engines[key] = None
        while len(self._engines) > ENGINES:
            oldest, _ = self._engines.popitem(last=False)
            self._call("pubmetaDrop", oldest)

    def _call(self, name: str, *args: Any) -> Any:
        try:
            return self._context.call(name, *args, timeout_sec=120)
        except Exception as error:  # citeproc-js's own failure, on a style or an item
            raise CiteError(f"citeproc-js could not format this: {str(error)[:300]}") from None


_CREATE = threading.Lock()
_PROCESSORS: dict[int, Processor] = {}


def processor() -> Processor:
    """The process's one processor, created under a lock on first use (a forked child, whose
    copy of the parent's context cannot run, makes its own)."""
    pid = os.getpid()
    made = _PROCESSORS.get(pid)
    if made is not None:
        return made
    with _CREATE:
        made = _PROCESSORS.get(pid)
        if made is None:
            _PROCESSORS.clear()
            made = _PROCESSORS[pid] = Processor()
        return made
