"""An operator can trust ingest: one run at a time per folder, nothing clobbered, nothing left
half-written, whatever kills the run (Ctrl-C, SIGTERM, kill -9, a full or read-only disk)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import IN_CI

from pubmeta import IngestError
from pubmeta.pipeline import ingest

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _records(folder: Path, count: int = 20, name: str = "in.jsonl") -> Path:
    path = folder / name
    lines = (json.dumps({"type": "article", "title": f"Record {i}"}) for i in range(count))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pubmeta", *args]


def test_a_second_ingest_into_the_same_folder_while_one_runs_is_refused(tmp_path: Path) -> None:
    import fcntl

    source = _records(tmp_path)
    lock = (tmp_path / ".out.lock").open("a+")
    fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running ingest holds it
    try:
        with pytest.raises(IngestError, match="another pubmeta ingest is writing"):
            ingest([source], "pubmeta", tmp_path / "out")
    finally:
        lock.close()
    ingest([source], "pubmeta", tmp_path / "out")  # once it is free, the run goes ahead


def test_overwrite_replaces_only_a_folder_pubmeta_wrote(tmp_path: Path) -> None:
    source = _records(tmp_path)
    project = tmp_path / "out"
    (project / ".git").mkdir(parents=True)
    (project / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(IngestError, match="not written by pubmeta"):
        ingest([source], "pubmeta", project, overwrite=True)
    assert (project / "notes.txt").read_text("utf-8") == "mine"


def test_overwrite_swaps_the_new_output_in_and_only_then_drops_the_old(tmp_path: Path) -> None:
    source = _records(tmp_path)
    ingest([source], "pubmeta,jats", tmp_path / "out")
    ingest([source], "pubmeta", tmp_path / "out", overwrite=True)
    assert not (tmp_path / "out" / "jats").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_swap_interrupted_between_its_two_moves_is_finished_by_the_next_run(
    tmp_path: Path,
) -> None:
    source = _records(tmp_path)
    ingest([source], "pubmeta", tmp_path / "out")
    # a run killed after moving the old output aside and before moving the new one in
    os.replace(tmp_path / "out", tmp_path / ".out.previous-deadbeef")
    notices = _Notices()
    with pytest.raises(IngestError, match="already holds output"):
        ingest([source], "pubmeta", tmp_path / "out", progress=notices)  # type: ignore[arg-type]
    assert (tmp_path / "out" / "records.jsonl").exists()  # the earlier output is back
    assert "restored" in notices.text


class _Notices:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def test_staging_left_by_a_dead_run_is_reported_and_removed(tmp_path: Path) -> None:
    source = _records(tmp_path)
    stale = tmp_path / ".out.incomplete-4242-deadbeef"
    (stale / "jats").mkdir(parents=True)
    notices = _Notices()
    ingest([source], "pubmeta", tmp_path / "out", progress=notices)  # type: ignore[arg-type]
    assert not stale.exists()
    assert "removed .out.incomplete-4242-deadbeef" in notices.text


@pytest.mark.parametrize("kind", ["file", "symlink", "current folder", "mount point"])
def test_an_out_that_cannot_hold_a_run_is_refused_before_any_work(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _records(tmp_path)
    if kind == "file":
        out = tmp_path / "out"
        out.write_text("x", "utf-8")
    elif kind == "symlink":
        (tmp_path / "real").mkdir()
        out = tmp_path / "out"
        out.symlink_to(tmp_path / "real")
    elif kind == "current folder":
        monkeypatch.chdir(tmp_path)
        out = Path(".")
    else:
        out = Path("/proc") if os.path.ismount("/proc") else Path("/")
    started = time.perf_counter()
    with pytest.raises(IngestError):
        ingest([source], "pubmeta", out, overwrite=True)
    assert time.perf_counter() - started < 5
    assert not list(tmp_path.glob(".*incomplete*"))


def _stream(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for index in range(count):
            handle.write(json.dumps({"type": "article", "title": f"Record {index}"}) + "\n")


def _children(pid: int) -> list[int]:
    """Every process below ``pid`` (workers are started by a server process the run starts,
    so they are its grandchildren)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:  # the task ended meanwhile
            continue
        for child in children:
            found += [child, *_children(child)]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to see worker processes")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_a_killed_run_leaves_the_output_as_it_was_and_no_worker_behind(
    tmp_path: Path, how: str
) -> None:
    source = tmp_path / "big.jsonl"
    _stream(source, 200_000)
    out = tmp_path / "out"
    process = subprocess.Popen(
        _command(
            "ingest", str(source), "--to", "pubmeta,jats", "--out", str(out), "--workers", "2"
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a test run in the background (CI) inherits SIGINT ignored, and Python keeps an
        # ignored SIGINT ignored: give the run the disposition a terminal user's has
        preexec_fn=_interruptible,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".out.incomplete-*/jats")):
        time.sleep(0.2)
    workers = _children(process.pid)
    assert len(workers) >= 2, "the run has started its workers"
    process.send_signal(getattr(signal, how))
    _, stderr = process.communicate(timeout=60)
    if how != "SIGKILL":
        assert process.returncode == 130, stderr
        assert "interrupted" in stderr and "Traceback" not in stderr
        assert not list(tmp_path.glob(".out.incomplete-*"))
    assert not out.exists()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not [w for w in workers if _alive(w)], "workers die with the driver"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB file system, mounted for the test (needs root: run so in CI)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if not IS_ROOT or shutil.which("mount") is None:
        message = "mounting a small tmpfs needs root and mount(8)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if result.returncode != 0:
        message = f"cannot mount a tmpfs here: {result.stderr.decode().strip()}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_a_clear_error_and_leaves_nothing_half_written(
    tmp_path: Path, small_disk: Path
) -> None:
    source = tmp_path / "in.jsonl"
    _stream(source, 5_000)
    result = subprocess.run(
        _command("ingest", str(source), "--to", "pubmeta,jats", "--out", str(small_disk / "out")),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    assert list(small_disk.iterdir()) == []


def test_a_rejects_file_on_a_full_disk_is_never_left_truncated(
    tmp_path: Path, small_disk: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(['{"title": "' + "x" * 2000 + '", "page_count": 0}'] * 400) + "\n")
    rejects = small_disk / "rejects.jsonl"
    result = subprocess.run(
        _command(
            "ingest",
            str(source),
            "--to",
            "pubmeta",
            "--out",
            str(tmp_path / "out"),
            "--rejects",
            str(rejects),
        ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert not rejects.exists()
    assert not [p for p in small_disk.iterdir() if not p.name.startswith(".")]


def test_convert_to_a_full_disk_leaves_no_truncated_file(tmp_path: Path, small_disk: Path) -> None:
    source = tmp_path / "big.yaml"
    source.write_text("title: T\nabstract: " + "y" * 400_000 + "\n", "utf-8")
    target = small_disk / "out.json"
    result = subprocess.run(
        _command("convert", str(source), "--to", "pubmeta", "-o", str(target)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "No space left" in result.stderr
    assert not target.exists() and list(small_disk.iterdir()) == []


def test_a_read_only_disk_is_refused_before_any_work(tmp_path: Path, small_disk: Path) -> None:
    source = _records(tmp_path)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(IngestError, match="cannot write in"):
        ingest([source], "pubmeta", small_disk / "out")


def test_a_record_that_kills_its_worker_is_rejected_without_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"type": "article", "title": f"Record {i}"}) for i in range(60)]
    lines[31] = json.dumps({"title": "KILL-ME now"})
    source.write_text("\n".join(lines) + "\n", "utf-8")
    result = subprocess.run(
        [
            *_command("ingest", str(source), "-t", "pubmeta", "--out", str(tmp_path / "out")),
            *("--workers", "2", "--chunk-size", "5", "--quiet"),
        ],
        env={**os.environ, "PUBMETA_INGEST_KILL_ON": "KILL-ME"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr
    (reject,) = (tmp_path / "out" / "rejects.jsonl").read_text("utf-8").splitlines()
    assert json.loads(reject)["position"] == "32"


def test_a_dask_run_with_a_killer_record_prints_only_its_own_lines(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"type": "article", "title": f"Record {i}"}) for i in range(40)]
    lines[21] = json.dumps({"title": "KILL-ME now"})
    source.write_text("\n".join(lines) + "\n", "utf-8")
    result = subprocess.run(
        [
            *_command("ingest", str(source), "-t", "pubmeta", "--out", str(tmp_path / "out")),
            *("--engine", "dask", "--workers", "2", "--chunk-size", "5"),
        ],
        env={**os.environ, "PUBMETA_INGEST_KILL_ON": "KILL-ME"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert all(line.startswith("pubmeta ingest:") for line in result.stderr.splitlines()), (
        result.stderr
    )


_STUCK_POOL = r"""
import sys, threading
import pubmeta.pipeline.run as run
from pubmeta.engines.local import InProcessEngine

class StuckPool(InProcessEngine):
    # a pool whose thread stays blocked after the abort, as CPython's process pool's manager
    # thread can on Linux (its feeder stuck writing to a killed worker's pipe)
    def run(self, batches, work):
        threading.Thread(target=threading.Event().wait, name="stuck-manager").start()
        print("started", flush=True)
        threading.Event().wait()
        yield from ()

run.make_engine = lambda *args, **kwargs: StuckPool()
from pubmeta.cli import main
sys.exit(main(["ingest", sys.argv[1], "--to", "pubmeta", "--out", sys.argv[2]]))
"""


def test_an_interrupted_ingest_ends_even_when_a_pool_thread_stays_blocked(tmp_path: Path) -> None:
    source = tmp_path / "records.jsonl"
    _stream(source, 10)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", _STUCK_POOL, str(source), str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "started"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        process.kill()  # a run that did not end is not left behind
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert not out.exists() and not list(tmp_path.glob(".out.*"))
