"""citeproc-js, the CSL processor of Zotero and Mendeley, run inside this process by V8
(PyPI ``mini-racer``): loaded once per process, one processor per style and locale kept warm,
because building a processor (parsing the style) costs far more than a reference."""

from __future__ import annotations

import atexit
import json
import threading
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import CiteError

_BRIDGE = """
var module = {exports: {}};
%(citeproc)s
;
var PUBMETA = {engines: {}, items: {}};
function pubmetaEngine(key, styleXml, locales, lang) {
  var CSL = module.exports;
  var sys = {
    retrieveLocale: function (l) { return locales[l] || locales[lang] || locales["en-US"]; },
    retrieveItem: function (id) { return PUBMETA.items[id]; }
  };
  PUBMETA.engines[key] = new CSL.Engine(sys, styleXml, lang, true);
  return 1;
}
function pubmetaRender(key, itemsJson, format, together) {
  var engine = PUBMETA.engines[key];
  var items = JSON.parse(itemsJson);
  engine.setOutputFormat(format);
  items.forEach(function (item) { PUBMETA.items[item.id] = item; });
  var out = [];
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
  items.forEach(function (item) { delete PUBMETA.items[item.id]; });
  return JSON.stringify(out);
}
"""


class Processor:
    """citeproc-js in one V8 context; calls are serialised (a context is single-threaded)."""

    def __init__(self) -> None:
        try:
            from py_mini_racer import MiniRacer
        except ImportError:
            raise CiteError(
                "formatting references needs citeproc-js's JavaScript engine: install "
                "pubmeta with the 'cite' extra (pip install 'pubmeta[cite]')"
            ) from None
        source = resources.files("pubmeta.citation").joinpath("citeproc/citeproc_commonjs.js")
        self._context = MiniRacer()
        self._context.eval(_BRIDGE % {"citeproc": source.read_text("utf-8")})
        self._engines: set[str] = set()
        self._lock = threading.Lock()
        # closed while the interpreter still runs threads: closing it from the garbage
        # collector at shutdown waits forever for its (by then frozen) event-loop thread
        atexit.register(self.close)

    def close(self) -> None:
        with self._lock:
            self._context.close()

    def render(
        self,
        key: str,
        style: str,
        locales: dict[str, str],
        lang: str,
        items: list[dict[str, Any]],
        output_format: str,
        together: bool,
    ) -> list[str]:
        with self._lock:
            if key not in self._engines:
                self._call("pubmetaEngine", key, style, locales, lang)
                self._engines.add(key)
            text = self._call("pubmetaRender", key, json.dumps(items), output_format, together)
        rendered: list[str] = json.loads(str(text))
        return rendered

    def _call(self, name: str, *args: Any) -> Any:
        try:
            return self._context.call(name, *args, timeout_sec=120)
        except Exception as error:  # citeproc-js's own failure, on a style or an item
            raise CiteError(f"citeproc-js could not format this: {str(error)[:300]}") from None


@lru_cache(maxsize=1)
def processor() -> Processor:
    return Processor()
