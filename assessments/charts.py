"""Charts for the report as SVG text. Pure Python: the same geometry serves the web page and PDF."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

SCALE_MIN, SCALE_MAX = 1.0, 6.0


def radar_points(
    values: Sequence[float | None], *, cx: float, cy: float, radius: float
) -> list[tuple[float, float]]:
    """Corner points of a radar polygon; a missing value sits at the centre."""
    n = len(values)
    points = []
    for i, value in enumerate(values):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        share = (
            0.0
            if value is None
            else (min(SCALE_MAX, max(SCALE_MIN, value)) - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
        )
        points.append(
            (cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle))
        )
    return points


def _polygon(points: list[tuple[float, float]], css: str) -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polygon class="{css}" points="{coords}"/>'


def radar_svg(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    median: Sequence[float | None] | None = None,
    previous: Sequence[float | None] | None = None,
    size: int = 420,
) -> str:
    """A radar of the dimensions on the 1–6 scale, with optional colleagues' median and earlier attempt."""
    if len(labels) < 3:
        return ""
    cx = cy = size / 2
    radius = size / 2 - 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" class="radar" role="img" '
        f'aria-labelledby="radar-title"><title id="radar-title">{escape(", ".join(labels))}</title>'
    ]
    for level in range(1, 7):
        ring = radar_points([float(level)] * len(labels), cx=cx, cy=cy, radius=radius)
        parts.append(_polygon(ring, "ring"))
    for (x, y), label in zip(
        radar_points([SCALE_MAX] * len(labels), cx=cx, cy=cy, radius=radius), labels, strict=True
    ):
        parts.append(f'<line class="spoke" x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}"/>')
        lx, ly = cx + (x - cx) * 1.18, cy + (y - cy) * 1.12
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" class="label">{escape(label)}</text>'
        )
    if previous and any(v is not None for v in previous):
        parts.append(_polygon(radar_points(previous, cx=cx, cy=cy, radius=radius), "previous"))
    if median and any(v is not None for v in median):
        parts.append(_polygon(radar_points(median, cx=cx, cy=cy, radius=radius), "median"))
    parts.append(_polygon(radar_points(values, cx=cx, cy=cy, radius=radius), "current"))
    parts.append("</svg>")
    return "".join(parts)
