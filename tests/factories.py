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


def make_partner_token(*, departements: list[str], email: str = "partenaire@example.org"):
    """A partner's account and API token; returns (token, key), the key in clear as shown once in the admin."""
    from accounts.models import User
    from partners.models import PartnerToken

    user = User.objects.create_user(username=email, email=email)  # no password: no slow hashing
    token = PartnerToken(user=user, name="Département de test", departements=departements)
    key = token.set_new_key()
    token.save()
    return token, key
