"""The "signaler une erreur" form, with its defences against spam robots."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from reports.models import ErrorReport

SIGNING_SALT = "reports.form-started"


class ErrorReportForm(forms.ModelForm):
    """A message and an optional e-mail; `website` is a trap field people never see, `started` a signed time."""

    website = forms.CharField(required=False, label=_("Ne pas remplir ce champ"))
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ErrorReport
        fields = ["message", "email"]
        labels = {
            "message": _("Qu'est-ce qui est faux ?"),
            "email": _("Votre courriel (facultatif, pour vous répondre)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = signing.dumps(time.time(), salt=SIGNING_SALT)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Ce champ doit rester vide."))
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=SIGNING_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            raise forms.ValidationError(_("Le formulaire a expiré : rechargez la page.")) from None
        if time.time() - float(started) < settings.REPORTS_MIN_SECONDS:
            raise forms.ValidationError(_("Envoi trop rapide : relisez votre message puis renvoyez-le."))
        return started
