"""The directory's data: places of digital mediation (national standard v1.0.2), their sources, and the
reference tables of communes and départements. A place's closures (places.closures), managers and claims
(places.claims) have modules of their own."""

import datetime
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Func, Q, When
from django.db.models.functions import Coalesce, Length
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
# The fields that describe what a place offers, in the order the forms, the admin and the API show them.
OFFER_FIELDS = [
    "offers",
    "services",
    "publics",
    "needs",
    "fees",
    "pass_numerique",
    "itinerance",
    "programmes",
    "training_labels",
    "other_training_labels",
    "access_modes",
    "support_modes",
]
NEAREST_FIRST_RADIUS_KM = 1.0


class DepartementQuerySet(models.QuerySet):
    def named(self, text: str) -> "Departement | None":
        """The département a search names in full ("Nord", "pas de calais", "Somme"), unless a commune has that
        very name (Vienne, Aube): a resident typing it means the commune."""
        name = normalize_label(text)
        if not name or self._is_a_commune(text, name):
            return None
        return next((departement for departement in self if normalize_label(departement.name) == name), None)

    @staticmethod
    def _is_a_commune(text: str, name: str) -> bool:
        """A commune, or a city of arrondissements, bears this very name, accents included: "Vienne" and
        "Paris" are communes, "Loire" is not the village of Loiré."""
        communes = Commune.objects.filter(search_text=name) | Commune.objects.arrondissements_named(name)
        return any(_as_written(_city_name(commune.name)) == _as_written(text) for commune in communes[:50])


def _as_written(text: str) -> str:
    """Lowercase, accents kept, hyphens as spaces: "Loire" and "Loiré" differ, "Pas-de-Calais" is "pas de calais"."""
    return " ".join(text.casefold().replace("-", " ").split())


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region_code = models.CharField(_("code de la région"), max_length=2)
    region_name = models.CharField(_("région"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DepartementQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


# What a commune search may carry beside the name: "(80)", as the suggestions write it, or a postal code.
_DEPARTEMENT_SUFFIX = re.compile(r"\((\d[\dAB]\d?)\)\s*$", re.IGNORECASE)
_POSTAL_CODE = re.compile(r"\b(\d{5})\b")
# Words all shorter than this match only a whole name ("Y", "Eu"): not every commune containing an "a".
SHORT_NAME = 3
# How people shorten the words of communes' names ("St Omer", "Ste Marie").
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# An address ends with its commune: named_in() tries the text's last words, up to this many.
LONGEST_NAME_WORDS = 8
# Words that tie a street's name to what follows ("rue du Port", "avenue de la Gare"): what follows them is the
# street's name, not the address's commune (unless a comma comes between).
STREET_LINKS = {"a", "au", "aux", "d", "de", "des", "du", "en", "l", "la", "le", "les", "sur"}


def word_start(word: str) -> Q:
    """`word` begins one of the words of `search_text` (lowercase ASCII words, one space apart): "mer" finds
    "Saint-Pol-sur-Mer", not "numérique"."""
    return Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")


@dataclass(frozen=True)
class CommuneQuery:
    """A commune search read: the name's words, and the département or postal code written beside it."""

    name: str
    departement: str = ""
    postal_code: str = ""

    @classmethod
    def read(cls, text: str) -> "CommuneQuery":
        departement = postal_code = ""
        if match := _DEPARTEMENT_SUFFIX.search(text):
            departement = match.group(1).upper()
            text = text[: match.start()]
        if postal_codes := _POSTAL_CODE.findall(text):
            postal_code = postal_codes[0]
            text = _POSTAL_CODE.sub(" ", text)
        words = [ABBREVIATIONS.get(word, word) for word in normalize_label(text).split()]
        return cls(" ".join(words), departement, postal_code)


def _city_name(arrondissement: str) -> str:
    """ "Paris" of "Paris 1er Arrondissement"."""
    return re.sub(r"\s+\d.*$", "", arrondissement)


class CommuneQuerySet(models.QuerySet):
    def search(self, text: str) -> "CommuneQuerySet":
        """Communes whose name (or former name) or postal code matches: the name itself first, then names
        starting with it, then names with words starting with its words, most populated first within each.
        Understands the suggestions' "Amiens (80)", "Amiens 80000" and "St Omer"; nothing for a text with
        neither letters nor a code."""
        wanted = CommuneQuery.read(text.strip())
        query = self
        if wanted.departement:
            query = query.filter(departement=wanted.departement)
        if wanted.postal_code:
            query = query.filter(postal_codes__icontains=f'"{wanted.postal_code}')
        name = wanted.name
        if not name:
            return query.order_by("-population") if query is not self else self.none()
        if name.isdigit():  # the beginning of a postal code
            return query.filter(postal_codes__icontains=f'"{name}').order_by("-population")
        for word in name.split():
            query = query.filter(word_start(word))
        if max(map(len, name.split())) < SHORT_NAME:
            query = query.filter(Q(search_text=name) | Q(search_text__startswith=f"{name} "))
        rank = Case(
            When(search_text=name, then=0),
            When(search_text__startswith=f"{name} ", then=1),
            When(search_text__startswith=name, then=2),
            default=3,
        )
        return query.order_by(rank, "-population")

    def named_in(self, text: str) -> "Commune | None":
        """The commune that a submitted search names: the text itself ("St Omer", "Amiens (80)", "80000",
        "Paris"), else the end of an address ("10 rue de la Gare 80000 Amiens"), by its whole name. Never a
        commune whose name only begins or contains so ("Lomme" is not Lommerange, "Saint" no Saint-Étienne),
        nor the end of a street's name ("rue du Port" is no address in Port)."""
        tokens = text.split()
        for start in range(max(0, len(tokens) - LONGEST_NAME_WORDS), len(tokens)):
            before = tokens[start - 1] if start else ","
            if not before.endswith(",") and normalize_label(before).rsplit(" ", 1)[-1] in STREET_LINKS:
                continue
            if commune := self._named(" ".join(tokens[start:])):
                return commune
        return None

    def _named(self, text: str) -> "Commune | None":
        wanted = CommuneQuery.read(text)
        if not wanted.name or wanted.name.isdigit():  # a postal code (or its start): its communes
            return self.search(text).first()
        for commune in self.search(text)[:10]:
            if wanted.name in commune.full_names():
                return commune
        # Paris, Lyon and Marseille by their own name: the table holds their arrondissements.
        parts = self.arrondissements_named(wanted.name)
        if wanted.departement:
            parts = parts.filter(departement=wanted.departement)
        part = parts.first()
        return self.for_code(part.parent_code) if part else None

    def arrondissements_named(self, name: str) -> "CommuneQuerySet":
        """The arrondissements of the city of that (normalized) name: "paris" gives Paris's."""
        return self.filter(kind=Commune.Kind.ARRONDISSEMENT, search_text__startswith=f"{name} ")

    def names_of(self, codes: list[str]) -> dict[str, str]:
        """The official name of each of these INSEE codes that the table knows ("Paris" for 75056, whose rows
        are its arrondissements'): one query, and a second only for codes of such cities."""
        names = dict(self.filter(code__in=codes).values_list("code", "name"))
        if missing := [code for code in codes if code not in names]:
            parts = self.arrondissements_of(missing).order_by("-code").values_list("parent_code", "name")
            names |= {parent: _city_name(part) for parent, part in parts}  # the first arrondissement's wins
        return names

    def arrondissements_of(self, codes: list[str]) -> "CommuneQuerySet":
        """The municipal arrondissements of these communes (Paris, Lyon and Marseille have some)."""
        return self.filter(parent_code__in=codes, kind=Commune.Kind.ARRONDISSEMENT)

    def for_code(self, code: str) -> "Commune | None":
        """The commune of an INSEE code. Paris, Lyon and Marseille have rows only for their arrondissements:
        their own code (75056, 69123, 13055) gives the whole city, made from its arrondissements (their codes,
        total area and population, area-weighted centre), unsaved."""
        commune = self.filter(code=code).first()
        if commune is not None:
            return commune
        parts = list(self.arrondissements_of([code]).order_by("code"))
        area = sum(part.area_km2 for part in parts)
        if not parts or area <= 0:
            return None
        city = Commune(
            code=code,
            name=_city_name(parts[0].name),
            departement=parts[0].departement,
            region=parts[0].region,
            latitude=sum(part.latitude * part.area_km2 for part in parts) / area,
            longitude=sum(part.longitude * part.area_km2 for part in parts) / area,
            area_km2=area,
            population=sum(part.population for part in parts),
        )
        city.arrondissement_codes = [part.code for part in parts]
        return city


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

    arrondissement_codes: list[str] = []  # a city made of its arrondissements (CommuneQuerySet.for_code)

    @property
    def insee_codes(self) -> list[str]:
        """The codes its places may carry: its own, and its arrondissements' for Paris, Lyon and Marseille."""
        return [self.code, *self.arrondissement_codes]

    def full_names(self) -> set[str]:
        """Its name and former names, normalized, whole: "paris 15e" for "Paris 15e Arrondissement" too."""
        names = {normalize_label(name) for name in [self.name, *self.former_names]}
        return names | {re.sub(r" arrondissement$", "", name) for name in names}

    @property
    def radius_km(self) -> float:
        """The radius of a disc of the commune's area, at least 2 km: what "in this commune" covers."""
        return max(2.0, math.sqrt(self.area_km2 / math.pi))


# The radii a residents' search widens through until it finds places: a rural commune never gets nothing.
NEAREST_RADII_KM = (5, 10, 20, 50, 100, 200, 500)


def _checked_on() -> Coalesce:
    """When a place's data was last confirmed: verified, or else updated (the rule of Place.last_checked_on)."""
    return Coalesce("verified_on", "updated_on")


class PlaceQuerySet(models.QuerySet):
    def published(self) -> "PlaceQuerySet":
        return self.filter(status=choices.Status.PUBLISHED)

    def located(self) -> "PlaceQuerySet":
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def in_bbox(self, west: float, south: float, east: float, north: float) -> "PlaceQuerySet":
        """Places inside a bounding box, answered from the (latitude, longitude) index."""
        return self.filter(latitude__range=(south, north), longitude__range=(west, east))

    def in_commune(self, commune: Commune) -> "PlaceQuerySet":
        """Places of the commune, and places around it within a radius that follows its size."""
        south, north, west, east = bounding_box(commune.latitude, commune.longitude, commune.radius_km)
        around = Q(
            latitude__range=(south, north),
            longitude__range=(west, east),
            commune_distance_km__lte=commune.radius_km,
        )
        return self.alias(
            commune_distance_km=distance_km_expression(commune.latitude, commune.longitude)
        ).filter(Q(insee_code__in=commune.insee_codes) | around)

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

    def ranked_page(self, offset: int, limit: int) -> tuple[list["Place"], int]:
        """Rows offset to offset + limit of this set, in its order, and the size of the whole set.

        The set is ranked and counted in one pass that reads only what its filters and order need: for the
        published places around a point, ids, status and coordinates, which the location index holds, so a
        dense city's thousands of places are ranked without reading their rows. Only the page's rows are then
        read, by id. A place gone from the set between the two reads is left out of the page.
        """
        counted = self.annotate(total_count=models.Window(models.Count("pk"))).values_list(
            "pk", "total_count"
        )
        ranked = list(counted[offset : offset + limit])
        if not ranked:
            return [], 0
        by_id = self.in_bulk([pk for pk, _ in ranked])
        return [by_id[pk] for pk, _ in ranked if pk in by_id], ranked[0][1]

    def nearest(self, lat: float, lon: float, limit: int, max_radius_km: float) -> list["Place"]:
        """The `limit` places nearest to a point within max_radius_km, nearest first (with distance_km).

        Searches a small circle first and widens it fourfold until it holds `limit` places: every place
        outside a circle is farther than every place inside, so the answer is exact, and a dense city reads
        a few hundred rows instead of every row of the large circle.
        """
        radius = min(NEAREST_FIRST_RADIUS_KM, max_radius_km)
        while True:
            found = list(self.near(lat, lon, radius)[:limit])
            if len(found) >= limit or radius >= max_radius_km:
                return found
            radius = min(radius * 4, max_radius_km)

    def offering(self, *offers: str) -> "PlaceQuerySet":
        """Places offering any of these kinds of help (assistance, mediation, training, free_access)."""
        return self.filter(offers__any=list(offers))

    def search(self, text: str) -> "PlaceQuerySet":
        """Every word at the start of a word of the name, commune, postal code or address; accents and case
        ignored. A text without letters or digits ("%", "--") finds nothing."""
        words = normalize_label(text).split()
        query = self if words else self.none()
        for word in words:
            query = query.filter(word_start(word))
        return query

    def open_on_weekday_condition(self, weekday: int, *, after: datetime.datetime) -> Q:
        """The places of this set open at some time on the next such weekday (0 = Monday) from `after`,
        their opening hours and closures considered like open_at, as a condition that holds for any subset
        of this set."""
        today = after.astimezone(validation.PARIS).date()
        day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
        return self._open_when(lambda hours: _is_open_on(hours, day), day)

    def in_territory(self, codes: list[str]) -> "PlaceQuerySet":
        """Places in any of these communes (5-character INSEE codes) or départements (2 or 3 characters)."""
        communes = [code for code in codes if len(code) == 5]
        departements = [code for code in codes if len(code) < 5]
        if communes:  # Paris, Lyon and Marseille: their own code stands for their arrondissements too
            communes += Commune.objects.arrondissements_of(communes).values_list("code", flat=True)
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

    def value_counts(self, *fields: str, conditions: dict[str, Q] | None = None) -> dict[str, dict[str, int]]:
        """For each multi-valued field, how many of these places have each of its values, and (under
        "conditions") how many meet each of `conditions`: one query."""
        aliases = {}
        for field in fields:
            for code in self.model._meta.get_field(field).enum.values:
                aliases[f"n{len(aliases)}"] = (field, code, Q(**{f"{field}__any": [code]}))
        for name, condition in (conditions or {}).items():
            aliases[f"n{len(aliases)}"] = ("conditions", name, condition)
        if not aliases:
            return {}
        totals = self.order_by().aggregate(
            **{
                alias: models.Count("pk", filter=condition)
                for alias, (_field, _code, condition) in aliases.items()
            }
        )
        counts = {field: {} for field, _code, _condition in aliases.values()}
        for alias, (field, code, _condition) in aliases.items():
            counts[field][code] = totals[alias]
        return counts

    def open_at(self, moment: datetime.datetime) -> "PlaceQuerySet":
        """Places open at that moment (Europe/Paris), their opening hours and closures considered.

        Opening hours are an OpenStreetMap expression, not something SQL can evaluate: the distinct
        expressions of the current set (far fewer than its places) are evaluated here, a few µs each, and
        the set is filtered on those open at that moment.
        """
        return self.filter(self.open_at_condition(moment))

    def open_at_condition(self, moment: datetime.datetime) -> Q:
        """open_at's condition, evaluated on this set: it holds for any subset of it, so that several
        subsets (the search's counts) are filtered without evaluating the hours again."""
        return self._open_when(lambda hours: _is_open(hours, moment), _paris_date(moment))

    def _open_when(self, test, day: datetime.date) -> Q:
        """The places of this set whose hours on that day pass the test (an opening-hours expression → open
        or not), as a condition."""
        open_hours = self._hours_where(test)
        # A closure on that day replaces the usual hours: closed, or its own exceptional hours.
        closures = Closure.objects.covering(day).filter(place__in=self.values("pk"))
        exceptional = closures.filter(kind=Closure.Kind.EXCEPTIONAL_HOURS).values_list("place_id", "hours")
        open_exceptionally = [place_id for place_id, hours in exceptional if test(hours)]
        return (Q(opening_hours__in=open_hours) & ~Q(pk__in=closures.values("place_id"))) | Q(
            pk__in=open_exceptionally
        )

    def with_closures_from(self, day: datetime.date) -> "PlaceQuerySet":
        """Prefetch the closures not over by that day: is_open_at() then reads them without a query per place."""
        return self.prefetch_related(
            models.Prefetch("closures", queryset=Closure.objects.filter(end_date__gte=day))
        )

    def _hours_where(self, test) -> list[str]:
        """The distinct opening-hours expressions of this set that pass the test (evaluated in Python). The
        expressions are read once per queryset: "open now" and "open on Saturday" test the same ones."""
        if not hasattr(self, "_distinct_hours"):
            expressions = self.exclude(opening_hours="").values_list("opening_hours", flat=True).distinct()
            self._distinct_hours = list(expressions.order_by())
        return [hours for hours in self._distinct_hours if test(hours)]

    def with_checked_on(self) -> "PlaceQuerySet":
        """`checked_on`: when each place's data was last confirmed."""
        return self.annotate(checked_on=_checked_on())

    def last_checked_before(self, day: datetime.date) -> "PlaceQuerySet":
        """Places whose data was last confirmed before that day (no column added: usable as a subquery)."""
        return self.alias(checked_on=_checked_on()).filter(checked_on__lt=day)

    def stale(self, days: int) -> "PlaceQuerySet":
        """Places not confirmed for more than `days` days."""
        return self.last_checked_before(timezone.localdate() - datetime.timedelta(days=days))

    def moderated_by(self, user) -> "PlaceQuerySet":
        """Places a user moderates: everything for staff, their territories' places for a moderator."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_staff:
            return self
        from moderation.models import Territory

        return self.filter(Territory.objects.of_user(user).places_q())

    def managed_by(self, user) -> "PlaceQuerySet":
        return self.filter(managers=user) if user.is_authenticated else self.none()


class GreatCircleKm(Func):
    """Haversine distance in km from a fixed point to the row's (latitude, longitude).

    One SQL template rather than a tree of ORM functions: the same SQL, compiled several times faster, which
    matters on the near-me hot path.
    """

    template = (
        "%(diameter)s * ASIN(%(least)s(1.0, SQRT("
        "POWER(SIN((RADIANS(%(expressions)s) - %(lat)s) / 2), 2) "
        "+ %(cos_lat)s * COS(RADIANS(%(expressions)s)) * POWER(SIN((RADIANS(%(lon_column)s) - %(lon)s) / 2), 2))))"
    )
    output_field = models.FloatField()

    def __init__(
        self, lat: float, lon: float, *, lat_column: str = "latitude", lon_column: str = "longitude"
    ):
        self.point = (lat, lon)
        self.lon_column = lon_column
        super().__init__(F(lat_column))

    def as_sql(self, compiler, connection, **extra):
        lat, lon = (math.radians(value) for value in self.point)
        lon_sql, lon_params = compiler.compile(F(self.lon_column).resolve_expression(compiler.query))
        sql, params = super().as_sql(
            compiler,
            connection,
            diameter=repr(2 * EARTH_RADIUS_KM),
            least="MIN" if connection.vendor == "sqlite" else "LEAST",
            lat=repr(lat),
            lon=repr(lon),
            cos_lat=repr(math.cos(lat)),
            lon_column=lon_sql,
            **extra,
        )
        # The template names the latitude column twice: its parameters (none for a column) follow suit.
        return sql, (*params, *params, *lon_params)


def distance_km_expression(lat: float, lon: float) -> GreatCircleKm:
    """Great-circle distance in km from a point to each row's (latitude, longitude)."""
    return GreatCircleKm(lat, lon)


@lru_cache(maxsize=4096)
def _parsed_hours(hours: str):
    try:
        return validation.parse_opening_hours(hours)
    except Exception:  # stored hours are validated; an old bad value just never counts as open
        return None


def _paris_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(validation.PARIS).date()


def _is_open(hours: str, moment: datetime.datetime) -> bool:
    parsed = _parsed_hours(hours)
    return bool(parsed and parsed.is_open(moment.astimezone(validation.PARIS).replace(tzinfo=None)))


def hours_of_day(usual: str, covering: list["Closure"]) -> tuple[list[str], "Closure | None"]:
    """The opening hours that hold on a day, given the closures covering it, and the closure that set them:
    the exceptional hours of those that have some, else none at all (closed) if any closure covers the day,
    else the usual hours. The rule of Place.is_open_at and of the place page (places.hours); the querysets'
    filters write it in SQL (PlaceQuerySet._open_when)."""
    exceptional = [closure for closure in covering if closure.kind == Closure.Kind.EXCEPTIONAL_HOURS]
    if exceptional:
        return [closure.hours for closure in exceptional], exceptional[0]
    if covering:
        return [], covering[0]
    return ([usual] if usual else []), None


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
    emails = models.JSONField(
        _("courriels"), default=list, blank=True, validators=[validation.validate_email_addresses]
    )
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

    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="PlaceManager",
        through_fields=("place", "user"),
        related_name="managed_places",
        blank=True,
    )

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        indexes = [
            # Status and id too, so that a search around a point can rank and count its places from the
            # index alone, reading only the rows of the page (PlaceQuerySet.ranked_page).
            models.Index(fields=["latitude", "longitude", "status", "id"], name="place_lat_lon_idx"),
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
        """Open at that moment: the usual hours, unless closures cover that day; then open only within the
        exceptional hours of one of them (the rule of PlaceQuerySet.open_at, for one place)."""
        hours, _closure = hours_of_day(self.opening_hours, self.closures_on(_paris_date(moment)))
        return any(_is_open(text, moment) for text in hours)

    def closures_on(self, day: datetime.date) -> list["Closure"]:
        """The closures covering that day, earliest first; from prefetch_related("closures") when the list
        has it."""
        if "closures" in getattr(self, "_prefetched_objects_cache", {}):
            covering = [c for c in self.closures.all() if c.start_date <= day <= c.end_date]
            return sorted(covering, key=lambda c: (c.start_date, c.pk))
        return list(self.closures.covering(day).order_by("start_date", "pk"))

    def upcoming_closures(self, day: datetime.date | None = None) -> "models.QuerySet[Closure]":
        """Closures and exceptional hours not over yet (on `day`, by default today), soonest first."""
        day = timezone.localdate() if day is None else day
        return self.closures.filter(end_date__gte=day).order_by("start_date", "pk")

    @property
    def last_checked_on(self) -> datetime.date:
        return self.verified_on or self.updated_on

    @property
    def possibly_outdated(self) -> bool:
        """Not confirmed for longer than settings.PLACE_OUTDATED_DAYS: the public page says so."""
        limit = timezone.localdate() - datetime.timedelta(days=settings.PLACE_OUTDATED_DAYS)
        return self.last_checked_on < limit

    # Permissions: the one place where who may do what to a place is written (pages and API alike).
    def is_managed_by(self, user) -> bool:
        return user.is_authenticated and self.managers.filter(pk=user.pk).exists()

    def is_moderated_by(self, user) -> bool:
        """Staff, or a moderator whose territory covers the place."""
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_staff:
            return True
        from moderation.models import Territory  # moderation builds on places, not the other way

        return any(territory.covers(self) for territory in Territory.objects.of_user(user))

    def can_be_edited_by(self, user) -> bool:
        return (
            user.is_authenticated
            and user.is_active
            and (self.is_managed_by(user) or self.is_moderated_by(user))
        )

    def can_be_restored_by(self, user) -> bool:
        return self.can_be_edited_by(user)

    def can_invite_manager(self, user) -> bool:
        return self.can_be_edited_by(user)

    def can_remove_manager(self, user) -> bool:
        """A manager (a colleague who left, or themselves), a moderator of the place, staff."""
        return self.can_be_edited_by(user)

    def can_be_claimed_by(self, user) -> bool:
        """A confirmed account that does not manage the place yet, on a place that is not a draft."""
        return (
            user.is_authenticated
            and user.is_active
            and user.email_confirmed
            and self.status != choices.Status.DRAFT
            and not self.is_managed_by(user)
        )

    def email_domains(self) -> set[str]:
        """The domains of the place's own addresses, public webmail providers excepted."""
        domains = {email.rsplit("@", 1)[-1].lower() for email in self.emails if "@" in email}
        return domains - set(settings.PUBLIC_EMAIL_DOMAINS)

    def matches_email(self, email: str) -> bool:
        """The address is one of the place's, or on its own domain: not a webmail, and not a network's
        domain shared by many places (france-services.gouv.fr, a département's), which proves too little."""
        email = email.strip().lower()
        if email in {e.lower() for e in self.emails}:
            return True
        domain = email.rsplit("@", 1)[-1]
        if domain not in self.email_domains():
            return False
        sharing = Place.objects.filter(emails__icontains=f'@{domain}"')[
            : settings.CLAIM_DOMAIN_MAX_PLACES + 1
        ]
        return sharing.count() <= settings.CLAIM_DOMAIN_MAX_PLACES

    def save_change(self, *, user, source: str) -> None:
        """Save, recording the author and the source of the change in the history."""
        self._change_reason = source
        self._history_user = user if getattr(user, "is_authenticated", False) else None
        self.save()

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
        verbose_name_plural = _("sources d'un lieu")
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="place_source_unique_id")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class ChangeSource(models.TextChoices):
    """Who changed a place, kept as the history's change reason."""

    MEDIATOR = "mediator", _("Médiateur")
    MODERATOR = "moderator", _("Modérateur")
    API_PARTNER = "api partner", _("Partenaire (API)")
    IMPORT = "import", _("Import")
    STAFF = "staff", _("Équipe")


# Models of their own modules, imported here so that Django finds them and `places.models` still names them.
from places.claims import Claim, PlaceManager  # noqa: E402, F401
from places.closures import Closure  # noqa: E402
