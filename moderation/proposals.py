"""A moderator's decision on a place proposed by a mediator."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.mail import send_templated_mail
from accounts.models import User
from places import choices
from places.models import ChangeSource, Place


def decide_proposal(*, place: Place, moderator: User, accept: bool, message: str = "") -> None:
    """Publish the place, or refuse it (closed: it stays in the history); its proposers are mailed."""
    place.status = choices.Status.PUBLISHED if accept else choices.Status.CLOSED
    place.save_change(user=moderator, source=ChangeSource.MODERATOR)
    recipients = [user.email for user in place.managers.filter(is_active=True)]
    if recipients:
        send_templated_mail(
            to=recipients,
            subject=_("Le lieu « %(place)s » que vous avez proposé") % {"place": place.name},
            template="moderation/mail/proposal_decided.txt",
            context={
                "place": place,
                "accepted": accept,
                "message": message,
                "link": settings.SITE_URL + reverse("mediators:edit", args=[place.slug]),
            },
        )
