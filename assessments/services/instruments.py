"""Writes for self-assessments: loading instruments, taking them, submitting, deleting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import TeacherProfile, User
from assessments import selectors
from assessments.models import Attempt, Audience, Instrument, Item, Option, Response
from competencies.models import Framework

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MAX_REFLECTION = 5000


class AssessmentError(Exception):
    """A request that cannot be carried out, with a message the person can act on."""


# --- authoring -------------------------------------------------------------------------------


@transaction.atomic
def load_instrument(*, path: Path | str) -> tuple[Instrument, bool]:
    """Create the instrument described by a YAML file; idempotent.

    When an instrument with the same slug and version exists it is updated in place only while
    nobody has submitted an attempt; otherwise the file must carry a new version number, so
    submitted attempts keep the items they were scored on.
    """
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    meta = data["instrument"]
    framework = (
        Framework.objects.filter(slug=meta.get("framework", "jyt-0646-2022"))
        .order_by("-version")
        .first()
    )
    if framework is None:
        raise AssessmentError(
            _("Load the framework before the instrument (manage.py load_framework).")
        )
    indicators = {i.code: i for i in framework.indicators.all()}
    instrument = Instrument.objects.filter(
        slug=meta["slug"], version=int(meta.get("version", 1))
    ).first()
    if instrument is not None:
        if instrument_matches(instrument, data):
            return instrument, False
        if instrument.attempts.submitted().exists():
            raise AssessmentError(
                _(
                    "Version %(version)s of “%(slug)s” has submitted attempts: give the changed file a new version."
                )
                % {"version": instrument.version, "slug": instrument.slug}
            )
        instrument.items.all().delete()
    else:
        instrument = Instrument(slug=meta["slug"], version=int(meta.get("version", 1)))
    instrument.framework = framework
    for lang in ("en", "zh_hant", "zh_hans"):
        setattr(instrument, f"title_{lang}", meta.get(f"title_{lang}", ""))
        setattr(instrument, f"intro_{lang}", meta.get(f"intro_{lang}", ""))
    instrument.minutes = int(meta.get("minutes", 20))
    instrument.is_published = True
    instrument.full_clean()
    instrument.save()
    likert = data.get("likert_scale") or []
    for order, spec in enumerate(data.get("items") or []):
        indicator = indicators.get(str(spec["indicator"]))
        if indicator is None:
            raise AssessmentError(
                _("Item %(key)s names unknown indicator %(code)s.")
                % {"key": spec["key"], "code": spec["indicator"]}
            )
        item = Item.objects.create(
            instrument=instrument,
            sort_order=order,
            key=spec["key"],
            indicator=indicator,
            type=spec["type"],
            audience=spec.get("audience", Audience.ALL),
            stem_en=spec["stem_en"],
            stem_zh_hant=spec.get("stem_zh_hant", ""),
            stem_zh_hans=spec.get("stem_zh_hans", ""),
            reverse=bool(spec.get("reverse", False)),
            optional=bool(spec.get("optional", spec["type"] == "reflection")),
        )
        options = spec.get("options") or (likert if spec["type"] == "likert" else [])
        for o_order, o in enumerate(options):
            Option.objects.create(
                item=item,
                sort_order=o_order,
                text_en=o["en"],
                text_zh_hant=o.get("zh_hant", ""),
                text_zh_hans=o.get("zh_hans", ""),
                level=o.get("level", o.get("value")),
                is_correct=bool(o.get("correct", False)),
                feedback_en=o.get("feedback_en", ""),
                feedback_zh_hant=o.get("feedback_zh_hant", ""),
                feedback_zh_hans=o.get("feedback_zh_hans", ""),
            )
    return instrument, True


def instrument_matches(instrument: Instrument, data: dict[str, Any]) -> bool:
    """Whether the stored instrument already has exactly the file's items and texts."""
    specs = data.get("items") or []
    stored = list(instrument.items.order_by("sort_order").prefetch_related("options"))
    if len(stored) != len(specs) or instrument.title_en != data["instrument"].get("title_en"):
        return False
    likert = data.get("likert_scale") or []
    for item, spec in zip(stored, specs, strict=True):
        if (item.key, item.type, item.indicator.code, item.stem_en, item.stem_zh_hant) != (
            spec["key"],
            spec["type"],
            str(spec["indicator"]),
            spec["stem_en"],
            spec.get("stem_zh_hant", ""),
        ):
            return False
        options = spec.get("options") or (likert if spec["type"] == "likert" else [])
        if [(o.text_en, o.text_zh_hant) for o in item.options.all()] != [
            (o["en"], o.get("zh_hant", "")) for o in options
        ]:
            return False
    return True


def load_default_instrument() -> Instrument | None:
    path = DATA_DIR / "default-instrument.yaml"
    if not path.exists():
        return None
    instrument, _created = load_instrument(path=path)
    return instrument


# --- taking ----------------------------------------------------------------------------------


def stage_of(user: User) -> str:
    profile = TeacherProfile.objects.filter(user=user).first()
    return profile.stage if profile else Audience.IN_SERVICE


@transaction.atomic
def start_attempt(*, user: User, instrument: Instrument) -> Attempt:
    """Start, or resume, the person's unfinished attempt. Safe to call twice."""
    if not instrument.is_published:
        raise AssessmentError(_("This self-assessment is not open."))
    existing = Attempt.objects.filter(
        user=user, instrument=instrument, status=Attempt.Status.IN_PROGRESS
    ).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Attempt.objects.create(user=user, instrument=instrument, stage=stage_of(user))
    except IntegrityError:
        # A second request started it between our look-up and insert: resume that one.
        return Attempt.objects.get(
            user=user, instrument=instrument, status=Attempt.Status.IN_PROGRESS
        )


@transaction.atomic
def save_responses(
    *,
    attempt: Attempt,
    answers: dict[int, int | None],
    texts: dict[int, str],
    section: int | None = None,
) -> int:
    """Store answers for items of ``attempt`` (item id → option id; item id → reflection text).

    Unknown items or options are refused whole; an empty answer clears the stored one.
    """
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_submitted:
        raise AssessmentError(
            _("This self-assessment was already submitted; start a new one to answer again.")
        )
    items = {i.pk: i for i in selectors.items_for(attempt)}
    valid_options = {
        o.pk: o.item_id for o in Option.objects.filter(item__in=[i for i in items if i in answers])
    }
    for item_id, option_id in answers.items():
        if item_id not in items:
            raise AssessmentError(
                _("The form does not match this self-assessment. Reload the page.")
            )
        if option_id is not None and valid_options.get(option_id) != item_id:
            raise AssessmentError(
                _("The form does not match this self-assessment. Reload the page.")
            )
    for item_id, text in texts.items():
        if item_id not in items or items[item_id].type != Item.Type.REFLECTION:
            raise AssessmentError(
                _("The form does not match this self-assessment. Reload the page.")
            )
        if len(text) > MAX_REFLECTION:
            raise AssessmentError(
                _("A reflection can be at most %(n)d characters.") % {"n": MAX_REFLECTION}
            )
    saved = 0
    for item_id, option_id in answers.items():
        if option_id is None:
            Response.objects.filter(attempt=attempt, item_id=item_id).delete()
            continue
        Response.objects.update_or_create(
            attempt=attempt, item_id=item_id, defaults={"option_id": option_id}
        )
        saved += 1
    for item_id, text in texts.items():
        text = text.strip()
        if not text:
            Response.objects.filter(attempt=attempt, item_id=item_id).delete()
            continue
        Response.objects.update_or_create(attempt=attempt, item_id=item_id, defaults={"text": text})
        saved += 1
    if section is not None:
        attempt.last_section = section
    attempt.save(update_fields=["last_section", "updated_at"])
    return saved


@transaction.atomic
def submit_attempt(*, attempt: Attempt) -> Attempt:
    """Score and close the attempt. Submitting twice returns the same, unchanged attempt."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_submitted:
        return attempt
    profile = selectors.score_attempt(attempt)
    if profile.answered_items == 0:
        raise AssessmentError(_("Answer at least one question before submitting."))
    attempt.result = profile.to_dict()
    attempt.status = Attempt.Status.SUBMITTED
    attempt.submitted_at = timezone.now()
    attempt.full_clean()
    attempt.save(update_fields=["result", "status", "submitted_at", "updated_at"])
    from assessments.events import self_assessment_completed

    transaction.on_commit(lambda: self_assessment_completed(attempt=attempt))
    return attempt


@transaction.atomic
def delete_attempt(*, attempt: Attempt, by: User) -> None:
    if attempt.user_id != by.pk:
        raise AssessmentError(_("You can delete only your own self-assessments."))
    attempt.delete()
