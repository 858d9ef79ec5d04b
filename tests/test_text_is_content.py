"""A string given to the Python face is content, never a file name (issue 26): a service that
passes a user's text to pubmeta must not tell that user which files exist on its machine."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO

import pubmeta

SEED = REPO / "seeds" / "000_d4b476da1a4995c2.yaml"

# paths whose use the audit hook records while a test watches (the hook, once added, stays in
# the process: with nothing watched it records nothing)
_WATCHED: list[str] = []
_SEEN: list[tuple[str, str]] = []


def _audit(event: str, arguments: tuple[object, ...]) -> None:
    if _WATCHED and arguments and any(w in str(arguments[0]) for w in _WATCHED):
        _SEEN.append((event, str(arguments[0])))


sys.addaudithook(_audit)


@pytest.fixture
def watched(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Every open (audit event) and stat (os.stat, os.lstat: they raise no audit event) of the
    watched paths during the test."""
    real_stat, real_lstat = os.stat, os.lstat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        _audit("os.stat", (path,))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    def lstat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        _audit("os.lstat", (path,))
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "lstat", lstat)
    _SEEN.clear()
    try:
        yield _SEEN
    finally:
        _WATCHED.clear()


def test_the_name_of_a_system_file_is_content_that_reads_as_no_format() -> None:
    with pytest.raises(pubmeta.FormatError) as raised:
        pubmeta.read("/etc/passwd")
    assert type(raised.value) is pubmeta.FormatError
    assert "cannot tell the format" in str(raised.value)
    assert "file" not in str(raised.value).replace("cannot tell", "")


def test_the_name_of_a_record_file_is_not_read_as_that_file(tmp_path: Path) -> None:
    copy = shutil.copy(SEED, tmp_path / "record.yaml")
    with pytest.raises(pubmeta.FormatError, match="cannot tell the format"):
        pubmeta.read(str(copy))
    assert len(pubmeta.read(Path(copy))) == 1  # the same file, passed as a path, is read


def _inspect(text: str) -> object:
    return pubmeta.inspect(text)


def _iterate(text: str) -> object:
    return list(pubmeta.iter_records(text))


@pytest.mark.parametrize(
    "call",
    [pubmeta.read, _inspect, pubmeta.validate, _iterate],
    ids=["read", "inspect", "validate", "iter_records"],
)
def test_no_call_opens_or_stats_a_file_a_string_names(
    watched: list[tuple[str, str]], call: Callable[[str], object]
) -> None:
    _WATCHED.append("/etc/passwd")
    with contextlib.suppress(pubmeta.FormatError):
        call("/etc/passwd")
    assert watched == []


def test_the_watch_sees_a_file_that_is_read(watched: list[tuple[str, str]]) -> None:
    _WATCHED.append(str(SEED))
    pubmeta.read(SEED)
    events = {event for event, _ in watched}
    assert {"open", "os.stat"} <= events
