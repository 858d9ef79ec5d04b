"""The collector and pubmeta: a plain library call leaves it alone; in bulk mode (opted into
with ``pubmeta.bulk()``, or by the command line and ingest workers, which own their processes)
calls pause it, records a read keeps are moved on without the collector's walk when nothing
made in the pause is in a reference cycle, garbage in cycles is freed as the program goes on,
and the program's own collector settings are left alone."""

from __future__ import annotations

import contextlib
import gc
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest
from conftest import REPO, SHARED, need

import pubmeta
from pubmeta import collector
from pubmeta.collector import collector_paused, cycles_made
from pubmeta.formats.registry import READABLE


class _Cycle:
    """An object in a reference cycle that counts its own end."""

    freed = 0

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed += 1


def _in_oldest_generation(thing: object) -> bool:
    return any(candidate is thing for candidate in gc.get_objects(generation=2))


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.collect()
    assert gc.isenabled()
    yield
    assert gc.isenabled()


@pytest.fixture
def in_bulk() -> Iterator[None]:
    with pubmeta.bulk():
        yield


def _large_csl_document() -> str:
    # about 40 tracked objects a record: twice the floor
    items = [
        {
            "id": f"i{n}",
            "type": "article-journal",
            "title": f"Title {n}",
            "author": [{"family": f"Family{k}", "given": "Given"} for k in range(4)],
            "keyword": "one, two",
            "page": "1-10",
            "volume": "3",
        }
        for n in range(1000)
    ]
    return json.dumps(items)


def test_a_plain_read_leaves_what_it_made_to_the_collector() -> None:
    records = pubmeta.read(_large_csl_document(), format="csl")
    assert not _in_oldest_generation(records[-1].contributors[0])


def test_a_plain_call_never_turns_the_collector_off() -> None:
    seen: list[bool] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        seen.append(gc.isenabled())

    document = _large_csl_document()
    gc.callbacks.append(watch)
    try:
        records = pubmeta.read(document, format="csl")
        pubmeta.write(records, format="csl")
        pubmeta.validate(document, format="csl")
    finally:
        gc.callbacks.remove(watch)
    assert seen, "the collector ran no collection at all during the calls"
    assert all(seen)


def test_a_plain_call_leaves_a_callers_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        pubmeta.read(_large_csl_document(), format="csl")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_bulk_mode_holds_for_the_block_only() -> None:
    assert not collector.in_bulk_mode()
    with pubmeta.bulk():
        assert collector.in_bulk_mode()
        with pubmeta.bulk():
            assert collector.in_bulk_mode()
        assert collector.in_bulk_mode()
    assert not collector.in_bulk_mode()


def test_bulk_mode_in_one_thread_is_not_another_threads() -> None:
    import threading

    inside = threading.Event()
    release = threading.Event()

    def bulk_thread() -> None:
        with pubmeta.bulk():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=bulk_thread)
    thread.start()
    try:
        assert inside.wait(10)
        assert not collector.in_bulk_mode()
        with collector_paused():
            assert gc.isenabled()  # this thread's calls are plain
    finally:
        release.set()
        thread.join()


def test_a_pause_in_one_thread_does_not_end_another_threads_pause(in_bulk: None) -> None:
    import threading

    began = threading.Event()
    release = threading.Event()

    def other() -> None:
        with pubmeta.bulk(), collector_paused():
            began.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    try:
        assert began.wait(10)
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other thread's pause still runs
    finally:
        release.set()
        thread.join()
    assert gc.isenabled()


def test_what_a_kept_pause_made_is_moved_to_the_oldest_generation(in_bulk: None) -> None:
    with collector_paused(keep=True):
        kept = [[index] for index in range(collector.KEPT_FLOOR * 2)]
    assert _in_oldest_generation(kept)
    assert _in_oldest_generation(kept[-1])


def test_what_a_plain_pause_made_is_left_young(in_bulk: None) -> None:
    with collector_paused():
        made = [[index] for index in range(collector.KEPT_FLOOR * 2)]
    assert not _in_oldest_generation(made)


def test_a_small_kept_pause_leaves_its_objects_young(in_bulk: None) -> None:
    with collector_paused(keep=True):
        made = [[index] for index in range(collector.KEPT_FLOOR // 4)]
    assert not _in_oldest_generation(made)


def test_a_pause_whose_code_said_it_makes_cycles_leaves_its_objects_young(in_bulk: None) -> None:
    with collector_paused(keep=True):
        made = [[index] for index in range(collector.KEPT_FLOOR * 2)]
        cycles_made()
    assert not _in_oldest_generation(made)


def test_the_word_about_cycles_holds_for_one_pause_only(in_bulk: None) -> None:
    with collector_paused(keep=True):
        cycles_made()
    with collector_paused(keep=True):
        kept = [[index] for index in range(collector.KEPT_FLOOR * 2)]
    assert _in_oldest_generation(kept)


def test_records_read_in_bulk_from_a_large_document_are_moved_on(in_bulk: None) -> None:
    records = pubmeta.read(_large_csl_document(), format="csl")
    assert len(records) == 1000
    assert _in_oldest_generation(records[0])
    assert _in_oldest_generation(records[-1].contributors[0])


def test_a_pause_inside_a_pause_leaves_the_collector_to_the_outer_one(in_bulk: None) -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_cycle_moved_on_by_mistake_is_freed_once_the_moved_objects_make_a_collection_due(
    in_bulk: None,
) -> None:
    _Cycle.freed = 0
    with collector_paused(keep=True):
        _Cycle()  # garbage at once, and only a collection of the cycle can free it
        made = [[index] for index in range(collector.KEPT_FLOOR * 2)]
    del made
    assert _Cycle.freed == 0  # moved on with the rest, not walked
    budget = collector._PROMOTIONS.due_at + 400_000
    moved = 0
    while _Cycle.freed == 0 and moved < budget:
        with collector_paused(keep=True):
            made = [[index] for index in range(200_000)]
        moved += len(made)
        del made
    assert _Cycle.freed == 1, f"not freed after {moved:,} objects moved"


def test_objects_the_program_froze_stay_frozen() -> None:
    # in a fresh interpreter: freezing is the whole process's state
    script = textwrap.dedent(
        """
        import gc
        from pubmeta.collector import KEPT_FLOOR, bulk, collector_paused
        kept = [[i] for i in range(1000)]
        gc.freeze()
        frozen = gc.get_freeze_count()
        with bulk(), collector_paused(keep=True):
            made = [[i] for i in range(2 * KEPT_FLOOR)]
        assert gc.get_freeze_count() == frozen, (gc.get_freeze_count(), frozen)
        assert gc.isenabled()
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


#: Formats whose real documents live elsewhere than corpus/NAME: the recorded oai_openaire
#: response and the Guidelines' own samples.
_ELSEWHERE = {
    "openaire": [
        SHARED / "corpus" / "oai-pmh" / "repositorium-uminho_2024_ListRecords_oai_openaire.xml",
        SHARED / "standards" / "openaire4" / "samples",
    ],
}


def _documents(name: str) -> list[bytes]:
    """The corpus of a format; for pubmeta's own, the CSL corpus written in it."""
    if name in _ELSEWHERE:
        paths = [need(place, f"{name} documents") for place in _ELSEWHERE[name]]
        files = [p for place in paths for p in ([place] if place.is_file() else place.iterdir())]
        return [path.read_bytes() for path in sorted(files) if path.suffix == ".xml"]
    folder = need(SHARED / "corpus" / ("csl" if name == "pubmeta" else name), f"{name} corpus")
    texts = [
        path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.endswith((".truth.json", ".expected.json", ".md"))
    ]
    if name != "pubmeta":
        return texts
    readable = [pubmeta.inspect(text, format="csl")[0] for text in texts]
    return [pubmeta.write(records).encode() for records in readable if records]


def _read_all(documents: list[bytes], name: str) -> None:
    for document in documents:
        with contextlib.suppress(pubmeta.PubmetaError):  # a refusal's garbage counts too
            pubmeta.read(document, format=name)


@pytest.mark.parametrize("name", READABLE)
def test_a_reader_that_makes_cyclic_garbage_says_so(name: str, in_bulk: None) -> None:
    documents = _documents(name)
    _read_all(documents, name)  # first readings import and cache what they use
    gc.collect()
    gc.disable()  # read's own pause then leaves the collector, and the word, to this test
    try:
        collector._PROMOTIONS.cycles = False
        _read_all(documents, name)
        said = collector._PROMOTIONS.cycles
        found = gc.collect()
    finally:
        collector._PROMOTIONS.cycles = False
        gc.enable()
    assert found == 0 or said, f"reading {name} left {found} objects in cycles, unsaid"


def _said_while_reading(document: str, name: str) -> tuple[bool, int]:
    """(whether the reading said it makes cycles, the objects in cycles it left)."""
    _read_all([document.encode()], name)
    gc.collect()
    gc.disable()
    try:
        collector._PROMOTIONS.cycles = False
        _read_all([document.encode()], name)
        said = collector._PROMOTIONS.cycles
        found = gc.collect()
    finally:
        collector._PROMOTIONS.cycles = False
        gc.enable()
    return said, found


def test_pubmetas_yaml_makes_cycles_and_says_so_but_its_json_does_not(in_bulk: None) -> None:
    """The native format makes cycles in one of its layouts only: a flag for the whole format
    would cost its JSON (the bulk path) the move of what a read keeps."""
    yaml_text = (REPO / "seeds" / "000_d4b476da1a4995c2.yaml").read_text("utf-8")
    json_text = json.dumps([r.model_dump(mode="json") for r in pubmeta.read(yaml_text)])
    yaml_said, yaml_found = _said_while_reading(yaml_text, "pubmeta")
    json_said, json_found = _said_while_reading(json_text, "pubmeta")
    assert (yaml_said, yaml_found > 0) == (True, True)
    assert (json_said, json_found) == (False, 0)


def _bibtex_corpus() -> str:
    folder = need(SHARED / "corpus" / "bibtex", "the BibTeX corpus")
    return "\n\n".join(p.read_text("utf-8", "replace") for p in sorted(folder.glob("*.bib")))


@pytest.mark.parametrize("copies", [1, 20])
def test_cyclic_garbage_made_while_reading_and_writing_does_not_pile_up(
    copies: int, in_bulk: None
) -> None:
    text = "\n\n".join([_bibtex_corpus()] * copies)  # 20 copies: a pause over the floor

    def passes(count: int) -> None:
        for _ in range(count):
            pubmeta.write(pubmeta.read(text, format="bibtex"), format="bibtex")

    passes(2)
    gc.collect()
    before = len(gc.get_objects())
    passes(max(1, 30 // copies))  # about 5,000 objects in cycles a copy
    grown = len(gc.get_objects()) - before
    assert grown < 30_000, f"{grown:,} more objects tracked after the passes"
