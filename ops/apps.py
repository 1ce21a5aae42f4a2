from django.apps import AppConfig
from django.core.signals import request_finished


def forget_request_id(**kwargs) -> None:
    from ops.logs import request_id

    request_id.set("")


class OpsConfig(AppConfig):
    """Running the app in production: health checks, request logs, database outages answered fast."""

    name = "ops"
    verbose_name = "Exploitation"

    def ready(self) -> None:
        request_finished.connect(forget_request_id, dispatch_uid="ops.forget_request_id")
