"""CSV (and tab-separated) transcripts with a header row."""

from __future__ import annotations

import csv
import io

from .common import Builder
from .errors import TranscriptError
from .tables import add_rows, header_fields, require_text_column

_DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(first_line: str) -> str | None:
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d])
    return delimiter if counts[delimiter] else None


def looks_like_csv(first_line: str) -> bool:
    delimiter = sniff_delimiter(first_line)
    if delimiter is None:
        return False
    cells = next(csv.reader([first_line], delimiter=delimiter), [])
    return header_fields(cells) is not None


def parse_csv(text: str, builder: Builder) -> None:
    first = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = sniff_delimiter(first) or ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise TranscriptError(
            "bad_csv", f"The CSV file could not be read: {exc}.", reader.line_num
        ) from exc
    if not rows:
        raise TranscriptError("no_utterances", "The CSV file has no rows.")
    header_line, header = rows[0]
    fields = require_text_column(header_fields(header), header_line)
    add_rows(rows[1:], fields, header, builder, carry_speaker=False)
