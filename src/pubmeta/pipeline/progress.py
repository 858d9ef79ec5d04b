"""The progress line of long runs: live on a terminal, a plain line every few seconds
elsewhere (logs), nothing when quiet."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, TextIO


@dataclass
class Summary:
    """Counts of a run. Records are what was written or rejected (a file holding three
    records counts three; a file that cannot be read, one); ``files`` the input files read;
    ``units`` the pieces of work (a line of JSON Lines, a whole record file)."""

    units: int = 0
    files: int = 0
    written: int = 0
    rejected: int = 0
    internal: int = 0
    seconds: float = 0.0
    out: str = ""

    @property
    def records(self) -> int:
        return self.written + self.rejected

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "files": self.files,
            "units": self.units,
            "written": self.written,
            "rejected": self.rejected,
            "internal_errors": self.internal,
            "seconds": round(self.seconds, 3),
            "records_per_second": round(self.rate, 1),
            "out": self.out,
        }


class Progress:
    """A live line on a terminal; a plain line every few seconds elsewhere; nothing if quiet."""

    def __init__(
        self, stream: TextIO | None, every_seconds: float = 10.0, what: str = "records"
    ) -> None:
        self.stream = stream
        self.tty = bool(stream is not None and stream.isatty())
        self.every = 0.2 if self.tty else every_seconds
        self.started = time.perf_counter()
        self.last = self.started
        self.what = what

    def line(self, text: str, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        if not force and now - self.last < self.every:
            return
        self.last = now
        if self.tty:
            self.stream.write("\r" + text.ljust(70))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def update(self, summary: Summary, force: bool = False) -> None:
        if self.stream is None:
            return
        now = time.perf_counter()
        done = summary.written + summary.rejected
        rate = done / (now - self.started) if now > self.started else 0.0
        self.line(
            f"pubmeta ingest: {done:,} {self.what} ({rate:,.0f}/s), {summary.rejected:,} rejected",
            force,
        )

    def finish(self, summary: Summary) -> None:
        if self.stream is None:
            return
        if self.tty:
            self.stream.write("\n")
        files = f"{summary.files:,} file{'' if summary.files == 1 else 's'}"
        self.stream.write(
            f"pubmeta ingest: {summary.records:,} records from {files}: "
            f"{summary.written:,} written, {summary.rejected:,} rejected "
            f"in {summary.seconds:.1f} s ({summary.rate:,.0f} records/s) -> {summary.out}\n"
        )
        self.stream.flush()
