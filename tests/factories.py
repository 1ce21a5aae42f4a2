"""Test data made in code: valid by default, any field overridable."""

import datetime
import itertools

from places.models import Place

_numbers = itertools.count(1)


def make_place(**fields) -> Place:
    number = next(_numbers)
    values = {
        "name": f"Médiathèque test {number}",
        "address": "1 place de l'Hôtel de Ville",
        "postal_code": "80000",
        "commune": "Amiens",
        "insee_code": "80021",
        "departement": "80",
        "latitude": 49.8942,
        "longitude": 2.2957,
        "updated_on": datetime.date(2024, 1, 15),
    }
    values.update(fields)
    place = Place(**values)
    place.full_clean()
    place.save()
    return place


def make_user(email: str | None = None, *, password: str = "motdepasse-solide-42", **fields):
    """An active account with a confirmed address (override email_confirmed/is_active to vary)."""
    from accounts.models import User

    email = email or f"mediateur{next(_numbers)}@example.org"
    fields.setdefault("email_confirmed", True)
    return User.objects.create_user(username=email, email=email, password=password, **fields)


def make_moderator(*, departements: list[str] = (), insee_codes: list[str] = (), **fields):
    from moderation.models import Territory

    user = make_user(**fields)
    Territory.objects.create(
        user=user, name="Hub test", departements=list(departements), insee_codes=list(insee_codes)
    )
    return user


def make_partner_token(*, departements: list[str], email: str = "partenaire@example.org"):
    """A partner's account and API token; returns (token, key), the key in clear as shown once in the admin."""
    from accounts.models import User
    from partners.models import PartnerToken

    user = User.objects.create_user(username=email, email=email)  # no password: no slow hashing
    token = PartnerToken(user=user, name="Département de test", departements=departements)
    key = token.set_new_key()
    token.save()
    return token, key


def auth(key: str, keyword: str = "Token") -> dict:
    """The test client's header for a partner's API key."""
    return {"HTTP_AUTHORIZATION": f"{keyword} {key}"}
