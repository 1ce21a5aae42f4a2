from django.urls import path

from mediators import views

app_name = "mediators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("nouveau-lieu/", views.propose, name="propose"),
    path("verifier/<str:token>/", views.verify_link, name="verify_link"),
    path("lieux/<slug:slug>/", views.edit, name="edit"),
    path("lieux/<slug:slug>/toujours-exact/", views.verify, name="verify"),
    path("lieux/<slug:slug>/demander/", views.claim, name="claim"),
    path("lieux/<slug:slug>/inviter/", views.invite, name="invite"),
    path(
        "lieux/<slug:slug>/gestionnaires/<int:user_id>/retirer/", views.remove_manager, name="remove_manager"
    ),
    path("lieux/<slug:slug>/historique/", views.place_history, name="history"),
    path("lieux/<slug:slug>/historique/<int:history_id>/retablir/", views.restore, name="restore"),
    path("lieux/<slug:slug>/retirer/", views.unpublish, name="unpublish"),
]
