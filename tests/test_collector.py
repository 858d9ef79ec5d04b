"""The collector pause of bulk work: what it makes is not walked again, and garbage in cycles
made during a pause is still freed, after a bounded while, without the caller's help."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

from pubmeta import collector
from pubmeta.collector import collector_paused


class _Cycle:
    """An object in a reference cycle that counts its own end."""

    freed = 0

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed += 1


def test_what_a_pause_made_is_not_left_young_for_the_collector_to_walk() -> None:
    with collector_paused():
        kept = [[index] for index in range(50_000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 1_000  # the 50,000 lists were moved on, not counted as young
    assert len(kept) == 50_000


def test_a_pause_inside_a_pause_leaves_the_collector_to_the_outer_one() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_cycle_made_during_pauses_is_freed_once_the_moved_objects_make_a_collection_due() -> None:
    _Cycle.freed = 0
    with collector_paused():
        _Cycle()  # garbage at once, and only a collection of the cycle can free it
    assert _Cycle.freed == 0  # moved on with the rest, not walked
    budget = collector._PROMOTIONS.due_at + 400_000
    moved = 0
    while _Cycle.freed == 0 and moved < budget:
        with collector_paused():
            made = [[index] for index in range(200_000)]
        moved += len(made)
        del made
    assert _Cycle.freed == 1, f"not freed after {moved:,} objects moved"


def test_objects_the_program_froze_stay_frozen() -> None:
    # in a fresh interpreter: freezing is the whole process's state
    script = textwrap.dedent(
        """
        import gc
        from pubmeta.collector import collector_paused
        kept = [[i] for i in range(1000)]
        gc.freeze()
        frozen = gc.get_freeze_count()
        with collector_paused():
            made = [[i] for i in range(1000)]
        assert gc.get_freeze_count() == frozen, (gc.get_freeze_count(), frozen)
        assert gc.isenabled()
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
