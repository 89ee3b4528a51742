"""Pieces every transcript format shares: timestamps, cleaning text, speaker labels, and the
builder that turns raw turns into ``Utterance`` records within the limits."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from lessons.analysis.types import Role, Utterance

from .errors import TranscriptError, TranscriptWarning

MAX_BYTES = 5 * 1024 * 1024
MAX_UTTERANCES = 20_000

# h:mm:ss.fff, mm:ss.fff, h:m:s.f (old Teams), with "," or "." before the fraction.
TIMESTAMP = r"(?:\d{1,3}:)?\d{1,3}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMESTAMP_PARTS = re.compile(r"^(?:(\d{1,3}):)?(\d{1,3}):(\d{1,2})(?:[.,](\d{1,3}))?$")


def parse_timestamp(value: str) -> float | None:
    """Seconds from a subtitle or transcript timestamp, or None when it is not one."""
    match = _TIMESTAMP_PARTS.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        return None
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        total += int(fraction) / 10 ** len(fraction)
    return round(float(total), 3)


def parse_seconds(value: str) -> float | None:
    """A time given either as seconds ("83.5") or as a timestamp ("00:01:23.500")."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{1,7}(?:\.\d{1,6})?", value):
        return float(value)
    return parse_timestamp(value)


_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>|<\d[\d:.]*>|\{\\[^{}]{0,200}\}")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def clean_text(text: str) -> str:
    """Plain text without markup, entities, zero-width characters or runs of whitespace."""
    if "<" in text or "{" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _CONTROL.sub("", _ZERO_WIDTH.sub("", text))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def join_all(pieces: list[str]) -> str:
    """The pieces of one utterance joined by spaces, but none between Chinese characters."""
    out: list[str] = []
    last = ""
    for piece in pieces:
        if not piece:
            continue
        if last and not (_CJK.match(last[-1]) and _CJK.match(piece[0])):
            out.append(" ")
        out.append(piece)
        last = piece
    return "".join(out)


_LABEL_CHARS = re.compile(r"^[\w .'’\-()&/]+$")
_LATIN_WORD = re.compile(r"[A-Za-z]")
_PARTICLES = frozenset({"de", "da", "van", "von", "bin", "binti", "al", "la", "le", "ka", "of"})
_GENERIC_SPEAKER = re.compile(
    r"^(?:teacher|student|students|speaker|participant|interviewer|pupil|class|group|"
    r"unknown|guest)\b",
    re.IGNORECASE,
)
# Words that end in a colon in running speech or in headings, not speaker names.
_NOT_SPEAKERS = frozenset(
    {
        "http",
        "https",
        "ftp",
        "mailto",
        "note",
        "notes",
        "nb",
        "ps",
        "eg",
        "e.g",
        "ie",
        "i.e",
        "example",
        "examples",
        "homework",
        "hint",
        "tip",
        "reminder",
        "answer",
        "answers",
        "question",
        "step",
        "warning",
        "remember",
        "because",
        "so",
        "and",
        "but",
        "like",
        "says",
        "said",
        "webvtt",
        "kind",
        "language",
        "style",
        "region",
        "注意",
        "例如",
        "答案",
        "提示",
        "功課",
        "功课",
        "例子",
    }
)
#: Keys of "Key: value" lines at the top of a transcript that describe the lesson.
METADATA_KEYS = frozenset(
    {
        "date",
        "time",
        "duration",
        "subject",
        "topic",
        "lesson",
        "school",
        "title",
        "meeting",
        "meeting title",
        "recorded",
        "recorded on",
        "recording",
        "location",
        "venue",
        "level",
        "grade",
        "form",
        "period",
        "attendees",
        "participants",
        "transcript",
        "日期",
        "時間",
        "时间",
        "科目",
        "課題",
        "课题",
        "學校",
        "学校",
        "班別",
        "班级",
        "年級",
        "年级",
        "主題",
        "主题",
        "課堂",
        "课堂",
        "地點",
        "地点",
        "時長",
        "时长",
    }
)


@lru_cache(maxsize=4096)
def is_speaker_label(label: str, *, allow_comma: bool = False) -> bool:
    """Whether ``label`` reads as a speaker's name or tag ("Ms Chan", "S1", "學生甲")."""
    label = label.strip()
    if not label or len(label) > 40:
        return False
    if allow_comma:
        label = label.replace(",", " ")
    if not _LABEL_CHARS.match(label) or not any(ch.isalpha() for ch in label):
        return False
    if label.casefold().rstrip(".") in _NOT_SPEAKERS:
        return False
    if "_" in label and " " in label:
        return False
    cjk = len(_CJK.findall(label))
    if cjk:
        return len(label.replace(" ", "")) <= 12
    words = label.split()
    if len(words) > 5:
        return False
    if len(words) == 1 or _GENERIC_SPEAKER.match(label):
        return True
    return all(
        w[0].isupper() or w[0].isdigit() or w.casefold() in _PARTICLES or w[0] in "(&"
        for w in words
    )


@lru_cache(maxsize=4096)
def normalise_speaker(label: str) -> str:
    return _SPACES.sub(" ", clean_text(label)).strip(" -–—:：")


ROLE_VALUES: dict[str, Role] = {
    **dict.fromkeys(
        ("teacher", "t", "tutor", "instructor", "lecturer", "老師", "老师", "教師", "教师"),
        "teacher",
    ),
    **dict.fromkeys(
        ("student", "s", "learner", "pupil", "學生", "学生", "同學", "同学"),
        "student",
    ),
    **dict.fromkeys(
        (
            "students",
            "ss",
            "class",
            "whole class",
            "group",
            "chorus",
            "all",
            "全班",
            "同學們",
            "同学们",
            "學生們",
            "学生们",
        ),
        "students",
    ),
    **dict.fromkeys(("other", "others", "unknown", "其他"), "other"),
}


# "(students reading)", "[Music]", "【笑聲】": a description of the room, not something said.
_NON_SPEECH = re.compile(r"^(?:\([^()]*\)|\[[^\[\]]*\]|（[^（）]*）|【[^【】]*】|♪+[^♪]*♪*)$")


@dataclass
class Builder:
    """Collects turns in order and enforces the limits as it goes."""

    utterances: list[Utterance] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    merged: int = 0
    _names: dict[str, str] = field(default_factory=dict)

    def speaker(self, label: str) -> str:
        """The first-seen spelling of a speaker, so "TEACHER" and "Teacher" are one speaker."""
        name = normalise_speaker(label)
        return self._names.setdefault(name.casefold(), name)

    def add(
        self,
        speaker: str,
        text: str,
        *,
        start: float | None,
        end: float | None,
        line: int | None,
        role: Role = "other",
        extra: Mapping[str, object] | None = None,
    ) -> None:
        text = clean_text(text)
        if not text or _NON_SPEECH.match(text):
            return
        speaker = self.speaker(speaker) if speaker else ""
        if end is not None and start is not None and end < start:
            end = None
        previous = self.utterances[-1] if self.utterances else None
        if (
            previous is not None
            and previous.speaker == speaker
            and previous.text == text
            and _close(previous, start)
        ):
            self.merged += 1
            new_end = max((t for t in (previous.end, end) if t is not None), default=None)
            self.utterances[-1] = Utterance(
                speaker=previous.speaker,
                role=previous.role,
                text=previous.text,
                start=previous.start,
                end=new_end,
                extra=previous.extra,
            )
            return
        if len(self.utterances) >= MAX_UTTERANCES:
            raise TranscriptError(
                "too_many_utterances",
                f"The transcript has more than {MAX_UTTERANCES:,} utterances.",
                line,
            )
        self.utterances.append(
            Utterance(
                speaker=speaker,
                role=role,
                text=text,
                start=start,
                end=end,
                extra=dict(extra or {}),
            )
        )

    def warn(self, code: str, message: str, line: int | None = None, **params: object) -> None:
        self.warnings.append(TranscriptWarning(code, message, line, **params))


def _close(previous: Utterance, start: float | None) -> bool:
    """A repeated caption is a duplicate only when it follows its twin within two seconds."""
    if start is None or previous.start is None:
        return True
    last = previous.end if previous.end is not None else previous.start
    return start <= last + 2.0
