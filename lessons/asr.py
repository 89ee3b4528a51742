"""Speech to text: any OpenAI-compatible transcription endpoint, or pocketsphinx offline (English).

Both backends take a path to an audio or video file and return utterances with times in seconds.
ffmpeg first turns whatever was uploaded into 16 kHz mono PCM. No Django import.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lessons.analysis.types import Utterance

SAMPLE_RATE = 16_000

#: Magic bytes of the media formats accepted for upload.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"ID3", "mp3"),
    (0, b"\xff\xfb", "mp3"),
    (0, b"\xff\xf3", "mp3"),
    (0, b"\xff\xf2", "mp3"),
    (0, b"RIFF", "wav"),
    (0, b"\x1a\x45\xdf\xa3", "webm"),
    (4, b"ftyp", "mp4"),  # mp4 and m4a
    (0, b"OggS", "ogg"),
)


class TranscriptionError(Exception):
    """Speech to text failed; ``code`` is stable, ``transient`` says whether a retry may help."""

    def __init__(self, code: str, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.transient = transient


def sniff_media(head: bytes) -> str | None:
    """The media type from a file's first bytes, or None when it is not audio or video we accept."""
    for offset, magic, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if kind == "wav" and head[8:12] != b"WAVE":
                return None
            return kind
    return None


def probe_duration(path: Path) -> float | None:
    """Seconds of audio according to ffprobe, or None when it cannot tell."""
    if not shutil.which("ffprobe"):
        return None
    # Fixed program and arguments; the path is one the portal itself wrote.
    result = subprocess.run(  # noqa: S603
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    try:
        return float(result.stdout.strip())
    except ValueError:
        return None


def to_pcm(path: Path) -> bytes:
    if not shutil.which("ffmpeg"):
        raise TranscriptionError("ffmpeg_missing", "ffmpeg is not installed on the server.")
    result = subprocess.run(  # noqa: S603
        [
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-i",
            str(path),
            "-ac",
            "1",
            "-ar",
            str(SAMPLE_RATE),
            "-f",
            "s16le",
            "-",
        ],
        capture_output=True,
        timeout=60 * 30,
    )
    if result.returncode != 0 or not result.stdout:
        raise TranscriptionError(
            "unreadable_media", "The recording could not be read: " + result.stderr.decode()[-300:]
        )
    return result.stdout


@dataclass(frozen=True)
class OpenAIConfig:
    base_url: str
    api_key: str
    model: str
    language: str | None = None


def transcribe_openai(path: Path, config: OpenAIConfig) -> list[Utterance]:
    """Segments from an OpenAI-compatible endpoint; speakers when the endpoint diarises."""
    import openai

    client = openai.OpenAI(
        base_url=config.base_url or None, api_key=config.api_key or "unused", timeout=600
    )
    try:
        with open(path, "rb") as audio:
            response = client.audio.transcriptions.create(
                model=config.model,
                file=audio,
                response_format="verbose_json",
                **({"language": config.language} if config.language else {}),
            )
    except (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError) as exc:
        raise TranscriptionError("asr_unavailable", str(exc), transient=True) from exc
    except openai.APIStatusError as exc:
        transient = exc.status_code >= 500
        raise TranscriptionError(
            "asr_failed", f"{exc.status_code}: {exc.message}", transient=transient
        ) from exc
    data = response.model_dump() if hasattr(response, "model_dump") else dict(response)
    segments = data.get("segments") or []
    if not segments and data.get("text"):
        segments = [{"start": None, "end": None, "text": data["text"]}]
    utterances = []
    for seg in segments:
        text = (seg.get("text") or "").strip()
        if not text:
            continue
        speaker = seg.get("speaker") or seg.get("speaker_label") or "Speaker 1"
        utterances.append(
            Utterance(
                speaker=str(speaker),
                role="other",
                text=text,
                start=seg.get("start"),
                end=seg.get("end"),
            )
        )
    return utterances


def transcribe_pocketsphinx(path: Path) -> list[Utterance]:
    """English only, offline, with the model that ships inside the pocketsphinx wheel.

    Speech is cut into segments at pauses; each becomes an utterance of one speaker, because the
    offline model cannot tell voices apart (the teacher marks the roles afterwards).
    """
    try:
        from pocketsphinx import Decoder, Segmenter
    except ImportError as exc:
        raise TranscriptionError("asr_missing", "pocketsphinx is not installed.") from exc
    pcm = to_pcm(path)
    segmenter = Segmenter(sample_rate=SAMPLE_RATE)
    decoder = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")
    utterances = []
    for segment in segmenter.segment(io.BytesIO(pcm)):
        decoder.start_utt()
        decoder.process_raw(segment.pcm, full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        text = hyp.hypstr.strip() if hyp else ""
        if text:
            utterances.append(
                Utterance(
                    speaker="Speaker 1",
                    role="other",
                    text=text,
                    start=round(segment.start_time, 2),
                    end=round(segment.end_time, 2),
                )
            )
    return utterances


def transcribe(path: Path, *, openai_config: OpenAIConfig | None) -> list[Utterance]:
    if openai_config is not None:
        return transcribe_openai(path, openai_config)
    return transcribe_pocketsphinx(path)


def write_temp(data: bytes, suffix: str) -> Path:
    with tempfile.NamedTemporaryFile(delete=False, suffix=suffix) as handle:
        handle.write(data)
    return Path(handle.name)
