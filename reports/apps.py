from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Signalements")

    def ready(self):
        import reports.admin  # noqa: F401  (see SimpleAdminConfig in settings)
