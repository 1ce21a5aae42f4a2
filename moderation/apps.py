from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Modération"

    def ready(self):
        import moderation.admin  # noqa: F401  (see SimpleAdminConfig in settings)
