"""What a person should bring to a place, from what the place offers: the orientation sheet's list."""

from django.utils.translation import gettext_lazy as _

from places.choices import Fee, Service

IDENTITY = _("Une pièce d'identité")
LOGINS = _("Vos identifiants (adresse électronique, mots de passe, FranceConnect) si vous en avez")
PAPERS = _(
    "Les papiers de votre démarche : le courrier reçu, le numéro de dossier, et selon la démarche votre "
    "numéro fiscal, d'allocataire CAF ou de sécurité sociale"
)
CV = _("Votre CV (sur papier ou sur une clé USB) et votre identifiant France Travail si vous en avez un")
OWN_DEVICE = _("Votre téléphone, tablette ou ordinateur portable, pour apprendre sur votre propre appareil")
FILES = _("Les documents à imprimer ou à scanner, sur une clé USB ou dans vos courriels")
INCOME = _(
    "Un justificatif de vos ressources (attestation CAF, avis d'imposition) : le prix solidaire en dépend "
    "souvent"
)
PASS = _("Vos chèques « pass numérique » si vous en avez reçu")
CONDITIONS = _("Un justificatif de votre situation : la gratuité y est sous condition")
PHONE = _("Votre téléphone portable et son chargeur (pour recevoir les codes par SMS)")
# Instead of PHONE and OWN_DEVICE, which both name the phone.
PHONE_AND_DEVICE = _(
    "Votre téléphone portable et son chargeur (pour recevoir les codes par SMS), et votre tablette ou "
    "ordinateur portable si vous en avez un, pour apprendre sur votre propre appareil"
)

# What each service needs, in the order the sheet lists it.
BY_SERVICE = {
    Service.DEMARCHES: [IDENTITY, LOGINS, PAPERS],
    Service.INSERTION: [IDENTITY, LOGINS, CV],
    Service.OUTILS: [OWN_DEVICE, LOGINS],
    Service.SECURITE: [OWN_DEVICE, LOGINS],
    Service.PARENTALITE: [OWN_DEVICE, LOGINS],
    Service.COMPREHENSION: [OWN_DEVICE],
    Service.LOISIRS: [OWN_DEVICE],
    Service.ACCES_INTERNET: [FILES, LOGINS],
    Service.MATERIEL_SOLIDAIRE: [IDENTITY, INCOME],
}
# When the place does not say what it offers: what most visits need.
UNKNOWN = [IDENTITY, LOGINS, PAPERS]


def things_to_bring(place) -> list[str]:
    """The list for this place, each thing once, the phone last."""
    items = []
    for service in place.services or []:
        items += BY_SERVICE.get(service, [])
    if not items:
        items = list(UNKNOWN)
    if place.pass_numerique:
        items.append(PASS)
    if Fee.SOUS_CONDITION in (place.fees or []):
        items.append(CONDITIONS)
    if OWN_DEVICE in items:  # the phone once: with the visitor's own device, last
        items = [item for item in items if item != OWN_DEVICE] + [PHONE_AND_DEVICE]
    else:
        items.append(PHONE)
    return [str(item) for item in dict.fromkeys(items)]
