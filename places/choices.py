"""The enumerations of the national standard v1.0.2 (« Schéma de données des lieux de médiation numérique »).

Each value has a short code (used in the database, the API and URLs) and, as its label, the standard's exact
French string (used in exports). Never reorder the members of an enumeration stored in a ChoiceSetField:
their position is their bit in the database; add new members at the end.
"""

import json
import re
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode

DATA_DIR = Path(__file__).resolve().parent / "data"


class Offer(models.TextChoices):
    """The kinds of help, as the national strategy reads a place's offer."""

    ASSISTANCE = "assistance", _("Assistance")
    MEDIATION = "mediation", _("Médiation")
    TRAINING = "training", _("Formation")
    FREE_ACCESS = "free_access", _("Accès libre")


class Service(models.TextChoices):
    DEMARCHES = "demarches", _("Aide aux démarches administratives")
    OUTILS = "outils_quotidien", _("Maîtrise des outils numériques du quotidien")
    INSERTION = "insertion_pro", _("Insertion professionnelle via le numérique")
    SECURITE = "securite", _("Utilisation sécurisée du numérique")
    PARENTALITE = "parentalite", _("Parentalité et éducation avec le numérique")
    LOISIRS = "loisirs", _("Loisirs et créations numériques")
    COMPREHENSION = "comprendre", _("Compréhension du monde numérique")
    ACCES_INTERNET = "acces_internet", _("Accès internet et matériel informatique")
    MATERIEL_SOLIDAIRE = "materiel_solidaire", _("Acquisition de matériel informatique à prix solidaire")


class Public(models.TextChoices):
    JEUNES = "jeunes", _("Jeunes")
    ETUDIANTS = "etudiants", _("Étudiants")
    FAMILLES = "familles", _("Familles et/ou enfants")
    SENIORS = "seniors", _("Seniors")
    FEMMES = "femmes", _("Femmes")


class Need(models.TextChoices):
    """« Prise en charge spécifique »."""

    SURDITE = "surdite", _("Surdité")
    HANDICAP_MOTEUR = "handicap_moteur", _("Handicaps moteurs")
    HANDICAP_MENTAL = "handicap_mental", _("Handicaps mentaux")
    ILLETTRISME = "illettrisme", _("Illettrisme")
    ANGLAIS = "langue_anglais", _("Langues étrangères (anglais)")
    AUTRES_LANGUES = "langue_autres", _("Langues étrangères (autres)")
    DEFICIENCE_VISUELLE = "deficience_visuelle", _("Déficience visuelle")


class Fee(models.TextChoices):
    GRATUIT = "gratuit", _("Gratuit")
    SOUS_CONDITION = "gratuit_sous_condition", _("Gratuit sous condition")
    PAYANT = "payant", _("Payant")


class Itinerance(models.TextChoices):
    ITINERANT = "itinerant", _("Itinérant")
    FIXE = "fixe", _("Fixe")


class Programme(models.TextChoices):
    """« Dispositifs et programmes nationaux »."""

    AIDANTS_CONNECT = "aidants_connect", _("Aidants Connect")
    BNR = "bibliotheques_numerique_reference", _("Bibliothèques numérique de référence")
    PIX = "certification_pix", _("Certification PIX")
    CONSEILLERS = "conseillers_numeriques", _("Conseillers numériques")
    EMMAUS = "emmaus_connect", _("Emmaüs Connect")
    FRANCE_SERVICES = "france_services", _("France Services")
    GEN = "grande_ecole_numerique", _("Grande école du numérique")
    CROIX_ROUGE = "croix_rouge", _("La Croix Rouge")
    CAF = "point_acces_caf", _("Point d'accès numérique CAF")
    PROMENEURS = "promeneurs_du_net", _("Promeneurs du net")
    RELAIS_EMMAUS = "relais_numerique_emmaus", _("Relais numérique (Emmaüs Connect)")


class TrainingLabel(models.TextChoices):
    MON_ESPACE_SANTE = "mon_espace_sante", _("Formé à « Mon Espace Santé »")
    DUPLEX = "duplex", _("Formé à « DUPLEX » (illettrisme)")
    ARNIA = "arnia_mednum_bfc", _("Arnia/MedNum BFC (Bourgogne-Franche-Comté)")
    REEMPLOI_NORMANDIE = "reemploi_normandie", _("Collectif ressources et acteurs réemploi (Normandie)")
    ETAPES_NUMERIQUES = "etapes_numeriques", _("Étapes numériques (La Poste)")
    FABRIQUES = "fabriques_territoire", _("Fabriques de Territoire")
    ECLAIREURS = "eclaireurs_numerique", _("Les Éclaireurs du numérique (Drôme)")
    MES_PAPIERS = "mes_papiers", _("Mes Papiers (Métropole de Lyon)")
    ORDI_3 = "ordi_3", _("ORDI 3.0")
    SUD_LABS = "sud_labs", _("SUD LABS (PACA)")


class AccessMode(models.TextChoices):
    """« Modalités d'accès »."""

    SE_PRESENTER = "se_presenter", _("Se présenter")
    TELEPHONER = "telephoner", _("Téléphoner")
    MAIL = "contacter_par_mail", _("Contacter par mail")
    RDV_EN_LIGNE = "rdv_en_ligne", _("Prendre un RDV en ligne")
    PAS_DE_PUBLIC = "pas_de_public", _("Ce lieu n'accueille pas de public")
    PRESCRIPTION = "fiche_prescription", _("Envoyer un mail avec une fiche de prescription")


class SupportMode(models.TextChoices):
    """« Modalités d'accompagnement »."""

    AUTONOMIE = "autonomie", _("En autonomie")
    INDIVIDUEL = "individuel", _("Accompagnement individuel")
    ATELIER = "atelier", _("Dans un atelier collectif")
    DISTANCE = "distance", _("À distance")


class Status(models.TextChoices):
    PUBLISHED = "published", _("Publié")
    DRAFT = "draft", _("Brouillon")
    CLOSED = "closed", _("Fermé définitivement")


def normalize_label(text: str) -> str:
    """Lowercase ASCII with single spaces and no punctuation: « Étapes numériques(La Poste) » matches."""
    text = unidecode(str(text)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


# Legacy (v0.1) and producers' labels that the official mapping and the domain notes map onto v1 values.
EXTRA_ALIASES: dict[type[models.TextChoices], dict[str, str]] = {
    Programme: {
        "CNFS": Programme.CONSEILLERS,
        "Conseiller numérique": Programme.CONSEILLERS,
        "Conseillers numériques France Services": Programme.CONSEILLERS,
        "France Service": Programme.FRANCE_SERVICES,
        "Espace France Services": Programme.FRANCE_SERVICES,
        "Point relais CAF": Programme.CAF,
        "Aidants Connect": Programme.AIDANTS_CONNECT,
        "Pix": Programme.PIX,
    },
    Fee: {"Adhésion": Fee.PAYANT},
    Public: {"Familles/enfants": Public.FAMILLES, "Jeunes (16-26 ans)": Public.JEUNES},
    Itinerance: {"Oui": Itinerance.ITINERANT, "Non": Itinerance.FIXE, "Mobile": Itinerance.ITINERANT},
    SupportMode: {
        "Seul": SupportMode.AUTONOMIE,
        "Avec de l'aide": SupportMode.INDIVIDUEL,
        "A ma place": SupportMode.INDIVIDUEL,
        "Dans un atelier": SupportMode.ATELIER,
    },
}

MAPPING_FIELDS: dict[str, type[models.TextChoices]] = {
    "services": Service,
    "frais_a_charge": Fee,
    "modalites_accompagnement": SupportMode,
    "publics_specifiquement_adresses": Public,
    "prise_en_charge_specifique": Need,
    "dispositif_programmes_nationaux": Programme,
}


@cache
def _aliases(enum: type[models.TextChoices]) -> dict[str, list[str]]:
    """Normalised label → codes, from the enumeration itself, the official v0.1 → v1 mapping and extras."""
    from django.utils import translation

    table: dict[str, list[str]] = {}

    def add(label: str, code: str) -> None:
        codes = table.setdefault(normalize_label(label), [])
        if code not in codes:
            codes.append(code)

    with translation.override("fr"):
        for member in enum:
            add(member.value, member.value)
            add(str(member.label), member.value)
    for label, code in EXTRA_ALIASES.get(enum, {}).items():
        add(label, code)
    mapping = json.loads((DATA_DIR / "mednum-cli_v0.1-to-v1_mapping.json").read_text(encoding="utf-8"))
    for field, target in MAPPING_FIELDS.items():
        if target is not enum:
            continue
        for rule in mapping[field]:
            code = table[normalize_label(rule["cible"])][0]
            for term in rule["termes"]:
                add(term, code)
                add(term.split(" : ")[0], code)  # « Gratuit : Je peux accéder… » is also written « Gratuit »
    return table


def match_label(enum: type[models.TextChoices], text: str) -> list[str]:
    """The codes a label means, matched leniently (case, accents, spacing); [] when unknown."""
    return list(_aliases(enum).get(normalize_label(text), []))


@cache
def structure_types() -> dict[str, str]:
    """The 95 typologie codes of the national library and data·inclusion, with their labels."""
    rows = json.loads((DATA_DIR / "typologies_structures.json").read_text(encoding="utf-8"))
    return {row["value"]: row["label"] for row in rows}
