from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lessons.models import Speaker

ACCEPT = ".vtt,.srt,.docx,.txt,.csv,.mp3,.m4a,.wav,.mp4,.webm,.ogg"


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Lesson title"), max_length=200)
    subject = forms.CharField(label=_("Subject"), max_length=100, required=False)
    class_level = forms.CharField(
        label=_("Class"), max_length=50, required=False, help_text=_("E.g. P4 or S2.")
    )
    taught_on = forms.DateField(
        label=_("Date taught"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    file = forms.FileField(
        label=_("Transcript or recording"),
        help_text=_(
            "Transcripts: WebVTT (Teams, Zoom, YouTube), SRT, Word (.docx), CSV or plain text. "
            "Recordings: mp3, m4a, wav, mp4 or webm."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    consent = forms.BooleanField(
        label=_(
            "I confirm that this recording was made in line with my school's policy, that students and parents were "
            "informed, and that I will use the analysis only for my own professional development."
        ),
        required=True,
        error_messages={"required": _("Confirm the consent declaration to upload a lesson.")},
    )


class SpeakersForm(forms.Form):
    def __init__(self, *args, speakers: list[Speaker], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.speakers = speakers
        for speaker in speakers:
            self.fields[f"speaker-{speaker.pk}"] = forms.ChoiceField(
                label=speaker.label, choices=Speaker.Role.choices, initial=speaker.role
            )

    def roles(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"speaker-{s.pk}"] for s in self.speakers}


class ShareForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=None, empty_label=None)

    def __init__(self, *args, mentors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors


class CompareForm(forms.Form):
    before = forms.ModelChoiceField(label=_("Earlier lesson"), queryset=None)
    after = forms.ModelChoiceField(label=_("Later lesson"), queryset=None)

    def __init__(self, *args, lessons, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["before"].queryset = lessons
        self.fields["after"].queryset = lessons

    def clean(self) -> dict:
        data = super().clean()
        if data.get("before") is not None and data.get("before") == data.get("after"):
            raise forms.ValidationError(_("Choose two different lessons to compare."))
        return data
