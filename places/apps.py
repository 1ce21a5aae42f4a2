from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = "Lieux"

    def ready(self):
        import places.admin  # noqa: F401  (see SimpleAdminConfig in settings)
