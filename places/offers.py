"""The kinds of help a place offers, derived from the standard's fields when a source doesn't say.

The national strategy reads an offer as assistance (someone does the procedure with or for the person),
médiation (individual help toward autonomy), formation (learning, workshops, the pass numérique) and accès
libre (equipment and connection in self-service).
"""

from places.choices import Offer, Programme, Service, SupportMode

LEARNING_SERVICES = {
    Service.OUTILS,
    Service.INSERTION,
    Service.SECURITE,
    Service.PARENTALITE,
    Service.LOISIRS,
    Service.COMPREHENSION,
}


def derive_offers(
    *,
    services: list[str],
    support_modes: list[str],
    programmes: list[str],
    pass_numerique: bool = False,
    training_labels: list[str] = (),
    on_behalf: bool = False,
) -> list[str]:
    """The kinds of help, in the enumeration's order. `on_behalf`: the source says « A ma place »."""
    offers = set()
    if (
        on_behalf
        or Service.DEMARCHES in services
        or {Programme.AIDANTS_CONNECT, Programme.FRANCE_SERVICES} & set(programmes)
    ):
        offers.add(Offer.ASSISTANCE)
    if {SupportMode.INDIVIDUEL, SupportMode.DISTANCE} & set(
        support_modes
    ) or Programme.CONSEILLERS in programmes:
        offers.add(Offer.MEDIATION)
    if (
        SupportMode.ATELIER in support_modes
        or pass_numerique
        or training_labels
        or {Programme.PIX, Programme.GEN} & set(programmes)
    ):
        offers.add(Offer.TRAINING)
    if SupportMode.AUTONOMIE in support_modes or Service.ACCES_INTERNET in services:
        offers.add(Offer.FREE_ACCESS)
    if not support_modes and LEARNING_SERVICES & set(services):
        offers.add(Offer.MEDIATION)  # learning services with no stated form: individual help is the norm
    return [offer.value for offer in Offer if offer in offers]
