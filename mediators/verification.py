"""Confirming a listing unchanged ("still correct"), in one click or from a signed link in a reminder."""

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import send_templated_mail
from accounts.models import User
from places.models import Place, PlaceManager

SALT = "mediators.verify-place"


def confirm_unchanged(*, place: Place, user: User, source: str) -> None:
    place.verified_on = timezone.localdate()
    place.save_change(user=user, source=source)


def verification_token(place: Place, user: User) -> str:
    return signing.dumps({"place": place.pk, "user": user.pk}, salt=SALT)


def read_verification_token(token: str) -> tuple[Place, User] | None:
    """The place and manager of a valid, unexpired link whose signer still manages the place."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=datetime.timedelta(days=settings.VERIFICATION_LINK_MAX_AGE_DAYS)
        )
    except signing.BadSignature:  # also SignatureExpired
        return None
    role = (
        PlaceManager.objects.select_related("place", "user")
        .filter(place=data.get("place"), user=data.get("user"))
        .first()
    )
    if role is None or not role.user.is_active:
        return None
    return role.place, role.user


def send_reminders(*, days: int, interval_days: int) -> list[tuple[str, str]]:
    """Mail each manager of a published listing unconfirmed for `days`, at most every `interval_days`.

    Returns the (address, place name) pairs mailed.
    """
    today = timezone.localdate()
    roles = (
        PlaceManager.objects.filter(place__in=Place.objects.published().stale(days), user__is_active=True)
        .exclude(reminded_on__gt=today - datetime.timedelta(days=interval_days))
        .select_related("place", "user")
        .order_by("user_id", "place__name")
    )
    sent = []
    for role in roles:
        link = settings.SITE_URL + reverse(
            "mediators:verify_link", args=[verification_token(role.place, role.user)]
        )
        send_templated_mail(
            to=[role.user.email],
            subject=_("Les informations de « %(place)s » sont-elles toujours à jour ?")
            % {"place": role.place.name},
            template="mediators/mail/reminder.txt",
            context={
                "place": role.place,
                "link": link,
                "edit_link": settings.SITE_URL + reverse("mediators:edit", args=[role.place.slug]),
                "max_age_days": settings.VERIFICATION_LINK_MAX_AGE_DAYS,
            },
        )
        role.reminded_on = today
        # Bookkeeping, not a change of who manages the place: no history record.
        role.save_without_historical_record(update_fields=["reminded_on", "updated_at"])
        sent.append((role.user.email, role.place.name))
    return sent
