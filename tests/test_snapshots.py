"""Snapshot layouts as ingest sources: the Crossref public data file (folder and tar), OpenAlex
snapshot folders (with the manifest and merged ids) and the DataCite data file, built from the
real pieces in the shared corpus as its README says the providers wrap them. Expected values
come from the members themselves (read with the standard library), not from the reader."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import tarfile
import tracemalloc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import need, need_module

from pubmeta.engines.local import InProcessEngine
from pubmeta.pipeline import ingest
from pubmeta.pipeline.snapshots import snapshot_units
from pubmeta.pipeline.units import Unit
from pubmeta.pipeline.work import ChunkResult, Work

pq = need_module("pyarrow.parquet")


@pytest.fixture(scope="module")
def corpus(shared: Path) -> Path:
    return need(shared / "corpus" / "snapshots", "the snapshot samples")


def _dois(out: Path) -> list[str]:
    table = pq.read_table(out / "parquet", columns=["identifiers"])
    return [row["identifiers"]["doi"] for row in table.to_pylist()]


def _rules(out: Path, name: str = "rejects.jsonl") -> list[str]:
    path = out / name
    if not path.exists():
        return []
    return [i["rule"] for line in path.read_text().splitlines() for i in json.loads(line)["issues"]]


def _member_dois(member: Path) -> list[str]:
    text = gzip.decompress(member.read_bytes())
    if b'"items"' in text[:40]:  # an {"items": [...]} object, compact or pretty-printed
        return [item["DOI"].lower() for item in json.loads(text)["items"]]
    return [json.loads(line)["DOI"].lower() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def crossref_folder(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unpacked data file: whole 2021 member 1 (compact layout), the 2024 excerpts
    (pretty-printed) and a 2025 JSON Lines member, named as Crossref names them."""
    folder = tmp_path_factory.mktemp("crossref") / "April 2024 Public Data File"
    folder.mkdir()
    members = [
        "2021-01_pdf_1.json.gz",
        "2024-04_pdf_excerpt2_0.json.gz",
        "2024-04_pdf_excerpt2_1.json.gz",
        "2025-03_pdf_excerpt3.jsonl.gz",
    ]
    for number, name in enumerate(members):
        (folder / f"{number}.json.gz").write_bytes((corpus / "crossref" / name).read_bytes())
    return folder


@pytest.fixture(scope="module")
def crossref_run(crossref_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    ingest([crossref_folder], "parquet", out)
    return out


def test_crossref_folder_every_item_in_member_order(
    crossref_folder: Path, crossref_run: Path
) -> None:
    expected = [doi for m in sorted(crossref_folder.iterdir()) for doi in _member_dois(m)]
    assert len(expected) == 3000 + 2 + 2 + 3
    assert _dois(crossref_run) == expected


def test_a_registry_error_is_kept_in_notes_not_rejected(crossref_run: Path) -> None:
    assert _rules(crossref_run) == []
    assert _rules(crossref_run, "kept.jsonl") == ["page-order", "page-order"]
    rows = pq.read_table(crossref_run / "parquet", columns=["notes", "pages"]).to_pylist()
    kept = [row for row in rows if row["notes"]]
    assert [row["notes"] for row in kept] == [
        ['pages: {"first": "998", "last": "100"} [page-order]'],
        ['pages: {"first": "1197", "last": "1180"} [page-order]'],
    ]
    assert all(row["pages"] is None for row in kept)


def test_strict_rejects_what_a_rule_refuses(crossref_folder: Path, tmp_path: Path) -> None:
    ingest([crossref_folder / "0.json.gz"], "parquet", tmp_path / "out", strict=True)
    assert _rules(tmp_path / "out") == ["page-order", "page-order"]
    assert pq.read_metadata(next((tmp_path / "out" / "parquet").iterdir())).num_rows == 2998


def test_crossref_tar_reads_as_its_folder(
    crossref_folder: Path, crossref_run: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "April 2024 Public Data File from Crossref.tar"
    with tarfile.open(archive, "w") as tar:  # plain tar, one top folder, as Crossref's
        tar.add(crossref_folder, arcname=crossref_folder.name)
    ingest([archive], "parquet", tmp_path / "out")
    assert _dois(tmp_path / "out") == _dois(crossref_run)


def test_shape_is_told_by_first_bytes_not_name(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "members"
    folder.mkdir()
    lines = (corpus / "crossref" / "2025-03_pdf_lines7.jsonl").read_bytes()
    (folder / "0.json.gz").write_bytes(gzip.compress(lines))  # JSON Lines under a .json name
    items = gzip.decompress((corpus / "crossref" / "2024-04_pdf_excerpt2_1.json.gz").read_bytes())
    (folder / "1.jsonl.gz").write_bytes(gzip.compress(items))  # an items object as .jsonl
    ingest([folder], "parquet", tmp_path / "out")
    expected = [json.loads(line)["DOI"].lower() for line in lines.splitlines()]
    expected += [item["DOI"].lower() for item in json.loads(items)["items"]]
    assert _dois(tmp_path / "out") == expected


def _peak_while_cutting(member: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in snapshot_units(member, "crossref"))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_record_files_beside_members_are_read_as_ever(corpus: Path, tmp_path: Path) -> None:
    """A folder that holds members is read as a snapshot; a record file in it is still read
    (and a README beside it is not taken for a record)."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "0.json.gz").write_bytes(
        (corpus / "crossref" / "2024-04_pdf_excerpt2_0.json.gz").read_bytes()
    )
    record = {"type": "article", "title": "A record beside the members"}
    (folder / "z.yaml").write_text(f"type: article\ntitle: {record['title']}\n")
    (folder / "README.txt").write_text("How these files were downloaded.\n")
    ingest([folder], "parquet", tmp_path / "out")
    titles = pq.read_table(tmp_path / "out" / "parquet", columns=["title"]).to_pylist()
    assert len(titles) == 3 and titles[-1]["title"] == record["title"]
    assert _rules(tmp_path / "out") == []


def test_a_member_is_streamed_not_held(corpus: Path, tmp_path: Path) -> None:
    """Pretty-printed members (the 2023/2024 layout) of ~6 and ~26 MB are cut into items with
    the same memory, a small fraction of the larger one's size."""
    member = corpus / "crossref" / "2021-01_pdf_2.json.gz"
    items = json.loads(gzip.decompress(member.read_bytes()))["items"]
    found = []
    for copies in (1, 4):
        document = json.dumps({"items": items * copies}, indent=2, ensure_ascii=False).encode()
        path = tmp_path / f"{copies}.json.gz"
        path.write_bytes(gzip.compress(document, compresslevel=1))
        found.append((len(document), *_peak_while_cutting(path)))
    (_, small_count, small_peak), (size, count, peak) = found
    assert (small_count, count) == (3000, 12000)
    assert size > 20_000_000
    assert peak < small_peak * 1.5
    assert peak < size / 3


def test_jackson_members_are_cut_at_their_item_lines(corpus: Path, tmp_path: Path) -> None:
    """The real pretty-printed 2024 layout, its items section repeated 1,000 times: every item
    comes out as the same JSON as the whole member's ``items``."""
    text = gzip.decompress((corpus / "crossref" / "2024-04_pdf_excerpt2_1.json.gz").read_bytes())
    items = json.loads(text)["items"]
    head, last = b'{\n  "items" : [ {\n', b"\n  } ]"
    assert text.startswith(head)
    body = text[len(head) : text.rindex(last)]
    member = head + b"\n  }, {\n".join([body] * 1000) + text[text.rindex(last) :]
    (tmp_path / "0.json.gz").write_bytes(gzip.compress(member))
    units = list(snapshot_units(tmp_path / "0.json.gz"))
    assert len(units) == 2 * 1000
    assert all(json.loads(u.content) == items[n % 2] for n, u in enumerate(units))


# -- OpenAlex ----------------------------------------------------------------------------------


def _openalex_lines(corpus: Path) -> list[bytes]:
    return (corpus / "openalex" / "works_lines53_2026.jsonl").read_bytes().splitlines(keepends=True)


def _openalex_folder(root: Path, lines: list[bytes], base: str, manifest_name: str) -> Path:
    """``<base>/updated_date=<day>/part_0000.gz`` by each work's updated_date, and a manifest
    of their sizes and line counts (the legacy ``entries`` form)."""
    days: dict[str, list[bytes]] = defaultdict(list)
    for line in lines:
        days[json.loads(line)["updated_date"][:10]].append(line)
    works = root / base
    entries: list[dict[str, Any]] = []
    for day, group in sorted(days.items()):
        part = works / f"updated_date={day}" / "part_0000.gz"
        part.parent.mkdir(parents=True)
        part.write_bytes(gzip.compress(b"".join(group)))
        url = f"s3://openalex/{base}/updated_date={day}/part_0000.gz"
        entries.append(
            {
                "url": url,
                "meta": {"content_length": part.stat().st_size, "record_count": len(group)},
            }
        )
    manifest: dict[str, Any] = {"entries": entries}
    if manifest_name == "manifest.json":
        manifest = {"entity": "works", "format": "jsonl", "files": entries}
    (works / manifest_name).write_text(json.dumps(manifest))
    return root


def _ids(out: Path) -> list[str]:
    rows = pq.read_table(out / "parquet", columns=["provenance"]).to_pylist()
    return [row["provenance"]["url"].rsplit("/", 1)[-1] for row in rows]


def _expected_ids(lines: list[bytes], left_out: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    days: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        work = json.loads(line)
        days[work["updated_date"][:10]].append(work["id"].rsplit("/", 1)[-1])
    return [i for _, ids in sorted(days.items()) for i in ids if i not in left_out]


def test_openalex_partitions_with_manifest_and_merged_ids(corpus: Path, tmp_path: Path) -> None:
    lines = _openalex_lines(corpus)
    root = _openalex_folder(tmp_path / "openalex-snapshot", lines, "data/works", "manifest")
    merged = [json.loads(lines[n])["id"] for n in (3, 40)]
    table = "merge_date,id,merge_into_id\n" + "".join(f"2026-01-30,{m},W1\n" for m in merged)
    path = root / "data" / "merged_ids" / "works" / "2026-01-30.csv.gz"
    path.parent.mkdir(parents=True)
    path.write_bytes(gzip.compress(table.encode()))
    ingest([root], "parquet", tmp_path / "out")
    left_out = {m.rsplit("/", 1)[-1] for m in merged}
    assert _ids(tmp_path / "out") == _expected_ids(lines, left_out)
    assert _rules(tmp_path / "out") == []


def test_openalex_2026_jsonl_layout(corpus: Path, tmp_path: Path) -> None:
    lines = _openalex_lines(corpus)
    root = _openalex_folder(tmp_path / "snap", lines, "data/jsonl/works", "manifest.json")
    ingest([root / "data" / "jsonl" / "works"], "parquet", tmp_path / "out")
    assert _ids(tmp_path / "out") == _expected_ids(lines)


def test_manifest_disagreements_are_rejects_of_their_files(corpus: Path, tmp_path: Path) -> None:
    lines = _openalex_lines(corpus)
    root = _openalex_folder(tmp_path / "snap", lines, "data/works", "manifest")
    manifest_path = root / "data" / "works" / "manifest"
    manifest = json.loads(manifest_path.read_text())
    entries = manifest["entries"]
    entries[0]["meta"]["record_count"] += 1  # read, and the count reported
    entries[1]["meta"]["content_length"] += 5  # a partial download: not read
    entries.append({"url": "s3://openalex/data/works/updated_date=2026-02-01/part_0000.gz"})
    manifest_path.write_text(json.dumps(manifest))
    ingest([root], "parquet", tmp_path / "out")
    assert sorted(_rules(tmp_path / "out")) == [
        "manifest-count",
        "manifest-missing",
        "manifest-size",
    ]
    second_day = entries[1]["url"].split("updated_date=")[1][:10]
    skipped = [json.loads(line)["id"].rsplit("/", 1)[-1] for line in lines
               if json.loads(line)["updated_date"].startswith(second_day)]  # fmt: skip
    assert _ids(tmp_path / "out") == [i for i in _expected_ids(lines) if i not in skipped]


# -- DataCite ----------------------------------------------------------------------------------


def _datacite_folder(corpus: Path, root: Path) -> tuple[Path, list[str]]:
    months: dict[str, list[bytes]] = defaultdict(list)
    for line in (
        (corpus / "datacite" / "dois_lines47_2024plus.jsonl").read_bytes().splitlines(keepends=True)
    ):
        months[json.loads(line)["attributes"]["updated"][:7]].append(line)
    manifest = []
    expected = []
    for month, group in sorted(months.items()):
        relative = f"dois/updated_{month}/part_0000.jsonl.gz"
        part = root / relative
        part.parent.mkdir(parents=True)
        part.write_bytes(gzip.compress(b"".join(group)))
        digest = base64.b64encode(hashlib.sha256(part.read_bytes()).digest()).decode()
        manifest.append(f"{relative} {part.stat().st_size} {digest}\n")
        expected += [json.loads(line)["attributes"]["doi"].lower() for line in group]
    (root / "MANIFEST").write_text("".join(manifest))
    (root / "STATUS.json").write_bytes((corpus / "datacite" / "STATUS.json").read_bytes())
    return root, expected


def test_datacite_monthly_file_with_manifest(corpus: Path, tmp_path: Path) -> None:
    root, expected = _datacite_folder(corpus, tmp_path / "datacite")
    ingest([root], "parquet", tmp_path / "out")
    assert _dois(tmp_path / "out") == expected


def test_datacite_checksum_mismatch_rejects_the_part(corpus: Path, tmp_path: Path) -> None:
    root, _ = _datacite_folder(corpus, tmp_path / "datacite")
    manifest = (root / "MANIFEST").read_text().splitlines()
    path, size, _digest = manifest[0].split()
    manifest[0] = f"{path} {size} {base64.b64encode(b'x' * 32).decode()}"
    (root / "MANIFEST").write_text("\n".join(manifest) + "\n")
    ingest([root], "parquet", tmp_path / "out")
    assert _rules(tmp_path / "out") == ["manifest-checksum"]


def test_datacite_2023_per_prefix_tar(corpus: Path, tmp_path: Path) -> None:
    archive = corpus / "datacite" / "pdf-2023_layout_excerpt.tar.gz"
    expected = []
    with tarfile.open(archive) as tar:
        for member in tar:  # in archive order, as the stream reads it
            if member.isfile():
                data = tar.extractfile(member).read()  # type: ignore[union-attr]
                expected += [json.loads(x)["doi"].lower() for x in io.BytesIO(data) if x.strip()]
    ingest([archive], "parquet", tmp_path / "out")
    assert len(expected) == 10
    assert _dois(tmp_path / "out") == expected


# -- resume ------------------------------------------------------------------------------------


class _DiesAfter(InProcessEngine):
    """Runs chunks in this process and dies (as a killed driver would stop) after some."""

    def __init__(self, chunks: int) -> None:
        self.chunks = chunks

    def run(self, batches: Iterable[list[Unit]], work: Work) -> Iterator[ChunkResult]:
        for number, result in enumerate(super().run(batches, work)):
            if number == self.chunks:
                raise KeyboardInterrupt
            yield result


def test_a_killed_run_resumes_at_file_granularity(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data file"
    folder.mkdir()
    for number, name in enumerate(["2021-01_pdf_2.json.gz", "2021-01_pdf_1.json.gz"]):
        (folder / f"{number}.json.gz").write_bytes((corpus / "crossref" / name).read_bytes())
    whole = tmp_path / "whole"
    ingest([folder], "pubmeta,parquet", whole, chunk_size=500)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):  # member 0 written, 500 items of member 1
        ingest([folder], "pubmeta,parquet", out, chunk_size=500, resume=True,
               engine_factory=lambda: _DiesAfter(7))  # fmt: skip
    (staging,) = tmp_path.glob(".out.incomplete-*")
    with (staging / "records.jsonl").open("a") as handle:
        handle.write('{"title": "half a line written as the run was kil')
    (staging / "parquet" / "part-000000099.parquet").write_bytes(b"PAR1 cut short")
    (folder / "0.json.gz").unlink()  # finished: the resumed run must not read it again
    summary = ingest([folder], "pubmeta,parquet", out, chunk_size=500, resume=True)
    assert (out / "records.jsonl").read_text() == (whole / "records.jsonl").read_text()
    assert _dois(out) == _dois(whole)
    assert (summary.written, summary.units, summary.files) == (6000, 6000, 2)
    assert not list(tmp_path.glob(".out.*")) and not (out / ".resume.jsonl").exists()


def test_without_resume_a_killed_runs_staging_is_removed(corpus: Path, tmp_path: Path) -> None:
    member = tmp_path / "0.json.gz"
    member.write_bytes((corpus / "crossref" / "2021-01_pdf_2.json.gz").read_bytes())
    with pytest.raises(KeyboardInterrupt):
        ingest([member], "pubmeta", tmp_path / "out", chunk_size=500, resume=True,
               engine_factory=lambda: _DiesAfter(2))  # fmt: skip
    assert len(list(tmp_path.glob(".out.incomplete-*"))) == 1
    summary = ingest([member], "pubmeta", tmp_path / "out", chunk_size=500)
    assert summary.written == 3000
    assert not list(tmp_path.glob(".out.*"))
