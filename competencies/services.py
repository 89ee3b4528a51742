"""Writes for frameworks: importing them, their level descriptors and crosswalks.

Imports are idempotent upserts keyed on codes: importing the same file twice changes nothing,
and importing a corrected file updates names and descriptions in place, so every result that
points at an indicator keeps pointing at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from competencies.models import (
    CrosswalkLink,
    Dimension,
    Framework,
    Indicator,
    LevelDescriptor,
    ProficiencyLevel,
    SubDimension,
    Verification,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


class FrameworkImportError(ValueError):
    """The file cannot be imported; the message says where and why."""


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool, changed: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif changed:
            self.updated[kind] = self.updated.get(kind, 0) + 1

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        parts = [f"created {n} {k}" for k, n in sorted(self.created.items())]
        parts += [f"updated {n} {k}" for k, n in sorted(self.updated.items())]
        return ", ".join(parts) or "no changes"


def _read_yaml(path: Path | str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f)
    except FileNotFoundError:
        raise FrameworkImportError(_("No file at %(path)s.") % {"path": path}) from None
    except yaml.YAMLError as exc:
        raise FrameworkImportError(
            _("%(path)s is not valid YAML: %(error)s") % {"path": path, "error": exc}
        ) from None
    if not isinstance(data, dict):
        raise FrameworkImportError(_("%(path)s does not describe a framework.") % {"path": path})
    return data


def _upsert(model, lookup: dict[str, Any], values: dict[str, Any], report: ImportReport, kind: str):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        report.count(kind, created=True, changed=True)
        return obj
    changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
    if changed:
        for k, v in changed.items():
            setattr(obj, k, v)
        obj.full_clean()
        obj.save(update_fields=list(changed))
        report.count(kind, created=False, changed=True)
    return obj


def _node_values(node: dict[str, Any], order: int, where: str) -> dict[str, Any]:
    for key in ("code", "name_en"):
        if not node.get(key):
            raise FrameworkImportError(
                _("%(where)s has no %(key)s.") % {"where": where, "key": key}
            )
    verification = node.get("verification", Verification.RECALLED)
    if verification not in Verification.values:
        raise FrameworkImportError(
            _("%(where)s: unknown verification “%(value)s”.")
            % {"where": where, "value": verification}
        )
    return {
        "name_en": str(node["name_en"]).strip(),
        "name_zh_hant": str(node.get("name_zh_hant", "")).strip(),
        "name_zh_hans": str(node.get("name_zh_hans", "")).strip(),
        "description_en": str(node.get("description", node.get("description_en", ""))).strip(),
        "description_zh_hant": str(node.get("description_zh_hant", "")).strip(),
        "description_zh_hans": str(node.get("description_zh_hans", "")).strip(),
        "verification": verification,
        "sort_order": order,
    }


@transaction.atomic
def import_framework(
    *, path: Path | str, make_default: bool | None = None
) -> tuple[Framework, ImportReport]:
    """Create or update a framework and its tree from a YAML file (see competencies/data/)."""
    data = _read_yaml(path)
    meta = data.get("framework") or {}
    if not meta.get("slug") or not meta.get("name_en"):
        raise FrameworkImportError(
            _("%(path)s: the framework needs a slug and an English name.") % {"path": path}
        )
    report = ImportReport()
    values = {
        "code": str(meta.get("code", meta["slug"])),
        "name_en": meta["name_en"],
        "name_zh_hant": meta.get("name_zh_hant", ""),
        "name_zh_hans": meta.get("name_zh_hans", ""),
        "issuer": meta.get("issuer", ""),
        "issued": str(meta.get("issued", "")),
        "official_url": meta.get("official_text", ""),
        "note": meta.get("note", ""),
    }
    if make_default is not None:
        values["is_default"] = make_default
    framework = _upsert(
        Framework,
        {"slug": meta["slug"], "version": str(meta.get("version", "1"))},
        values,
        report,
        "frameworks",
    )
    if framework.is_default:
        Framework.objects.exclude(pk=framework.pk).filter(is_default=True).update(is_default=False)

    order = 0
    for dim_node in data.get("dimensions") or []:
        order += 1
        where = f"dimension {dim_node.get('code')}"
        dimension = _upsert(
            Dimension,
            {"framework": framework, "code": str(dim_node.get("code", ""))},
            _node_values(dim_node, order, where),
            report,
            "dimensions",
        )
        for child in dim_node.get("children") or []:
            order += 1
            if child.get("children"):
                sub = _upsert(
                    SubDimension,
                    {"dimension": dimension, "code": str(child.get("code", ""))},
                    _node_values(child, order, f"sub-dimension {child.get('code')}"),
                    report,
                    "sub-dimensions",
                )
                for leaf in child["children"]:
                    order += 1
                    _upsert(
                        Indicator,
                        {"framework": framework, "code": str(leaf.get("code", ""))},
                        {
                            **_node_values(leaf, order, f"indicator {leaf.get('code')}"),
                            "dimension": dimension,
                            "sub_dimension": sub,
                        },
                        report,
                        "indicators",
                    )
            else:
                # Two-level frameworks (DigCompEdu): the children are the competences.
                _upsert(
                    Indicator,
                    {"framework": framework, "code": str(child.get("code", ""))},
                    {
                        **_node_values(child, order, f"indicator {child.get('code')}"),
                        "dimension": dimension,
                        "sub_dimension": None,
                    },
                    report,
                    "indicators",
                )
    for level in meta.get("levels") or []:
        rank = _rank_of(level, meta.get("levels"))
        _upsert(
            ProficiencyLevel,
            {"framework": framework, "rank": rank},
            {"code": level["code"], "name_en": level.get("name_en", level["code"])},
            report,
            "levels",
        )
    expected = meta.get("counts") or {}
    _check_counts(framework, expected)
    return framework, report


def _rank_of(level: dict[str, Any], levels: list[dict[str, Any]]) -> int:
    return int(level.get("rank") or levels.index(level) + 1)


def _check_counts(framework: Framework, expected: dict[str, int]) -> None:
    actual = {
        "dimensions": framework.dimensions.count(),
        "areas": framework.dimensions.count(),
        "sub_dimensions": SubDimension.objects.filter(dimension__framework=framework).count(),
        "indicators": framework.indicators.count(),
        "competences": framework.indicators.count(),
    }
    for key, number in expected.items():
        if key in actual and actual[key] != int(number):
            raise FrameworkImportError(
                _("The file announces %(expected)s %(key)s but describes %(actual)s.")
                % {"expected": number, "key": key, "actual": actual[key]}
            )


@transaction.atomic
def import_levels(*, framework: Framework, path: Path | str) -> ImportReport:
    """Six proficiency levels and a behavioural descriptor per indicator and level."""
    data = _read_yaml(path)
    report = ImportReport()
    levels: dict[int, ProficiencyLevel] = {}
    for level in data.get("levels") or []:
        rank = int(level["rank"])
        levels[rank] = _upsert(
            ProficiencyLevel,
            {"framework": framework, "rank": rank},
            {
                "code": level["code"],
                "name_en": level["name_en"],
                "name_zh_hant": level.get("name_zh_hant", ""),
                "name_zh_hans": level.get("name_zh_hans", ""),
                "summary_en": level.get("summary_en", ""),
                "summary_zh_hant": level.get("summary_zh_hant", ""),
                "summary_zh_hans": level.get("summary_zh_hans", ""),
            },
            report,
            "levels",
        )
    indicators = {i.code: i for i in framework.indicators.all()}
    for code, descriptors in (data.get("indicators") or {}).items():
        indicator = indicators.get(str(code))
        if indicator is None:
            raise FrameworkImportError(_("Unknown indicator %(code)s.") % {"code": code})
        for d in descriptors:
            rank = int(d["rank"])
            if rank not in levels:
                levels[rank] = ProficiencyLevel.objects.get(framework=framework, rank=rank)
            _upsert(
                LevelDescriptor,
                {"indicator": indicator, "level": levels[rank]},
                {
                    "text_en": d["en"],
                    "text_zh_hant": d.get("zh_hant", ""),
                    "text_zh_hans": d.get("zh_hans", ""),
                },
                report,
                "descriptors",
            )
    return report


@transaction.atomic
def import_crosswalk(*, path: Path | str) -> ImportReport:
    data = _read_yaml(path)
    report = ImportReport()
    source = Framework.objects.filter(slug=data.get("source")).order_by("-version").first()
    target = Framework.objects.filter(slug=data.get("target")).order_by("-version").first()
    if source is None or target is None:
        raise FrameworkImportError(_("Import both frameworks before their crosswalk."))
    sources = {i.code: i for i in source.indicators.all()}
    targets = {i.code: i for i in target.indicators.all()}
    for link in data.get("links") or []:
        s, t = sources.get(str(link["source"])), targets.get(str(link["target"]))
        if s is None or t is None:
            raise FrameworkImportError(
                _("Crosswalk link %(source)s → %(target)s names an unknown code.")
                % {"source": link["source"], "target": link["target"]}
            )
        _upsert(
            CrosswalkLink,
            {"source": s, "target": t},
            {"strength": link.get("strength", "partial"), "note": link.get("note", "")[:300]},
            report,
            "crosswalk links",
        )
    return report


def load_bundled(*, stdout=None) -> Framework:
    """Load the frameworks, levels and crosswalk that ship with the portal (idempotent)."""
    framework, report = import_framework(path=DATA_DIR / "jyt-0646-2022.yaml", make_default=True)
    messages = [f"JY/T 0646-2022: {report}"]
    _, report = import_framework(path=DATA_DIR / "digcompedu.yaml", make_default=False)
    messages.append(f"DigCompEdu: {report}")
    levels_file = DATA_DIR / "jyt-0646-2022-levels.yaml"
    if levels_file.exists():
        messages.append(f"levels: {import_levels(framework=framework, path=levels_file)}")
    crosswalk_file = DATA_DIR / "crosswalk-jyt-digcompedu.yaml"
    if crosswalk_file.exists():
        messages.append(f"crosswalk: {import_crosswalk(path=crosswalk_file)}")
    if stdout is not None:
        for message in messages:
            stdout.write(message)
    return framework
