"""Formatted references: the same text citeproc-js gives under node (Zotero's processor) for
the records of the corpus in every shipped style; order, bibliographies, locales and styles
given as files behave as a citing author expects."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import IN_CI, SHARED, need, need_program

import pubmeta
from pubmeta import Publication
from pubmeta.citation import STYLES, engine, styles
from pubmeta.formats.csl.write import item

STYLE_FILES = SHARED / "standards" / "csl-styles"

_NODE_RENDER = """
const fs = require("fs");
const CSL = require(process.argv[1]);  // with -e, argv[1] is the first argument
const [styleXml, locales, lang, items] = JSON.parse(fs.readFileSync(0, "utf8"));
const byId = Object.fromEntries(items.map((i) => [i.id, i]));
const sys = {retrieveLocale: (l) => locales[l] || locales[lang], retrieveItem: (id) => byId[id]};
const engine = new CSL.Engine(sys, styleXml, lang, true);
engine.setOutputFormat("text");
const out = items.map((i) => {
  engine.updateItems([i.id]);
  return engine.makeBibliography()[1].join("");
});
process.stdout.write(JSON.stringify(out));
"""


def _citeproc_js() -> str:
    path = os.environ.get("PUBMETA_CITEPROC_JS")
    if path and Path(path).exists():
        return path
    message = "citeproc-js from npm not found (set PUBMETA_CITEPROC_JS; .ci/run installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _corpus() -> list[Publication]:
    records: list[Publication] = []
    for kind in ("csl", "jats", "dc", "bibtex", "ris"):
        for path in sorted((SHARED / "corpus" / kind).glob("*.*")):
            if path.name.endswith((".truth.json", ".expected.json")):
                continue
            try:
                records.extend(pubmeta.read(path))
            except pubmeta.PubmetaError:
                continue
    return records


@pytest.mark.external
@pytest.mark.parametrize("style", sorted(STYLES))
def test_references_are_what_citeproc_js_gives_under_node(style: str) -> None:
    node = need_program("node")
    module = _citeproc_js()
    need(STYLE_FILES, "the official CSL styles")
    records = _corpus()
    assert len(records) > 50
    ours = pubmeta.cite(records, style=style)
    style_xml = (STYLE_FILES / "styles" / f"{STYLES[style]}.csl").read_text("utf-8")
    locales = {
        p.stem.removeprefix("locales-"): p.read_text("utf-8")
        for p in (STYLE_FILES / "locales").glob("locales-*.xml")
    }
    # the style's default-locale, else en-US (Zotero's default for its users)
    found = re.search(r'<style\b[^>]*default-locale="([^"]+)"', style_xml)
    lang = found.group(1) if found else "en-US"
    items = []
    for index, record in enumerate(records):
        csl = item(record)
        csl["id"] = f"r{index}"
        csl.pop("note", None)
        items.append(csl)
    result = subprocess.run(
        [node, "-e", _NODE_RENDER, module],
        input=json.dumps([style_xml, locales, lang, items]),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    reference = [r.strip() for r in json.loads(result.stdout)]
    same = sum(a == b for a, b in zip(ours, reference, strict=True))
    differing = [(a, b) for a, b in zip(ours, reference, strict=True) if a != b][:3]
    assert same / len(records) >= 0.95, differing


def _work(family: str, title: str, year: str) -> Publication:
    return Publication.model_validate(
        {
            "type": "article",
            "title": title,
            "contributors": [{"family": family, "given": "Ann"}],
            "dates": {"published": year},
            "container": {"title": "Journal of Tests"},
        }
    )


def test_one_record_gives_one_reference_and_a_list_keeps_its_order() -> None:
    zeta, alpha = _work("Zeta", "Last", "2020"), _work("Alpha", "First", "2019")
    assert pubmeta.cite(zeta, style="apa").startswith("Zeta, A. (2020). Last.")
    listed = pubmeta.cite([zeta, alpha], style="apa")
    assert [r.split(",")[0] for r in listed] == ["Zeta", "Alpha"]


def test_a_bibliography_is_sorted_and_disambiguated() -> None:
    first, second = _work("Smith", "Beta study", "2012"), _work("Smith", "Alpha study", "2012")
    entries = pubmeta.cite([first, second], style="apa", bibliography=True)
    assert entries[0].startswith("Smith, A. (2012a). Alpha study.")
    assert entries[1].startswith("Smith, A. (2012b). Beta study.")


def test_a_locale_changes_the_words_of_the_style() -> None:
    edited = Publication.model_validate(
        {
            "type": "book",
            "title": "Sammelband",
            "contributors": [{"family": "Meier", "given": "Jo", "role": "editor"}],
            "dates": {"published": "2001"},
        }
    )
    assert "(Hrsg.)" in pubmeta.cite(edited, style="apa", locale="de-DE")
    assert "(Ed.)" in pubmeta.cite(edited, style="apa")


def test_html_output_escapes_and_marks_up() -> None:
    html = pubmeta.cite(_work("Smith & Sons", "Title", "2000"), output_format="html")
    assert html.startswith('<div class="csl-entry">') and "&#38;" in html


def test_a_style_can_be_given_as_a_csl_file() -> None:
    folder = need(STYLE_FILES, "the official CSL styles")
    reference = pubmeta.cite(_work("Smith", "T", "2000"), style=folder / "styles/ieee.csl")
    assert reference.startswith("[1] A. Smith, “T,”")


def test_a_dependent_style_file_formats_as_its_parent() -> None:
    folder = need(STYLE_FILES, "the official CSL styles")
    dependent = folder / "styles/dependent/vancouver-nlm.csl"
    work = _work("Smith", "T", "2000")
    assert pubmeta.cite(work, style=dependent) == pubmeta.cite(work, style="vancouver")


def test_a_style_can_be_given_as_its_text() -> None:
    folder = need(STYLE_FILES, "the official CSL styles")
    text = (folder / "styles/ieee.csl").read_text("utf-8")
    assert pubmeta.cite(_work("Smith", "T", "2000"), style=text).startswith("[1] A. Smith, “T,”")


def test_a_string_is_never_taken_for_a_file_name(tmp_path: Path, monkeypatch) -> None:
    folder = need(STYLE_FILES, "the official CSL styles")
    (tmp_path / "mine.csl").write_bytes((folder / "styles/ieee.csl").read_bytes())
    monkeypatch.chdir(tmp_path)
    with pytest.raises(pubmeta.CiteError, match=r"unknown style 'mine\.csl'.*pathlib\.Path"):
        pubmeta.cite(_work("Smith", "T", "2000"), style="mine.csl")


def test_any_official_style_is_found_by_name() -> None:
    # Nature's reference list: number, initials after the family name, the title, journal,
    # volume in bold (plain in text), pages and the year in brackets
    work = Publication.model_validate(
        {
            "type": "article",
            "title": "A title",
            "contributors": [{"family": "Smith", "given": "Ann"}],
            "dates": {"published": "2001"},
            "container": {"title": "Journal of Tests"},
            "volume": "12",
            "pages": {"first": "45", "last": "67"},
        }
    )
    assert (
        pubmeta.cite(work, style="nature")
        == "1. Smith, A. A title. Journal of Tests 12, 45–67 (2001)."
    )


def test_an_unknown_style_name_says_where_styles_come_from() -> None:
    with pytest.raises(pubmeta.CiteError, match="not a style id of the official CSL styles"):
        pubmeta.cite(_work("Smith", "T", "2000"), style="no-such-style-anywhere")


def test_a_style_name_cannot_reach_outside_the_styles() -> None:
    with pytest.raises(pubmeta.CiteError, match="unknown style"):
        pubmeta.cite(_work("Smith", "T", "2000"), style="../styles/apa")


def test_any_official_locale_can_be_chosen() -> None:
    edited = Publication.model_validate(
        {
            "type": "book",
            "title": "Livro",
            "contributors": [{"family": "Souza", "given": "Jo", "role": "editor"}],
            "dates": {"published": "2001"},
        }
    )
    assert "(Org.)" in pubmeta.cite(edited, style="apa", locale="pt-BR")  # not one of the six
    with pytest.raises(pubmeta.CiteError, match="unknown locale 'xx-YY'"):
        pubmeta.cite(edited, style="apa", locale="xx-YY")


def test_a_dict_is_refused_with_a_pubmeta_error() -> None:
    with pytest.raises(pubmeta.CiteError, match=r"Publication.*not dict"):
        pubmeta.cite({"title": "T"})  # type: ignore[call-overload]


def test_a_list_holding_a_dict_is_refused_with_a_pubmeta_error() -> None:
    with pytest.raises(pubmeta.CiteError, match=r"Publication.*not dict"):
        pubmeta.cite([_work("Smith", "T", "2000"), {"title": "T"}])  # type: ignore[list-item]


def test_the_command_prints_one_reference_per_record(tmp_path: Path) -> None:
    source = tmp_path / "records.json"
    source.write_text(
        pubmeta.write([_work("Zeta", "Last", "2020"), _work("Alpha", "First", "2019")]), "utf-8"
    )
    result = subprocess.run(
        [
            os.fspath(Path(os.sys.executable)),
            "-m",
            "pubmeta",
            "cite",
            str(source),
            "--style",
            "apa",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Zeta") and lines[1].startswith("Alpha")


def _thread_work() -> list[tuple[str, str | None, bool, list[Publication]]]:
    """What each thread cites: several styles (one outside the six), a locale, a bibliography."""
    need(SHARED / "corpus", "the shared corpus")
    records = _corpus()[:12]
    assert len(records) == 12
    work: list[tuple[str, str | None, bool, list[Publication]]] = [
        (style, None, False, records[start : start + 3])
        for style in ("apa", "ieee", "nature", "vancouver")
        for start in range(0, len(records), 3)
    ]
    return [*work, ("apa", "de-DE", False, records[:6]), ("apa", None, True, records[:12])]


def test_threads_citing_at_once_share_one_engine_and_get_one_thread_s_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = _thread_work()
    expected = [pubmeta.cite(r, style=s, locale=lc, bibliography=b) for s, lc, b, r in work]
    made: list[engine.Processor] = []

    class Counted(engine.Processor):
        def __init__(self) -> None:
            super().__init__()
            made.append(self)

    # a process that has not cited yet: its first references are asked for by 16 threads at once
    monkeypatch.setattr(engine, "_PROCESSORS", {})
    monkeypatch.setattr(engine, "Processor", Counted)
    start = threading.Barrier(16)
    results: dict[int, list[list[str]]] = {}

    def run(index: int) -> None:
        start.wait()
        turned = work[index % len(work) :] + work[: index % len(work)]
        got = [pubmeta.cite(r, style=s, locale=lc, bibliography=b) for s, lc, b, r in turned]
        results[index] = got[len(work) - index % len(work) :] + got[: len(work) - index % len(work)]

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
        for processor in made:
            processor.close()
    assert len(made) == 1
    assert sorted(results) == list(range(16))
    for index in range(16):
        assert results[index] == expected, index


def test_the_warm_engines_are_bounded_however_many_style_texts_come() -> None:
    ieee = (styles.styles_folder() / "ieee.csl").read_text("utf-8")
    keys = []
    for n in range(engine.ENGINES + 4):
        text = ieee.replace("<style ", f"<!-- copy {n} --><style ", 1)
        assert pubmeta.cite(_work("Smith", "T", "2000"), style=text).startswith("[1] A. Smith")
        keys.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
    warm = engine.processor().engines()
    assert len(warm) == engine.ENGINES
    assert [key.split("|")[0] for key in warm[-4:]] == keys[-4:]


def test_a_bare_language_is_read_as_its_main_region() -> None:
    edited = Publication.model_validate(
        {
            "type": "book",
            "title": "Livre",
            "contributors": [{"family": "Dupont", "given": "Jean", "role": "editor"}],
            "dates": {"published": "2001"},
        }
    )
    # French abbreviates editor as "éd." (CSL's fr-FR locale); APA capitalises it
    assert pubmeta.cite(edited, style="apa", locale="fr") == "Dupont, J. (Éd.). (2001). Livre."


def test_the_command_takes_a_style_file(tmp_path: Path) -> None:
    folder = need(STYLE_FILES, "the official CSL styles")
    source = tmp_path / "records.json"
    source.write_text(pubmeta.write(_work("Smith", "T", "2000")), "utf-8")
    style = folder / "styles" / "ieee.csl"
    result = subprocess.run(
        [sys.executable, "-m", "pubmeta", "cite", str(source), "-s", str(style)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("[1] A. Smith, “T,”")
