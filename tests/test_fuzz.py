"""Readers given our own well-formed output, mutated in one place, return records or refuse
with pubmeta's own error; validation reports, never raises; nothing fails inside pubmeta.

The mutations (``mutations.py``) swap a value for another JSON type, empty, delete or repeat an
element or member, and put absurd dates, numbers and texts where values were.
"""

from __future__ import annotations

import random

import pytest
from deposit_support import options, ready_for_deposit
from formats_support import corpus_files
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mutations import mutate
from strategies import publications

import pubmeta
from pubmeta import Publication
from pubmeta.formats import READABLE, WRITABLE


def _no_crash(content: str, fmt: str | None) -> None:
    try:
        pubmeta.read(content, format=fmt)
    except pubmeta.PubmetaError as error:
        assert str(error), "a refusal says why"
    issues = pubmeta.validate(content.encode("utf-8", "surrogatepass"), format=fmt)
    internal = [i for i in issues if i.rule == "internal-error"]
    assert not internal, internal[0].message


def _written(record: Publication, fmt: str) -> str:
    try:
        return pubmeta.write(ready_for_deposit(fmt, record), format=fmt, **options(fmt))
    except pubmeta.UnwritableRecordError:  # a deposit refusing a value its schema cannot take
        assume(False)
        raise


#: formats whose real files (API responses pubmeta reads but never writes, and real CITATION.cff
#: files) are mutated too
REAL_RESPONSES = [fmt for fmt in ("crossref", "datacite", "openalex", "cff") if fmt in READABLE]


@pytest.mark.parametrize("fmt", REAL_RESPONSES)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_real_api_responses_are_read_or_refused(fmt: str, seed: int) -> None:
    rng = random.Random(seed)
    files = [p for p in corpus_files(fmt) if not p.name.endswith(".truth.json")]
    if not files:
        pytest.skip(f"no {fmt} files in the shared corpus")
    document = rng.choice(files).read_text("utf-8")
    for _ in range(rng.randint(1, 3)):
        try:
            document = mutate(document, rng)
        except (ValueError, IndexError):
            break
    _no_crash(document, fmt)
    _no_crash(document, None)


@pytest.mark.parametrize("fmt", WRITABLE)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(record=publications(max_contributors=3), seed=st.integers(0, 2**32 - 1))
def test_mutated_output_of_every_writer_is_read_or_refused(
    fmt: str, record: Publication, seed: int
) -> None:
    document = _written(record, fmt)
    mutated = mutate(document, random.Random(seed))
    _no_crash(mutated, fmt)
    _no_crash(mutated, None)  # and sniffed, as a directory walk would read it


@pytest.mark.parametrize("fmt", WRITABLE)
@given(record=publications(max_contributors=3), seed=st.integers(0, 2**32 - 1))
def test_several_mutations_in_a_row_are_still_read_or_refused(
    fmt: str, record: Publication, seed: int
) -> None:
    rng = random.Random(seed)
    document = _written(record, fmt)
    for _ in range(3):
        try:
            document = mutate(document, rng)
        except (ValueError, IndexError):
            break  # a mutation left nothing structured to mutate further
    _no_crash(document, fmt)
