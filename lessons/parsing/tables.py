"""Transcripts as tables: CSV files and the tables of a Word document."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .common import METADATA_KEYS, ROLE_VALUES, Builder, clean_text, parse_seconds
from .errors import TranscriptError

_COLUMNS: dict[str, tuple[str, ...]] = {
    "speaker": (
        "speaker",
        "speakername",
        "name",
        "speakerid",
        "participant",
        "who",
        "person",
        "講者",
        "讲者",
        "說話者",
        "说话者",
        "說話人",
        "说话人",
        "發言人",
        "发言人",
        "發言者",
        "发言者",
        "姓名",
        "人物",
    ),
    "text": (
        "text",
        "utterance",
        "utterances",
        "transcript",
        "transcription",
        "content",
        "sentence",
        "speech",
        "caption",
        "message",
        "words",
        "dialogue",
        "內容",
        "内容",
        "文字",
        "發言",
        "发言",
        "話語",
        "话语",
        "說話",
        "说话",
        "語句",
        "语句",
        "對話",
        "对话",
        "逐字稿",
    ),
    "start": (
        "start",
        "starttime",
        "begin",
        "from",
        "time",
        "timestamp",
        "starts",
        "startseconds",
        "startsec",
        "開始",
        "开始",
        "開始時間",
        "开始时间",
        "時間",
        "时间",
        "時間戳",
        "时间戳",
    ),
    "end": (
        "end",
        "endtime",
        "stop",
        "to",
        "finish",
        "ends",
        "endseconds",
        "endsec",
        "結束",
        "结束",
        "結束時間",
        "结束时间",
    ),
    "role": ("role", "speakerrole", "角色", "身份", "身分"),
}
_FIELD_OF = {alias: name for name, aliases in _COLUMNS.items() for alias in aliases}
_NORMALISE = re.compile(r"[\s_\-.()（）\[\]]+|(?:in)?seconds?$|\(s\)$")


def header_fields(cells: Sequence[str]) -> dict[str, int] | None:
    """Column index of each field when ``cells`` is a header row with a text column."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _NORMALISE.sub("", clean_text(cell).casefold())
        field = _FIELD_OF.get(key)
        if field and field not in found:
            found[field] = index
    return found if "text" in found else None


def infer_fields(rows: Sequence[Sequence[str]]) -> dict[str, int] | None:
    """Columns of a table with no header: Speaker | Text, or Time | Speaker | Text."""
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        return None
    width = widths.pop()
    sample = rows[:20]
    timed = [parse_seconds(row[0]) is not None for row in sample if row[0].strip()]
    if width == 2:
        return {"speaker": 0, "text": 1}
    if width == 3 and timed and all(timed):
        return {"start": 0, "speaker": 1, "text": 2}
    if (
        width == 4
        and timed
        and all(timed)
        and all(parse_seconds(row[1]) is not None for row in sample if row[1].strip())
    ):
        return {"start": 0, "end": 1, "speaker": 2, "text": 3}
    return None


def add_rows(
    rows: Sequence[tuple[int, Sequence[str]]],
    fields: dict[str, int],
    header: Sequence[str] | None,
    builder: Builder,
    *,
    carry_speaker: bool,
) -> None:
    """Adds one utterance per row; ``header`` names the columns passed through as ``extra``."""
    extra_columns = []
    if header is not None:
        used = set(fields.values())
        extra_columns = [
            (i, clean_text(name)) for i, name in enumerate(header) if i not in used and name.strip()
        ]
    if "speaker" not in fields:
        builder.warn("no_speaker_column", "The table has no speaker column.")
    speaker = ""
    unknown_roles: set[str] = set()
    bad_times: list[int] = []
    empty_rows = 0
    for number, cells in rows:

        def cell(name: str, cells: Sequence[str] = cells) -> str:
            index = fields.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        label = clean_text(cell("speaker"))
        if label or not carry_speaker:
            speaker = label
        text = clean_text(cell("text"))
        if not text:
            if any(c.strip() for c in cells):
                empty_rows += 1
            continue
        if header is None and speaker.casefold() in METADATA_KEYS:
            continue
        role_value = clean_text(cell("role")).casefold()
        role = ROLE_VALUES.get(role_value, "other")
        if role_value and role_value not in ROLE_VALUES:
            unknown_roles.add(role_value)
        start = parse_seconds(cell("start"))
        end = parse_seconds(cell("end"))
        if (cell("start").strip() and start is None) or (cell("end").strip() and end is None):
            bad_times.append(number)
        extra = {name: cells[i] for i, name in extra_columns if i < len(cells)}
        builder.add(speaker, text, start=start, end=end, line=number, role=role, extra=extra)
    if bad_times:
        builder.warn(
            "bad_timestamp",
            f"{len(bad_times)} time(s) could not be read and were left out.",
            bad_times[0],
            count=len(bad_times),
        )
    if empty_rows:
        builder.warn("empty_rows", f"{empty_rows} row(s) without text were left out.")
    if unknown_roles:
        builder.warn(
            "unknown_role",
            "Unrecognised roles were read as 'other': " + ", ".join(sorted(unknown_roles)[:5]),
            values=sorted(unknown_roles),
        )


def require_text_column(fields: dict[str, int] | None, line: int) -> dict[str, int]:
    if fields is None:
        raise TranscriptError(
            "bad_csv",
            "The first row must name the columns, with one for the text "
            "(text or utterance) and one for the speaker.",
            line,
        )
    return fields
