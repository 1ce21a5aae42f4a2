from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("compte/", include("accounts.urls")),
    path("espace/", include("mediators.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("places.urls")),
]
