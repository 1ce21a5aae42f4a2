from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Comptes"

    def ready(self):
        import accounts.admin  # noqa: F401  (see SimpleAdminConfig in settings)
