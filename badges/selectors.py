"""Reads for badges: what a person holds, what the public may see, and the lookups the
verifier uses (our issuers' keys and our status lists, never fetched)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from accounts.models import User
from accounts.selectors import schools_led_by
from badges import credentials as ob
from badges.models import BadgeClass, BadgeRule, Credential, Issuer, StatusList

FRAMEWORK_NAME = "JY/T 0646-2022"


# --- stable public URLs ----------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def issuer_id(issuer: Issuer) -> str:
    return absolute(reverse("ob:issuer", kwargs={"issuer_uuid": issuer.uuid}))


def verification_method(issuer: Issuer) -> str:
    return issuer_id(issuer) + "#key-1"


def status_list_url(status_list: StatusList) -> str:
    return absolute(reverse("ob:status", kwargs={"list_uuid": status_list.uuid}))


def credential_url(credential: Credential) -> str:
    return absolute(reverse("ob:credential", kwargs={"credential_uuid": credential.uuid}))


def badge_image_url(badge_class: BadgeClass, fmt: str = "png") -> str:
    return absolute(reverse("ob:badge_image", kwargs={"badge_uuid": badge_class.uuid, "fmt": fmt}))


def submission_url(submission) -> str | None:
    """Where the approved submission lives (private to the teacher unless shared)."""
    try:
        return absolute(reverse("tasks:submission", kwargs={"submission_id": submission.pk}))
    except NoReverseMatch:
        return None


def _bilingual(en: str, zh: str) -> str:
    return f"{en} · {zh}" if zh and zh != en else en


# --- specs for the pure credential module ----------------------------------------------------


def issuer_spec(issuer: Issuer) -> ob.IssuerSpec:
    return ob.IssuerSpec(
        id=issuer_id(issuer),
        name=_bilingual(issuer.name_en, issuer.name_zh_hant),
        url=issuer.url,
        email=issuer.email or None,
        verification_method=verification_method(issuer),
        public_key_multibase=issuer.public_key_multibase,
    )


def achievement_spec(badge_class: BadgeClass) -> ob.AchievementSpec:
    indicators = badge_class.indicators.select_related("framework").order_by("sort_order")
    return ob.AchievementSpec(
        id=f"urn:uuid:{badge_class.uuid}",
        name=_bilingual(badge_class.name_en, badge_class.name_zh_hant),
        description=badge_class.description_en,
        criteria="\n\n".join(
            t for t in (badge_class.criteria_en, badge_class.criteria_zh_hant) if t
        ),
        image_url=badge_image_url(badge_class),
        alignments=tuple(
            ob.AlignmentSpec(
                code=i.code,
                name=_bilingual(i.name_en, i.name_zh_hant),
                url=f"urn:tdl-portal:framework:{i.framework.slug}:indicator:{i.code}",
                framework=i.framework.code or FRAMEWORK_NAME,
            )
            for i in indicators
        ),
    )


def award_spec(credential: Credential) -> ob.AwardSpec:
    return ob.AwardSpec(
        credential_id=credential_url(credential),
        recipient_email=credential.user.email,
        salt=credential.salt,
        issued_at=credential.issued_at,
        valid_until=credential.valid_until,
        status_list_url=status_list_url(credential.status_list),
        status_index=credential.status_index,
        evidence=tuple(
            ob.EvidenceSpec(
                name=e.get("name", ""),
                narrative=e.get("narrative"),
                id=e.get("id"),
                description=e.get("description"),
                genre=e.get("genre"),
            )
            for e in credential.evidence
        ),
    )


# --- what the verifier looks up --------------------------------------------------------------


def _ours(url: str, view_name: str, kwarg: str) -> uuid.UUID | None:
    """The uuid in one of our own stable URLs, or None for any other URL."""
    site = settings.SITE_URL.rstrip("/")
    if not isinstance(url, str) or not url.startswith(site + "/"):
        return None
    try:
        match = resolve(urlsplit(url[len(site) :]).path)
    except (Resolver404, ValueError):  # ValueError: a malformed URL ("//[x/")
        return None
    return match.kwargs.get(kwarg) if match.view_name == view_name else None


def trusted_issuer(issuer_url: str) -> ob.TrustedIssuer | None:
    """Our issuer behind a profile URL, with its key; None for anyone else's."""
    issuer_uuid = _ours(issuer_url, "ob:issuer", "issuer_uuid")
    issuer = Issuer.objects.filter(uuid=issuer_uuid).first() if issuer_uuid else None
    if issuer is None or not issuer.public_key_multibase:
        return None
    return ob.TrustedIssuer(
        id=issuer_id(issuer),
        verification_method=verification_method(issuer),
        public_key_multibase=issuer.public_key_multibase,
    )


def status_bits(list_url: str) -> bytes | None:
    """The bitstring of one of our status lists, read from the database (no HTTP)."""
    list_uuid = _ours(list_url, "ob:status", "list_uuid")
    status_list = StatusList.objects.filter(uuid=list_uuid).first() if list_uuid else None
    if status_list is None:
        return None
    bits = bytearray(status_list.size_bits // 8)
    for index in status_list.revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def verify_credential(document: str | bytes | dict) -> ob.VerificationResult:
    """Verify a credential against this portal's issuers and status lists (nothing fetched)."""
    return ob.verify(document, find_issuer=trusted_issuer, find_status_list=status_bits)


# --- rules -----------------------------------------------------------------------------------


def _published_rules(kind: str) -> QuerySet[BadgeRule]:
    return BadgeRule.objects.filter(kind=kind, badge_class__is_published=True).select_related(
        "badge_class__issuer"
    )


def rules_for_task(task_slug: str) -> QuerySet[BadgeRule]:
    return _published_rules(BadgeRule.Kind.TASK_APPROVED).filter(task_slug=task_slug)


def rules_for_course(course_slug: str) -> QuerySet[BadgeRule]:
    return _published_rules(BadgeRule.Kind.COURSE_COMPLETED).filter(course_slug=course_slug)


def self_assessment_rules() -> QuerySet[BadgeRule]:
    return _published_rules(BadgeRule.Kind.SELF_ASSESSMENT_LEVEL)


def pathway_rules() -> QuerySet[BadgeRule]:
    return _published_rules(BadgeRule.Kind.PATHWAY).prefetch_related("required_badges")


# --- people and pages ------------------------------------------------------------------------


def credentials_of(user: User) -> QuerySet[Credential]:
    """Everything awarded to the person, failed signatures included so they see the state."""
    return Credential.objects.of(user).select_related("badge_class__issuer").order_by("-issued_at")


@dataclass(frozen=True)
class PathwayProgress:
    badge_class: BadgeClass
    required: list[BadgeClass]
    held: list[BadgeClass]
    earned: bool

    @property
    def percent(self) -> int:
        return round(100 * len(self.held) / len(self.required)) if self.required else 0


def pathway_progress(user: User) -> list[PathwayProgress]:
    held_ids = set(Credential.objects.of(user).held().values_list("badge_class_id", flat=True))
    rules = _published_rules(BadgeRule.Kind.PATHWAY).prefetch_related(
        Prefetch("required_badges", queryset=BadgeClass.objects.select_related("issuer"))
    )
    progress = []
    for rule in rules:
        required = list(rule.required_badges.all())
        progress.append(
            PathwayProgress(
                badge_class=rule.badge_class,
                required=required,
                held=[b for b in required if b.pk in held_ids],
                earned=rule.badge_class_id in held_ids,
            )
        )
    return progress


def visible_credential_or_404(user: User | None, credential_uuid: uuid.UUID) -> Credential:
    """The holder always sees their credential; anyone else only once it is shared."""
    credential = (
        Credential.objects.select_related("badge_class__issuer", "user", "status_list")
        .filter(uuid=credential_uuid)
        .exclude(state=Credential.State.FAILED)
        .first()
    )
    if credential is None:
        raise Http404
    is_holder = user is not None and user.is_authenticated and credential.user_id == user.pk
    if not (is_holder or credential.is_public):
        raise Http404
    return credential


def own_credential_or_404(user: User, credential_uuid: uuid.UUID) -> Credential:
    credential = visible_credential_or_404(user, credential_uuid)
    if credential.user_id != user.pk:
        raise Http404
    return credential


def may_revoke(user: User, credential: Credential) -> bool:
    """The Education Bureau's administrators revoke any credential; a school's leaders revoke
    those of their school's issuer."""
    if user.is_superuser or user.is_edb_admin:
        return True
    school_id = credential.badge_class.issuer.school_id
    return school_id is not None and schools_led_by(user).filter(pk=school_id).exists()


def revocable_credential_or_404(user: User, credential_uuid: uuid.UUID) -> Credential:
    credential = (
        Credential.objects.select_related("badge_class__issuer", "user")
        .filter(uuid=credential_uuid)
        .first()
    )
    if credential is None or not may_revoke(user, credential):
        raise Http404
    return credential


def issued_credentials(*, query: str = "") -> QuerySet[Credential]:
    found = Credential.objects.select_related("badge_class__issuer", "user").order_by("-issued_at")
    if query:
        found = found.filter(
            Q(user__email__icontains=query)
            | Q(user__full_name__icontains=query)
            | Q(badge_class__name_en__icontains=query)
        )
    return found
