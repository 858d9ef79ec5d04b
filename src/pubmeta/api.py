"""The public operations: read, inspect, validate and write (``cite`` is in :mod:`.citation`).

Each takes a source as content (``str`` or ``bytes``) or a path (``pathlib.Path`` or any
``os.PathLike``): a string is always content, never a file name. Every error a caller can meet
is a :class:`~pubmeta.errors.PubmetaError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from .collector import collector_paused
from .diagnostics import RULES, Issue
from .errors import (
    ArgumentTypeError,
    FormatError,
    InvalidRecordError,
    MissingOptionError,
    OptionError,
    PubmetaError,
    UnknownFormatError,
)
from .formats.registry import READABLE, get_format
from .reading import Source, iter_source
from .streams import StreamSource, checked_stream
from .validation import publication_class

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .formats.base import Format
    from .formats.public import CrossrefOptions, DataciteOptions, PubmetaOptions
    from .model import Publication

SourceLike = str | bytes | os.PathLike[str]
_Records = Iterable["Publication"]


def _source(source: SourceLike) -> Source:
    """A path-like becomes a Path; a string or bytes is the content itself, never looked up
    as a file name (a service passing a user's text must not learn which files exist)."""
    if isinstance(source, os.PathLike):
        return Path(source)
    if isinstance(source, (str, bytes)):
        return source
    raise ArgumentTypeError(
        f"source must be str, bytes or a path (os.PathLike), not {type(source).__name__}"
    )


def _readable(format: str | None) -> str | None:
    """The format name a caller gave, if it names a format that can be read."""
    if format is None or format in READABLE:
        return format
    raise UnknownFormatError(
        f"unknown format {format!r}: the formats that can be read are {', '.join(READABLE)}"
    )


def inspect(source: SourceLike, format: str | None = None) -> tuple[list[Publication], list[Issue]]:
    """The records of a source and every finding about them (warnings included), without
    raising for invalid records: a record the model refuses is left out and its findings say
    why. Unreadable content raises FormatError; an unreadable file SourceUnreadableError."""
    label, checked = iter_source(_source(source), _readable(format))
    records: list[Publication] = []
    issues: list[Issue] = []
    with collector_paused(keep=True):
        for index, item in enumerate(checked):
            issues.extend(i.in_file(label, index) for i in item.issues)
            if item.record is not None:
                records.append(item.record)
    return records, issues


def read(source: SourceLike, format: str | None = None) -> list[Publication]:
    """Records of a document (content as str/bytes, or a path).

    Raises :class:`~pubmeta.errors.FormatError` for unreadable content and
    :class:`~pubmeta.errors.InvalidRecordError` when a record breaks the schema; semantic
    findings (check digits, ...) do not stop reading: use :func:`validate` or :func:`inspect`
    for those.
    """
    # the semantic rules' findings are not read's to report (validate and inspect are)
    label, checked = iter_source(_source(source), _readable(format), semantic=False)
    records: list[Publication] = []
    with collector_paused(keep=True):
        for item in checked:
            if item.record is None:
                break
            records.append(item.record)
        else:
            return records
    raise _refusal(item.issues, label)


def _refusal(issues: Iterable[Issue], label: str | None) -> PubmetaError:
    """The error for a record read refuses: FormatError when the input is no readable
    document, InvalidRecordError (with the findings) when the record breaks the schema."""
    errors = [i.in_file(label or "<input>") for i in issues if i.is_error]
    first = errors[0] if errors else None
    if first is not None and len(errors) == 1 and RULES[first.rule].unreadable:
        return FormatError(first.message, line=first.line, column=first.column, rule=first.rule)
    if first is not None and first.rule == "internal-error":
        return PubmetaError(first.message)
    summary = "; ".join(i.format() for i in errors[:5])
    return InvalidRecordError(f"invalid record: {summary}", errors)


def iter_records(source: StreamSource, format: str | None = None) -> Iterator[Publication]:
    """The records of a source one by one, as :func:`read` reads them (and raising as it does,
    at the record that cannot be read). ``source``: a path (``os.PathLike``), a file object
    (binary or text), an iterable of lines (``str`` or ``bytes``), or content (``str`` or
    ``bytes``, never a file name). JSON Lines (pubmeta records, or Crossref, DataCite and
    OpenAlex responses one a line) stream in memory bounded by the line limit; other formats
    are read whole, up to the input limit (see README, "Limits")."""
    label, checked = checked_stream(source, _readable(format))
    for item in checked:
        if item.record is None:
            raise _refusal(item.issues, label)
        yield item.record


def validate(source: SourceLike, format: str | None = None) -> list[Issue]:
    """Every issue of every record in the source; ``[]`` means valid.

    Warnings are included (``issue.severity``); only errors make a record invalid. A file
    that cannot be read is an ``io-error`` finding, not an exception.
    """
    from .errors import SourceUnreadableError

    found: list[Issue] = []  # a file refused part-way keeps the findings of what came before
    format = _readable(format)
    source = _source(source)
    try:
        label, checked = iter_source(source, format, build=False)
        with collector_paused():
            for index, item in enumerate(checked):
                found.extend(i.in_file(label, index) for i in item.issues)
    except SourceUnreadableError as error:
        where = str(source) if isinstance(source, (str, os.PathLike)) else None
        return [*found, Issue("io-error", str(error), path=where, line=1, column=1)]
    except FormatError as error:
        where = str(source) if isinstance(source, os.PathLike) else None
        issue = Issue(error.rule, error.message, path=where, line=error.line, column=error.column)
        return [*found, issue]
    return found


@overload
def write(
    records: Publication | Iterable[Publication],
    format: Literal["pubmeta"] = ...,
    **options: Unpack[PubmetaOptions],
) -> str: ...
@overload
def write(
    records: Publication | Iterable[Publication],
    format: Literal["crossref"],
    **options: Unpack[CrossrefOptions],
) -> str: ...
@overload
def write(
    records: Publication | Iterable[Publication],
    format: Literal["datacite"],
    **options: Unpack[DataciteOptions],
) -> str: ...
@overload  # the formats without options (a Literal name above with a wrong option is an error)
def write(records: Publication | Iterable[Publication], format: str) -> str: ...
def write(
    records: Publication | Iterable[Publication], format: str = "pubmeta", **options: Any
) -> str:
    """One document in ``format`` holding the record(s); ``options`` are the format's own,
    typed per format (:class:`~pubmeta.formats.public.PubmetaOptions` ``layout``,
    :class:`~pubmeta.formats.public.CrossrefOptions` the deposit head,
    :class:`~pubmeta.formats.public.DataciteOptions` ``version``; every value a ``str``), and
    listed with their defaults in ``pubmeta.FORMATS[name].options``.

    The records are :class:`~pubmeta.model.Publication` objects: anything else (a dict of
    record fields, say) is refused with :class:`~pubmeta.errors.ArgumentTypeError`, since
    the same dict could be meant as a native record or a CSL item; build a record with
    ``Publication.model_validate(data)`` or read one with :func:`read`."""
    fmt = check_options(format, options)
    items = _records(records)
    assert fmt.writer is not None  # check_options refuses a format that cannot be written
    with collector_paused():
        return fmt.writer(items, **options)


def _records(records: Publication | Iterable[Publication]) -> Sequence[Publication]:
    """The records of a write as a sequence, each a Publication (told apart cheaply)."""
    publication = publication_class()
    items: Sequence[Publication]
    if type(records) is list:  # the usual case
        items = records
    elif isinstance(records, publication):
        items = [records]
    elif isinstance(records, (str, bytes, Mapping)):
        raise ArgumentTypeError(
            f"records must be a pubmeta.Publication or a list of them, not "
            f"{type(records).__name__}: {_MAKE_A_RECORD}"
        )
    else:
        try:
            items = list(cast(_Records, records))
        except TypeError:
            raise ArgumentTypeError(
                "records must be a pubmeta.Publication or a list of them, not "
                f"{type(records).__name__}"
            ) from None
    if not items:
        raise PubmetaError("nothing to write: no records given")
    if not all(type(item) is publication for item in items):
        for index, item in enumerate(items):
            if not isinstance(item, publication):
                raise ArgumentTypeError(
                    f"record {index} is a {type(item).__name__}, not a pubmeta.Publication: "
                    f"{_MAKE_A_RECORD}"
                )
    return items


_MAKE_A_RECORD = (
    "make one with pubmeta.Publication.model_validate(data), or read one with pubmeta.read"
)


def check_options(format: str, options: Mapping[str, Any], example: str | None = None) -> Format:
    """The writable format ``format`` names, once the writer options given are known to it and
    its required ones are all there: the checks :func:`write` makes before writing, for callers
    that want them before any work (``example`` says how their caller gives an option)."""
    fmt = get_format(format)
    if fmt.writer is None:
        raise UnknownFormatError(f"format {format!r} can be read but not written")
    known = {o.name for o in fmt.options}
    unknown = sorted(set(options) - known)
    if unknown:
        offered = ", ".join(sorted(known)) or "none"
        raise OptionError(
            f"the {format} writer has no option {', '.join(unknown)} (its options: {offered})"
        )
    missing = [o.name for o in fmt.options if o.required and options.get(o.name) in (None, "")]
    if missing:
        raise MissingOptionError(format, missing, example)
    return fmt
