from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

#: A credential is well under this; anything larger is refused before it is read.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label=_("Paste the credential (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        max_length=300_000,
    )
    file = forms.FileField(
        label=_("…or upload it"),
        required=False,
        help_text=_(
            "A credential file (.json) or a badge image with the credential baked in (.png, .svg)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.png,.svg,application/json"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is too large to be a credential (2 MB at most).")
            )
        if not data.get("credential", "").strip() and upload is None:
            raise forms.ValidationError(_("Paste a credential or choose a file to verify."))
        return data


class ShareForm(forms.Form):
    is_public = forms.BooleanField(
        label=_("Anyone with the link can see and verify this badge"), required=False
    )
    show_name = forms.BooleanField(label=_("Show my name on the shared page"), required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The holder and anyone who verifies the badge's page will see it."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that revoking cannot be undone."),
        error_messages={"required": _("Confirm that you mean to revoke this credential.")},
    )
