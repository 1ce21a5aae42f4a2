"""The forms of the mediators' space: a listing in plain words, the week of opening hours, the closures."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from places import hours_editor, validation
from places.models import Claim, Closure, Place

DAY_NAMES = [_("Lundi"), _("Mardi"), _("Mercredi"), _("Jeudi"), _("Vendredi"), _("Samedi"), _("Dimanche")]


def _split(text: str) -> list[str]:
    return [item for item in text.replace(",", " ").replace(";", " ").split() if item]


class PlaceForm(forms.ModelForm):
    """The listing, as its mediator sees it: contact, address, offer, publics, fees, presentation."""

    booking_url = forms.URLField(
        label=_("Lien de prise de rendez-vous en ligne"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    emails_text = forms.CharField(
        label=_("Adresses e-mail de contact"),
        required=False,
        help_text=_("Séparez plusieurs adresses par une virgule."),
    )
    websites_text = forms.CharField(
        label=_("Sites web"), required=False, help_text=_("Adresses complètes, commençant par https://")
    )
    pin_moved = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Place
        fields = [
            "name",
            "address",
            "address_complement",
            "postal_code",
            "commune",
            "latitude",
            "longitude",
            "phone",
            "booking_url",
            "offers",
            "services",
            "publics",
            "needs",
            "fees",
            "pass_numerique",
            "summary",
            "description",
        ]
        labels = {
            "name": _("Nom du lieu"),
            "phone": _("Téléphone"),
            "booking_url": _("Lien de prise de rendez-vous en ligne"),
            "offers": _("Quelles aides proposez-vous ?"),
            "services": _("Pour quoi peut-on venir vous voir ?"),
            "publics": _("Publics accueillis en particulier"),
            "needs": _("Accompagnements adaptés"),
            "fees": _("Combien cela coûte-t-il ?"),
            "pass_numerique": _("Nous acceptons le pass numérique"),
            "summary": _("Présentation en une ou deux phrases"),
            "description": _("Présentation détaillée"),
        }
        help_texts = {"phone": _("Par exemple 03 22 00 00 00.")}
        widgets = {
            "latitude": forms.HiddenInput,
            "longitude": forms.HiddenInput,
            "description": forms.Textarea(attrs={"rows": 5}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].required = False
        self.fields["phone"].validators = []  # parsed leniently by clean_phone, then stored canonical
        if self.instance.pk:
            self.fields["emails_text"].initial = ", ".join(self.instance.emails)
            self.fields["websites_text"].initial = ", ".join(self.instance.websites)

    def clean_phone(self) -> str:
        return validation.parse_phone(self.cleaned_data["phone"])

    def clean_emails_text(self) -> list[str]:
        emails = [email.lower() for email in _split(self.cleaned_data["emails_text"])]
        for email in emails:
            try:
                validation.validate_email_address(email)
            except ValidationError:
                raise ValidationError(
                    _("« %(value)s » n'est pas une adresse e-mail valide."), params={"value": email}
                ) from None
        return emails

    def clean_websites_text(self) -> list[str]:
        sites = _split(self.cleaned_data["websites_text"])
        for site in sites:
            try:
                URLValidator(schemes=["http", "https"])(site)
            except ValidationError:
                raise ValidationError(
                    _(
                        "« %(value)s » n'est pas une adresse de site valide (elle doit commencer par https://)."
                    ),
                    params={"value": site},
                ) from None
        return sites

    def address_changed(self) -> bool:
        return any(name in self.changed_data for name in ("address", "postal_code", "commune"))

    def save(self, commit: bool = True) -> Place:
        place = super().save(commit=False)
        place.emails = self.cleaned_data["emails_text"]
        place.websites = self.cleaned_data["websites_text"]
        if commit:
            place.save()
        return place


class WeekHoursForm(forms.Form):
    """Seven days, each with up to two time ranges, read from and written to an OSM opening_hours string.

    A week sent back as the page showed it leaves the stored string as it is: saving the rest of the listing
    never rewrites, nor erases, hours the editor cannot show (those show as an empty week).
    """

    # The string the page was drawn from, so that "untouched" means untouched by the person, even if the
    # stored hours changed meanwhile.
    shown_hours = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, opening_hours: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_hours = opening_hours
        self.fields["shown_hours"].initial = opening_hours
        week = hours_editor.osm_to_week(opening_hours)
        self.keeps_unsupported_hours = bool(opening_hours) and week is None
        week = week or hours_editor.empty_week()
        for day, name in enumerate(DAY_NAMES):
            for slot in range(hours_editor.MAX_RANGES):
                initial = week[day][slot] if slot < len(week[day]) else ("", "")
                for edge, (label, value) in enumerate(
                    ((_("ouverture"), initial[0]), (_("fermeture"), initial[1]))
                ):
                    self.fields[self.field_name(day, slot, edge)] = forms.TimeField(
                        label=f"{name}, {label} {slot + 1}",
                        required=False,
                        initial=value,
                        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    )

    @staticmethod
    def field_name(day: int, slot: int, edge: int) -> str:
        return f"{hours_editor.DAYS[day].lower()}_{slot}_{'opens' if edge == 0 else 'closes'}"

    def days(self):
        """For the template: (day name, [[opens field, closes field] per slot])."""
        for day, name in enumerate(DAY_NAMES):
            slots = [
                [self[self.field_name(day, slot, edge)] for edge in (0, 1)]
                for slot in range(hours_editor.MAX_RANGES)
            ]
            yield name, slots

    def clean(self):
        cleaned = super().clean()
        week = hours_editor.empty_week()
        for day, name in enumerate(DAY_NAMES):
            previous_close = None
            for slot in range(hours_editor.MAX_RANGES):
                pair = [self.field_name(day, slot, edge) for edge in (0, 1)]
                if any(self.has_error(field) for field in pair):  # an invalid time, already said
                    continue
                opens, closes = (cleaned.get(field) for field in pair)
                if opens is None and closes is None:
                    continue
                if opens is None or closes is None:
                    self.add_error(
                        pair[0 if opens is None else 1],
                        _("%(day)s : indiquez l'heure d'ouverture et l'heure de fermeture.") % {"day": name},
                    )
                    continue
                if closes <= opens or (previous_close and opens <= previous_close):
                    self.add_error(
                        pair[1],
                        _(
                            "%(day)s : chaque plage doit finir après son début, et la seconde après la première."
                        )
                        % {"day": name},
                    )
                    continue
                previous_close = closes
                week[day].append((opens.strftime("%H:%M"), closes.strftime("%H:%M")))
        shown = hours_editor.osm_to_week(cleaned.get("shown_hours", "")) or hours_editor.empty_week()
        cleaned["opening_hours"] = self.stored_hours if week == shown else hours_editor.week_to_osm(week)
        return cleaned


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["kind", "start_date", "end_date", "label", "hours"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


ClosureFormSet = forms.inlineformset_factory(
    Place, Closure, form=ClosureForm, extra=1, can_delete=True, max_num=50, validate_max=True
)


class ListingVersionForm(forms.Form):
    """The version of the listing a page was drawn from, and the values it showed (JSON): a save from an
    outdated page is refused, then merged (mediators.concurrency)."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    shown = forms.CharField(required=False, widget=forms.HiddenInput)


class ClaimForm(forms.ModelForm):
    class Meta:
        model = Claim
        fields = ["message"]
        labels = {"message": _("Votre rôle dans ce lieu (pour le modérateur)")}
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de votre collègue"))


class DecisionForm(forms.Form):
    """A moderator's answer, mailed to the person who asked."""

    decision = forms.ChoiceField(choices=[("accept", _("Accepter")), ("refuse", _("Refuser"))])
    message = forms.CharField(
        label=_("Message"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
