"""The pages a public service owes: legal notice, personal data, accessibility statement."""

from django.urls import path

from pages.views import InformationPage

app_name = "pages"
urlpatterns = [
    path(
        "mentions-legales/",
        InformationPage.as_view(template_name="pages/legal_notice.html"),
        name="legal_notice",
    ),
    path(
        "donnees-personnelles/",
        InformationPage.as_view(template_name="pages/personal_data.html"),
        name="personal_data",
    ),
    path(
        "accessibilite/",
        InformationPage.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
]
