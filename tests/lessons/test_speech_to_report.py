"""End to end: a short English lesson spoken by espeak-ng, transcribed offline by pocketsphinx,
analysed, and found as a report. The recording is deleted after transcription."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from lessons import services
from lessons.models import Lesson

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (shutil.which("espeak-ng") and shutil.which("ffmpeg")),
        reason="espeak-ng and ffmpeg are needed (apt-get install espeak-ng ffmpeg; .ci/run installs them)",
    ),
]

SCRIPT = [
    ("en-us", "Good morning class. Today we are learning about fractions."),
    ("en-us+f3", "Good morning teacher."),
    ("en-us", "Which is bigger, one half or two thirds? Why do you think so?"),
    ("en-us+f3", "Two thirds is bigger because it is more pieces."),
]


def speak(tmp_path) -> bytes:
    parts = []
    for i, (voice, text) in enumerate(SCRIPT):
        wav = tmp_path / f"{i}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "140", "-w", str(wav), text], check=True)
        parts.append(wav)
    lesson = tmp_path / "lesson.wav"
    inputs = sum((["-i", str(p)] for p in parts), [])
    pads = "".join(f"[{i}:a]apad=pad_dur=1.2[a{i}];" for i in range(len(parts)))
    joined = "".join(f"[a{i}]" for i in range(len(parts)))
    subprocess.run(
        [
            "ffmpeg",
            "-y",
            "-loglevel",
            "error",
            *inputs,
            "-filter_complex",
            f"{pads}{joined}concat=n={len(parts)}:v=0:a=1",
            "-ar",
            "16000",
            "-ac",
            "1",
            str(lesson),
        ],
        check=True,
    )
    return lesson.read_bytes()


def test_spoken_lesson_is_transcribed_analysed_and_reported(client, school, tmp_path, settings):
    from tests.factories import member

    settings.MEDIA_ROOT = str(tmp_path / "media")
    teacher = member("teacher", school)
    audio = speak(tmp_path)
    with TestCase.captureOnCommitCallbacks(execute=True):
        lesson = services.create_lesson(
            teacher=teacher,
            upload=SimpleUploadedFile("lesson.wav", audio, content_type="audio/wav"),
            title="Fractions (spoken)",
            consent=True,
        )
    lesson.refresh_from_db()
    assert lesson.source == Lesson.Source.RECORDING
    assert lesson.status == Lesson.Status.AWAITING_SPEAKERS, lesson.failure_message
    assert not lesson.media and lesson.media_deleted_at is not None  # the voices are gone
    assert not any((tmp_path / "media").rglob("*.wav"))
    text = " ".join(lesson.utterances.values_list("text", flat=True)).lower()
    # The offline model is rough on synthetic speech, but content words come through.
    assert (
        sum(word in text for word in ("fractions", "bigger", "half", "thirds", "morning", "class"))
        >= 2
    ), text

    client.force_login(teacher)
    speakers = {f"speaker-{s.pk}": "teacher" for s in lesson.speakers.all()}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("lessons:speakers", kwargs={"lesson_id": lesson.pk}), speakers)
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.READY
    report = client.get(reverse("lessons:report", kwargs={"lesson_id": lesson.pk}))
    assert report.status_code == 200
    assert "Fractions (spoken)" in report.content.decode()
    assert lesson.analysis.metrics["utterances"] == lesson.utterances.count() > 0


def test_a_file_that_is_neither_transcript_nor_media_is_refused(client, school):
    from tests.factories import member

    client.force_login(member("teacher", school))
    fake = b"\x00\x00\x00\x18ftypXXXX" + b"\x00" * 200  # claims mp4 but is not playable
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("lessons:upload"),
            {"title": "broken", "consent": "on", "file": SimpleUploadedFile("x.mp4", fake)},
        )
    lesson = Lesson.objects.get()
    assert lesson.status == Lesson.Status.FAILED
    assert lesson.failure_code == "unreadable_media"
    assert not lesson.media and lesson.media_deleted_at is not None
    page = client.get(reverse("lessons:detail", kwargs={"lesson_id": lesson.pk})).content.decode()
    assert "could not be read" in page
