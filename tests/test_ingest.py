"""Ingest: every input record written or rejected exactly once, in input order, whatever the
workers, the engine, or the faults (malformed lines, invalid records, bad bytes, dying workers)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import need_module

from pubmeta.pipeline import KILL_SWITCH_ENV, IngestError, ingest

TARGETS = "pubmeta,jats,csl,dc"


def _good(index: int) -> str:
    return json.dumps(
        {
            "type": "article",
            "title": f"Record {index}",
            "dates": {"published": f"{2000 + index % 20}"},
            "contributors": [{"family": f"Author{index}", "given": "A."}],
        }
    )


def _faulty_input(folder: Path, count: int = 120) -> tuple[Path, list[str], list[str]]:
    """A JSON Lines file with faults at known lines: (path, good titles, bad positions)."""
    lines: list[bytes] = []
    good: list[str] = []
    bad: list[str] = []
    for index in range(count):
        number = str(len(lines) + 1)
        if index % 17 == 5:
            lines.append(b'{"type": "article", "title": "broken",')  # malformed JSON
            bad.append(number)
        elif index % 17 == 9:
            lines.append(json.dumps({"title": f"Record {index}", "page_count": 0}).encode())
            bad.append(number)  # invalid record
        elif index % 17 == 12:
            lines.append(b'{"title": "caf\xe9"}')  # not UTF-8
            bad.append(number)
        elif index % 17 == 14:
            lines.append(json.dumps({"title": f"KILL-ME {index}"}).encode())
            bad.append(number)  # kills the worker process that reads it (workers > 1)
        else:
            lines.append(_good(index).encode())
            good.append(f"Record {index}")
    path = folder / "input.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, good, bad


def _titles(out: Path) -> list[str]:
    return [json.loads(line)["title"] for line in (out / "records.jsonl").read_text().splitlines()]


def _rejected_positions(out: Path) -> list[str]:
    return [
        json.loads(line)["position"] for line in (out / "rejects.jsonl").read_text().splitlines()
    ]


def _snapshot(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "summary.json"
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_every_record_is_written_or_rejected_exactly_once(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KILL_SWITCH_ENV, "KILL-ME")
    source, good, bad = _faulty_input(tmp_path)
    summary = ingest([source], TARGETS, tmp_path / "out", workers=workers, chunk_size=9)
    out = tmp_path / "out"
    rejected = _rejected_positions(out)
    if workers == 1:
        # in-process there is no worker process to kill: those records are simply written
        assert [t for t in _titles(out) if not t.startswith("KILL-ME")] == good
        assert set(rejected) < set(bad)
    else:
        assert _titles(out) == good
        assert rejected == bad
        died = [
            json.loads(line)
            for line in (out / "rejects.jsonl").read_text().splitlines()
            if "worker-died" in line
        ]
        assert len(died) == 7 and all("KILL-ME" in r["input"] for r in died)
    assert summary.written + summary.rejected == summary.units == 120
    assert summary.rejected == len(rejected)
    for target, folder in (("jats", "jats"), ("dc", "dc")):
        assert len(list((out / folder).rglob("*.xml"))) == summary.written, target
    assert len((out / "records.csl.jsonl").read_text().splitlines()) == summary.written


def test_rejects_say_where_and_why_and_keep_the_input(tmp_path: Path) -> None:
    source, _good_titles, _bad = _faulty_input(tmp_path, count=18)
    ingest([source], "pubmeta", tmp_path / "out", rejects=tmp_path / "bad.jsonl")
    rejects = [json.loads(line) for line in (tmp_path / "bad.jsonl").read_text().splitlines()]
    by_rule = {r["issues"][0]["rule"]: r for r in rejects}
    assert set(by_rule) == {"json-syntax", "minimum", "encoding"}
    assert by_rule["json-syntax"]["input"] == '{"type": "article", "title": "broken",'
    assert by_rule["encoding"]["input"] == {"bytes_hex": b'{"title": "caf\xe9"}'.hex()}
    assert all(r["source"] == str(source) for r in rejects)


def test_output_does_not_depend_on_the_number_of_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _good_titles, _bad = _faulty_input(tmp_path)
    monkeypatch.delenv(KILL_SWITCH_ENV, raising=False)
    ingest([source], TARGETS, tmp_path / "one", workers=1, chunk_size=7)
    ingest([source], TARGETS, tmp_path / "two", workers=2, chunk_size=7)
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


def test_a_second_run_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    source, _good_titles, _bad = _faulty_input(tmp_path, count=10)
    ingest([source], "pubmeta", tmp_path / "out")
    with pytest.raises(IngestError, match="already holds output"):
        ingest([source], "pubmeta", tmp_path / "out")


def test_overwrite_replaces_the_whole_folder(tmp_path: Path) -> None:
    source, _good_titles, _bad = _faulty_input(tmp_path, count=10)
    ingest([source], "pubmeta,jats", tmp_path / "out")
    ingest([source], "pubmeta", tmp_path / "out", overwrite=True)
    assert not (tmp_path / "out" / "jats").exists()  # nothing of the first run is left
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_mixed_inputs_from_folders_csl_arrays_and_xml(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    csl = tmp_path / "items.json"
    csl.write_text(
        json.dumps(
            [
                {"id": "a", "type": "book", "title": "A"},
                {"id": "b", "type": "book", "title": "B"},
                "not an item",
            ]
        ),
        "utf-8",
    )
    summary = ingest([repo / "seeds", csl], "csl", tmp_path / "out")
    assert (summary.written, summary.rejected) == (4, 1)


def test_progress_is_plain_lines_when_not_a_terminal(tmp_path: Path) -> None:
    source, _good_titles, _bad = _faulty_input(tmp_path, count=10)
    stream = io.StringIO()
    ingest([source], "pubmeta", tmp_path / "out", progress=stream)
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("pubmeta ingest: 10 records from 1 file: 8 written, 2 rejected")
    assert "\r" not in stream.getvalue()


@pytest.mark.slow
@pytest.mark.timeout(300)  # a hang is a failure, not a stuck CI run
def test_dask_cluster_gives_the_same_output_as_the_local_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = need_module("distributed")
    from pubmeta.engines.dask import ingest as dask_ingest

    monkeypatch.setenv(KILL_SWITCH_ENV, "KILL-ME")
    source, good, bad = _faulty_input(tmp_path, count=120)
    ingest([source], TARGETS, tmp_path / "local", workers=2, chunk_size=5)
    import dask

    with (
        # this test's own cluster: its nannies wait for a killed worker's replacement however
        # slowly a loaded machine starts one (a run leaves a cluster it did not start as it is)
        dask.config.set({"distributed.deploy.lost-worker-timeout": "1h"}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        summary = dask_ingest(
            [source],
            TARGETS,
            tmp_path / "dask",
            client=client,
            chunk_size=5,
            scheduler_allowed_failures=0,  # the cluster is this test's: no retries of killers
        )
    assert _snapshot(tmp_path / "local") == _snapshot(tmp_path / "dask")
    assert _titles(tmp_path / "dask") == good
    assert _rejected_positions(tmp_path / "dask") == bad  # the killers, and no innocent
    assert summary.written + summary.rejected == 120


def test_a_cluster_that_loses_every_worker_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distributed = need_module("distributed")
    from pubmeta.engines import dask as dask_engine

    monkeypatch.setattr(dask_engine, "NO_WORKERS_GRACE", 3.0)
    source, _good, _bad = _faulty_input(tmp_path, count=40)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        engine = dask_engine.DaskEngine(client=client)
        cluster.scale(0)  # every worker gone, none coming back
        with pytest.raises(IngestError, match="no workers"):
            ingest([source], "pubmeta", tmp_path / "out", engine_factory=lambda: engine)
    assert not (tmp_path / "out").exists()
