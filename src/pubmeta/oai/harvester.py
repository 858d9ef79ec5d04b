"""``pubmeta.harvest``: an OAI-PMH ListRecords harvest into ingest's pipeline, page by page.

Each page's records are read, validated and written to every target like ingest's units (bad
ones to ``rejects.jsonl``), deleted records go to ``deletions.jsonl``, and the checkpoint is
replaced after the page (see :mod:`.store`). What the harvest does when things go wrong:

- a refused or expired resumption token (``badResumptionToken``): the run's window is asked
  for again from its start, and the records already harvested (by identifier and datestamp)
  are skipped; it says so;
- ``noRecordsMatch``: an empty harvest, not an error;
- another OAI-PMH error, an HTML page, a body that is not XML: HarvestError naming the page;
- a page that is not well-formed XML: each record is parsed on its own (see :mod:`.pages`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..diagnostics import Issue
from ..formats.base import Reading
from ..formats.dublincore.read import read_tree as dc_tree
from ..formats.openaire.read import read_tree as openaire_tree
from ..formats.registry import FORMATS
from ..pipeline.units import Unit
from ..pipeline.work import ChunkResult, Reader, Work, process_chunk, reject_line
from ..reading import Checked, checked_readings, decode, iter_text
from .client import Client, Policy
from .pages import Harvested, HarvestError, OAIError, Page, read_page
from .protocol import DAY, SECONDS, at_granularity, granularity_of
from .store import DELETIONS, HARVESTED, Checkpoint, Store, harvested_before

#: metadataPrefix -> the pubmeta format that reads its payload (others are sniffed)
PREFIX_FORMATS = {
    "oai_dc": "dc", "oai_openaire": "openaire", "oai_datacite": "datacite",
    "datacite": "datacite", "jats": "jats", "pmc": "jats", "oai_jats": "jats",
}  # fmt: skip
MAX_RECOVERIES = 3
#: formats whose records are read from their page's tree
_TREE_READERS: dict[str, Callable[[Any], list[Reading]]] = {
    "dc": dc_tree, "openaire": openaire_tree,
}  # fmt: skip


@dataclass
class HarvestSummary:
    pages: int = 0
    written: int = 0
    rejected: int = 0
    deleted: int = 0
    skipped: int = 0
    recoveries: int = 0
    seconds: float = 0.0
    start: str | None = None
    out: str = ""

    @property
    def records(self) -> int:
        return self.written + self.rejected

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages, "records": self.records, "written": self.written,
            "rejected": self.rejected, "deleted": self.deleted,
            "skipped_as_already_harvested": self.skipped, "recoveries": self.recoveries,
            "from": self.start, "seconds": round(self.seconds, 3),
            "records_per_second": round(self.records / self.seconds, 1) if self.seconds else 0.0,
            "out": self.out,
        }  # fmt: skip


def harvest(
    url: str,
    prefix: str = "oai_dc",
    out: str | Path = "harvest",
    *,
    set: str | None = None,
    from_date: str | None = None,
    until_date: str | None = None,
    to: str | Sequence[str] = "pubmeta",
    resume: bool = False,
    policy: Policy | None = None,
    progress: TextIO | None = None,
    transport: Any = None,
    sleep: Callable[[float], None] = time.sleep,
) -> HarvestSummary:
    """Harvest ``url``'s records in ``prefix`` into the folder ``out``.

    ``resume``: go on with the unfinished harvest in ``out`` from its checkpoint. Without it,
    a folder that holds a finished harvest of the same endpoint, prefix and set gets an
    incremental harvest: records changed since that harvest's responseDate, at the endpoint's
    granularity. Raises HarvestError (a PubmetaError) when the harvest cannot go on."""
    from ..pipeline.run import targets_of

    folder = Path(out)
    for name, value in (("from", from_date), ("until", until_date)):
        if value is not None and granularity_of(value) is None:
            raise HarvestError(f"{name} {value!r} is not YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
    targets = targets_of(to)
    tables = [t for t in targets if t not in FORMATS]
    if tables:
        raise HarvestError(f"a harvest writes record formats; {', '.join(tables)} is for ingest")
    notice = _notice(progress)
    with Client(url, policy or Policy(), notice=notice, transport=transport, sleep=sleep) as client:
        checkpoint, seen = _begin(folder, url, prefix, set, from_date, until_date, targets,
                                  resume, client, notice)  # fmt: skip
        return _run(client, folder, checkpoint, seen, notice)


def _notice(progress: TextIO | None) -> Callable[[str], None]:
    def say(text: str) -> None:
        if progress is not None:
            progress.write(f"pubmeta harvest: {text}\n")
            progress.flush()

    return say


def _begin(
    folder: Path, url: str, prefix: str, set_spec: str | None, start: str | None,
    until: str | None, targets: list[str], resume: bool, client: Client,
    notice: Callable[[str], None],
) -> tuple[Checkpoint, set[tuple[str, str]]]:  # fmt: skip
    previous = Checkpoint.load(folder) if folder.exists() else None
    if previous is not None and (previous.endpoint, previous.prefix, previous.set) != (
        url, prefix, set_spec):  # fmt: skip
        raise HarvestError(
            f"{folder} holds a harvest of {previous.endpoint} ({previous.prefix}"
            f"{', set ' + previous.set if previous.set else ''}); choose another folder"
        )
    if resume:
        if previous is None or previous.status != "running":
            raise HarvestError(f"there is no unfinished harvest in {folder} to resume")
        notice(f"resuming after page {previous.page} ({previous.counts.get('written', 0)} "
               "records written so far)")  # fmt: skip
        # a list started again (a refused token) or an incremental run may bring records
        # this folder holds: they are skipped, as before the interruption
        again = previous.recoveries > 0 or bool(previous.runs)
        size = previous.sizes.get(HARVESTED, 0)
        return previous, harvested_before(folder, size, previous.start) if again else set()
    if previous is not None and previous.status == "running":
        raise HarvestError(
            f"{folder} holds an unfinished harvest (page {previous.page}): resume it, or "
            "choose another folder"
        )
    if previous is None:
        if folder.exists() and any(folder.iterdir()):
            raise HarvestError(f"{folder} is not empty and holds no harvest; choose another folder")
        folder.mkdir(parents=True, exist_ok=True)
        checkpoint = Checkpoint(url, prefix, set_spec, targets, start, until)
        checkpoint.save(folder)
        return checkpoint, set()
    # an incremental harvest into a finished one
    if targets != previous.targets:
        raise HarvestError(f"{folder} was harvested to {', '.join(previous.targets)}; "
                           "an incremental harvest writes the same formats")  # fmt: skip
    if start is None and previous.runs:
        granularity = previous.granularity or _granularity(client, notice)
        start = at_granularity(previous.runs[-1]["response_date"], granularity)
        previous.granularity = granularity
        notice(f"incremental harvest: records changed since {start} (the last harvest's "
               "responseDate)")  # fmt: skip
    previous.status, previous.start, previous.until = "running", start, until
    previous.page, previous.token, previous.response_date = 0, None, None
    previous.counts, previous.recoveries, previous.listed = {}, 0, False
    previous.save(folder)
    # with a day granularity the day of the last harvest comes again: skip what it brought
    return previous, harvested_before(folder, previous.sizes.get(HARVESTED, 0), start)


def _granularity(client: Client, notice: Callable[[str], None]) -> str:
    from lxml import etree

    from .protocol import OAI

    response = client.get({"verb": "Identify"}, 0)
    try:
        root = etree.fromstring(response.content, etree.XMLParser(no_network=True))
        value = (root.findtext(f".//{{{OAI}}}granularity") or "").strip()
    except etree.XMLSyntaxError:
        value = ""
    if value not in (DAY, SECONDS):
        notice("Identify gives no granularity: taking whole days")
        return DAY
    return value


def _params(checkpoint: Checkpoint) -> dict[str, str]:
    if checkpoint.token:
        return {"verb": "ListRecords", "resumptionToken": checkpoint.token}
    params = {"verb": "ListRecords", "metadataPrefix": checkpoint.prefix}
    for key, value in (("set", checkpoint.set), ("from", checkpoint.start),
                       ("until", checkpoint.until)):  # fmt: skip
        if value:
            params[key] = value
    return params


def _run(
    client: Client, folder: Path, checkpoint: Checkpoint, seen: set[tuple[str, str]],
    notice: Callable[[str], None],
) -> HarvestSummary:  # fmt: skip
    started = time.perf_counter()
    work = Work.for_run(tuple(checkpoint.targets), {})
    store = Store(folder, checkpoint)
    counts = checkpoint.counts
    fmt = PREFIX_FORMATS.get(checkpoint.prefix)
    # the next page is asked for while this one is read and written (one request at a time,
    # as before; nothing is written for a page before its turn)
    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pubmeta-harvest")
    pending = None if checkpoint.listed else ahead.submit(
        client.get, _params(checkpoint), checkpoint.page + 1)  # fmt: skip
    try:
        while pending is not None:
            number = checkpoint.page + 1
            response = pending.result()
            pending = None
            try:
                page = read_page(response.content, number, response.status)
            except OAIError as error:
                if error.code != "badResumptionToken" or not checkpoint.token:
                    raise
                store.wait()  # the last page's checkpoint first
                seen = _recover(folder, checkpoint, error, notice)
                pending = ahead.submit(client.get, _params(checkpoint), number)
                continue
            if page.token is not None and page.token.value == checkpoint.token:
                raise HarvestError(
                    f"page {number}: the endpoint gave back the resumption token it was asked "
                    "with: the list would never end"
                )
            if page.token is not None:
                following = {"verb": "ListRecords", "resumptionToken": page.token.value}
                pending = ahead.submit(client.get, following, number + 1)
            if checkpoint.response_date is None:
                checkpoint.response_date = page.response_date
            result, extra = _page_output(page, work, fmt, client.base_url, seen, counts)
            store.append(result, extra)
            checkpoint.page = number
            checkpoint.token = page.token.value if page.token else None
            checkpoint.listed = page.token is None
            store.commit()
            notice(_progress_line(page, counts))
    finally:
        if pending is not None:
            pending.cancel()
        ahead.shutdown(wait=True)
        store.close()
    checkpoint.status = "complete"
    checkpoint.runs.append({"from": checkpoint.start, "until": checkpoint.until,
                            "response_date": checkpoint.response_date,
                            "pages": checkpoint.page, **counts})  # fmt: skip
    checkpoint.save(folder)
    summary = HarvestSummary(
        pages=checkpoint.page, written=counts.get("written", 0),
        rejected=counts.get("rejected", 0), deleted=counts.get("deleted", 0),
        skipped=counts.get("skipped", 0), recoveries=checkpoint.recoveries,
        seconds=time.perf_counter() - started, start=checkpoint.start, out=str(folder),
    )  # fmt: skip
    store.summary({"written_by": "pubmeta harvest", "endpoint": checkpoint.endpoint,
                   "metadata_prefix": checkpoint.prefix, "set": checkpoint.set,
                   **summary.to_dict()})  # fmt: skip
    return summary


def _recover(
    folder: Path, checkpoint: Checkpoint, error: OAIError, notice: Callable[[str], None]
) -> set[tuple[str, str]]:
    """The endpoint refused the token: ask for the run's window again from its start; the
    records of this run already in the folder will be skipped."""
    if checkpoint.recoveries >= MAX_RECOVERIES:
        raise HarvestError(f"{error} (after {MAX_RECOVERIES} fresh starts of the list)")
    checkpoint.recoveries += 1
    seen = harvested_before(folder, checkpoint.sizes.get(HARVESTED, 0), checkpoint.start)
    window = f"from {checkpoint.start or 'the beginning'} until {checkpoint.until or 'now'}"
    notice(
        f"page {error.page}: the endpoint refused the resumption token ({error.code}); "
        f"harvesting the window {window} again from its start, skipping the {len(seen)} "
        "records already harvested"
    )
    checkpoint.token = None
    checkpoint.save(folder)
    return seen


def _line(*fields: str) -> str:
    return "\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields) + "\n"


def _page_output(
    page: Page, work: Work, fmt: str | None, source: str, seen: set[tuple[str, str]],
    counts: dict[str, int],
) -> tuple[ChunkResult, dict[str, str]]:  # fmt: skip
    units: list[Unit] = []
    taken = []
    log: list[str] = []
    deletions: list[str] = []
    for index, record in enumerate(page.records):
        if (record.identifier, record.datestamp) in seen:
            counts["skipped"] = counts.get("skipped", 0) + 1
            continue
        position = f"page {page.number} record {index + 1} ({record.identifier})"
        units.append(Unit(source, position, record.xml, ".xml", fmt))
        taken.append(record)
    result = process_chunk(units, work, _tree_reader(units, taken, fmt))
    # the fate of each record in order: rejects name their position
    rejected = [json.loads(line)["position"] for line in result.rejects.splitlines()]
    for unit, record in zip(units, taken, strict=True):
        fate = "rejected" if any(p.startswith(unit.position) for p in rejected) else "written"
        log.append(_line(record.identifier, record.datestamp, fate))
    for damaged in page.damaged:
        unit = Unit(source, f"page {page.number} ({damaged.identifier})", damaged.raw, ".xml", fmt)
        result.rejects += reject_line(
            unit, [Issue("xml-syntax", damaged.message, line=1, column=1)]
        )
        result.rejected += 1
        log.append(_line(damaged.identifier, "", "damaged"))
    for identifier, stamp in page.deleted:
        if (identifier, stamp) in seen:
            counts["skipped"] = counts.get("skipped", 0) + 1
            continue
        deletions.append(json.dumps({"identifier": identifier, "datestamp": stamp}) + "\n")
        log.append(_line(identifier, stamp, "deleted"))
    counts["written"] = counts.get("written", 0) + result.written
    counts["rejected"] = counts.get("rejected", 0) + result.rejected
    counts["deleted"] = counts.get("deleted", 0) + len(deletions)
    return result, {HARVESTED: "".join(log), DELETIONS: "".join(deletions)}


def _tree_reader(units: list[Unit], records: list[Harvested], fmt: str | None) -> Reader | None:
    """A reader of the units' records from their page's tree (the page is parsed once), for
    the formats that read a tree. A record that will be rejected is read again from its text,
    so its findings name lines of the text the rejects show (a start tag over several lines
    of the page is one line there)."""
    read_tree = _TREE_READERS.get(fmt or "")
    if read_tree is None:
        return None
    elements = {id(u): r.element for u, r in zip(units, records, strict=True)}

    def read(unit: Unit) -> list[Checked]:
        element = elements.get(id(unit))
        if element is not None:

            def readings() -> Iterator[Reading]:
                yield from read_tree(element)

            checked = list(checked_readings(readings()))
            if all(item.ok for item in checked):
                return checked
        text, decoding = decode(unit.content)
        return [Checked(None, decoding)] if decoding else list(iter_text(text, ".xml", fmt))

    return read


def _progress_line(page: Page, counts: dict[str, int]) -> str:
    size = page.token.complete_list_size if page.token else None
    total = f" of {size}" if size is not None else ""
    return (
        f"page {page.number}: {counts.get('written', 0)} written, "
        f"{counts.get('rejected', 0)} rejected, {counts.get('deleted', 0)} deleted{total}"
    )
