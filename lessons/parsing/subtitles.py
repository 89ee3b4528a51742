"""WebVTT (Teams, Zoom, YouTube) and SubRip cues."""

from __future__ import annotations

import re

from .common import TIMESTAMP, Builder, clean_text, is_speaker_label, join_all, parse_timestamp

TIMING = re.compile(rf"^\s*({TIMESTAMP})\s*-->\s*({TIMESTAMP})(?:[ \t].*)?$")
_CUE_ID = re.compile(r"^\s*(?:\d{1,7}|[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{4,40}(?:/\d{1,7}-\d{1,7})?)\s*$")
_VOICE = re.compile(r"<v(?:\.[^\s<>]{0,80})?[ \t]+([^<>]{1,120})>")
_LABEL = re.compile(r"^(?P<label>[^:：<>]{1,40}?)\s*[:：]\s*(?P<text>.*)$")
_MARKER = re.compile(r"^(?:>>+|-(?=\s))\s*")


def is_timing(line: str) -> bool:
    return "-->" in line and TIMING.match(line) is not None


def parse_cues(lines: list[str], builder: Builder) -> int:
    """Adds the utterances of every cue; returns the number of cues read."""
    timings = [i for i, line in enumerate(lines) if is_timing(line)]
    speaker = ""
    previous_lines: set[str] = set()
    for k, i in enumerate(timings):
        stop = timings[k + 1] if k + 1 < len(timings) else len(lines)
        payload = _payload(lines, i + 1, stop, has_next=k + 1 < len(timings))
        start, end = _times(lines[i], i + 1, builder)
        if any(_is_labelled(raw) for _, raw in payload):
            previous_lines = set()
        else:
            # YouTube's rolling captions repeat the previous cue's line above the new one.
            texts = {number: _plain(raw) for number, raw in payload}
            payload = [(n, raw) for n, raw in payload if texts[n] not in previous_lines]
            previous_lines = set(texts.values())
        for turn_speaker, text, line_number in _turns(payload, speaker):
            builder.add(turn_speaker, text, start=start, end=end, line=line_number)
            speaker = turn_speaker
    return len(timings)


def _payload(lines: list[str], first: int, stop: int, *, has_next: bool) -> list[tuple[int, str]]:
    payload: list[tuple[int, str]] = []
    j = first
    while j < stop:
        line = lines[j]
        if not line.strip():
            following = lines[j + 1] if j + 1 < stop else ""
            # A line of spaces is not a blank line in WebVTT (YouTube starts cues with one).
            if line == "" or not following.strip() or _is_id_before(lines, j + 1, stop):
                break
        else:
            payload.append((j + 1, line))
        j += 1
    if j == stop and has_next and payload and _CUE_ID.match(payload[-1][1]):
        payload.pop()  # the next cue's id, with no blank line before it
    return payload


def _is_id_before(lines: list[str], j: int, stop: int) -> bool:
    return j + 1 == stop and _CUE_ID.match(lines[j]) is not None


def _times(line: str, number: int, builder: Builder) -> tuple[float | None, float | None]:
    match = TIMING.match(line)
    assert match is not None
    start, end = parse_timestamp(match.group(1)), parse_timestamp(match.group(2))
    if start is None or end is None:
        builder.warn("bad_timestamp", "A cue's timestamp could not be read.", number)
    return start, end


def _plain(raw: str) -> str:
    return _MARKER.sub("", clean_text(raw))


def _is_labelled(raw: str) -> bool:
    if _VOICE.search(raw):
        return True
    match = _LABEL.match(_plain(raw))
    return match is not None and is_speaker_label(match.group("label"))


def _turns(payload: list[tuple[int, str]], speaker: str) -> list[tuple[str, str, int]]:
    """(speaker, text, line) turns in one cue; unlabelled lines continue the last speaker."""
    turns: list[tuple[str, list[str], int]] = []
    for number, raw in payload:
        for voice, segment in _voice_segments(raw):
            text = _MARKER.sub("", clean_text(segment))
            if voice is not None:
                speaker = clean_text(voice)
            else:
                match = _LABEL.match(text)
                if match and is_speaker_label(match.group("label")):
                    speaker = match.group("label").strip()
                    text = match.group("text")
                elif turns and turns[-1][0] == speaker:
                    turns[-1][1].append(text)
                    continue
            if text or voice is not None:
                turns.append((speaker, [text], number))
    joined = [(s, join_all(pieces), number) for s, pieces, number in turns]
    return [t for t in joined if t[1]]


def _voice_segments(line: str) -> list[tuple[str | None, str]]:
    """Split a payload line on WebVTT voice tags: ``<v Chan Tai Man>text</v>``."""
    matches = list(_VOICE.finditer(line))
    if not matches:
        return [(None, line)]
    segments: list[tuple[str | None, str]] = []
    if line[: matches[0].start()].strip():
        segments.append((None, line[: matches[0].start()]))
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(line)
        segments.append((match.group(1), line[match.end() : end]))
    return segments
