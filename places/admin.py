from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from places.models import (
    OFFER_FIELDS,
    ChangeSource,
    Claim,
    Closure,
    Commune,
    Departement,
    Place,
    PlaceManager,
    PlaceSource,
)


class PlaceSourceInline(admin.TabularInline):
    model = PlaceSource
    extra = 0
    fields = ["source", "external_id", "updated_at"]
    readonly_fields = ["updated_at"]


class PlaceManagerInline(admin.TabularInline):
    model = PlaceManager
    fk_name = "place"
    extra = 0
    fields = ["user", "role", "invited_by", "created_at"]
    readonly_fields = ["invited_by", "created_at"]
    raw_id_fields = ["user"]


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "commune", "postal_code", "departement", "status", "updated_on", "verified_on"]
    list_filter = ["status", "departement", "location_is_approximate", "pass_numerique", "sources__source"]
    search_fields = [
        "name",
        "commune",
        "postal_code",
        "address",
        "insee_code",
        "pivot",
        "sources__external_id",
    ]
    readonly_fields = ["slug", "created_at", "updated_at", "location_map"]
    inlines = [PlaceSourceInline, PlaceManagerInline, ClosureInline]
    list_per_page = 50
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"}
    }  # Django 6's default, without its warning
    show_full_result_count = False
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "status", "pivot", "parent_structure", "structure_types", "source"]},
        ),
        (
            _("Adresse et position"),
            {
                "fields": [
                    "address",
                    "address_complement",
                    "postal_code",
                    "commune",
                    "insee_code",
                    "departement",
                    "latitude",
                    "longitude",
                    "location_is_approximate",
                    "location_map",
                ]
            },
        ),
        (
            _("Contact"),
            {"fields": ["phone", "emails", "websites", "booking_url", "acceslibre_url", "opening_hours"]},
        ),
        (_("Présentation"), {"fields": ["summary", "description"]}),
        (
            _("Offre"),
            {"fields": OFFER_FIELDS},
        ),
        (_("Suivi"), {"fields": ["updated_on", "verified_on", "created_at", "updated_at"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # a place is only ever unpublished (status), so that its history stays

    def save_model(self, request, obj, form, change):
        obj.save_change(user=request.user, source=ChangeSource.STAFF)

    @admin.display(description=_("carte"))
    def location_map(self, place):
        from django.template.loader import render_to_string

        return render_to_string("admin/places/location_map.html", {"place": place})


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "departement", "population"]
    list_filter = ["kind", "departement"]
    search_fields = ["code", "name", "postal_codes"]


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region_name"]


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["place", "user", "status", "created_at", "decided_by"]
    list_select_related = ["place", "user", "decided_by"]
    list_filter = ["status"]
    search_fields = ["place__name", "user__email"]
    raw_id_fields = ["place", "user", "decided_by"]
