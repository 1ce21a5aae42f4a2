"""The coverage API: per-commune figures of a département, as JSON or CSV."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from coverage.keys import key_for
from coverage.renderers import CoverageCSVRenderer
from coverage.territory import FAR_KM, territory_coverage
from places.choices import Offer, Service
from places.models import Departement


class CoverageQuerySerializer(serializers.Serializer):
    departement = serializers.CharField(max_length=3, help_text="Code du département, par exemple 80 ou 2A.")
    offer = serializers.ChoiceField(
        choices=Offer.choices, required=False, help_text="Un type d'aide ; tous les lieux si absent."
    )
    service = serializers.ChoiceField(
        choices=Service.choices, required=False, help_text="Un service (exclusif de `offer`)."
    )

    def validate(self, attrs):
        if attrs.get("offer") and attrs.get("service"):
            raise serializers.ValidationError(_("Choisissez un type d'aide ou un service, pas les deux."))
        return attrs


class CommuneCoverageSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Code INSEE de la commune.")
    name = serializers.CharField()
    population = serializers.IntegerField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    nearest_km = serializers.FloatField(
        allow_null=True, help_text="Distance au lieu le plus proche ; null : aucun lieu à moins de 50 km."
    )
    within_5km = serializers.IntegerField()
    within_10km = serializers.IntegerField()
    within_20km = serializers.IntegerField()


class TerritoryCoverageSerializer(serializers.Serializer):
    departement = serializers.CharField(source="departement.code")
    departement_name = serializers.CharField(source="departement.name")
    key = serializers.CharField(help_text="all, un code de type d'aide ou de service.")
    population = serializers.IntegerField()
    far_km = serializers.SerializerMethodField()
    far_population = serializers.IntegerField(help_text="Habitants à plus de far_km d'un lieu.")
    far_share = serializers.FloatField(help_text="Leur part de la population, en pourcentage.")
    far_communes = serializers.IntegerField()
    computed_at = serializers.DateTimeField(allow_null=True)
    communes = CommuneCoverageSerializer(many=True, help_text="Les moins couvertes d'abord.")

    def get_far_km(self, obj) -> int:
        return FAR_KM


class CoverageView(APIView):
    """Coverage of a département: for each commune, the distance to the nearest published place offering a kind
    of help (or a service) and the number of such places within 5, 10 and 20 km; the least covered first,
    with the share of the population living more than 10 km from such a place. `?format=csv` for a table."""

    # Public on purpose: aggregate figures about public places, for collectivités and hubs without an account.
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, CoverageCSVRenderer]
    pagination_class = None

    @extend_schema(
        parameters=[
            CoverageQuerySerializer,
            OpenApiParameter(
                "format", OpenApiTypes.STR, enum=["json", "csv"], description="json (défaut) ou csv"
            ),
        ],
        responses={
            200: TerritoryCoverageSerializer,
            400: OpenApiResponse(description="Paramètre manquant ou invalide"),
            404: OpenApiResponse(description="Département inconnu"),
        },
    )
    def get(self, request):
        query = CoverageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        departement = get_object_or_404(Departement, code=query.validated_data["departement"])
        territory = territory_coverage(departement, key_for(**_filters(query.validated_data)))
        return Response(TerritoryCoverageSerializer(territory).data)


def _filters(data: dict) -> dict:
    return {name: data[name] for name in ("offer", "service") if data.get(name)}
