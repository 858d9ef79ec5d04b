"""Parquet and Arrow ingest output, read back by the consumers users use: pyarrow, DuckDB and
polars. Inputs are real Crossref works (the January 2021 public data file, member 0) and real
OpenAlex works, as JSON Lines; expected values come from ``pubmeta.read`` of the same input and
from the input itself, never from the Arrow conversion under test."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import need, need_module

import pubmeta
from pubmeta.pipeline import IngestError, ingest

pa = need_module("pyarrow")
pq = need_module("pyarrow.parquet")

CROSSREF_ITEMS = 1200


@pytest.fixture(scope="module")
def crossref_lines(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,200 real Crossref works and two bad lines (one not JSON, one not a work)."""
    member = need(shared / "corpus/snapshots/crossref/2021-01_pdf_0.json.gz", "Crossref member")
    items = json.loads(gzip.decompress(member.read_bytes()))["items"][:CROSSREF_ITEMS]
    lines = [json.dumps(item, ensure_ascii=False) for item in items]
    lines.insert(7, '{"DOI": "10.1001/broken",')  # cut short
    lines.insert(500, "[42]")  # not a record
    path = tmp_path_factory.mktemp("crossref") / "works.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def openalex_lines(shared: Path) -> Path:
    return need(shared / "corpus/snapshots/openalex/works_lines53_2026.jsonl", "OpenAlex works")


@pytest.fixture(scope="module")
def crossref_out(crossref_lines: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    ingest([crossref_lines], "parquet,arrow", out, format="crossref", chunk_size=500)
    return out


@pytest.fixture(scope="module")
def expected_records(crossref_lines: Path) -> list[dict[str, Any]]:
    """What ``pubmeta.read`` makes of each good line, as JSON."""
    records = []
    for line in crossref_lines.read_text("utf-8").splitlines():
        try:
            found = pubmeta.read(line.encode(), format="crossref")
        except pubmeta.PubmetaError:
            continue
        records.extend(r.model_dump(mode="json") for r in found)
    return records


def _rejects(out: Path) -> int:
    return len((out / "rejects.jsonl").read_text("utf-8").splitlines())


def test_parquet_rows_are_the_inputs_less_the_rejects(crossref_out: Path) -> None:
    table = pq.read_table(crossref_out / "parquet")
    assert _rejects(crossref_out) == 2
    assert table.num_rows == CROSSREF_ITEMS + 2 - 2


def test_a_file_a_chunk_zstd(crossref_out: Path) -> None:
    files = sorted((crossref_out / "parquet").iterdir())
    assert [f.name for f in files] == [f"part-00000000{n}.parquet" for n in range(3)]
    metadata = pq.ParquetFile(files[0]).metadata
    assert metadata.num_rows == 499  # the first 500 inputs hold the line cut short
    assert metadata.row_group(0).column(0).compression == "ZSTD"


def _back_to_json(value: Any, key: str = "") -> Any:
    """A row value as the record's JSON: a date struct is its ISO string, an affiliation with
    no ROR ID is its name, nulls and empty lists are left out (as the record's dump does not
    hold them differently)."""
    if isinstance(value, dict):
        if set(value) == {"iso", "year", "month", "day"}:
            return value["iso"]
        if key == "affiliations" and value.get("ror") is None:
            return value["name"]
        return {k: _back_to_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_back_to_json(v, key) for v in value]
    return value


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def test_every_field_of_a_sample_equals_pubmeta_read(
    crossref_out: Path, expected_records: list[dict[str, Any]]
) -> None:
    rows = pq.read_table(crossref_out / "parquet").to_pylist()
    assert len(rows) == len(expected_records)
    for index in range(0, len(rows), 97):
        assert _pruned(_back_to_json(rows[index])) == _pruned(expected_records[index])


def test_arrow_ipc_holds_the_same_rows(crossref_out: Path) -> None:
    parquet_rows = pq.read_table(crossref_out / "parquet").to_pylist()
    ipc_rows: list[dict[str, Any]] = []
    for path in sorted((crossref_out / "arrow").iterdir()):
        ipc_rows.extend(pa.ipc.open_file(path).read_all().to_pylist())
    assert ipc_rows == parquet_rows


def _parts(iso: str) -> tuple[int, int | None, int | None]:
    sign = -1 if iso.startswith("-") else 1
    pieces = [int(p) for p in iso.lstrip("-").split("-")]
    pieces[0] *= sign
    return (pieces[0], *[*pieces[1:], None, None][:2])  # type: ignore[return-value]


def test_partial_dates_keep_their_precision(crossref_out: Path) -> None:
    rows = pq.read_table(crossref_out / "parquet", columns=["dates"]).to_pylist()
    precisions = Counter()
    for row in rows:
        for date in row["dates"].values():
            if date is None:
                continue
            assert (date["year"], date["month"], date["day"]) == _parts(date["iso"])
            precisions[len(date["iso"])] += 1
    assert precisions[4] and precisions[7] and precisions[10]  # year, month and day dates


def test_duckdb_counts_works_with_authors_per_year(
    crossref_out: Path, expected_records: list[dict[str, Any]]
) -> None:
    duckdb = need_module("duckdb")
    expected: Counter[int] = Counter()
    for record in expected_records:
        published = (record["dates"] or {}).get("published")
        authors = [c for c in record["contributors"] if c["role"] == "author"]
        if published and authors:
            expected[int(published[:4])] += 1
    glob = str(crossref_out / "parquet" / "*.parquet")
    query = f"""
        select dates.published.year as year, count(distinct identifiers.doi) as works
        from (select unnest(contributors) as person, * from read_parquet('{glob}'))
        where person.role = 'author' and dates.published.year is not null
        group by year order by year
    """
    assert duckdb.sql(query).fetchall() == sorted(expected.items())


def test_polars_unnests_authors(crossref_out: Path, expected_records: list[dict[str, Any]]) -> None:
    pl = need_module("polars")
    frame = pl.read_parquet(crossref_out / "parquet" / "*.parquet")
    people = frame.select("contributors").explode("contributors").unnest("contributors")
    families = people.filter(pl.col("family").is_not_null())["family"].to_list()
    expected = [c.get("family") for r in expected_records for c in r["contributors"]]
    assert families == [f for f in expected if f is not None]


def test_the_schema_is_the_same_for_disjoint_inputs(
    crossref_lines: Path, openalex_lines: Path, tmp_path: Path
) -> None:
    ingest([openalex_lines], "parquet", tmp_path / "a", format="openalex")
    ingest([crossref_lines], "parquet", tmp_path / "b", format="crossref")
    first = pq.read_schema(next((tmp_path / "a" / "parquet").iterdir()))
    second = pq.read_schema(next((tmp_path / "b" / "parquet").iterdir()))
    assert first.equals(second, check_metadata=True)
    duckdb = need_module("duckdb")
    both = f"read_parquet(['{tmp_path}/a/parquet/*.parquet', '{tmp_path}/b/parquet/*.parquet'])"
    count = duckdb.sql(f"select count(*) from {both}").fetchall()[0][0]
    assert count == pq.read_metadata(next((tmp_path / "a" / "parquet").iterdir())).num_rows + (
        CROSSREF_ITEMS
    )


def test_every_record_field_is_a_column() -> None:
    from pubmeta.arrow_schema import arrow_schema
    from pubmeta.model import Publication

    assert arrow_schema().names == list(Publication.model_fields)


def test_schema_arrow_prints_the_pinned_version(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pubmeta", "schema", "--arrow"],
        capture_output=True,
        text=True,
        check=True,
    )
    from pubmeta.arrow_schema import ARROW_SCHEMA_VERSION

    pinned = data_dir / f"arrow_schema_v{ARROW_SCHEMA_VERSION}.txt"
    assert result.stdout == pinned.read_text("utf-8"), (
        "the Arrow schema changed (a model field?): bump ARROW_SCHEMA_VERSION and pin the new "
        f"text as arrow_schema_v<N>.txt (before the version's first release, {pinned.name} "
        "may be rewritten instead)"
    )


def test_overwrite_swaps_in_the_whole_new_run(crossref_lines: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest([crossref_lines], "parquet", out, format="crossref", chunk_size=300)
    assert len(list((out / "parquet").iterdir())) == 5
    ingest([crossref_lines], "parquet", out, format="crossref", overwrite=True)
    assert [p.name for p in (out / "parquet").iterdir()] == ["part-000000000.parquet"]
    assert not list(tmp_path.glob(".out.*"))  # no staging folder, no lock left


def test_without_pyarrow_the_run_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, crossref_lines: Path, tmp_path: Path
) -> None:
    from pubmeta import arrow_schema

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    arrow_schema._derived.cache_clear()
    try:
        with pytest.raises(IngestError, match=r"pubmeta\[parquet\]"):
            ingest([crossref_lines], "parquet", tmp_path / "out", format="crossref")
    finally:
        arrow_schema._derived.cache_clear()
    assert not (tmp_path / "out").exists()
