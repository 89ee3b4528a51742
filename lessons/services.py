"""Writes for recorded lessons: upload, transcription, speaker confirmation, analysis, sharing."""

from __future__ import annotations

import logging
from collections import Counter
from functools import partial

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from lessons import selectors
from lessons.analysis.types import Utterance as EngineUtterance
from lessons.asr import sniff_media
from lessons.errors import message_for
from lessons.models import Analysis, Lesson, LessonShare, Speaker, Utterance

logger = logging.getLogger(__name__)
ENGINE_VERSION = "1"
TRANSCRIPT_MAX_BYTES = 5 * 1024 * 1024


class LessonError(Exception):
    """A request that cannot be carried out, with a message the person can act on."""


def _words(text: str) -> int:
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
    latin = len(
        [w for w in "".join(" " if "\u3400" <= ch <= "\u9fff" else ch for ch in text).split() if w]
    )
    return cjk + latin


def _school_of(user: User):
    membership = Membership.objects.active().filter(user=user).select_related("school").first()
    return membership.school if membership else None


@transaction.atomic
def create_lesson(
    *,
    teacher: User,
    upload: UploadedFile,
    title: str,
    consent: bool,
    subject: str = "",
    class_level: str = "",
    taught_on=None,
) -> Lesson:
    """Store an uploaded transcript or recording. A transcript is read at once, so that a file
    that cannot be read is refused with a reason and nothing is stored."""
    if not consent:
        raise LessonError(_("Confirm the consent declaration before uploading a lesson."))
    head = upload.read(64)
    upload.seek(0)
    media_kind = sniff_media(head)
    lesson = Lesson(
        teacher=teacher,
        school=_school_of(teacher),
        title=title.strip()[:200] or _("Untitled lesson"),
        subject=subject,
        class_level=class_level,
        taught_on=taught_on,
        consent_at=timezone.now(),
        media_name=(upload.name or "")[:200],
    )
    if media_kind is not None:
        if upload.size > settings.LESSON_MAX_MEDIA_MB * 1024 * 1024:
            raise LessonError(
                _("The recording is larger than %(mb)d MB. Upload a shorter or compressed file.")
                % {"mb": settings.LESSON_MAX_MEDIA_MB}
            )
        lesson.source = Lesson.Source.RECORDING
        lesson.full_clean(exclude=["media"])
        lesson.save()
        lesson.media.save(upload.name or f"recording.{media_kind}", upload, save=False)
        lesson.save(update_fields=["media"])
        from lessons.tasks import transcribe_lesson

        transaction.on_commit(partial(transcribe_lesson.delay, lesson.pk))
        return lesson

    from lessons.parsing import TranscriptError, parse_transcript

    if upload.size > TRANSCRIPT_MAX_BYTES:
        raise LessonError(message_for("too_large"))
    data = upload.read()
    try:
        parsed = parse_transcript(data, upload.name or "transcript.txt")
    except TranscriptError as exc:
        raise LessonError(message_for(exc.code, line=getattr(exc, "line", None))) from exc
    lesson.source = Lesson.Source.TRANSCRIPT
    lesson.transcript_format = parsed.format
    lesson.full_clean(exclude=["media"])
    lesson.save()
    ingest_utterances(lesson=lesson, utterances=parsed.utterances)
    return lesson


@transaction.atomic
def ingest_utterances(*, lesson: Lesson, utterances: list[EngineUtterance]) -> Lesson:
    """Redact student names, store the turns and propose a role for every speaker."""
    from lessons.parsing import propose_roles
    from lessons.redaction import redact

    if not utterances:
        raise LessonError(message_for("no_utterances"))
    proposed = propose_roles(utterances)
    teacher_labels = {label for label, role in proposed.items() if role == "teacher"}
    result = redact(utterances, known_names=_student_names(proposed, teacher_labels))
    redacted = result.utterances
    # The redaction may rename student speakers: map proposed roles onto the new labels.
    label_roles: dict[str, str] = {}
    for original, new in zip(utterances, redacted, strict=True):
        label_roles.setdefault(new.speaker, proposed.get(original.speaker, "student"))
    Utterance.objects.filter(lesson=lesson).delete()
    Speaker.objects.filter(lesson=lesson).delete()
    Utterance.objects.bulk_create(
        Utterance(
            lesson=lesson,
            index=i,
            speaker=u.speaker[:100],
            role=label_roles.get(u.speaker, "other"),
            start=u.start,
            end=u.end,
            text=u.text,
        )
        for i, u in enumerate(redacted)
    )
    counts = Counter(u.speaker for u in redacted)
    words: Counter[str] = Counter()
    for u in redacted:
        words[u.speaker] += _words(u.text)
    Speaker.objects.bulk_create(
        Speaker(
            lesson=lesson,
            label=label[:100],
            proposed_role=label_roles.get(label, "student"),
            role=label_roles.get(label, "student"),
            utterances=counts[label],
            words=words[label],
        )
        for label in counts
    )
    lesson.status = Lesson.Status.AWAITING_SPEAKERS
    lesson.progress = 40
    lesson.failure_code = lesson.failure_message = ""
    lesson.save(
        update_fields=["status", "progress", "failure_code", "failure_message", "updated_at"]
    )
    return lesson


def _student_names(proposed: dict[str, str], teacher_labels: set[str]) -> list[str]:
    generic = {
        "student",
        "students",
        "class",
        "speaker",
        "unknown",
        "s",
        "ss",
        "全班",
        "學生",
        "学生",
        "同學",
    }
    names = []
    for label, role in proposed.items():
        if label in teacher_labels or role == "students":
            continue
        if label.strip().lower().rstrip("0123456789 ") in generic:
            continue
        names.append(label)
    return names


@transaction.atomic
def confirm_speakers(*, lesson: Lesson, roles: dict[int, str], by: User) -> Lesson:
    """The teacher confirms or corrects the proposed roles; analysis starts."""
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if lesson.teacher_id != by.pk:
        raise LessonError(_("Only the lesson's teacher can confirm its speakers."))
    if lesson.status not in (
        Lesson.Status.AWAITING_SPEAKERS,
        Lesson.Status.READY,
        Lesson.Status.FAILED,
    ):
        raise LessonError(_("The lesson is still being processed. Try again in a moment."))
    speakers = {s.pk: s for s in lesson.speakers.all()}
    if set(roles) != set(speakers) or not all(r in Speaker.Role.values for r in roles.values()):
        raise LessonError(_("Choose a role for every speaker."))
    if Speaker.Role.TEACHER not in roles.values():
        raise LessonError(_("Mark at least one speaker as the teacher."))
    for pk, role in roles.items():
        speaker = speakers[pk]
        speaker.role = role
        speaker.confirmed = True
        speaker.save(update_fields=["role", "confirmed"])
        Utterance.objects.filter(lesson=lesson, speaker=speaker.label).update(role=role)
    lesson.status = Lesson.Status.ANALYSING
    lesson.progress = 60
    lesson.save(update_fields=["status", "progress", "updated_at"])
    from lessons.tasks import analyse_lesson

    transaction.on_commit(partial(analyse_lesson.delay, lesson.pk))
    return lesson


@transaction.atomic
def run_analysis(*, lesson: Lesson) -> Analysis:
    from lessons.analysis.engine import analyse

    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    rows = list(lesson.utterances.order_by("index"))
    engine_input = [
        EngineUtterance(
            speaker=u.speaker,
            role=u.role if u.role in ("teacher", "student", "students") else "other",
            text=u.text,
            start=u.start,
            end=u.end,
        )
        for u in rows
    ]
    coded, metrics = analyse(engine_input)
    for row, code in zip(rows, coded, strict=True):
        row.language = code.language or ""
        row.is_question = bool(code.is_question)
        row.question_type = code.question_type or ""
        row.cognitive_level = code.cognitive_level or ""
        row.teacher_move = code.teacher_move or ""
        row.student_move = code.student_move or ""
        row.feedback = code.feedback or ""
        row.uptake = code.uptake
        row.teacher_act = code.teacher_act or ""
    Utterance.objects.bulk_update(
        rows,
        [
            "language",
            "is_question",
            "question_type",
            "cognitive_level",
            "teacher_move",
            "student_move",
            "feedback",
            "uptake",
            "teacher_act",
        ],
        batch_size=500,
    )
    analysis, _created = Analysis.objects.update_or_create(
        lesson=lesson, defaults={"metrics": metrics, "engine_version": ENGINE_VERSION}
    )
    lesson.status = Lesson.Status.READY
    lesson.progress = 100
    lesson.save(update_fields=["status", "progress", "updated_at"])
    from lessons.events import lesson_analysed

    transaction.on_commit(lambda: lesson_analysed(lesson=lesson))
    return analysis


@transaction.atomic
def set_progress(*, lesson: Lesson, status: str, progress: int) -> None:
    Lesson.objects.filter(pk=lesson.pk).update(
        status=status, progress=progress, updated_at=timezone.now()
    )


@transaction.atomic
def fail_lesson(*, lesson: Lesson, code: str, detail: str = "") -> Lesson:
    lesson.status = Lesson.Status.FAILED
    lesson.failure_code = code[:50]
    lesson.failure_message = detail[:2000]
    lesson.save(update_fields=["status", "failure_code", "failure_message", "updated_at"])
    return lesson


@transaction.atomic
def delete_media(*, lesson: Lesson) -> None:
    """Remove the recording (students' voices) once it has been transcribed."""
    if lesson.media:
        lesson.media.delete(save=False)
    lesson.media = ""
    lesson.media_deleted_at = timezone.now()
    lesson.save(update_fields=["media", "media_deleted_at", "updated_at"])


@transaction.atomic
def share_lesson(*, lesson: Lesson, mentor: User, by: User) -> LessonShare:
    if lesson.teacher_id != by.pk:
        raise LessonError(_("Only the lesson's teacher can share it."))
    if not selectors.mentors_for(lesson).filter(pk=mentor.pk).exists():
        raise LessonError(_("You can share a lesson only with a mentor at your school."))
    share = LessonShare.objects.active().filter(lesson=lesson, mentor=mentor).first()
    return share or LessonShare.objects.create(lesson=lesson, mentor=mentor)


@transaction.atomic
def revoke_share(*, share: LessonShare, by: User) -> LessonShare:
    if share.lesson.teacher_id != by.pk:
        raise LessonError(_("Only the lesson's teacher can stop sharing it."))
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    return share


@transaction.atomic
def delete_lesson(*, lesson: Lesson, by: User) -> None:
    if lesson.teacher_id != by.pk:
        raise LessonError(_("Only the lesson's teacher can delete it."))
    if lesson.media:
        lesson.media.delete(save=False)
    lesson.delete()
