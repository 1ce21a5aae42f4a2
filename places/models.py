"""The directory's data: places of digital mediation (national standard v1.0.2), their sources, and the
reference tables of communes and départements."""

import datetime
from functools import lru_cache

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import ASin, Cos, Least, Length, Power, Radians, Sin, Sqrt
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from places import choices, validation
from places.choices import normalize_label
from places.fields import ChoiceSetField
from places.geo import EARTH_RADIUS_KM, bounding_box

MAX_SUMMARY_LENGTH = 280


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region_code = models.CharField(_("code de la région"), max_length=2)
    region_name = models.CharField(_("région"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class CommuneQuerySet(models.QuerySet):
    def search(self, text: str) -> "CommuneQuerySet":
        """Communes whose name (or former name) or postal code matches, most populated first."""
        text = text.strip()
        if text.isdigit():
            return self.filter(postal_codes__icontains=f'"{text}').order_by("-population")
        query = self
        for word in normalize_label(text).split():
            query = query.filter(search_text__contains=word)
        return query.order_by("-population")


class Commune(models.Model):
    """A commune (or a municipal arrondissement of Paris, Lyon, Marseille), from INSEE's reference data."""

    class Kind(models.TextChoices):
        COMMUNE = "COM", _("Commune")
        ARRONDISSEMENT = "ARM", _("Arrondissement municipal")

    code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    kind = models.CharField(_("type"), max_length=3, choices=Kind.choices, default=Kind.COMMUNE)
    parent_code = models.CharField(_("commune parente"), max_length=5, blank=True)
    departement = models.CharField(_("département"), max_length=3, db_index=True)
    region = models.CharField(_("région"), max_length=2, blank=True)
    postal_codes = models.JSONField(_("codes postaux"), default=list)
    former_names = models.JSONField(_("communes déléguées"), default=list, blank=True)
    latitude = models.FloatField(_("latitude du centre"))
    longitude = models.FloatField(_("longitude du centre"))
    area_km2 = models.FloatField(_("superficie (km²)"), default=0)
    population = models.PositiveIntegerField(_("population"), default=0)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("commune")
        indexes = [models.Index(fields=["latitude", "longitude"], name="commune_lat_lon_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def radius_km(self) -> float:
        """The radius of a disc of the commune's area, at least 2 km: what "in this commune" covers."""
        return max(2.0, (self.area_km2 / 3.141592653589793) ** 0.5)


# The radii a residents' search widens through until it finds places: a rural commune never gets nothing.
NEAREST_RADII_KM = (5, 10, 20, 50, 100, 200, 500)


class PlaceQuerySet(models.QuerySet):
    def published(self) -> "PlaceQuerySet":
        return self.filter(status=choices.Status.PUBLISHED)

    def located(self) -> "PlaceQuerySet":
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def in_bbox(self, west: float, south: float, east: float, north: float) -> "PlaceQuerySet":
        """Places inside a bounding box, answered from the (latitude, longitude) index."""
        return self.filter(latitude__range=(south, north), longitude__range=(west, east))

    def near(self, lat: float, lon: float, radius_km: float) -> "PlaceQuerySet":
        """Places within radius_km of a point, nearest first, with `distance_km` annotated.

        A bounding box read from the (latitude, longitude) index narrows the rows; the exact great-circle
        (haversine) distance then filters and orders them.
        """
        south, north, west, east = bounding_box(lat, lon, radius_km)
        return (
            self.in_bbox(west, south, east, north)
            .annotate(distance_km=distance_km_expression(lat, lon))
            .filter(distance_km__lte=radius_km)
            .order_by("distance_km", "pk")
        )

    def offering(self, *offers: str) -> "PlaceQuerySet":
        """Places offering any of these kinds of help (assistance, mediation, training, free_access)."""
        return self.filter(offers__any=list(offers))

    def search(self, text: str) -> "PlaceQuerySet":
        """Every word in the name, commune, postal code or address; accents and case ignored."""
        query = self
        for word in normalize_label(text).split():
            query = query.filter(search_text__contains=word)
        return query

    def open_on_weekday(self, weekday: int, *, after: datetime.datetime) -> "PlaceQuerySet":
        """Places open at some time on the next such weekday (0 = Monday) from `after`, like open_at."""
        today = after.astimezone(validation.PARIS).date()
        day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
        expressions = self.exclude(opening_hours="").values_list("opening_hours", flat=True).distinct()
        return self.filter(
            opening_hours__in=[hours for hours in expressions.order_by() if _is_open_on(hours, day)]
        )

    def in_territory(self, codes: list[str]) -> "PlaceQuerySet":
        """Places in any of these communes (5-character INSEE codes) or départements (2 or 3 characters)."""
        communes = [code for code in codes if len(code) == 5]
        departements = [code for code in codes if len(code) < 5]
        return self.filter(Q(insee_code__in=communes) | Q(departement__in=departements))

    def near_widening(
        self, lat: float, lon: float, *, minimum: int = 3, radii: tuple[float, ...] = NEAREST_RADII_KM
    ) -> tuple["PlaceQuerySet", float]:
        """The places near a point within the smallest of `radii` that holds at least `minimum` of them.

        A rural commune never gets "no result": the radius widens by itself up to the last one.
        """
        for radius in radii:
            places = self.near(lat, lon, radius)
            if places.count() >= minimum:
                break
        return places, radius

    def grid_clusters(self, *, cell_degrees: float) -> list[tuple[float, float, int]]:
        """(latitude, longitude, count) of the places grouped in square cells of the grid, in SQL."""
        cells = (
            self.order_by()
            .annotate(
                cell_y=models.functions.Floor(F("latitude") / cell_degrees),
                cell_x=models.functions.Floor(F("longitude") / cell_degrees),
            )
            .values("cell_y", "cell_x")
            .annotate(lat=models.Avg("latitude"), lon=models.Avg("longitude"), n=models.Count("pk"))
        )
        return [(cell["lat"], cell["lon"], cell["n"]) for cell in cells]

    def value_counts(self, *fields: str) -> dict[str, dict[str, int]]:
        """For each multi-valued field, how many of these places have each of its values, in one query."""
        aliases = {}
        for field in fields:
            for code in self.model._meta.get_field(field).enum.values:
                aliases[f"n{len(aliases)}"] = (field, code, Q(**{f"{field}__any": [code]}))
        totals = self.order_by().aggregate(
            **{
                alias: models.Count("pk", filter=condition)
                for alias, (_field, _code, condition) in aliases.items()
            }
        )
        counts = {field: {} for field in fields}
        for alias, (field, code, _condition) in aliases.items():
            counts[field][code] = totals[alias]
        return counts

    def open_at(self, moment: datetime.datetime) -> "PlaceQuerySet":
        """Places open at that moment (Europe/Paris), their opening hours and closures considered.

        Opening hours are an OpenStreetMap expression, not something SQL can evaluate: the distinct
        expressions of the current set (far fewer than its places) are evaluated here, a few µs each, and
        the set is filtered on those open at that moment.
        """
        expressions = self.exclude(opening_hours="").values_list("opening_hours", flat=True).distinct()
        return self.filter(
            opening_hours__in=[hours for hours in expressions.order_by() if _is_open(hours, moment)]
        )


def distance_km_expression(lat: float, lon: float):
    """Great-circle distance in km from a point to each row's (latitude, longitude)."""
    lat_rad, lon_rad = Value(lat * 0.017453292519943295), Value(lon * 0.017453292519943295)
    half_dlat = (Radians(F("latitude")) - lat_rad) / 2
    half_dlon = (Radians(F("longitude")) - lon_rad) / 2
    a = Power(Sin(half_dlat), 2) + Cos(lat_rad) * Cos(Radians(F("latitude"))) * Power(Sin(half_dlon), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Value(1.0), Sqrt(a)))


@lru_cache(maxsize=4096)
def _parsed_hours(hours: str):
    try:
        return validation.parse_opening_hours(hours)
    except Exception:  # stored hours are validated; an old bad value just never counts as open
        return None


def _is_open(hours: str, moment: datetime.datetime) -> bool:
    parsed = _parsed_hours(hours)
    return bool(parsed and parsed.is_open(moment.astimezone(validation.PARIS).replace(tzinfo=None)))


def _is_open_on(hours: str, day: datetime.date) -> bool:
    parsed = _parsed_hours(hours)
    if parsed is None:
        return False
    start = datetime.datetime.combine(day, datetime.time())
    return any(
        state == "open"
        for _, _, state, _ in opening_states(parsed, start, start + datetime.timedelta(days=1))
    )


def opening_states(parsed, start: datetime.datetime, end: datetime.datetime):
    """(begin, end, "open"/"closed"/"unknown", comment) of parsed opening hours between two local times."""
    for begin, finish, state, comment in parsed.intervals(start, end):
        yield begin, finish, str(state).rsplit(".", 1)[-1].lower(), comment


class Place(models.Model):
    """A place of digital mediation, with every field of the national standard v1.0.2."""

    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True, blank=True)
    name = models.CharField(_("nom"), max_length=250)
    pivot = models.CharField(
        _("SIRET ou RNA"),
        max_length=14,
        blank=True,
        validators=[validation.validate_pivot],
        help_text=_("SIRET (14 chiffres) ou RNA (W et 9 caractères) de la structure ; vide si inconnu."),
    )
    parent_structure = models.CharField(_("structure parente"), max_length=250, blank=True)
    # Address
    address = models.CharField(_("adresse"), max_length=250)
    address_complement = models.CharField(_("complément d'adresse"), max_length=250, blank=True)
    postal_code = models.CharField(
        _("code postal"), max_length=5, validators=[validation.validate_postal_code]
    )
    commune = models.CharField(_("commune"), max_length=100)
    insee_code = models.CharField(
        _("code INSEE"), max_length=5, blank=True, validators=[validation.validate_insee_code]
    )
    departement = models.CharField(_("département"), max_length=3, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[validation.validate_latitude]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[validation.validate_longitude]
    )
    location_is_approximate = models.BooleanField(
        _("position approximative"),
        default=False,
        help_text=_("Placé au centre de sa commune, faute de coordonnées."),
    )
    # Contact
    structure_types = models.JSONField(_("typologie"), default=list, blank=True)
    phone = models.CharField(
        _("téléphone"), max_length=16, blank=True, validators=[validation.validate_phone]
    )
    emails = models.JSONField(_("courriels"), default=list, blank=True)
    websites = models.JSONField(_("sites web"), default=list, blank=True)
    opening_hours = models.TextField(
        _("horaires"),
        blank=True,
        validators=[validation.validate_opening_hours],
        help_text=_(
            "Au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00 »."
        ),
    )
    summary = models.CharField(_("présentation résumée"), max_length=MAX_SUMMARY_LENGTH, blank=True)
    description = models.TextField(_("présentation détaillée"), blank=True)
    # Offer
    offers = ChoiceSetField(_("types d'aide"), enum=choices.Offer)
    services = ChoiceSetField(_("services"), enum=choices.Service)
    publics = ChoiceSetField(_("publics spécifiquement adressés"), enum=choices.Public)
    needs = ChoiceSetField(_("prise en charge spécifique"), enum=choices.Need)
    fees = ChoiceSetField(_("frais à charge"), enum=choices.Fee)
    pass_numerique = models.BooleanField(_("accepte le pass numérique"), default=False)
    itinerance = ChoiceSetField(_("itinérance"), enum=choices.Itinerance)
    programmes = ChoiceSetField(_("dispositifs et programmes nationaux"), enum=choices.Programme)
    training_labels = ChoiceSetField(_("formations et labels"), enum=choices.TrainingLabel)
    other_training_labels = models.CharField(_("autres formations et labels"), max_length=500, blank=True)
    access_modes = ChoiceSetField(_("modalités d'accès"), enum=choices.AccessMode)
    support_modes = ChoiceSetField(_("modalités d'accompagnement"), enum=choices.SupportMode)
    acceslibre_url = models.URLField(_("fiche acceslibre"), max_length=500, blank=True)
    booking_url = models.URLField(_("prise de rendez-vous en ligne"), max_length=500, blank=True)
    # Provenance and life cycle
    source = models.CharField(
        _("source"), max_length=250, blank=True, help_text=_("Le producteur de la donnée.")
    )
    updated_on = models.DateField(_("mis à jour le"), default=datetime.date.today)
    verified_on = models.DateField(_("vérifié le"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=choices.Status.choices, default=choices.Status.PUBLISHED
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("lieu")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="place_lat_lon_idx"),
            models.Index(fields=["departement"], name="place_departement_idx"),
            models.Index(fields=["insee_code"], name="place_insee_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="place_latitude_and_longitude_together",
            ),
            models.CheckConstraint(condition=Q(status__in=choices.Status.values), name="place_status_valid"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("summary"), MAX_SUMMARY_LENGTH), name="place_summary_length"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.commune})"

    def save(self, *args, **kwargs):
        # Derived columns kept in step with the row (not domain rules): the search text and a stable slug.
        self.search_text = normalize_label(
            " ".join([self.name, self.commune, self.postal_code, self.address])
        )
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("places:detail", args=[self.slug])

    def _unique_slug(self) -> str:
        base = slugify(f"{self.name} {self.commune}")[:100] or "lieu"
        slug, n = base, 1
        while Place.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    @property
    def phone_display(self) -> str:
        return validation.format_phone(self.phone)

    def is_open_at(self, moment: datetime.datetime) -> bool:
        return bool(self.opening_hours) and _is_open(self.opening_hours, moment)

    def is_open_now(self) -> bool:
        return self.is_open_at(timezone.now())


class PlaceSource(models.Model):
    """Where a place comes from: one row per source record, so that a re-import updates instead of duplicating.

    A place merged from several sources keeps every one of their ids.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="sources")
    source = models.CharField(_("source"), max_length=100)
    external_id = models.CharField(_("identifiant dans la source"), max_length=250)
    data_hash = models.CharField(
        max_length=64, blank=True, help_text=_("Empreinte de la dernière ligne importée.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("source d'un lieu")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="place_source_unique_id")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"
