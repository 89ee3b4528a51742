"""Word (.docx) transcripts: Teams and Word exports as paragraphs, or a table of turns."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .common import Builder, clean_text
from .errors import TranscriptError
from .lines import parse_lines
from .tables import add_rows, header_fields, infer_fields

Row = tuple[int, list[str]]


def read_docx(data: bytes) -> tuple[list[tuple[int, str]], list[list[Row]]]:
    """(numbered lines of the paragraphs, the tables' rows); numbers count paragraphs and rows."""
    try:
        document = Document(io.BytesIO(data))
        paragraph_tag, table_tag, sdt_tag = qn("w:p"), qn("w:tbl"), qn("w:sdt")
        lines: list[tuple[int, str]] = []
        tables: list[list[Row]] = []
        number = 0

        def blocks(parent: Any) -> Iterator[Any]:
            for child in parent.iterchildren():
                if child.tag == sdt_tag:
                    content = child.find(qn("w:sdtContent"))
                    if content is not None:
                        yield from blocks(content)
                else:
                    yield child

        for element in blocks(document.element.body):
            if element.tag == paragraph_tag:
                number += 1
                for piece in Paragraph(element, document).text.split("\n"):
                    lines.append((number, piece))
            elif element.tag == table_tag:
                rows: list[Row] = []
                for row in Table(element, document).rows:
                    number += 1
                    seen: set[int] = set()
                    cells = []
                    for cell in row.cells:
                        if id(cell._tc) not in seen:  # a merged cell repeats in every column
                            seen.add(id(cell._tc))
                            cells.append(cell.text)
                    rows.append((number, cells))
                tables.append(rows)
    except TranscriptError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged file
        raise TranscriptError(
            "bad_docx", "The Word document is damaged or could not be read."
        ) from exc
    return lines, tables


def parse_docx(data: bytes) -> Builder:
    """The better reading of the document: its tables of turns, or its paragraphs."""
    lines, tables = read_docx(data)
    from_tables = Builder()
    for rows in tables:
        rows = [(n, cells) for n, cells in rows if any(clean_text(c) for c in cells)]
        if not rows:
            continue
        header = header_fields(rows[0][1])
        if header is not None:
            add_rows(rows[1:], header, rows[0][1], from_tables, carry_speaker=True)
            continue
        inferred = infer_fields([cells for _, cells in rows])
        if inferred is not None and len(rows) >= 2:
            add_rows(rows, inferred, None, from_tables, carry_speaker=True)
    from_paragraphs = Builder()
    labelled = parse_lines(lines, from_paragraphs)
    if labelled == 0 and not any(u.start is not None for u in from_paragraphs.utterances):
        from_paragraphs = Builder()
    if len(from_tables.utterances) >= len(from_paragraphs.utterances):
        return from_tables
    return from_paragraphs
