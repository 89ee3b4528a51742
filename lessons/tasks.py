"""The lesson pipeline. Tasks take a primary key, reload the row, call services and are safe to run
twice: each returns early when its step is already done."""

from __future__ import annotations

from pathlib import Path

from celery import shared_task
from django.conf import settings

from lessons import services
from lessons.asr import OpenAIConfig, TranscriptionError, probe_duration, transcribe
from lessons.models import Lesson


def _openai_config() -> OpenAIConfig | None:
    if not settings.OPENAI_TRANSCRIBE_MODEL:
        return None
    return OpenAIConfig(
        base_url=settings.OPENAI_BASE_URL,
        api_key=settings.OPENAI_API_KEY,
        model=settings.OPENAI_TRANSCRIBE_MODEL,
    )


@shared_task(bind=True, max_retries=5, acks_late=True)
def transcribe_lesson(self, lesson_id: int) -> str:
    lesson = Lesson.objects.filter(pk=lesson_id).first()
    if lesson is None or lesson.source != Lesson.Source.RECORDING:
        return "skipped"
    if lesson.status not in (Lesson.Status.UPLOADED, Lesson.Status.TRANSCRIBING):
        return "done"
    if not lesson.media:
        services.fail_lesson(
            lesson=lesson, code="unreadable_media", detail="the recording is no longer stored"
        )
        return "failed"
    services.set_progress(lesson=lesson, status=Lesson.Status.TRANSCRIBING, progress=10)
    path = Path(lesson.media.path) if hasattr(lesson.media, "path") else None
    local = path
    try:
        if local is None:  # remote storage: fetch a copy to feed ffmpeg
            from lessons.asr import write_temp

            with lesson.media.open("rb") as f:
                local = write_temp(f.read(), Path(lesson.media.name).suffix)
        duration = probe_duration(local)
        if duration is not None and duration > settings.LESSON_MAX_MINUTES * 60:
            services.fail_lesson(lesson=lesson, code="too_long", detail=f"{duration:.0f} s")
            return "failed"
        utterances = transcribe(local, openai_config=_openai_config())
    except TranscriptionError as exc:
        if exc.transient and self.request.retries < self.max_retries:
            raise self.retry(exc=exc, countdown=min(600, 30 * 2**self.request.retries)) from exc
        failed = services.fail_lesson(
            lesson=Lesson.objects.get(pk=lesson_id), code=exc.code, detail=str(exc)
        )
        # A recording that cannot be transcribed is of no use, and it holds students' voices.
        services.delete_media(lesson=failed)
        return "failed"
    finally:
        if local is not None and path is None:
            local.unlink(missing_ok=True)
    lesson.refresh_from_db()
    if not utterances:
        services.delete_media(lesson=services.fail_lesson(lesson=lesson, code="no_speech"))
        return "failed"
    services.ingest_utterances(lesson=lesson, utterances=utterances)
    if settings.LESSON_MEDIA_RETENTION_DAYS == 0:
        services.delete_media(lesson=lesson)
    return "transcribed"


@shared_task(bind=True, max_retries=3, acks_late=True)
def analyse_lesson(self, lesson_id: int) -> str:
    lesson = Lesson.objects.filter(pk=lesson_id).first()
    if lesson is None or lesson.status != Lesson.Status.ANALYSING:
        return "skipped"
    try:
        services.run_analysis(lesson=lesson)
    except (
        Exception
    ) as exc:  # an engine bug must leave a readable state, not a lesson stuck "analysing"
        services.fail_lesson(
            lesson=lesson, code="analysis_failed", detail=f"{type(exc).__name__}: {exc}"
        )
        raise
    return "ready"


@shared_task
def delete_expired_media() -> int:
    """Beat schedule: remove recordings kept longer than the retention period."""
    from datetime import timedelta

    from django.utils import timezone

    cutoff = timezone.now() - timedelta(days=settings.LESSON_MEDIA_RETENTION_DAYS)
    expired = (
        Lesson.objects.exclude(media="")
        .filter(created_at__lt=cutoff)
        .exclude(status__in=[Lesson.Status.UPLOADED, Lesson.Status.TRANSCRIBING])
    )
    count = 0
    for lesson in expired:
        services.delete_media(lesson=lesson)
        count += 1
    return count
