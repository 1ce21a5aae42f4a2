from django.conf import settings
from django.views.generic import TemplateView


class InformationPage(TemplateView):
    """A page of information whose particulars (publisher, host, retention periods) come from settings."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            operator=settings.SITE_OPERATOR,
            # What the purge command (reports: purge_report_personal_data) actually applies.
            error_report_retention_months=settings.REPORTS_RETENTION_MONTHS,
            # django-axes deletes failed attempts once their lock-out time is over.
            login_attempts_minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            **kwargs,
        )
