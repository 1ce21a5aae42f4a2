from django.urls import path

from places import views, views_embed, views_map

app_name = "places"
urlpatterns = [
    path("", views.place_map, name="list"),
    path("lieux/<slug:slug>/", views.place_detail, name="detail"),
    path("lieux/<slug:slug>/fiche/", views.place_sheet, name="sheet"),
    path("facile/", views.easy_read, name="easy_read"),
    path("carte/points.json", views_map.points, name="points"),
    path("carte/lieux/<int:pk>/", views_map.popup, name="popup"),
    path("recherche/suggestions.json", views_map.suggestions, name="suggestions"),
    path("embed/", views_embed.embed, name="embed"),
    path("embed/generateur/", views_embed.embed_generator, name="embed_generator"),
]
