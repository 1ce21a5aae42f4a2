from django.contrib import admin

from reports.models import ErrorReport


@admin.register(ErrorReport)
class ErrorReportAdmin(admin.ModelAdmin):
    list_display = ["place", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["place"]
