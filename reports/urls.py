from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [path("lieux/<slug:slug>/signaler/", views.report_error, name="report")]
