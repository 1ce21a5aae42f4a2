from django.urls import path

from coverage.api import CoverageView

urlpatterns = [path("", CoverageView.as_view(), name="coverage-api")]
