"""Online first (issue 27): a record whose only date is its early-online date keeps its year in
every format that has a year, where that format's readers (and citation styles) look for it:
CSL ``issued``, JATS ``pub-date``, Dublin Core ``dc:date``, BibTeX ``year``, RIS ``PY``, a
Crossref deposit's ``publication_date`` and DataCite's ``publicationYear``. The real case is a
Pure page whose state is 'Published online - 2022' and which shows no other date; the law holds
it for any record the strategies build."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from conftest import SHARED
from deposit_support import options, ready_for_deposit
from hypothesis import given, settings
from lxml import etree
from strategies import partial_dates, publications

import pubmeta
from pubmeta import Publication

PAGE = SHARED / "corpus" / "pure" / "011.txt"  # 'Published online - 2022', no other date


def _xml_texts(document: str, path: str) -> list[str]:
    root = etree.fromstring(document.encode("utf-8"))
    return [str(t).strip() for t in root.xpath(path)]


def _field(pattern: str) -> Callable[[str], list[str]]:
    return lambda text: re.findall(pattern, text, re.MULTILINE)


#: format -> where its readers find the year (every match, as text)
YEAR_SLOTS: dict[str, Callable[[str], list[str]]] = {
    "csl": lambda text: [str(p[0]) for i in _items(text) for p in i["issued"]["date-parts"]],
    "jats": lambda text: _xml_texts(
        text, "//*[local-name()='pub-date']/*[local-name()='year']/text()"
    ),
    "dc": lambda text: [d[:4] for d in _xml_texts(text, "//*[local-name()='date']/text()")],
    "bibtex": _field(r"^\s*year\s*=\s*\{?(\d{4})\}?,?$"),
    "ris": _field(r"^PY  - (\d{4})"),
    "crossref": lambda text: _xml_texts(
        # the date of the work's kind: published, posted (posted content), approved (theses)
        text,
        "//*[local-name()='publication_date' or local-name()='posted_date'"
        " or local-name()='approval_date']/*[local-name()='year']/text()",
    ),
    "datacite": lambda text: _xml_texts(text, "//*[local-name()='publicationYear']/text()"),
}  # fmt: skip


def _items(text: str) -> list[dict]:  # type: ignore[type-arg]
    found = json.loads(text)
    return found if isinstance(found, list) else [found]


def _online_only(record: Publication, date: str) -> Publication:
    data = record.model_dump(mode="json", exclude_defaults=True)
    data["dates"] = {"early_online": date}
    data.pop("status", None)
    return Publication.model_validate(data)


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", sorted(YEAR_SLOTS))
def test_a_pure_page_published_online_only_keeps_its_year(fmt: str) -> None:
    if not PAGE.exists():
        pytest.skip(f"{PAGE} is missing (the shared corpus)")
    (record,) = pubmeta.read(PAGE, format="pure")
    assert record.dates.published is None and str(record.dates.early_online) == "2022"
    record = ready_for_deposit(fmt, record)
    text = pubmeta.write(record, fmt, **options(fmt))
    assert set(YEAR_SLOTS[fmt](text)) == {"2022"}, text


@pytest.mark.parametrize("fmt", sorted(YEAR_SLOTS))
@settings(max_examples=40, deadline=None)  # seven formats: about 12 s in all under CI
@given(record=publications(max_contributors=3), date=partial_dates(1400, 2200))
def test_law_an_online_date_alone_keeps_its_year_in_every_format(
    fmt: str, record: Publication, date: str
) -> None:
    online = ready_for_deposit(fmt, _online_only(record, date))
    year = str(int(date[:4]))
    try:
        text = pubmeta.write(online, fmt, **options(fmt))
    except pubmeta.UnwritableRecordError:
        return  # a deposit refusing another field (named in its message): not this law's
    assert year in [str(int(y)) for y in YEAR_SLOTS[fmt](text)], text
    (back,) = pubmeta.read(text, format=fmt)
    kept = back.dates.published or back.dates.early_online
    assert kept is not None and kept.year == int(year)
