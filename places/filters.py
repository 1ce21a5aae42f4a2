"""The filters of the API's place lists, exports and statistics: one FilterSet, every value validated.

Within one filter, comma-separated values mean *any of*; different filters combine with *and*. A bad value
gets a 400 naming its parameter, never a silently ignored filter.
"""

import datetime
from decimal import Decimal

import django_filters as filters
from django import forms
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field

from places import choices
from places.models import Commune, Place, PlaceQuerySet
from places.validation import DEPARTEMENT_PATTERN

MAX_RADIUS_KM = 100
MIN_RADIUS_KM = Decimal("0.1")  # a Decimal: the field compares Decimals, and float 0.1 is above Decimal 0.1
DEFAULT_RADIUS_KM = 10
MAX_PAGE_SIZE = 100


def split_values(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def codes_of(enum: type, items: list[str]) -> list[str]:
    """The codes meant by codes or labels of the standard (matched leniently), in the enumeration's order;
    a ValidationError names the first unknown one."""
    codes: set[str] = set()
    for item in items:
        matched = [item] if item in enum.values else choices.match_label(enum, item)
        if not matched:
            raise forms.ValidationError(
                _("« %(value)s » n'est pas une valeur permise ; valeurs possibles : %(codes)s."),
                params={"value": item, "codes": ", ".join(enum.values)},
            )
        codes.update(matched)
    return [code for code in enum.values if code in codes]


class CodeListField(forms.CharField):
    """Comma-separated codes of an enumeration; the standard's labels are accepted leniently."""

    def __init__(self, *, enum: type, **kwargs):
        self.enum = enum
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return []
        return codes_of(self.enum, split_values(value))


class ChoiceSetFilter(filters.Filter):
    """Places having any of the given values of a multi-valued field (`services=demarches,loisirs`)."""

    field_class = CodeListField

    def __init__(self, *args, enum: type, **kwargs):
        self.enum = enum
        super().__init__(*args, enum=enum, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__any": value})


class SharedFields(dict):
    """Form fields that the form's instances share instead of deep-copying them (a form does, for each
    request): fields that only validate hold nothing of a request. Never change a field or its widget per
    form (in a form's __init__, say): the change would reach every request, in every thread."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


class PlaceFilterForm(forms.Form):
    """Checks that go across parameters: a point needs both coordinates, a radius needs a point."""

    repeated: tuple[str, ...] = ()  # single-valued parameters given twice with different values

    def clean(self):
        data = super().clean()
        for name in self.repeated:
            self.add_error(name, _("Une seule valeur est attendue : ce paramètre est donné plusieurs fois."))
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None) and not self.errors.keys() & {"lat", "lon"}:
            missing = "lon" if lon is None else "lat"
            self.add_error(missing, _("« lat » et « lon » vont ensemble : indiquez les deux."))
        if data.get("radius") is not None and lat is None and "lat" not in self.errors:
            self.add_error("radius", _("« radius » demande un point : indiquez « lat » et « lon »."))
        return data


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """`west,south,east,north` in degrees, or a ValidationError that says what is wrong."""
    parts = value.split(",")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise forms.ValidationError(
            _("Quatre nombres sont attendus : ouest,sud,est,nord (par exemple 2.2,49.8,2.4,49.95).")
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise forms.ValidationError(_("Longitudes entre -180 et 180, latitudes entre -90 et 90."))
    if west > east or south > north:
        raise forms.ValidationError(_("L'ouest doit être inférieur à l'est, et le sud au nord."))
    return west, south, east, north


class BBoxField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return parse_bbox(value) if value else None


class CommuneField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        commune = Commune.objects.for_code(value.strip().upper())
        if commune is None:
            raise forms.ValidationError(
                _("Code INSEE de commune inconnu : « %(value)s »."), params={"value": value}
            )
        return commune


class DepartementListField(forms.CharField):
    def clean(self, value):
        codes = [code.upper() for code in split_values(super().clean(value) or "")]
        for code in codes:
            if not DEPARTEMENT_PATTERN.fullmatch(code):
                raise forms.ValidationError(
                    _("Code de département invalide : « %(value)s »."), params={"value": code}
                )
        return codes


class StructureTypeListField(forms.CharField):
    def clean(self, value):
        codes = split_values(super().clean(value) or "")
        known = choices.structure_types()
        for code in codes:
            if code not in known:
                raise forms.ValidationError(_("Typologie inconnue : « %(value)s »."), params={"value": code})
        return codes


class StrictBooleanField(forms.Field):
    """true/false (or 1/0, yes/no); anything else is an error, not an ignored filter."""

    VALUES = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:
            return self.VALUES[str(value).strip().lower()]
        except KeyError:
            raise forms.ValidationError(_("« true » ou « false » est attendu.")) from None


class BoundedIsoDateTimeField(filters.fields.IsoDateTimeField):
    """An ISO 8601 date and time that databases and the opening-hours engine can take: a UTC offset within
    ±14 h (Python accepts up to 24 h, PostgreSQL refuses it) and a year between 1900 and 2999."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return None
        offset = moment.utcoffset()
        if offset is not None and abs(offset) > datetime.timedelta(hours=14):
            raise forms.ValidationError(_("Décalage horaire hors limites (±14:00 au plus)."), code="invalid")
        if not 1900 <= moment.year <= 2999:
            raise forms.ValidationError(_("Année hors limites (1900 à 2999)."), code="invalid")
        return moment


class BoundedIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


class BBoxFilter(filters.Filter):
    field_class = BBoxField


class CommuneFilter(filters.Filter):
    field_class = CommuneField


class DepartementFilter(filters.Filter):
    field_class = DepartementListField


class StructureTypeFilter(filters.Filter):
    field_class = StructureTypeListField


class PlaceFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_q",
        help_text=_(
            "Texte cherché dans le nom, la commune, le code postal et l'adresse : chaque mot au début d'un mot (« mer » trouve Saint-Pol-sur-Mer, pas « numérique »), sans tenir compte des accents ni de la casse."
        ),
    )
    lat = filters.NumberFilter(
        method="filter_nothing",
        min_value=-90,
        max_value=90,
        help_text=_(
            "Latitude du point de recherche (WGS84), avec « lon » : résultats triés par distance, avec « distance_km »."
        ),
    )
    lon = filters.NumberFilter(
        method="filter_nothing",
        min_value=-180,
        max_value=180,
        help_text=_("Longitude du point de recherche (WGS84), avec « lat »."),
    )
    radius = filters.NumberFilter(
        method="filter_nothing",
        min_value=MIN_RADIUS_KM,
        max_value=MAX_RADIUS_KM,
        help_text=_("Rayon de recherche autour de lat/lon, en km (par défaut %(default)s, au plus %(max)s).")
        % {"default": DEFAULT_RADIUS_KM, "max": MAX_RADIUS_KM},
    )
    bbox = BBoxFilter(
        method="filter_bbox",
        help_text=_("Rectangle ouest,sud,est,nord en degrés (WGS84), par exemple 2.2,49.8,2.4,49.95."),
    )
    commune = CommuneFilter(
        method="filter_commune",
        help_text=_(
            "Code INSEE d'une commune : les lieux de la commune et ceux d'un rayon qui suit sa taille."
        ),
    )
    departement = DepartementFilter(
        method="filter_departement",
        help_text=_("Codes de départements, séparés par des virgules (59,62)."),
    )
    offer = ChoiceSetFilter(
        field_name="offers",
        enum=choices.Offer,
        help_text=_("Types d'aide : assistance, mediation, training, free_access."),
    )
    services = ChoiceSetFilter(enum=choices.Service, help_text=_("Services proposés."))
    publics = ChoiceSetFilter(enum=choices.Public, help_text=_("Publics spécifiquement adressés."))
    needs = ChoiceSetFilter(enum=choices.Need, help_text=_("Prise en charge spécifique."))
    fees = ChoiceSetFilter(enum=choices.Fee, help_text=_("Frais à charge."))
    programmes = ChoiceSetFilter(enum=choices.Programme, help_text=_("Dispositifs et programmes nationaux."))
    pass_numerique = StrictBooleanFilter(
        help_text=_("true : seulement les lieux qui acceptent le pass numérique.")
    )
    types = StructureTypeFilter(
        method="filter_types",
        help_text=_("Codes de typologie de structure (BIB, RFS, CCAS…), séparés par des virgules."),
    )
    open_now = StrictBooleanFilter(
        method="filter_nothing", help_text=_("true : seulement les lieux ouverts en ce moment.")
    )
    open_at = BoundedIsoDateTimeFilter(
        method="filter_nothing",
        help_text=_(
            "Date et heure ISO 8601 (heure de Paris si sans fuseau) : seulement les lieux ouverts à ce moment."
        ),
    )
    updated_since = BoundedIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_(
            "Date et heure ISO 8601 : seulement les lieux modifiés depuis (synchronisation incrémentale)."
        ),
    )

    class Meta:
        model = Place
        fields: list[str] = []
        form = PlaceFilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        """django-filter deep-copies every filter and rebuilds their form class for each request: a third of
        the Python time of a list request. Here the filters and the form class are built once and shared, which
        is safe because they hold nothing of a request: filter_queryset calls the `method` filters on this
        instance itself, never through a filter's `parent`. (The rest is django-filter's own __init__.)"""
        self.is_bound = data is not None
        # A plain dict, without the exception a QueryDict raises (and catches) for each of the 18 filters a
        # request does not use. A parameter given twice: see plain_data.
        self.repeated: tuple[str, ...] = ()
        if isinstance(data, QueryDict):
            self.data, self.repeated = plain_data(data)
        else:
            self.data = data or {}
        self.queryset = Place.objects.all() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = self.base_filters

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            self._form = self.get_form_class()(self.data, prefix=self.form_prefix)
            self._form.repeated = self.repeated  # an attribute of this form only, not of the shared class
        return self._form

    def get_form_class(self) -> type[forms.Form]:
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            for filter_ in cls.base_filters.values():
                filter_.model = cls._meta.model  # the fields' default labels come from the model
            cls._form_class = super().get_form_class()
            for field in cls._form_class.base_fields.values():
                # Never shown (the API documents the filters' own help_text), yet a lazy text is translated
                # each time a form is bound: 18 translations per request for nothing.
                field.help_text = ""
            cls._form_class.base_fields = SharedFields(cls._form_class.base_fields)
        return cls._form_class

    def filter_queryset(self, queryset: PlaceQuerySet) -> PlaceQuerySet:
        """The filters, then the search around a point (which orders by distance)."""
        data = self.form.cleaned_data
        for name, value in data.items():
            filter_ = self.filters[name]
            if filter_.method:
                if value not in EMPTY_VALUES:
                    queryset = getattr(self, filter_.method)(queryset, name, value)
            else:
                queryset = filter_.filter(queryset, value)
        if data.get("lat") is not None and data.get("lon") is not None:
            radius = data.get("radius") or DEFAULT_RADIUS_KM
            queryset = queryset.near(float(data["lat"]), float(data["lon"]), float(radius))
        # "Open" is evaluated last, on the set the other filters left.
        if data.get("open_now"):
            queryset = queryset.open_at(timezone.now())
        if data.get("open_at"):
            queryset = queryset.open_at(data["open_at"])
        return queryset

    def filter_nothing(self, queryset, name, value):
        return queryset  # lat, lon and radius together, open_now and open_at last: in filter_queryset

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_bbox(self, queryset, name, value):
        return queryset.in_bbox(*value) if value else queryset

    def filter_commune(self, queryset, name, value):
        return queryset.in_commune(value) if value else queryset

    def filter_departement(self, queryset, name, value):
        return queryset.filter(departement__in=value) if value else queryset

    @extend_schema_field(OpenApiTypes.STR)
    def filter_types(self, queryset, name, value):
        if not value:
            return queryset
        # structure_types is a JSON list: match each code with its quotes in the list's text.
        queryset = queryset.alias(structure_types_text=Cast("structure_types", TextField()))
        condition = None
        for code in value:
            term = Q(structure_types_text__contains=f'"{code}"')
            condition = term if condition is None else condition | term
        return queryset.filter(condition)


# The filters whose comma-separated values mean "any of": given twice, their values add up.
MULTI_VALUED = frozenset(
    name
    for name, filter_ in PlaceFilter.base_filters.items()
    if isinstance(filter_, ChoiceSetFilter | DepartementFilter | StructureTypeFilter)
)


def plain_data(data: QueryDict) -> tuple[dict[str, str], tuple[str, ...]]:
    """One value per parameter, and the filters that cannot take the several values given them: a repeated
    "any of" filter (`services=demarches&services=loisirs`) reads as its values joined by commas; another
    filter given different values is an error (a 400 naming it), never its last value silently."""
    plain, repeated = {}, []
    for name, values in data.lists():
        if len(values) > 1 and name in MULTI_VALUED:
            plain[name] = ",".join(values)
            continue
        if len(values) > 1 and name in PlaceFilter.base_filters and len(set(values)) > 1:
            repeated.append(name)
        plain[name] = values[-1]
    return plain, tuple(repeated)


NUMBER = r"-?\d+(\.\d+)?"
BBOX_PATTERN = rf"^{NUMBER},{NUMBER},{NUMBER},{NUMBER}$"
NUMBER_BOUNDS = {"lat": (-90, 90), "lon": (-180, 180), "radius": (float(MIN_RADIUS_KM), MAX_RADIUS_KM)}


def list_parameters() -> list[OpenApiParameter]:
    """Every filter, for the list, the exports and the statistics alike (drf-spectacular reads a FilterSet
    only on list views): numbers with their bounds, the comma-separated filters as arrays of their codes
    (OpenAPI style form, not exploded), booleans and dates with their types."""
    parameters = [
        OpenApiParameter(
            name,
            {"type": "number", "minimum": low, "maximum": high},
            description=str(PlaceFilter.base_filters[name].extra["help_text"]),
        )
        for name, (low, high) in NUMBER_BOUNDS.items()
    ]
    parameters.append(
        OpenApiParameter(
            "bbox",
            {"type": "string", "pattern": BBOX_PATTERN},
            description=str(PlaceFilter.base_filters["bbox"].extra["help_text"]),
        )
    )
    for name, field in PlaceFilter.base_filters.items():
        if isinstance(field, ChoiceSetFilter):
            items = {"type": "string", "enum": list(field.enum.values)}
        elif name == "types":
            items = {"type": "string", "enum": list(choices.structure_types())}
        elif name == "departement":
            items = {"type": "string", "pattern": DEPARTEMENT_PATTERN.pattern}
        else:
            continue
        parameters.append(
            OpenApiParameter(
                name,
                {"type": "array", "items": items},
                style="form",
                explode=False,
                description=str(field.extra["help_text"])
                + " "
                + str(_("Plusieurs valeurs : l'une ou l'autre.")),
            )
        )
    documented = {parameter.name for parameter in parameters}
    for name, field in PlaceFilter.base_filters.items():
        if name in documented:
            continue
        if isinstance(field, StrictBooleanFilter):
            schema = {"type": "boolean"}
        elif isinstance(field, BoundedIsoDateTimeFilter):
            schema = {"type": "string", "format": "date-time"}
        else:
            schema = {"type": "string"}
        parameters.append(OpenApiParameter(name, schema, description=str(field.extra["help_text"])))
    return parameters
