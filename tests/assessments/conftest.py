from __future__ import annotations

import pytest

from assessments.models import Audience, Instrument, Item, Option
from competencies.models import Framework
from competencies.services import DATA_DIR, import_framework


@pytest.fixture
def framework(db) -> Framework:
    framework, _ = import_framework(path=DATA_DIR / "jyt-0646-2022.yaml", make_default=True)
    return framework


def build_instrument(
    framework: Framework, *, slug: str = "tdl-test", version: int = 1
) -> Instrument:
    """One ladder item per indicator, a Likert, a scenario, a reflection and a pre-service variant."""
    instrument = Instrument.objects.create(
        slug=slug,
        version=version,
        framework=framework,
        title_en="Test self-assessment",
        title_zh_hant="測試自我評估",
        is_published=True,
    )
    order = 0
    for indicator in framework.indicators.order_by("sort_order"):
        audience = Audience.IN_SERVICE if indicator.code == "3.1.1" else Audience.ALL
        item = Item.objects.create(
            instrument=instrument,
            sort_order=order,
            key=f"{indicator.code}-ladder",
            indicator=indicator,
            type=Item.Type.LADDER,
            audience=audience,
            stem_en=f"How do you practise {indicator.code}?",
            stem_zh_hant=f"你如何實踐 {indicator.code}？",
        )
        order += 1
        for level in range(1, 7):
            Option.objects.create(
                item=item,
                sort_order=level,
                level=level,
                text_en=f"Level {level} for {indicator.code}",
            )
    pre = Item.objects.create(
        instrument=instrument,
        sort_order=order,
        key="3.1.1-ladder-pre",
        type=Item.Type.LADDER,
        indicator=framework.indicators.get(code="3.1.1"),
        audience=Audience.PRE_SERVICE,
        stem_en="During your teaching practice, how do you use digital tools?",
    )
    for level in range(1, 7):
        Option.objects.create(
            item=pre, sort_order=level, level=level, text_en=f"Practicum level {level}"
        )
    likert = Item.objects.create(
        instrument=instrument,
        sort_order=order + 1,
        key="1.2.1-likert",
        type=Item.Type.LIKERT,
        indicator=framework.indicators.get(code="1.2.1"),
        stem_en="I look for new digital tools.",
    )
    for value in range(1, 6):
        Option.objects.create(item=likert, sort_order=value, level=value, text_en=f"Agree {value}")
    scenario = Item.objects.create(
        instrument=instrument,
        sort_order=order + 2,
        key="4.1.1-phishing",
        type=Item.Type.SCENARIO,
        indicator=framework.indicators.get(code="4.1.1"),
        stem_en="An e-mail asks for your password.",
    )
    Option.objects.create(
        item=scenario, sort_order=1, text_en="Report it to the IT team", is_correct=True
    )
    Option.objects.create(item=scenario, sort_order=2, text_en="Reply with the password")
    Item.objects.create(
        instrument=instrument,
        sort_order=order + 3,
        key="5.2.1-reflection",
        type=Item.Type.REFLECTION,
        indicator=framework.indicators.get(code="5.2.1"),
        stem_en="What will you try next?",
        optional=True,
    )
    return instrument


@pytest.fixture
def instrument(framework) -> Instrument:
    return build_instrument(framework)
