"""The API's shapes of a place: a light one for lists, a full one (the national standard and more) for one
place, and the one partners write."""

import copy
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.fields import get_error_detail

from places import choices, validation
from places.communes import departement_of
from places.filters import codes_of
from places.models import OFFER_FIELDS, Commune, Place, PlaceSource
from places.sync import REASONS


class CodeListSerializerField(serializers.Field):
    """A multi-valued field of the standard: a list of codes (labels of the standard accepted on input)."""

    def __init__(self, *, enum: type, **kwargs):
        self.enum = enum
        super().__init__(**kwargs)

    def to_representation(self, value) -> list[str]:
        return list(value or [])

    def to_internal_value(self, data) -> list[str]:
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise serializers.ValidationError(_("Une liste de valeurs est attendue."))
        try:
            return codes_of(self.enum, data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


class CodeListSchema(OpenApiSerializerFieldExtension):
    target_class = "places.serializers.CodeListSerializerField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "array", "items": {"type": "string", "enum": list(self.target.enum.values)}}


def code_list(enum: type, **kwargs) -> CodeListSerializerField:
    return CodeListSerializerField(enum=enum, **kwargs)


class StringListField(serializers.ListField):
    def __init__(self, *, validator=None, **kwargs):
        child = serializers.CharField(max_length=500, validators=[validator] if validator else [])
        super().__init__(child=child, required=False, **kwargs)


class OptionalURLField(serializers.URLField):
    """A URL or null: the model stores "" for none, which is not a valid URI in the schema."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, allow_blank=True, max_length=500, **kwargs)

    def run_validation(self, data=serializers.empty):
        return super().run_validation("" if data is None else data)

    def to_representation(self, value) -> str | None:
        return value or None


class DistanceField(serializers.FloatField):
    """`distance_km`, annotated by a search around a point; null otherwise."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, default=None, allow_null=True, **kwargs)

    def to_representation(self, value) -> float:
        return round(value, 3)


LIST_FIELDS = [
    "id",
    "name",
    "address",
    "postal_code",
    "commune",
    "insee_code",
    "departement",
    "latitude",
    "longitude",
    "offers",
    "services",
    "phone",
    "opening_hours",
    "updated_at",
    "distance_km",
    "url",
]


LIST_COLUMNS = [name for name in LIST_FIELDS if name not in ("distance_km", "url")]


class PlaceListSerializer(serializers.ModelSerializer):
    """A place in a list: where it is, what it offers, how to reach it."""

    offers = code_list(choices.Offer, read_only=True)
    services = code_list(choices.Service, read_only=True)
    distance_km = DistanceField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = LIST_FIELDS

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, place: Place) -> str:
        # One reverse() per page, not per row: the rows' URLs differ only by their id.
        if not hasattr(self, "_detail_prefix"):
            self._detail_prefix = self.context["request"].build_absolute_uri(reverse("api:place-list"))
        return f"{self._detail_prefix}{place.pk}/"

    def to_representation(self, place: Place) -> dict:
        """The same dict as the declared fields would give, written out: the list is the API's busiest
        path, and DRF's field-by-field loop was a third of a request's time."""
        distance = getattr(place, "distance_km", None)
        return {
            "id": place.pk,
            "name": place.name,
            "address": place.address,
            "postal_code": place.postal_code,
            "commune": place.commune,
            "insee_code": place.insee_code,
            "departement": place.departement,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "offers": place.offers,
            "services": place.services,
            "phone": place.phone,
            "opening_hours": place.opening_hours,
            "updated_at": _DATETIME.to_representation(place.updated_at),
            "distance_km": None if distance is None else round(distance, 3),
            "url": self.get_url(place),
        }


# In the site's time zone, looked up once rather than for every row (the app never activates another).
_DATETIME = serializers.DateTimeField(default_timezone=zoneinfo.ZoneInfo(settings.TIME_ZONE))


class PlaceSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlaceSource
        fields = ["source", "external_id"]


class LinksSerializer(serializers.Serializer):
    page = serializers.URLField(help_text=_("La fiche du lieu sur l'annuaire."))
    directions = serializers.URLField(
        allow_null=True, help_text=_("L'itinéraire vers le lieu (OpenStreetMap).")
    )
    acceslibre = serializers.URLField(allow_null=True, help_text=_("La fiche d'accessibilité (acceslibre)."))


STANDARD_FIELDS = [
    "name",
    "pivot",
    "parent_structure",
    "address",
    "address_complement",
    "postal_code",
    "commune",
    "insee_code",
    "latitude",
    "longitude",
    "structure_types",
    "phone",
    "emails",
    "websites",
    "opening_hours",
    "summary",
    "description",
    *OFFER_FIELDS,
    "acceslibre_url",
    "booking_url",
    "source",
    "updated_on",
    "verified_on",
]


class PlaceStandardSerializer(serializers.ModelSerializer):
    """The fields of the national standard, multi-valued ones as lists of codes."""

    structure_types = serializers.ListField(child=serializers.ChoiceField(choices=[]), required=False)
    emails = StringListField(validator=validation.validate_email_address)
    websites = StringListField(validator=URLValidator())
    offers = code_list(choices.Offer, required=False)
    services = code_list(choices.Service, required=False)
    publics = code_list(choices.Public, required=False)
    needs = code_list(choices.Need, required=False)
    fees = code_list(choices.Fee, required=False)
    itinerance = code_list(choices.Itinerance, required=False)
    programmes = code_list(choices.Programme, required=False)
    training_labels = code_list(choices.TrainingLabel, required=False)
    access_modes = code_list(choices.AccessMode, required=False)
    support_modes = code_list(choices.SupportMode, required=False)
    acceslibre_url = OptionalURLField()
    booking_url = OptionalURLField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure_types"].child.choices = list(choices.structure_types().items())


def postal_departement(postal_code: str) -> str:
    """The département of a postal code, from the commune table (971…, 2A/2B), else its first digits."""
    known = Commune.objects.filter(postal_codes__icontains=f'"{postal_code}"').values_list(
        "departement", flat=True
    )
    return known.first() or departement_of(postal_code)


class PlaceWriteSerializer(PlaceStandardSerializer):
    """What a partner sends to create or change a place: the standard's fields, checked as a whole."""

    class Meta:
        model = Place
        fields = ["id", *STANDARD_FIELDS, "status", "departement"]
        read_only_fields = ["id", "departement"]

    def validate(self, attrs: dict) -> dict:
        """The whole place is checked by the model (validators and constraints) before anything is stored."""
        place = copy.copy(self.instance) if self.instance else Place()  # checked here, saved by save()
        for name, value in attrs.items():
            setattr(place, name, value)
        place.departement = (
            departement_of(place.insee_code) if place.insee_code else postal_departement(place.postal_code)
        )
        try:
            place.full_clean(exclude=["slug", "search_text"])
        except DjangoValidationError as error:
            raise serializers.ValidationError(get_error_detail(error)) from None
        attrs["departement"] = place.departement
        return attrs


class PlaceDetailSerializer(PlaceStandardSerializer):
    """One place: every field of the national standard, its kinds of help, sources and links."""

    id = serializers.IntegerField(read_only=True)
    sources = PlaceSourceSerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id",
            "slug",
            *STANDARD_FIELDS,
            "departement",
            "location_is_approximate",
            "sources",
            "links",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(LinksSerializer)
    def get_links(self, place: Place) -> dict:
        request = self.context["request"]
        directions = None
        if place.latitude is not None:
            directions = (
                f"https://www.openstreetmap.org/directions?route=%3B{place.latitude}%2C{place.longitude}"
            )
        return {
            "page": request.build_absolute_uri(place.get_absolute_url()),
            "directions": directions,
            "acceslibre": place.acceslibre_url or None,
        }


def geojson_feature(place: Place, request) -> dict:
    """A place as a GeoJSON Feature with light properties, for maps."""
    properties = {
        "id": place.pk,
        "name": place.name,
        "commune": place.commune,
        "offers": place.offers,
        "url": request.build_absolute_uri(reverse("api:place-detail", args=[place.pk])),
    }
    distance = getattr(place, "distance_km", None)
    if distance is not None:
        properties["distance_km"] = round(distance, 3)
    return {
        "type": "Feature",
        "id": place.pk,
        "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
        "properties": properties,
    }


class GeometrySerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Point"])
    coordinates = serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2)


class FeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    id = serializers.IntegerField()
    geometry = GeometrySerializer()
    properties = serializers.DictField(
        help_text=_("id, name, commune, offers, url, et distance_km autour d'un point.")
    )


@extend_schema_serializer(many=False)  # a page of its own shape, not wrapped in {count, results}
class FeatureCollectionSerializer(serializers.Serializer):
    """The GeoJSON shape of a page of places (?format=geojson)."""

    type = serializers.ChoiceField(choices=["FeatureCollection"])
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    features = FeatureSerializer(many=True)


class RemovalSerializer(serializers.Serializer):
    """A place a partner's copy must drop (places.sync.removed_since)."""

    id = serializers.IntegerField(help_text=_("L'identifiant du lieu, comme dans la liste."))
    removed_at = serializers.DateTimeField(
        help_text=_("Sa dernière modification, hors de l'annuaire publié.")
    )
    reason = serializers.ChoiceField(
        choices=list(
            zip(REASONS, [_("retiré de l'annuaire"), _("fermé définitivement"), _("supprimé")], strict=True)
        )
    )
