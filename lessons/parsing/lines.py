"""Transcripts written as lines: plain text and the paragraphs of a Word document.

Understands ``Speaker: text`` (with ``:`` or ``：``), a timestamp before it (``[00:01:23]``,
``00:01:23``, ``(1:23)``), Teams' ``Speaker Name  0:03`` heading with the text below it, and
``0:0:0.0 --> 0:0:3.2`` lines followed by the speaker's name and the text. Lines with no label
continue the utterance before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import (
    METADATA_KEYS,
    TIMESTAMP,
    Builder,
    clean_text,
    is_speaker_label,
    join_all,
    parse_timestamp,
)
from .subtitles import _voice_segments

_TS = rf"({TIMESTAMP})"
_RANGE = r"\s*(?:-->|-|–|~|to)\s*"
_ARROW = re.compile(rf"^[\[(]?\s*{_TS}\s*-->\s*{_TS}\s*[\])]?(?:[ \t].*)?$")
_TS_ONLY = re.compile(rf"^[\[(]?\s*{_TS}\s*[\])]?$")
_LEADING = re.compile(
    rf"^(?:\[\s*{_TS}(?:{_RANGE}{_TS})?\s*\]|\(\s*{_TS}(?:{_RANGE}{_TS})?\s*\)"
    rf"|{_TS}(?:{_RANGE}{_TS})?(?=[\s|]))\s*[|\-–]?\s*"
)
_HEADING = re.compile(
    rf"^(?P<label>[^:：\[\]()<>]{{1,40}}?)(?:\s*[\[(]\s*{_TS}\s*[\])]|\s+{_TS})\s*$"
)
# Zoom's saved transcript: "[Ms Lau] 09:01:23" with the text below.
_BRACKET_HEADING = re.compile(rf"^\[(?P<label>[^\[\]:：<>]{{1,40}})\]\s*{_TS}\s*$")
_LABEL_TS = re.compile(
    rf"^(?P<label>[^:：\[\]()<>]{{1,40}}?)\s*[\[(]\s*{_TS}\s*[\])]\s*[:：]?\s*(?P<text>.*)$"
)
_LABEL = re.compile(r"^(?P<label>[^:：<>]{1,40}?)\s*[:：]\s*(?P<text>.*)$")
_NOTICE = re.compile(
    r"^.{1,80}\b(?:started|stopped|paused|resumed) transcription\.?$"
    r"|^.{0,40}(?:已開始轉錄|已停止轉錄|开始转录|停止转录|已开始转录|已停止转录)",
    re.IGNORECASE,
)
# "Tam, Kelly": Teams writes some names surname first.
_SURNAME_COMMA = re.compile(r"^[A-Z][\w'-]*(?: [A-Z][\w'-]*)*, [A-Z][\w'-]*(?: [A-Z][\w'-]*)*$")
_SENTENCE_END = re.compile(r"[.!?。！？…]$")


@dataclass
class _Turn:
    speaker: str
    pieces: list[str]
    start: float | None
    end: float | None
    line: int


class _Reader:
    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.turn: _Turn | None = None
        self.pending: tuple[float | None, float | None] | None = None
        self.labelled = 0
        self.preamble: list[int] = []

    def flush(self) -> None:
        if self.turn is not None:
            t = self.turn
            self.builder.add(t.speaker, join_all(t.pieces), start=t.start, end=t.end, line=t.line)
        self.turn = None

    def begin(
        self, speaker: str, text: str, line: int, start: float | None, end: float | None = None
    ) -> None:
        self.flush()
        if start is None and self.pending is not None:
            start, end = self.pending
        self.pending = None
        self.turn = _Turn(speaker, [text], start, end, line)

    def add_text(self, text: str, line: int) -> None:
        if self.turn is None:
            if self.pending is None:
                self.preamble.append(line)
                return
            self.begin("", text, line, None)
        else:
            self.turn.pieces.append(text)


def parse_lines(lines: list[tuple[int, str]], builder: Builder) -> int:
    """Adds utterances from numbered lines; returns how many lines named a speaker."""
    reader = _Reader(builder)
    after_arrow = False
    for index, (number, raw) in enumerate(lines):
        line = clean_text(raw) if "<v" not in raw else raw.strip()
        if not line or _NOTICE.match(line):
            continue
        was_after_arrow, after_arrow = after_arrow, False
        arrow = _ARROW.match(line)
        if arrow:
            reader.flush()
            reader.pending = (parse_timestamp(arrow.group(1)), parse_timestamp(arrow.group(2)))
            after_arrow = True
            continue
        only = _TS_ONLY.match(line)
        if only:
            reader.flush()
            reader.pending = (parse_timestamp(only.group(1)), None)
            continue
        if "<v" in line:
            segments = _voice_segments(line)
            if any(voice is not None for voice, _ in segments):
                for voice, segment in segments:
                    if voice is None:
                        reader.add_text(clean_text(segment), number)
                    else:
                        reader.labelled += 1
                        reader.begin(clean_text(voice), clean_text(segment), number, None)
                continue
            line = clean_text(line)
        start, end, rest = _leading_time(line)
        labelled = _split_label(rest)
        if labelled is not None:
            label, text, label_time = labelled
            if reader.turn is None and label.casefold() in METADATA_KEYS:
                reader.preamble.append(number)
                continue
            reader.labelled += 1
            reader.begin(label, text, number, start if start is not None else label_time, end)
            continue
        if was_after_arrow and _is_name_line(rest) and _text_follows(lines, index):
            reader.labelled += 1
            reader.begin(rest, "", number, None)
            continue
        if start is not None:
            speaker = reader.turn.speaker if reader.turn is not None else ""
            reader.begin(speaker, rest, number, start, end)
        else:
            reader.add_text(rest, number)
    reader.flush()
    if reader.preamble and reader.labelled:
        builder.warn(
            "skipped_preamble",
            f"{len(reader.preamble)} line(s) before the first speaker were left out.",
            reader.preamble[0],
            count=len(reader.preamble),
        )
    return reader.labelled


def _leading_time(line: str) -> tuple[float | None, float | None, str]:
    match = _LEADING.match(line)
    if not match:
        return None, None, line
    times = [parse_timestamp(g) for g in match.groups() if g is not None]
    if not times or times[0] is None:
        return None, None, line
    end = times[1] if len(times) > 1 else None
    return times[0], end, line[match.end() :]


def _split_label(line: str) -> tuple[str, str, float | None] | None:
    """(speaker, text, time given after the speaker) when the line opens with a speaker."""
    for pattern in (_HEADING, _BRACKET_HEADING, _LABEL_TS):
        match = pattern.match(line)
        if match and is_speaker_label(match.group("label")):
            text = match.groupdict().get("text") or ""
            stamp = next(g for g in match.groups()[1:] if g and g != text)
            return match.group("label").strip(), text, parse_timestamp(stamp)
    match = _LABEL.match(line)
    if match:
        label = match.group("label").strip()
        if is_speaker_label(label) or (
            _SURNAME_COMMA.match(label) and is_speaker_label(label, allow_comma=True)
        ):
            return label, match.group("text"), None
    return None


def _is_name_line(line: str) -> bool:
    return (
        is_speaker_label(line, allow_comma=True)
        and not _SENTENCE_END.search(line)
        and len(line.split()) <= 5
    )


def _text_follows(lines: list[tuple[int, str]], index: int) -> bool:
    for _, raw in lines[index + 1 :]:
        line = raw.strip()
        if line:
            return not _ARROW.match(line) and not _TS_ONLY.match(line)
    return False
