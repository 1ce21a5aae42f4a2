"""The partners' REST API (v1): search, sync and exchange the directory. DRF views only; the rules are the
QuerySet methods of places.models, the filters are places.filters.PlaceFilter."""

import hashlib
import re

from django import forms
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, mixins, permissions, renderers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param
from simple_history.utils import update_change_reason

from partners.models import PartnerToken
from places import choices, datainclusion, exporters
from places.caching import data_version
from places.filters import MAX_PAGE_SIZE, BoundedIsoDateTimeField, PlaceFilter, list_parameters
from places.models import ChangeSource, Commune, Place, PlaceQuerySet
from places.pagination import counted_page, id_page
from places.serializers import (
    LIST_COLUMNS,
    FeatureCollectionSerializer,
    PlaceDetailSerializer,
    PlaceListSerializer,
    PlaceWriteSerializer,
    RemovalSerializer,
    geojson_feature,
)
from places.sync import removed_since

ERRORS = {
    400: OpenApiResponse(description="Paramètre invalide : le message nomme le paramètre."),
    404: OpenApiResponse(description="Introuvable."),
    429: OpenApiResponse(description="Trop de requêtes : réessayez après le délai de l'en-tête Retry-After."),
}
WRITE_ERRORS = {
    **ERRORS,
    401: OpenApiResponse(description="Clé d'API absente, inconnue ou révoquée."),
    403: OpenApiResponse(description="Le département du lieu n'est pas dans le périmètre de la clé."),
}


class GeoJSONRenderer(renderers.JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class CSVRenderer(renderers.BaseRenderer):
    """Lets `Accept: text/csv` through content negotiation; the export streams its own body, and an error
    (a bad filter) is written as JSON text."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return renderers.JSONRenderer().render(data)


class PublicReadPartnerWrite(permissions.BasePermission):
    """Anyone may read (throttled per IP); only a partner's token writes, in its départements."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or isinstance(request.auth, PartnerToken)

    def has_object_permission(self, request, view, obj: Place) -> bool:
        return request.method in permissions.SAFE_METHODS or request.auth.may_write_in(obj.departement)


LOCAL_FILTERS = {"lat", "bbox", "commune"}
# A sync (changes since a moment) is paged in id order, its links carrying the last id seen.
SYNC_PARAMETERS = {"updated_since", "after", "before"}
ID_PARAMETERS = ("after", "before")
# Not filters, yet harmless anywhere: the format, the pages (ignored where nothing is paged, as in a query string
# copied from the list to an export) and what web tools add to URLs (jQuery's cache-buster, campaign tags).
HARMLESS_PARAMETERS = {"format", "page", "page_size", *ID_PARAMETERS, "_"}


class StrictFilterBackend(DjangoFilterBackend):
    """PlaceFilter's filters, and a 400 naming any other parameter: a misspelt filter (`service=` for
    `services=`) never silently lists everything."""

    def filter_queryset(self, request, queryset, view):
        known = PlaceFilter.base_filters.keys() | HARMLESS_PARAMETERS
        names = {name for name in request.query_params if not name.startswith("utm_")}
        if unknown := sorted(names - known):
            message = _("Paramètre inconnu : la liste des paramètres est sur /api/v1/docs/.")
            raise exceptions.ValidationError({name: [message] for name in unknown})
        return super().filter_queryset(request, queryset, view)


ID_DESCRIPTIONS = {
    "after": "Synchronisation : les lieux d'identifiant supérieur à celui-ci, par identifiant croissant. Le lien "
    "`next` d'une synchronisation le donne : suivez-le, aucun lieu n'est sauté si d'autres entrent ou sortent.",
    "before": "Synchronisation : les derniers lieux d'identifiant inférieur à celui-ci (le lien `previous`).",
}
MAX_ID = 10**18 - 1


class PlacePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    id_page = None  # an IdPage when paged in id order

    def get_page_size(self, request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not re.fullmatch(r"[0-9]{1,4}", value) or not 1 <= int(value) <= MAX_PAGE_SIZE:
            raise exceptions.ValidationError(
                {"page_size": [_("Un entier entre 1 et %(max)s est attendu.") % {"max": MAX_PAGE_SIZE}]}
            )
        return int(value)

    def get_page_number(self, request, paginator=None) -> int:
        number = request.query_params.get(self.page_query_param, "1")
        if paginator is not None and number in self.last_page_strings:  # ?page=last, where the count is known
            return paginator.num_pages
        if not re.fullmatch(r"[0-9]{1,9}", number) or int(number) < 1:  # "²" is a digit to isdigit()
            raise exceptions.NotFound(_("Page invalide."))
        return int(number)

    def paginate_queryset(self, queryset, request, view=None):
        """Places around a point are ranked and counted from the location index (PlaceQuerySet.ranked_page);
        in a bbox or a commune the page query also counts its set (COUNT(*) OVER ()): one pass over the rows
        instead of two. Elsewhere (and for a plain list) a separate count is cheaper than numbering every row.
        A sync is paged in id order (paginate_by_id)."""
        self.request = request
        params = request.query_params
        if "lat" in params:
            if used := [name for name in ID_PARAMETERS if name in params]:
                raise exceptions.ValidationError(
                    {used[0]: [_("Ne se combine pas avec lat et lon : ces résultats suivent la distance.")]}
                )
        elif SYNC_PARAMETERS & params.keys():
            return self.paginate_by_id(queryset, request)
        if not isinstance(queryset, PlaceQuerySet) or not LOCAL_FILTERS & params.keys():
            return super().paginate_queryset(queryset, request, view)
        page_size = self.get_page_size(request)
        self.page = counted_page(queryset, self.get_page_number(request), page_size, ranked="lat" in params)
        if not self.page.object_list and self.page.number > 1:
            raise exceptions.NotFound(_("Page invalide."))
        return self.page.object_list

    def paginate_by_id(self, items, request) -> list:
        """In id order, from `after` or `before` (an id) or a page number; the links carry ids, so that a place
        joining or leaving the set while a partner pages through it shifts nothing (no place skipped)."""
        params = request.query_params
        ids = {name: self.id_parameter(params, name) for name in ID_PARAMETERS if name in params}
        if len(ids) > 1:
            raise exceptions.ValidationError({"before": [_("Ne se combine pas avec after.")]})
        if ids and self.page_query_param in params:
            raise exceptions.ValidationError({"page": [_("Ne se combine pas avec after ni before.")]})
        size = self.get_page_size(request)
        number = self.get_page_number(request)
        self.id_page = id_page(items, size, **ids, offset=(number - 1) * size)
        self.page = self.id_page.page
        if not self.page.object_list and number > 1:
            raise exceptions.NotFound(_("Page invalide."))
        return self.page.object_list

    @staticmethod
    def id_parameter(params, name: str) -> int:
        value = params[name]
        if not re.fullmatch(r"[0-9]{1,18}", value):
            raise exceptions.ValidationError(
                {name: [_("Un identifiant de lieu (entier positif) est attendu.")]}
            )
        return int(value)

    def get_next_link(self):
        if self.id_page is None:
            return super().get_next_link()
        return self._id_link("after", self.id_page.after)

    def get_previous_link(self):
        if self.id_page is None:
            return super().get_previous_link()
        return self._id_link("before", self.id_page.before)

    def _id_link(self, name: str, value: int | None) -> str | None:
        if value is None:
            return None
        url = self.request.build_absolute_uri()
        for other in (self.page_query_param, *ID_PARAMETERS):
            url = remove_query_param(url, other)
        return replace_query_param(url, name, value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == "page_size":
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
            if parameter["name"] == "page":
                parameter["schema"]["minimum"] = 1
        return [
            *parameters,
            *(
                {
                    "name": name,
                    "required": False,
                    "in": "query",
                    "description": description,
                    "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
                }
                for name, description in ID_DESCRIPTIONS.items()
            ),
        ]


class RemovalPagination(PlacePagination):
    """The removals since a moment: a sync, always in id order."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        return self.paginate_by_id(queryset, request)


def _etag(request, *parts) -> str:
    """A validator of a response: the data's version, the exact request and the chosen format."""
    text = "|".join(
        map(str, (*parts, request.get_host(), request.get_full_path(), request.accepted_renderer.format))
    )
    return quote_etag(hashlib.sha256(text.encode()).hexdigest()[:32])


def _conditional(request, *, etag: str, last_modified):
    """A 304 when the partner's copy is current, else None; the caller adds the headers to its response."""
    if request.method not in ("GET", "HEAD"):
        return None
    last_modified = int(last_modified.timestamp()) if last_modified else None  # HTTP dates have whole seconds
    return get_conditional_response(request._request, etag=etag, last_modified=last_modified)


def _with_validators(response, *, etag: str, last_modified):
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "no-cache"  # always revalidate: a 304 costs the client nothing
    return response


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "geojson"],
    description="geojson : une FeatureCollection GeoJSON (propriétés légères), avec les mêmes filtres.",
)


@extend_schema_view(
    list=extend_schema(
        parameters=[FORMAT_PARAMETER, *list_parameters()],
        responses={
            (200, "application/json"): PlaceListSerializer(many=True),
            (200, "application/geo+json"): FeatureCollectionSerializer,
            304: OpenApiResponse(description="Inchangé depuis l'ETag ou la date envoyés."),
            **ERRORS,
        },
    ),
    retrieve=extend_schema(
        responses={200: PlaceDetailSerializer, 304: OpenApiResponse(description="Inchangé."), **ERRORS}
    ),
    create=extend_schema(request=PlaceWriteSerializer, responses={201: PlaceWriteSerializer, **WRITE_ERRORS}),
    partial_update=extend_schema(
        request=PlaceWriteSerializer, responses={200: PlaceWriteSerializer, **WRITE_ERRORS}
    ),
)
class PlaceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The published places of the directory.

    Filters combine with *and*; within one filter, comma-separated values mean *any of*. A bad value, or a
    parameter that is not listed here, gets a 400 whose message names the parameter. Reads are public
    (throttled per IP address, more for partners' tokens); writes need a partner's token
    (`Authorization: Token <key>`) scoped to the place's département.
    """

    # Public reads by design: the directory is open data. Writes: see PublicReadPartnerWrite.
    permission_classes = [PublicReadPartnerWrite]
    filter_backends = [StrictFilterBackend]
    filterset_class = PlaceFilter
    pagination_class = PlacePagination
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, GeoJSONRenderer]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action in ("partial_update", "update"):
            return self._writable_places()
        places = Place.objects.published()
        if self.action == "retrieve":
            return places.prefetch_related("sources")
        if self.action == "list":
            return places.only(*LIST_COLUMNS)  # the light shape: no descriptions read for nothing
        return places

    def _writable_places(self) -> PlaceQuerySet:
        """What a partner may change: the published places (a 403 outside its départements), and in its
        départements the unpublished places it was the last to change (its own drafts, the places it closed),
        so that it can fix or reopen them. A mediator's proposal waiting for moderation, a place a moderator
        refused or a manager took down stay unseen (404): a token never bypasses moderation."""
        token = self.request.auth
        if not isinstance(token, PartnerToken):
            return Place.objects.published()
        last_editor = Place.history.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
        return Place.objects.alias(last_editor=Subquery(last_editor.values("history_user")[:1])).filter(
            Q(status=choices.Status.PUBLISHED)
            | Q(departement__in=token.departements, last_editor=token.user_id)
        )

    def get_renderers(self):
        """GeoJSON is a shape of the list only."""
        renderers_ = super().get_renderers()
        if self.action == "list":
            return renderers_
        return [renderer for renderer in renderers_ if not isinstance(renderer, GeoJSONRenderer)]

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return PlaceWriteSerializer
        return PlaceDetailSerializer if self.action == "retrieve" else PlaceListSerializer

    def list(self, request, *args, **kwargs):
        """Published places, paginated, filtered; nearest first with `lat`/`lon`."""
        queryset = self.filter_queryset(self.get_queryset())
        version = data_version()
        # "Open now" changes with the clock, not only with the data: the ETag follows the clock, and the data's
        # date would be a wrong Last-Modified (an If-Modified-Since would get a 304 for a changed set).
        open_now = "open_now" in request.query_params
        clock = timezone.now().strftime("%Y%m%d%H%M") if open_now else ""
        last_modified = None if open_now else version
        etag = _etag(request, version, clock)
        not_modified = _conditional(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        if request.accepted_renderer.format == "geojson":
            response = self._geojson(queryset.located())
        else:
            page = self.paginate_queryset(queryset)
            response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        return _with_validators(response, etag=etag, last_modified=last_modified)

    def _geojson(self, queryset) -> Response:
        page = self.paginate_queryset(queryset)
        return Response(
            {
                "type": "FeatureCollection",
                "count": self.paginator.page.paginator.count,
                "next": self.paginator.get_next_link(),
                "previous": self.paginator.get_previous_link(),
                "features": [geojson_feature(place, self.request) for place in page],
            }
        )

    def retrieve(self, request, *args, **kwargs):
        """One published place: every field of the national standard, its kinds of help, sources and links."""
        place = self.get_object()
        etag = _etag(request, place.pk, place.updated_at.isoformat())
        not_modified = _conditional(request, etag=etag, last_modified=place.updated_at)
        if not_modified is not None:
            return not_modified
        response = Response(self.get_serializer(place).data)
        return _with_validators(response, etag=etag, last_modified=place.updated_at)

    def create(self, request, *args, **kwargs):
        """Create a place (partners only, in the départements of their token). Recorded with its author."""
        return super().create(request, *args, **kwargs)

    def partial_update(self, request, *args, **kwargs):
        """Change some fields of a place (partners only, in the départements of their token), published or
        not: a partner fixes its drafts and reopens its closed places too. Without `updated_on`, the change
        dates the place today."""
        return super().partial_update(request, *args, **kwargs)

    def perform_create(self, serializer) -> None:
        self._check_scope(serializer.validated_data["departement"])
        # A change dates the place, as the mediators' edit page does, unless the partner gives its own date.
        dated = {} if "updated_on" in serializer.validated_data else {"updated_on": timezone.localdate()}
        with transaction.atomic():
            serializer.save(**dated)
            update_change_reason(serializer.instance, ChangeSource.API_PARTNER)

    perform_update = perform_create  # the same checks and record, for a change as for a creation

    def _check_scope(self, departement: str) -> None:
        if not self.request.auth.may_write_in(departement):
            raise exceptions.PermissionDenied(
                _("Votre clé ne permet pas d'écrire dans le département %(code)s.") % {"code": departement}
            )


class FilteredPlacesView(generics.GenericAPIView):
    # Public by design, like the list: the directory is open data (throttled per IP).
    permission_classes = [permissions.AllowAny]
    filter_backends = [StrictFilterBackend]
    filterset_class = PlaceFilter
    pagination_class = None

    def get_queryset(self):
        return Place.objects.published()


@extend_schema(
    parameters=[*list_parameters(), OpenApiParameter("format", exclude=True)],
    responses={(200, "text/csv"): OpenApiTypes.STR, **ERRORS},
)
class PlaceCsvExport(FilteredPlacesView):
    """The filtered places as a CSV file of the national standard v1.0.2, streamed (any size)."""

    renderer_classes = [renderers.JSONRenderer, CSVRenderer]

    def get(self, request):
        places = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(
            exporters.export_queryset(places), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="lieux-mediation-numerique.csv"'
        return response


@extend_schema(
    parameters=list_parameters(), responses={(200, "application/json"): OpenApiTypes.OBJECT, **ERRORS}
)
class PlaceDataInclusionExport(FilteredPlacesView):
    """The filtered places in data·inclusion's shape (schema v1): `{"structures": [...], "services": [...]}`,
    one structure and one service per place, streamed."""

    def get(self, request):
        places = self.filter_queryset(self.get_queryset())
        pages = request.build_absolute_uri("/").rstrip("/")
        body = datainclusion.iter_json(places, page_url=lambda place: pages + place.get_absolute_url())
        return StreamingHttpResponse(body, content_type="application/json")


class SinceForm(forms.Form):
    since = BoundedIsoDateTimeField()


@extend_schema(
    parameters=[
        OpenApiParameter(
            "since",
            OpenApiTypes.DATETIME,
            required=True,
            description="Date et heure ISO 8601 : les lieux sortis de l'annuaire publié depuis.",
        ),
    ],  # the pages' parameters: RemovalPagination's, as for any list view
    responses={
        200: RemovalSerializer(many=True),
        304: OpenApiResponse(description="Inchangé depuis l'ETag ou la date envoyés."),
        **ERRORS,
    },
)
class RemovedPlacesView(generics.ListAPIView):
    """Places that left the published directory since `since`: unpublished, closed for good or deleted. With
    `updated_since` on the list, what keeps a partner's copy exact: add or update those, drop these."""

    permission_classes = [permissions.AllowAny]
    pagination_class = RemovalPagination
    serializer_class = RemovalSerializer

    def list(self, request):
        form = SinceForm(request.query_params)
        if not form.is_valid():
            raise exceptions.ValidationError({name: list(messages) for name, messages in form.errors.items()})
        version = data_version()  # a deletion dates a history record too: it changes the version
        etag = _etag(request, version)
        not_modified = _conditional(request, etag=etag, last_modified=version)
        if not_modified is not None:
            return not_modified
        page = self.paginate_queryset(removed_since(form.cleaned_data["since"]))
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        return _with_validators(response, etag=etag, last_modified=version)


@extend_schema(parameters=list_parameters(), responses={200: OpenApiTypes.OBJECT, **ERRORS})
class StatsView(FilteredPlacesView):
    """Counts of the filtered places: in all, by département, by commune, by service and by kind of help.
    Communes are named from INSEE's reference table (`name` is null for a code it lacks); places without an
    INSEE code are counted apart, in `without_insee_code`."""

    def get(self, request):
        places = self.filter_queryset(self.get_queryset()).order_by()
        totals = places.aggregate(
            count=Count("pk"),
            **{
                f"service_{code}": Count("pk", filter=Q(services__any=[code]))
                for code in choices.Service.values
            },
            **{f"offer_{code}": Count("pk", filter=Q(offers__any=[code])) for code in choices.Offer.values},
        )
        departements = places.values("departement").annotate(count=Count("pk")).order_by("departement")
        communes = list(
            places.values("insee_code").annotate(count=Count("pk")).order_by("-count", "insee_code")
        )
        # Named after the counting: a name subquery in the grouped query would run once per place.
        names = Commune.objects.names_of([row["insee_code"] for row in communes if row["insee_code"]])
        return Response(
            {
                "count": totals["count"],
                "departements": [{"code": row["departement"], "count": row["count"]} for row in departements],
                "communes": [
                    {
                        "insee_code": row["insee_code"],
                        "name": names.get(row["insee_code"]),
                        "count": row["count"],
                    }
                    for row in communes
                    if row["insee_code"]
                ],
                "without_insee_code": sum(row["count"] for row in communes if not row["insee_code"]),
                "services": {code: totals[f"service_{code}"] for code in choices.Service.values},
                "offers": {code: totals[f"offer_{code}"] for code in choices.Offer.values},
            }
        )
