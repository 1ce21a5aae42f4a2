"""Mails of the site: a subject and a plain-text body rendered from templates."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import tokens


def send_templated_mail(*, to: list[str], subject: str, template: str, context: dict) -> None:
    """Send one plain-text mail; the console shows it when no SMTP server is configured."""
    body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def send_confirmation_mail(
    user, *, template: str = "accounts/mail/confirm_email.txt", subject: str = "", **context
) -> None:
    """The link that confirms a new account's address (and activates it), mailed to that address."""
    link = settings.SITE_URL + reverse("accounts:confirm", args=[tokens.confirmation_token(user)])
    send_templated_mail(
        to=[user.email],
        subject=subject or _("Confirmez votre adresse e-mail"),
        template=template,
        context={"user": user, "link": link, **context},
    )
