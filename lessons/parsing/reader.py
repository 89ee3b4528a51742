"""Choosing the format of an upload and reading it."""

from __future__ import annotations

import re

from .common import Builder
from .csvfile import looks_like_csv, parse_csv
from .errors import TranscriptError
from .lines import parse_lines
from .source import check_size, decode, sniff_binary
from .subtitles import _CUE_ID, is_timing, parse_cues
from .word import parse_docx

_NEWLINE = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_UNICODE = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def read(data: bytes, filename: str) -> tuple[str, Builder]:
    check_size(data)
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if sniff_binary(data) == "docx":
        return "docx", parse_docx(data)
    text, encoding = decode(data)
    builder = Builder()
    if encoding not in _UNICODE:
        builder.warn("decoded_as", f"The file was read as {encoding.upper()}.", encoding=encoding)
    lines = _NEWLINE.split(text.lstrip("\ufeff"))
    first = next((line.strip() for line in lines if line.strip()), "")
    if not first:
        raise TranscriptError("empty", "The file is empty.")
    if first.startswith("WEBVTT"):
        parse_cues(lines, builder)
        return "webvtt", builder
    timings = [i for i, line in enumerate(lines) if is_timing(line)]
    if timings and _is_subtitle_file(lines, timings, extension):
        if extension == "vtt":
            builder.warn("missing_header", "The WebVTT file has no WEBVTT header.", 1)
        parse_cues(lines, builder)
        comma = "," in lines[timings[0]].split("-->")[0]
        return (
            "srt" if extension == "srt" or (comma and extension != "vtt") else "webvtt"
        ), builder
    if extension in ("csv", "tsv") or looks_like_csv(first):
        parse_csv(text.lstrip("\ufeff"), builder)
        return "csv", builder
    labelled = parse_lines(list(enumerate(lines, start=1)), builder)
    if labelled == 0 and not timings:
        raise TranscriptError(
            "unknown_format",
            "No speakers were found: each turn should start with the speaker's name and a colon, "
            "as in 'Teacher: Good morning.'",
        )
    return "text", builder


def _is_subtitle_file(lines: list[str], timings: list[int], extension: str) -> bool:
    if extension in ("vtt", "srt"):
        return True
    first = timings[0]
    return first > 0 and _CUE_ID.match(lines[first - 1]) is not None
