"""Mails of the site: a subject and a plain-text body rendered from templates."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_templated_mail(*, to: list[str], subject: str, template: str, context: dict) -> None:
    """Send one plain-text mail; the console shows it when no SMTP server is configured."""
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
