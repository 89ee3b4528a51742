from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from competencies.models import Dimension, Indicator
from courses.models import Audience, CourseLanguage, CPDEntry


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)
    indicator = forms.ChoiceField(label=_("Indicator"), required=False)
    audience = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[("", _("Everyone"))]
        + [(v, label) for v, label in Audience.choices if v != Audience.ALL],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[
            ("", _("Any language")),
            (CourseLanguage.EN, _("English")),
            (CourseLanguage.ZH_HANT, _("Traditional Chinese")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        dimensions = Dimension.objects.filter(framework__is_default=True).order_by("sort_order")
        indicators = Indicator.objects.filter(framework__is_default=True).order_by("sort_order")
        self.fields["dimension"].choices = [("", _("All dimensions"))] + [
            (d.code, f"{d.code} {d.name}") for d in dimensions
        ]
        self.fields["indicator"].choices = [("", _("All indicators"))] + [
            (i.code, f"{i.code} {i.name}") for i in indicators
        ]


class OutsideActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=255)
    provider = forms.CharField(label=_("Provider"), max_length=255, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=CPDEntry.Category.choices)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal("200"), decimal_places=1
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.FileField(
        label=_("Evidence (PDF, JPEG or PNG, up to 5 MB)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
