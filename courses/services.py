"""Writes for courses: enrolment, XBlock handlers, progress, completion, certificates and CPD."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from courses import selectors
from courses.models import (
    Certificate,
    CoursePage,
    CPDEntry,
    Enrolment,
    UnitCompletion,
    UnitPage,
    XBlockState,
    canonical,
)
from courses.runtime import PortalRuntime

EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
#: Accepted evidence files, by extension, with the bytes such a file starts with.
EVIDENCE_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


class CourseError(Exception):
    """A learning action that cannot be done; the message says why, for the person."""


@transaction.atomic
def enrol(*, user: User, course: CoursePage) -> Enrolment:
    """Enrol ``user`` (idempotent). Prerequisite courses must be completed first."""
    course = canonical(course)
    if not course.live:
        raise CourseError(_("This course is not open for enrolment."))
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    missing = [
        p
        for p in course.prerequisites.all()
        if not Enrolment.objects.completed().filter(user=user, course=p).exists()
    ]
    if missing:
        raise CourseError(
            _("Complete %(courses)s first.")
            % {"courses": ", ".join(p.specific.display_title for p in missing)}
        )
    enrolment = Enrolment(user=user, course=course)
    enrolment.full_clean()
    enrolment.save()
    return enrolment


@transaction.atomic
def record_visit(*, enrolment: Enrolment, unit: UnitPage) -> Enrolment:
    """Remember the unit the person opened, so that "Continue" brings them back to it."""
    if enrolment.last_unit_id != unit.pk:
        enrolment.last_unit = unit
        enrolment.save(update_fields=["last_unit"])
    return enrolment


def _unit_done(enrolment: Enrolment, unit: UnitPage, runtime: PortalRuntime | None) -> bool:
    usage_ids = (
        runtime.usage_ids()
        if runtime is not None
        else [f"u{unit.pk}.{block_id}" for block_id, _t, _o in unit.xblock_values()]
    )
    if not usage_ids:
        return False
    if runtime is not None:
        return all(runtime.is_complete(u) for u in usage_ids)
    done = XBlockState.objects.filter(
        user=enrolment.user, usage_id__in=usage_ids, completed_at__isnull=False
    ).count()
    return done == len(usage_ids)


@transaction.atomic
def refresh_unit(
    *, enrolment: Enrolment, unit: UnitPage, runtime: PortalRuntime | None = None
) -> bool:
    """Record the unit as completed when every XBlock in it meets its completion rule; complete
    the course when that was its last unit. Returns whether the unit is completed."""
    if UnitCompletion.objects.filter(enrolment=enrolment, unit=unit).exists():
        return True
    if not _unit_done(enrolment, unit, runtime):
        return False
    UnitCompletion.objects.get_or_create(enrolment=enrolment, unit=unit)
    complete_course_if_done(enrolment=enrolment)
    return True


@transaction.atomic
def mark_unit_read(*, enrolment: Enrolment, unit: UnitPage) -> UnitCompletion:
    """A unit without XBlocks is completed by saying so; others by their blocks' rules."""
    if unit.xblock_values():
        raise CourseError(_("This unit is completed by finishing its activities."))
    completion, _created = UnitCompletion.objects.get_or_create(enrolment=enrolment, unit=unit)
    complete_course_if_done(enrolment=enrolment)
    return completion


@transaction.atomic
def run_handler(
    *, enrolment: Enrolment, unit: UnitPage, usage_id: str, handler: str, request, suffix: str = ""
):
    """Call an XBlock handler for the enrolled person and store what changed; returns the
    handler's webob response."""
    runtime = PortalRuntime(user=enrolment.user, unit=unit)
    if usage_id not in runtime.usage_ids():
        raise CourseError(_("This activity is not part of the unit."))
    # One person's handler calls in a course take turns: two blocks of one unit finishing at once
    # must not each see the other as incomplete, and a double click must not overwrite itself.
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).get()
    XBlockState.objects.get_or_create(
        user=enrolment.user,
        usage_id=usage_id,
        defaults={"block_type": runtime.types[usage_id], "unit": unit},
    )
    XBlockState.objects.select_for_update().filter(user=enrolment.user, usage_id=usage_id).get()
    runtime.preload()
    block = runtime.block(usage_id)
    response = runtime.handle(block, handler, request, suffix)
    runtime.flush()
    refresh_unit(enrolment=enrolment, unit=unit, runtime=runtime)
    return response


@transaction.atomic
def complete_course_if_done(*, enrolment: Enrolment) -> Enrolment:
    """Close the enrolment once every unit is completed: certificate, CPD hours, announcement.
    Safe to call again; a completed enrolment is returned unchanged."""
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    if enrolment.is_completed:
        return enrolment
    units = {u.pk for u in selectors.units_of(enrolment.course)}
    done = set(
        UnitCompletion.objects.filter(enrolment=enrolment, unit__in=units).values_list(
            "unit_id", flat=True
        )
    )
    if not units or done != units:
        return enrolment
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.full_clean()
    enrolment.save(update_fields=["status", "completed_at"])
    issue_certificate(enrolment=enrolment)
    record_course_hours(enrolment=enrolment)
    from courses.events import course_completed

    transaction.on_commit(lambda: course_completed(enrolment=enrolment))
    return enrolment


@transaction.atomic
def issue_certificate(*, enrolment: Enrolment) -> Certificate:
    if not enrolment.is_completed:
        raise CourseError(_("A certificate is issued when the course is completed."))
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    user, course = enrolment.user, enrolment.course
    certificate = Certificate(
        enrolment=enrolment,
        holder_name=user.full_name or user.name_zh,  # never the e-mail: the check page is public
        holder_name_zh=user.name_zh,
        course_title_en=course.title,
        course_title_zh_hant=course.title_zh_hant,
        cpd_hours=course.cpd_hours,
    )
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, reason: str) -> Certificate:
    if not reason.strip():
        raise CourseError(_("Say why the certificate is revoked."))
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason.strip()
        certificate.full_clean()
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
    return certificate


@transaction.atomic
def record_course_hours(*, enrolment: Enrolment) -> CPDEntry:
    """Add the course's CPD hours to the ledger, once per enrolment."""
    existing = CPDEntry.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    course = enrolment.course
    entry = CPDEntry(
        user=enrolment.user,
        source=CPDEntry.Source.COURSE,
        category=CPDEntry.Category.STRUCTURED,
        title=course.title,
        provider=_("TDL Portal"),
        hours=course.cpd_hours,
        date=timezone.localdate(enrolment.completed_at),
        enrolment=enrolment,
    )
    entry.full_clean()
    entry.save()
    return entry


def validate_evidence(upload: UploadedFile) -> None:
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EVIDENCE_SIGNATURES:
        raise CourseError(_("Upload the evidence as a PDF, JPEG or PNG file."))
    if upload.size > EVIDENCE_MAX_BYTES:
        raise CourseError(_("The evidence file is larger than 5 MB; upload a smaller one."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in EVIDENCE_SIGNATURES[extension]):
        raise CourseError(
            _("The file's contents are not a %(type)s file; upload the original document.")
            % {"type": extension.upper()}
        )


@transaction.atomic
def add_outside_activity(
    *,
    user: User,
    title: str,
    provider: str,
    category: str,
    hours: Decimal,
    date: dt.date,
    evidence: UploadedFile | None,
) -> CPDEntry:
    if date > timezone.localdate():
        raise CourseError(_("Record an activity once it has taken place."))
    if evidence:  # a cleared file input gives False
        validate_evidence(evidence)
    entry = CPDEntry(
        user=user,
        source=CPDEntry.Source.EXTERNAL,
        category=category,
        title=title,
        provider=provider,
        hours=hours,
        date=date,
    )
    if evidence:  # a cleared file input gives False
        entry.evidence = evidence
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def delete_outside_activity(*, entry: CPDEntry, by: User) -> None:
    if entry.user_id != by.pk:
        raise CourseError(_("You can delete only your own entries."))
    if entry.source != CPDEntry.Source.EXTERNAL:
        raise CourseError(_("Hours from a completed course stay in the ledger."))
    entry.delete()
