"""Claiming a place, inviting a colleague: how a person becomes one of a place's managers."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import send_confirmation_mail, send_templated_mail
from accounts.models import User
from places.models import Claim, Place, PlaceManager


def add_manager(place: Place, user: User, *, invited_by: User | None = None) -> PlaceManager:
    manager, _created = PlaceManager.objects.get_or_create(
        place=place, user=user, defaults={"invited_by": invited_by}
    )
    return manager


def remove_manager(*, place: Place, user_id: int) -> User | None:
    """Take a person off the place's managers (the history keeps who did it and when); None if they were not
    one."""
    role = place.place_managers.select_related("user").filter(user_id=user_id).first()
    if role is None:
        return None
    role.delete()
    return role.user


def request_claim(*, place: Place, user: User, message: str = "") -> Claim:
    """Granted at once when the person's confirmed address is the place's or on its domain; else pending."""
    granted = user.email_confirmed and place.matches_email(user.email)
    with transaction.atomic():
        existing = place.claims.pending().filter(user=user).first()
        if existing:
            return existing
        claim = Claim.objects.create(
            place=place,
            user=user,
            message=message,
            status=Claim.Status.GRANTED if granted else Claim.Status.PENDING,
            decided_at=timezone.now() if granted else None,
        )
        if granted:
            add_manager(place, user)
    return claim


def decide_claim(*, claim: Claim, moderator: User, grant: bool, message: str = "") -> None:
    """A moderator's decision, mailed to the person who asked."""
    with transaction.atomic():
        claim.status = Claim.Status.GRANTED if grant else Claim.Status.REFUSED
        claim.decided_by, claim.decided_at, claim.decision_message = moderator, timezone.now(), message
        claim.save()
        if grant:
            add_manager(claim.place, claim.user)
    send_templated_mail(
        to=[claim.user.email],
        subject=_("Votre demande pour « %(place)s »") % {"place": claim.place.name},
        template="mediators/mail/claim_decided.txt",
        context={"claim": claim, "link": settings.SITE_URL + reverse("mediators:dashboard")},
    )


def invite_manager(*, place: Place, email: str, invited_by: User) -> PlaceManager | None:
    """Make a colleague a manager; a person without an account gets one, to confirm by the mailed link (and an
    account never confirmed gets a new link). None, and no mail, when the person manages the place already."""
    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is not None and place.managers.filter(pk=user.pk).exists():
            return None
        created = user is None
        if created:
            try:
                user = User.objects.create_user(username=email, email=email, password=None, is_active=False)
            except IntegrityError:  # the same address invited twice at once
                user = User.objects.get_by_email(email)
                created = False
        manager = add_manager(place, user, invited_by=invited_by)
    context = {"place": place, "invited_by": invited_by}
    if created or user.never_confirmed:
        send_confirmation_mail(
            user,
            template="mediators/mail/invitation_new_account.txt",
            subject=_("Invitation à gérer la fiche « %(place)s »") % {"place": place.name},
            **context,
        )
    else:
        send_templated_mail(
            to=[user.email],
            subject=_("Vous gérez désormais « %(place)s »") % {"place": place.name},
            template="mediators/mail/invitation.txt",
            context={**context, "link": settings.SITE_URL + reverse("mediators:dashboard")},
        )
    return manager
