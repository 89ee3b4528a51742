from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, TeacherProfile, User
from accounts.staff_import import MAX_BYTES


class ProfileForm(forms.ModelForm):
    full_name = forms.CharField(label=_("Full name (English)"), max_length=150, required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=50, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=User._meta.get_field("preferred_language").choices
    )

    class Meta:
        model = TeacherProfile
        fields = ["stage", "subjects", "years_of_experience", "rank", "institution"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("full_name") and not cleaned.get("name_zh"):
            raise forms.ValidationError(_("Give your name in English or in Chinese."))
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.PRINCIPAL]
    )


class StaffFileForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list (CSV)"),
        help_text=_(
            "Columns: email, full_name and/or name_zh, role, stage, subjects, years_of_experience, rank."
        ),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 1 MB. Split it into smaller files.")
            )
        if not f.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                _("Upload a .csv or .txt file saved from your spreadsheet.")
            )
        return f


class SetPasswordForm(forms.Form):
    full_name = forms.CharField(label=_("Full name (English)"), max_length=150, required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), max_length=50, required=False)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User | None = None, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        if p1:
            try:
                validate_password(p1, self.user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        if (
            not cleaned.get("full_name")
            and not cleaned.get("name_zh")
            and not (self.user and self.user.get_full_name() != self.user.email)
        ):
            raise forms.ValidationError(_("Give your name in English or in Chinese."))
        return cleaned
