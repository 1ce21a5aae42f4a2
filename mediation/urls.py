from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("compte/", include("accounts.urls")),
    path("espace/", include("mediators.urls")),
    path("moderation/", include("moderation.urls")),
    path("api/v1/coverage/", include("coverage.api_urls")),
    path("api/v1/", include("places.api_urls")),
    path("", include("ops.urls")),
    path("", include("pages.urls")),
    path("", include("coverage.urls")),
    path("", include("places.urls")),
    path("", include("reports.urls")),
]

# JSON under /api/, French pages elsewhere (ops.views.error_response).
handler400 = "ops.views.bad_request"
handler403 = "ops.views.permission_denied"
handler404 = "ops.views.page_not_found"
handler500 = "ops.views.server_error"
