from django.contrib import admin

from moderation.models import Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "departements"]
    search_fields = ["name", "user__email"]
    autocomplete_fields = ["user"]
