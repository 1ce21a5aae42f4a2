from django.urls import path

from coverage import views

app_name = "coverage"
urlpatterns = [
    path("couverture/", views.coverage_index, name="index"),
    path("couverture/<str:code>/", views.coverage_departement, name="departement"),
    path("couverture/<str:code>/statistiques/", views.coverage_statistics, name="statistics"),
]
