"""Transcript intake: uploaded transcript files to ``Utterance`` records. Pure Python, no Django.

``parse_transcript`` reads WebVTT (Teams, Zoom, YouTube), SubRip, Word (.docx), plain text and
CSV; ``propose_roles`` guesses who the teacher is, for the teacher to confirm. Every failure is a
``TranscriptError`` whose ``code`` the Django layer turns into a translated message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lessons.analysis.types import Utterance

from .common import MAX_BYTES, MAX_UTTERANCES
from .errors import ERROR_CODES, WARNING_CODES, TranscriptError, TranscriptWarning
from .reader import read
from .roles import propose_roles

__all__ = [
    "ERROR_CODES",
    "FORMATS",
    "MAX_BYTES",
    "MAX_UTTERANCES",
    "WARNING_CODES",
    "ParsedTranscript",
    "TranscriptError",
    "TranscriptWarning",
    "parse_transcript",
    "propose_roles",
]

#: The values of ``ParsedTranscript.format``.
FORMATS = ("webvtt", "srt", "docx", "text", "csv")


@dataclass(frozen=True)
class ParsedTranscript:
    format: str
    utterances: list[Utterance]
    #: Named speakers in order of first appearance (the unnamed speaker "" is left out).
    speakers: list[str]
    #: ``TranscriptWarning`` values: English sentences with a ``code`` and a ``line``.
    warnings: list[str] = field(default_factory=list)


def parse_transcript(data: bytes, filename: str) -> ParsedTranscript:
    """Read an uploaded transcript. The format comes from the content, the file name's
    extension only breaking ties. Raises ``TranscriptError`` and nothing else."""
    try:
        file_format, builder = read(data, filename)
    except TranscriptError:
        raise
    except RecursionError as exc:
        raise TranscriptError("unknown_format", "The file is nested too deeply to read.") from exc
    except Exception as exc:  # the last guard: an upload must never become a server error
        raise TranscriptError("unreadable", "The file could not be read.") from exc
    if not builder.utterances:
        raise TranscriptError("no_utterances", "No utterances were found in the file.")
    if builder.merged:
        builder.warn(
            "duplicates_merged",
            f"{builder.merged} repeated caption(s) were merged.",
            count=builder.merged,
        )
    speakers = list(dict.fromkeys(u.speaker for u in builder.utterances if u.speaker))
    if not speakers:
        builder.warn("no_speakers", "The file names no speakers; roles must be set by hand.")
    return ParsedTranscript(
        format=file_format,
        utterances=builder.utterances,
        speakers=speakers,
        warnings=builder.warnings,
    )
