"""The residents' search, parsed from the page's GET parameters (so that a URL reproduces a view)."""

import datetime
import re
from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places import choices, geocoding
from places.filters import BBoxField
from places.models import Departement, Place, PlaceQuerySet

SATURDAY = 5
# Multi-valued filters: a place needs one ticked value of a group ("ou"), and every group ("et").
MULTI_FILTERS = ("offers", "services", "publics", "needs")
CONDITIONS = ("free", "pass_numerique", "open_now", "saturday")  # yes/no filters
TERRITORY_PATTERN = re.compile(r"^(\d[\dAB]\d{0,3})$")  # a département (2–3 characters) or a commune (5)


def _multiple(label, enum) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=enum.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


@dataclass
class SearchResult:
    places: PlaceQuerySet
    label: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    notice: str = ""
    text: str = ""  # a text that found no address: the places' names were searched
    departement: str = ""  # a text that named a département: its places
    bbox: tuple[float, float, float, float] | None = None  # the map's view, when not around a point

    @property
    def is_located(self) -> bool:
        return self.latitude is not None

    def unfiltered(self) -> PlaceQuerySet:
        """The published places this search finds before its filters (what the filters' counts count): within
        the radius of its point, or matching its text, in the map's view."""
        places = Place.objects.published()
        if self.is_located:
            return places.near(self.latitude, self.longitude, self.radius_km)
        if self.text:
            places = places.search(self.text)
        if self.departement:
            places = places.filter(departement=self.departement)
        return places.in_bbox(*self.bbox) if self.bbox else places


class SearchForm(forms.Form):
    """Where (an address, a commune, a postal code, or the browser's position) and which help."""

    q = forms.CharField(label=gettext_lazy("Adresse, commune ou code postal"), required=False, max_length=200)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    offers = _multiple(gettext_lazy("Type d'aide"), choices.Offer)
    services = _multiple(gettext_lazy("Services"), choices.Service)
    publics = _multiple(gettext_lazy("Publics"), choices.Public)
    needs = _multiple(gettext_lazy("Besoins particuliers"), choices.Need)
    free = forms.BooleanField(label=gettext_lazy("Gratuit"), required=False)
    pass_numerique = forms.BooleanField(label=gettext_lazy("Accepte le pass numérique"), required=False)
    open_now = forms.BooleanField(label=gettext_lazy("Ouvert maintenant"), required=False)
    saturday = forms.BooleanField(label=gettext_lazy("Ouvert le samedi"), required=False)
    territory = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)
    # The map's view as west,south,east,north in degrees, checked as the API checks it.
    bbox = BBoxField(required=False, widget=forms.HiddenInput, max_length=100)

    @property
    def conditions(self) -> list:
        """The yes/no filters, for the template."""
        return [self[name] for name in CONDITIONS]

    def clean_territory(self) -> list[str]:
        codes = [code.strip().upper() for code in self.cleaned_data["territory"].split(",") if code.strip()]
        wrong = [code for code in codes if not TERRITORY_PATTERN.match(code)]
        if wrong:
            raise forms.ValidationError(
                _("Codes de territoire inconnus : %(codes)s (codes INSEE de communes ou de départements).")
                % {"codes": ", ".join(wrong)}
            )
        return codes

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            data.pop("lat", None), data.pop("lon", None)
            raise forms.ValidationError(_("Une position demande une latitude et une longitude."))
        return data

    def filtered(
        self, places: PlaceQuerySet, *, now: datetime.datetime, skip: str = "", conditions: dict | None = None
    ) -> PlaceQuerySet:
        """The places that pass every filter of the form (but `skip`, to count that filter's values).

        `conditions`: the yes/no filters' conditions (self.conditions_on), when already evaluated on a set
        holding `places`."""
        data = self.cleaned_data
        for name in MULTI_FILTERS:
            if data.get(name) and name != skip:
                places = places.filter(**{f"{name}__any": data[name]})
        if data.get("territory"):
            places = places.in_territory(data["territory"])
        ticked = [name for name in CONDITIONS if data.get(name) and name != skip]
        if conditions is None:
            conditions = self.conditions_on(places, ticked, now=now)
        for name in ticked:
            places = places.filter(conditions[name])
        return places

    @staticmethod
    def conditions_on(places: PlaceQuerySet, names: list[str], *, now: datetime.datetime) -> dict[str, Q]:
        """The conditions of these yes/no filters, evaluated on `places` (the opening hours, once) and true
        on any subset of it."""
        conditions = {}
        for name in names:
            if name == "free":
                conditions[name] = Q(fees__any=[choices.Fee.GRATUIT])
            elif name == "pass_numerique":
                conditions[name] = Q(pass_numerique=True)
            elif name == "open_now":
                conditions[name] = places.open_at_condition(now)
            else:
                conditions[name] = places.open_on_weekday_condition(SATURDAY, after=now)
        return conditions

    def counts(self, places: PlaceQuerySet, *, now: datetime.datetime) -> dict[str, dict[str, int]]:
        """For each value of each multi-valued filter, and each yes/no filter (under "conditions"): how many
        places the search would show with it.

        A filter's own ticks are left out of its counts (values of a group add up); the groups and yes/no
        filters with no tick count over the same set, in one query. The opening hours are evaluated once, for
        all the counts.
        """
        conditions = self.conditions_on(places, CONDITIONS, now=now)
        selected = [name for name in MULTI_FILTERS if self.cleaned_data.get(name)]
        ticked = [name for name in CONDITIONS if self.cleaned_data.get(name)]
        counts = self.filtered(places, now=now, conditions=conditions).value_counts(
            *(name for name in MULTI_FILTERS if name not in selected),
            conditions={name: conditions[name] for name in CONDITIONS if name not in ticked},
        )
        for name in selected:
            counts.update(self.filtered(places, now=now, skip=name, conditions=conditions).value_counts(name))
        counts.setdefault("conditions", {})
        for name in ticked:
            skipped = self.filtered(places, now=now, skip=name, conditions=conditions)
            counts["conditions"][name] = skipped.filter(conditions[name]).count()
        return counts

    def search(self, *, now: datetime.datetime) -> SearchResult:
        """The published places passing the filters, nearest first around the searched point if any."""
        places = self.filtered(Place.objects.published(), now=now)
        data = self.cleaned_data
        if data.get("lat") is not None:
            return self._near(places, data["lat"], data["lon"], _("votre position"))
        if not data.get("q"):
            return self._in_view(SearchResult(places=places))
        if departement := Departement.objects.named(data["q"]):
            notice = _("Les lieux de tout le département : %(departement)s.") % {"departement": departement}
            places = places.filter(departement=departement.code)
            return self._in_view(SearchResult(places=places, notice=notice, departement=departement.code))
        location = geocoding.geocode(text=data["q"])
        if location is None:
            found = places.search(data["q"])
            notice = (
                ""
                if found.exists()
                else _("Aucune adresse, commune ni lieu ne correspond à « %(q)s ».") % {"q": data["q"]}
            )
            return self._in_view(SearchResult(places=found, notice=notice, text=data["q"]))
        result = self._near(places, location.latitude, location.longitude, location.label)
        result.notice = location.notice
        return result

    def _in_view(self, result: SearchResult) -> SearchResult:
        """Within the map's view, if the request has one (a search around a point ignores it)."""
        if self.cleaned_data.get("bbox"):
            result.bbox = self.cleaned_data["bbox"]
            result.places = result.places.in_bbox(*result.bbox)
        return result

    def _near(self, places: PlaceQuerySet, lat: float, lon: float, label: str) -> SearchResult:
        found, radius = places.located().near_widening(lat, lon)
        return SearchResult(places=found, label=label, latitude=lat, longitude=lon, radius_km=radius)
