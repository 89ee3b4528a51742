"""Writes for badges: issuers and their keys, awarding, signing, revoking, sharing."""

from __future__ import annotations

import calendar
import logging
import secrets
from datetime import datetime
from functools import partial
from pathlib import Path

import yaml
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from badges import credentials as ob
from badges import rules, selectors
from badges.models import BadgeClass, BadgeRule, Credential, Issuer, StatusList
from badges.selectors import may_revoke
from competencies.models import Framework

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"


class BadgeError(Exception):
    """A request that cannot be carried out, with a message the person can act on."""


# --- issuers and keys ------------------------------------------------------------------------


def key_secret() -> str:
    """The secret issuer keys are sealed with: BADGES_KEY_SECRET if set, else SECRET_KEY."""
    return settings.BADGES_KEY_SECRET or settings.SECRET_KEY


@transaction.atomic
def create_issuer(
    *,
    name_en: str,
    url: str,
    kind: str = Issuer.Kind.EDB,
    school=None,
    name_zh_hant: str = "",
    name_zh_hans: str = "",
    email: str = "",
) -> Issuer:
    issuer = Issuer(
        kind=kind,
        school=school,
        name_en=name_en,
        name_zh_hant=name_zh_hant,
        name_zh_hans=name_zh_hans,
        url=url,
        email=email,
    )
    _give_key(issuer)
    issuer.full_clean()
    issuer.save()
    return issuer


def _give_key(issuer: Issuer) -> None:
    pair = ob.generate_key_pair()
    issuer.public_key_multibase = pair.public_multibase
    issuer.sealed_private_key = ob.seal_private_key(pair.private_pem, secret=key_secret())


@transaction.atomic
def ensure_issuer_key(*, issuer: Issuer) -> Issuer:
    """Issuers created in the admin get their key pair here, once."""
    if issuer.public_key_multibase and issuer.sealed_private_key:
        return issuer
    locked = Issuer.objects.select_for_update().get(pk=issuer.pk)
    if not locked.public_key_multibase:
        _give_key(locked)
        locked.full_clean()
        locked.save(update_fields=["public_key_multibase", "sealed_private_key"])
    return locked


def _private_pem(issuer: Issuer) -> bytes:
    issuer = ensure_issuer_key(issuer=issuer)
    return ob.unseal_private_key(issuer.sealed_private_key, secret=key_secret())


@transaction.atomic
def load_default_badges(*, path: Path | str = DATA_DIR / "default-badges.yaml") -> list[BadgeClass]:
    """The Education Bureau issuer and the shipped badges with their rules; idempotent.

    Badges that exist already are left as administrators edited them; missing rules are added.
    """
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    spec = data["issuer"]
    issuer = Issuer.objects.filter(kind=Issuer.Kind.EDB, name_en=spec["name_en"]).first()
    if issuer is None:
        issuer = create_issuer(
            name_en=spec["name_en"],
            name_zh_hant=spec.get("name_zh_hant", ""),
            name_zh_hans=spec.get("name_zh_hans", ""),
            url=spec["url"],
        )
    framework = Framework.objects.filter(is_default=True).first()
    badges: dict[str, BadgeClass] = {}
    for item in data["badges"]:
        badge = BadgeClass.objects.filter(slug=item["slug"]).first()
        if badge is None:
            badge = BadgeClass(slug=item["slug"], issuer=issuer, is_published=True)
            for field in ("name", "description", "criteria"):
                for lang in ("en", "zh_hant", "zh_hans"):
                    setattr(badge, f"{field}_{lang}", item.get(f"{field}_{lang}", ""))
            badge.validity_months = item.get("validity_months")
            badge.full_clean()
            badge.save()
            if framework is not None and item.get("indicators"):
                badge.indicators.set(
                    framework.indicators.filter(code__in=[str(c) for c in item["indicators"]])
                )
        badges[badge.slug] = badge
    for item in data["badges"]:
        badge = badges[item["slug"]]
        for rule_spec in item.get("rules") or []:
            fields = {
                k: (str(v) if k == "dimension_code" else v)
                for k, v in rule_spec.items()
                if k != "required"
            }
            rule = BadgeRule.objects.filter(badge_class=badge, **fields).first()
            if rule is None:
                rule = BadgeRule(badge_class=badge, **fields)
                rule.full_clean()
                rule.save()
            if rule_spec.get("required"):
                rule.required_badges.set([badges[slug] for slug in rule_spec["required"]])
    return list(badges.values())


# --- status lists ----------------------------------------------------------------------------


def allocate_status_index(*, issuer: Issuer) -> tuple[StatusList, int]:
    """The next free index of the issuer's open status list, under a row lock, so concurrent
    awards never share an index (the unique constraint on (list, index) is the backstop)."""
    with transaction.atomic():
        status_list = (
            StatusList.objects.select_for_update()
            .filter(issuer=issuer, next_index__lt=F("size_bits"))
            .order_by("created_at", "pk")
            .first()
        )
        if status_list is None:
            status_list = StatusList(issuer=issuer)
            status_list.full_clean()
            status_list.save()
        index = status_list.next_index
        StatusList.objects.filter(pk=status_list.pk).update(next_index=F("next_index") + 1)
    return status_list, index


@transaction.atomic
def sign_status_list(*, status_list: StatusList) -> StatusList:
    locked = StatusList.objects.select_for_update().select_related("issuer").get(pk=status_list.pk)
    issuer = locked.issuer
    locked.document = ob.signed_status_list(
        issuer_id=selectors.issuer_id(issuer),
        url=selectors.status_list_url(locked),
        revoked=locked.revoked_indexes,
        private_pem=_private_pem(issuer),
        verification_method=selectors.verification_method(issuer),
        issued=timezone.now(),
        size_bits=locked.size_bits,
    )
    locked.save(update_fields=["document"])
    return locked


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


# --- awarding --------------------------------------------------------------------------------


@transaction.atomic
def award_badge(
    *,
    user: User,
    badge_class: BadgeClass,
    source_key: str,
    evidence: list[dict[str, str]] | None = None,
) -> tuple[Credential, bool]:
    """Award ``badge_class`` for one achievement; idempotent.

    Returns the credential and whether it was created now. The signature follows in a task once
    the transaction commits, then pathways are checked.
    """
    live = Credential.objects.filter(
        badge_class=badge_class, user=user, source_key=source_key, revoked_at__isnull=True
    )
    existing = live.first()
    if existing is not None:
        return existing, False
    if not badge_class.is_published:
        raise BadgeError(_("This badge is not published yet."))
    now = timezone.now()
    try:
        with transaction.atomic():
            status_list, index = allocate_status_index(issuer=badge_class.issuer)
            credential = Credential(
                user=user,
                badge_class=badge_class,
                source_key=source_key,
                status_list=status_list,
                status_index=index,
                salt=secrets.token_hex(8),
                evidence=evidence or [],
                issued_at=now.replace(microsecond=0),
                valid_until=(
                    add_months(now, badge_class.validity_months).replace(microsecond=0)
                    if badge_class.validity_months
                    else None
                ),
            )
            # The database decides uniqueness (a concurrent award may have won the race).
            credential.full_clean(validate_constraints=False)
            credential.save()
    except IntegrityError:
        return live.get(), False
    from badges import tasks

    transaction.on_commit(partial(tasks.sign_credential.delay, credential.pk))
    transaction.on_commit(partial(check_pathways_later, user.pk))
    return credential, True


def check_pathways_later(user_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        check_pathways(user=user)


@transaction.atomic
def check_pathways(*, user: User) -> list[Credential]:
    """Award every published pathway badge whose required badges the person now holds."""
    awarded = []
    held = set(Credential.objects.of(user).held().values_list("badge_class_id", flat=True))
    for rule in selectors.pathway_rules():
        if rule.badge_class_id in held:
            continue
        required = [b.pk for b in rule.required_badges.all()]
        if rules.pathway_complete(required, held):
            names = ", ".join(b.name_en for b in rule.required_badges.all())
            credential, created = award_badge(
                user=user,
                badge_class=rule.badge_class,
                source_key=rule.achievement_key,
                evidence=[{"name": "Pathway completed", "narrative": f"Holds: {names}."}],
            )
            if created:
                awarded.append(credential)
    return awarded


def _award_by_rules(user: User, rule_list, evidence: list[dict[str, str]]) -> list[Credential]:
    awarded = []
    for rule in rule_list:
        try:
            credential, created = award_badge(
                user=user,
                badge_class=rule.badge_class,
                source_key=rule.achievement_key,
                evidence=evidence,
            )
        except BadgeError:
            logger.warning("badge %s is not published; %s not awarded", rule.badge_class, user)
            continue
        if created:
            awarded.append(credential)
    return awarded


def award_for_task(*, submission) -> list[Credential]:
    """Badges whose rule names the approved submission's task."""
    if str(getattr(submission, "status", "approved")) != "approved":
        return []
    task = submission.task
    review = submission.latest_review()
    evidence = {
        "name": f"Performance task approved: {task.title_en}",
        "genre": "Performance task",
        "description": "The teacher's submission (private unless the teacher shares it).",
    }
    url = selectors.submission_url(submission)
    if url:
        evidence["id"] = url
    if review is not None:
        # The mentor's comment is feedback to the teacher, not for the public: the credential
        # carries the endorsement itself, never the comment or who wrote it.
        school = submission.school.name_en if getattr(submission, "school", None) else ""
        evidence["narrative"] = (
            f"Endorsed by the teacher's mentor at {school} after review against the task rubric."
            if school
            else "Endorsed by the teacher's mentor after review against the task rubric."
        )
    return _award_by_rules(submission.teacher, selectors.rules_for_task(task.slug), [evidence])


def award_for_self_assessment(*, attempt) -> list[Credential]:
    """Badges whose rule's dimension the attempt reached, each with its own evidence."""
    levels = rules.dimension_levels(attempt.result)
    awarded = []
    for rule in selectors.self_assessment_rules():
        if not rules.reaches_level(
            levels, dimension_code=rule.dimension_code, minimum_level=rule.minimum_level or 7
        ):
            continue
        evidence = {
            "name": f"Self-assessment: dimension {rule.dimension_code}",
            "genre": "Self-assessment",
            "narrative": (
                f"Self-assessed at level {levels[rule.dimension_code]} of 6 on dimension "
                f"{rule.dimension_code} (at least {rule.minimum_level} required)."
            ),
        }
        awarded += _award_by_rules(attempt.user, [rule], [evidence])
    return awarded


def award_for_course(*, enrolment) -> list[Credential]:
    course = enrolment.course
    title = getattr(course, "title", course.slug)
    evidence = [{"name": f"Course completed: {title}", "genre": "Course"}]
    return _award_by_rules(enrolment.user, selectors.rules_for_course(course.slug), evidence)


# --- signing ---------------------------------------------------------------------------------


def sign_credential(*, credential: Credential) -> Credential:
    """Sign a pending credential; safe to run twice. A permanent failure is recorded on the row."""
    with transaction.atomic():
        locked = (
            Credential.objects.select_for_update()
            .select_related("badge_class__issuer", "status_list", "user")
            .get(pk=credential.pk)
        )
        if locked.state == Credential.State.ISSUED:
            return locked
        try:
            locked.document = ob.issue(
                issuer=selectors.issuer_spec(locked.badge_class.issuer),
                achievement=selectors.achievement_spec(locked.badge_class),
                award=selectors.award_spec(locked),
                private_pem=_private_pem(locked.badge_class.issuer),
            )
        except Exception as exc:
            logger.exception("credential %s could not be signed", locked.pk)
            locked.state = Credential.State.FAILED
            locked.failure = str(exc)[:300]
        else:
            locked.state = Credential.State.ISSUED
            locked.failure = ""
        locked.full_clean(validate_constraints=False)
        locked.save(update_fields=["document", "state", "failure"])
    return locked


# --- revoking and sharing --------------------------------------------------------------------


@transaction.atomic
def revoke_credential(*, credential: Credential, by: User, reason: str) -> Credential:
    if not may_revoke(by, credential):
        raise BadgeError(_("Only the issuer's administrators may revoke this credential."))
    reason = reason.strip()
    if not reason:
        raise BadgeError(_("Give the reason for revoking: the holder will see it."))
    locked = Credential.objects.select_for_update().get(pk=credential.pk)
    if locked.revoked_at is not None:
        return locked
    status_list = StatusList.objects.select_for_update().get(pk=locked.status_list_id)
    status_list.revoked_indexes = sorted({*status_list.revoked_indexes, locked.status_index})
    status_list.full_clean()
    status_list.save(update_fields=["revoked_indexes"])
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revocation_reason = reason[:500]
    locked.full_clean(validate_constraints=False)
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    sign_status_list(status_list=status_list)
    return locked


@transaction.atomic
def set_sharing(
    *, credential: Credential, by: User, is_public: bool, show_name: bool
) -> Credential:
    if credential.user_id != by.pk:
        raise BadgeError(_("Only the holder may share this badge."))
    credential.is_public = is_public
    credential.show_name = show_name and is_public
    credential.full_clean(validate_constraints=False)
    credential.save(update_fields=["is_public", "show_name"])
    return credential
