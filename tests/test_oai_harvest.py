"""The harvester against servers not written here: the recorded real responses replayed by a
small local server, with faults injected (503 with Retry-After, slow answers, bodies cut
mid-way, refused tokens, gzip, a damaged record). Each test asserts that every record arrives
once: none lost, none twice. (pyoai's server and kill -9 are in test_oai_clients.py.)"""

from __future__ import annotations

import itertools
import json
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from oai_corpus import (
    CORPUS,
    LAST_PAGE,
    OPENAIRE_PAGE,
    identifiers,
    list_records_files,
    repaged,
    truth,
)
from oai_servers import Reply, scripted

import pubmeta
from pubmeta.oai import HarvestError, Policy, harvester

FAST = Policy(rate=0, timeout=2.0, attempts=4, backoff=0.01, max_wait=0.05)


def _log(out: Path) -> list[tuple[str, str]]:
    lines = (out / "harvested.tsv").read_text("utf-8").splitlines()
    return [(line.split("\t")[0], line.split("\t")[2]) for line in lines]


def _each_once(out: Path, expected: list[tuple[str, bool]], one_run: bool = True) -> None:
    """Every record of the list once in the harvest log, deleted ones in the deletions."""
    log = _log(out)
    assert sorted(i for i, _ in log) == sorted(i for i, _ in expected)
    deletions = [json.loads(line)["identifier"]
                 for line in (out / "deletions.jsonl").read_text("utf-8").splitlines()]  # fmt: skip
    assert sorted(deletions) == sorted(i for i, deleted in expected if deleted)
    written = sum(1 for _, fate in log if fate == "written")
    assert len((out / "records.jsonl").read_text("utf-8").splitlines()) == written
    if one_run:
        summary = json.loads((out / "summary.json").read_text("utf-8"))
        assert summary["records"] + summary["deleted"] == len(expected)
        assert summary["written"] == written


@pytest.mark.parametrize("path", list_records_files(), ids=lambda p: p.name[:40])
def test_recorded_pages_are_harvested_whole(path: Path, tmp_path: Path) -> None:
    first, last = path.read_bytes(), LAST_PAGE.read_bytes()
    expected = identifiers(first)
    assert len(expected) == truth(path)["records"]
    if truth(path)["resumption_token"]:
        expected += identifiers(last)
    prefix = str(truth(path)["metadata_prefix"])

    def script(params: dict[str, str], _n: int) -> Reply:
        return Reply(last if "resumptionToken" in params else first)

    with scripted(script) as endpoint:
        pubmeta.harvest(endpoint.url, prefix, tmp_path / "out", policy=FAST)
        asked = [p.get("resumptionToken") for p in endpoint.requests]
    assert asked == [None, truth(path)["resumption_token"] or None][: len(asked)]
    assert len(asked) == (2 if truth(path)["resumption_token"] else 1)
    _each_once(tmp_path / "out", expected)


def _pages(size: int = 30) -> list[bytes]:
    return repaged(OPENAIRE_PAGE.read_bytes(), size)


def _serve_pages(pages: list[bytes], fault: dict[int, Reply] | None = None):  # type: ignore[no-untyped-def]
    """A script answering each page in turn; ``fault`` replaces the n-th request's answer."""

    def script(params: dict[str, str], n: int) -> Reply:
        if fault and n in fault:
            return fault[n]
        token = params.get("resumptionToken")
        index = int(token.split("-")[1]) - 1 if token else 0
        return Reply(pages[index])

    return script


def test_a_503_with_retry_after_is_waited_for(tmp_path: Path) -> None:
    waits: list[float] = []
    busy = Reply(b"busy", status=503, headers={"Retry-After": "7"})
    with scripted(_serve_pages(_pages(), {2: busy})) as endpoint:
        patient = Policy(rate=0, timeout=2.0, attempts=3, backoff=0.01, max_wait=30)
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=patient,
                        sleep=waits.append)  # fmt: skip
    assert waits == [7.0]
    _each_once(tmp_path / "out", identifiers(OPENAIRE_PAGE.read_bytes()))


def test_a_slow_answer_times_out_and_is_asked_again(tmp_path: Path) -> None:
    pages = _pages()
    slow = Reply(pages[0], delay=1.5)
    with scripted(_serve_pages(pages, {1: slow})) as endpoint:
        policy = Policy(rate=0, timeout=0.5, attempts=3, backoff=0.01)
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=policy)
        assert len(endpoint.requests) == len(pages) + 1
    _each_once(tmp_path / "out", identifiers(OPENAIRE_PAGE.read_bytes()))


def test_a_connection_cut_mid_page_is_asked_again(tmp_path: Path) -> None:
    pages = _pages()
    cut = Reply(pages[1], cut_after=len(pages[1]) // 2)
    with scripted(_serve_pages(pages, {2: cut})) as endpoint:
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
    _each_once(tmp_path / "out", identifiers(OPENAIRE_PAGE.read_bytes()))


def test_giving_up_names_the_page_after_the_last_attempt(tmp_path: Path) -> None:
    with scripted(lambda _p, _n: Reply(b"", status=503)) as endpoint:
        with pytest.raises(HarvestError, match="page 1: giving up after 4 attempts: HTTP status"):
            pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
        assert len(endpoint.requests) == 4


def test_a_refused_token_restarts_the_window_and_skips_what_was_harvested(
    tmp_path: Path,
) -> None:
    pages = _pages()
    refused = Reply((CORPUS / "zenodo_2026_error_badResumptionToken_ListIdentifiers.xml")
                    .read_bytes(), status=422)  # fmt: skip
    said: list[str] = []

    class Lines:
        def write(self, text: str) -> None:
            said.append(text)

        def flush(self) -> None:
            pass

    with scripted(_serve_pages(pages, {3: refused})) as endpoint:
        summary = pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST,
                                  progress=Lines())  # type: ignore[arg-type]  # fmt: skip
        starts = [p for p in endpoint.requests if "metadataPrefix" in p]
    assert len(starts) == 2
    assert summary.recoveries == 1 and summary.skipped == 60  # two pages of 30 came again
    assert any("refused the resumption token (badResumptionToken)" in line for line in said)
    _each_once(tmp_path / "out", identifiers(OPENAIRE_PAGE.read_bytes()))


def test_no_records_match_is_an_empty_harvest(tmp_path: Path) -> None:
    page = (CORPUS / "mit-dspace_error_noRecordsMatch_ListRecords.xml").read_bytes()
    with scripted(lambda _p, _n: Reply(page)) as endpoint:
        summary = pubmeta.harvest(endpoint.url, "oai_dc", tmp_path / "out", policy=FAST)
    assert (summary.pages, summary.records, summary.deleted) == (1, 0, 0)


@pytest.mark.parametrize(
    ("body", "status", "said"),
    [
        ((CORPUS / "zenodo_2026_error_idDoesNotExist_GetRecord.xml").read_bytes(), 422,
         "page 1: the endpoint answered with the OAI-PMH error idDoesNotExist"),
        (b"<!DOCTYPE html><html><body>Service down</body></html>", 200,
         "page 1: the endpoint answered with an HTML page (HTTP status 200)"),
        (b"<oops", 200, "page 1: malformed XML at line 1"),
        (b"", 404, "page 1: the endpoint answered with an empty body (HTTP status 404)"),
    ],
    ids=["oai-error", "html", "malformed", "empty"],
)  # fmt: skip
def test_what_is_not_a_page_is_said_with_its_page_number(
    tmp_path: Path, body: bytes, status: int, said: str
) -> None:
    with (
        scripted(lambda _p, _n: Reply(body, status=status)) as endpoint,
        pytest.raises(HarvestError, match=re.escape(said)),
    ):
        pubmeta.harvest(endpoint.url, "oai_dc", tmp_path / "out", policy=FAST)


def test_a_control_character_costs_its_own_record_only(tmp_path: Path) -> None:
    page = repaged(OPENAIRE_PAGE.read_bytes(), 200)[0]  # one page, an empty token
    expected = identifiers(page)
    damaged_id = next(i for i, deleted in expected if not deleted)
    at = page.index(b"<datacite:title", page.index(damaged_id.encode()))
    broken = page[:at] + b"<datacite:title>Bad \x0b title</datacite:title>" + page[at:]
    with scripted(lambda _p, _n: Reply(broken)) as endpoint:
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
    log = dict(_log(tmp_path / "out"))
    assert log[damaged_id] == "damaged"
    assert sum(1 for fate in log.values() if fate == "damaged") == 1
    assert len(log) == len(expected)
    rejects = (tmp_path / "out" / "rejects.jsonl").read_text("utf-8")
    assert damaged_id in rejects and "malformed XML" in rejects


def test_gzip_bodies_are_read(tmp_path: Path) -> None:
    pages = _pages(50)
    with scripted(lambda p, _n: Reply(pages[1 if p.get("resumptionToken") else 0], gzip=True)
                  ) as endpoint:  # fmt: skip
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
    _each_once(tmp_path / "out", identifiers(OPENAIRE_PAGE.read_bytes()))


def test_the_politeness_limit_spaces_the_requests(tmp_path: Path) -> None:
    times: list[float] = []
    serve = _serve_pages(_pages())

    def timed(params: dict[str, str], n: int) -> Reply:
        times.append(time.monotonic())
        return serve(params, n)

    with scripted(timed) as endpoint:
        polite = Policy(rate=4, timeout=2.0, attempts=2)
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=polite)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(gaps) == 3 and min(gaps) >= 0.24  # four requests at most 4 a second


def test_an_incremental_harvest_asks_from_the_last_response_date(tmp_path: Path) -> None:
    identify = (CORPUS / "zenodo_2026_Identify.xml").read_bytes()
    page = OPENAIRE_PAGE.read_bytes()
    nothing_new = (CORPUS / "mit-dspace_error_noRecordsMatch_ListRecords.xml").read_bytes()

    def script(params: dict[str, str], _n: int) -> Reply:
        if params.get("verb") == "Identify":
            return Reply(identify)
        return Reply(nothing_new if "from" in params else repaged(page, 200)[0])

    with scripted(script) as endpoint:
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
        again = pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
        second = endpoint.requests[-1]
    response_date = truth_response_date(page)
    granularity = _granularity(identify)
    assert second["from"] == (response_date[:10] if granularity == "YYYY-MM-DD" else response_date)
    assert (again.written, again.pages) == (0, 1)
    _each_once(tmp_path / "out", identifiers(page), one_run=False)


def truth_response_date(page: bytes) -> str:
    start = page.index(b"<responseDate>") + len(b"<responseDate>")
    return page[start : page.index(b"</responseDate>")].decode().strip()


def _granularity(identify: bytes) -> str:
    start = identify.index(b"<granularity>") + len(b"<granularity>")
    return identify[start : identify.index(b"</granularity>")].decode().strip()


def test_a_token_given_back_unchanged_ends_the_harvest_with_a_message(tmp_path: Path) -> None:
    page = OPENAIRE_PAGE.read_bytes()  # its token, answered to every request
    with (
        scripted(lambda _p, _n: Reply(page)) as endpoint,
        pytest.raises(HarvestError, match="page 2: the endpoint gave back the resumption"),
    ):
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)


def test_a_run_stopped_after_its_last_page_resumes_without_asking_again(tmp_path: Path) -> None:
    pages = _pages()
    with scripted(_serve_pages(pages)) as endpoint:
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
        checkpoint = tmp_path / "out" / "harvest.json"
        state = json.loads(checkpoint.read_text("utf-8"))
        # as a kill between the last page's checkpoint and the run's end leaves it
        state.update(status="running", runs=[])
        checkpoint.write_text(json.dumps(state), "utf-8")
        asked = len(endpoint.requests)
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST, resume=True)
        assert len(endpoint.requests) == asked
    _each_once(tmp_path / "out", identifiers(OPENAIRE_PAGE.read_bytes()), one_run=False)


def test_a_run_stopped_after_a_fresh_start_of_its_list_resumes_without_repeats(
    tmp_path: Path,
) -> None:
    pages = _pages()
    refused = Reply((CORPUS / "zenodo_2026_error_badResumptionToken_ListIdentifiers.xml")
                    .read_bytes(), status=422)  # fmt: skip
    down = Reply(b"<!DOCTYPE html><html>down</html>")
    serve = _serve_pages(pages, {3: refused})

    def failing(params: dict[str, str], n: int) -> Reply:
        return down if n == 5 else serve(params, n)  # the second page after the restart

    with scripted(failing) as endpoint:
        with pytest.raises(HarvestError, match="HTML page"):
            pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST, resume=True)
    _each_once(tmp_path / "out", identifiers(OPENAIRE_PAGE.read_bytes()), one_run=False)


def test_a_day_granular_incremental_run_skips_the_records_of_the_day_it_asks_again(
    tmp_path: Path,
) -> None:
    """With whole days, 'from' is the last run's day: its records come again and are skipped."""
    identify = (
        (CORPUS / "zenodo_2026_Identify.xml")
        .read_bytes()
        .replace(b"YYYY-MM-DDThh:mm:ssZ", b"YYYY-MM-DD")
    )  # the real Identify of a day-granular endpoint's shape
    page = repaged(OPENAIRE_PAGE.read_bytes(), 200)[0]
    day = truth_response_date(page)[:10].encode()
    # every record stamped on the day of the response, as a busy repository's would be
    same_day = re.sub(rb"<datestamp>[^<]*</datestamp>", b"<datestamp>" + day + b"T08:00:00Z"
                      b"</datestamp>", page)  # fmt: skip

    def script(params: dict[str, str], _n: int) -> Reply:
        return Reply(identify if params.get("verb") == "Identify" else same_day)

    with scripted(script) as endpoint:
        first = pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
        again = pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
        asked = endpoint.requests[-1]
    assert asked["from"] == day.decode()
    assert (again.written, again.skipped) == (0, first.records + first.deleted)
    _each_once(tmp_path / "out", identifiers(page), one_run=False)


def test_a_retry_after_date_is_waited_for_until_then_within_the_bound(tmp_path: Path) -> None:
    from email.utils import format_datetime

    later = datetime.now(timezone.utc) + timedelta(seconds=30)
    waits: list[float] = []
    busy = Reply(b"busy", status=503, headers={"Retry-After": format_datetime(later, usegmt=True)})
    with scripted(_serve_pages(_pages(), {1: busy})) as endpoint:
        patient = Policy(rate=0, timeout=2.0, attempts=3, backoff=0.01, max_wait=20)
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=patient,
                        sleep=waits.append)  # fmt: skip
    assert waits == [20]  # 30 s asked, 20 s the bound


def test_a_rejected_records_findings_name_lines_of_its_text_in_the_rejects(
    tmp_path: Path,
) -> None:
    # the page's <resource> start tag spans nine lines; the record's text in the rejects
    # holds it on one, and the finding must point there
    page = repaged(OPENAIRE_PAGE.read_bytes(), 200)[0]
    at = page.index(b"<datacite:titles>")
    bad = page[:at] + b"<dc:language>zz-notalang</dc:language>\n" + page[at:]
    with scripted(lambda _p, _n: Reply(bad)) as endpoint:
        pubmeta.harvest(endpoint.url, "oai_openaire", tmp_path / "out", policy=FAST)
    rejects = [json.loads(line) for line in
               (tmp_path / "out" / "rejects.jsonl").read_text("utf-8").splitlines()]  # fmt: skip
    (first,) = [r for r in rejects if r["position"].startswith("page 1 record 1 ")]
    (issue,) = [i for i in first["issues"] if i["rule"] == "language-code"]
    assert first["input"].splitlines()[issue["line"] - 1].lstrip().startswith("<resource ")


@pytest.mark.parametrize(
    ("page", "prefix"), [(OPENAIRE_PAGE, "oai_openaire"), (LAST_PAGE, "oai_dc")],
    ids=["oai_openaire", "oai_dc"],
)  # fmt: skip
def test_records_read_from_the_page_tree_are_those_read_from_their_own_text(
    tmp_path: Path, page: Path, prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = repaged(page.read_bytes(), 200)[0]
    names = ("records.jsonl", "rejects.jsonl", "harvested.tsv")
    outputs = []
    with scripted(lambda _p, _n: Reply(body)) as endpoint:
        pubmeta.harvest(endpoint.url, prefix, tmp_path / "tree", policy=FAST)
        # the ingest path: each record's XML parsed and read on its own
        monkeypatch.setattr(harvester, "_TREE_READERS", {})
        pubmeta.harvest(endpoint.url, prefix, tmp_path / "text", policy=FAST)
    for run in ("tree", "text"):
        outputs.append([(tmp_path / run / name).read_text("utf-8") for name in names])
    assert outputs[0][0].count("\n") == sum(1 for line in outputs[0][2].splitlines()
                                            if line.endswith("\twritten")) > 0  # fmt: skip
    assert outputs[0] == outputs[1]
