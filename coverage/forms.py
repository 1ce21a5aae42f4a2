from django import forms
from django.utils.translation import gettext_lazy as _

from coverage.keys import ALL
from places.choices import Offer, Service


class CoverageFilterForm(forms.Form):
    """The coverage page's filter: every place, a kind of help or a service (one of them)."""

    aide = forms.ChoiceField(
        label=_("Type d'aide ou service"),
        required=False,
        choices=[
            (ALL, _("Tous les lieux")),
            (_("Types d'aide"), Offer.choices),
            (_("Services"), Service.choices),
        ],
    )

    def key(self) -> str:
        return (self.cleaned_data.get("aide") if self.is_valid() else None) or ALL
