from django.urls import path

from moderation import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("demandes/<int:pk>/", views.claim_decision, name="claim_decision"),
    path("propositions/<slug:slug>/", views.proposal_decision, name="proposal_decision"),
    path("signalements/<int:pk>/", views.report_handled, name="report_handled"),
]
