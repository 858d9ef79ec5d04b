"""Table targets of ``pubmeta ingest``: Parquet and Arrow IPC files, one a chunk of records.

Each worker turns its chunk's records into one table of the fixed schema of
:mod:`pubmeta.arrow_schema` and encodes it (zstd) into one file's bytes, so the encoding runs in
parallel and the driver only writes bytes, in chunk order, into the staging folder
(``parquet/part-000000000.parquet``, ...). A chunk is a file: a larger chunk makes larger
files and row groups (at most :data:`ROW_GROUP_ROWS` rows each).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ..arrow_schema import ArrowUnavailableError, _pyarrow, arrow_schema
from ..errors import IngestError

#: target name -> (folder under the output, file suffix)
TABLE_TARGETS: dict[str, tuple[str, str]] = {
    "parquet": ("parquet", ".parquet"),
    "arrow": ("arrow", ".arrow"),
}
#: Rows per Parquet row group at most (DuckDB reads row groups of 122,880 rows in parallel).
ROW_GROUP_ROWS = 122_880
#: Chunk size of a run with a table target when none is given: files of this many records.
TABLE_CHUNK_SIZE = 10_000


def is_table_target(name: str) -> bool:
    return name in TABLE_TARGETS


def check_available() -> None:
    """Raise IngestError when pyarrow is missing."""
    try:
        arrow_schema()
    except ArrowUnavailableError as error:
        raise IngestError(str(error)) from None


def encode(target: str, rows: Sequence[dict[str, Any]]) -> bytes:
    """The rows as the bytes of one Parquet (zstd) or Arrow IPC file (zstd buffers)."""
    pa = _pyarrow()
    schema = arrow_schema()
    # the rows as one struct array, then its fields as the columns: half the time of
    # Table.from_pylist, which gathers each column's values from the dicts in Python
    rows_array = pa.array(list(rows), type=pa.struct(list(schema)))
    batch = pa.RecordBatch.from_struct_array(rows_array)
    table = pa.Table.from_batches([batch]).replace_schema_metadata(schema.metadata)
    sink = io.BytesIO()
    if target == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(
            table,
            sink,
            compression="zstd",
            row_group_size=ROW_GROUP_ROWS,
            write_statistics=True,
        )
    else:
        options = pa.ipc.IpcWriteOptions(compression="zstd")
        with pa.ipc.new_file(sink, table.schema, options=options) as writer:
            writer.write_table(table)
    return sink.getvalue()


def file_name(target: str, number: int) -> str:
    folder, suffix = TABLE_TARGETS[target]
    return f"{folder}/part-{number:09d}{suffix}"
