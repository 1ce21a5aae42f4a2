from django.apps import AppConfig


class MediatorsConfig(AppConfig):
    name = "mediators"
    verbose_name = "Espace des médiateurs"
