"""The collector pause of bulk work leaves the program's memory as it found it: garbage in
reference cycles that a reader makes (the BibTeX reader's LaTeX nodes, closures) is freed as
the program goes on, as without the pause."""

from __future__ import annotations

import gc

from conftest import SHARED, need

import pubmeta
from pubmeta.collector import collector_paused


def _bibtex_corpus() -> str:
    folder = need(SHARED / "corpus" / "bibtex", "the BibTeX corpus")
    return "\n\n".join(p.read_text("utf-8", "replace") for p in sorted(folder.glob("*.bib")))


def test_cyclic_garbage_made_while_reading_and_writing_does_not_pile_up() -> None:
    text = _bibtex_corpus()

    def passes(count: int) -> None:
        for _ in range(count):
            pubmeta.write(pubmeta.read(text, format="bibtex"), format="bibtex")

    passes(3)
    gc.collect()
    before = len(gc.get_objects())
    passes(30)  # about 5,000 objects in cycles a pass
    grown = len(gc.get_objects()) - before
    assert grown < 30_000, f"{grown:,} more objects tracked after 30 passes"


def test_a_pause_inside_a_pause_leaves_the_collector_to_the_outer_one() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
