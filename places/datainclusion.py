"""Places in the shape of data·inclusion (schema v1): each place is one structure plus one service.

The mapping follows data·inclusion's own reading of the mediation standard: services → thématiques
`numerique--…`, fees → frais, publics, access modes → modes de mobilisation. Streamed, in constant memory.
"""

import json
import re
import tempfile
from collections.abc import Callable, Iterator

from places.models import Place
from places.validation import NO_SIRET

SPOOL_BYTES = 4 * 1024 * 1024  # the services of about 4,000 places in memory, more on disk
SPOOL_READ_CHARS = 64 * 1024

SOURCE = "mediation-numerique"
THEMATIQUES = {
    "demarches": "numerique--acceder-a-des-services-en-ligne",
    "acces_internet": "numerique--acceder-a-une-connexion-internet",
    "materiel_solidaire": "numerique--acquerir-un-equipement",
}
FONDAMENTAUX = "numerique--maitriser-les-fondamentaux-du-numerique"
PUBLICS = {
    "jeunes": "jeunes",
    "etudiants": "etudiants",
    "familles": "familles",
    "seniors": "seniors",
    "femmes": "femmes",
}
HANDICAP_NEEDS = {"surdite", "handicap_moteur", "handicap_mental", "deficience_visuelle"}
MOBILISATION = {
    "se_presenter": "se-presenter",
    "telephoner": "telephoner",
    "contacter_par_mail": "envoyer-un-courriel",
    "fiche_prescription": "envoyer-un-courriel",
    "rdv_en_ligne": "utiliser-lien-mobilisation",
}


def _name(text: str) -> str:
    """3 to 150 characters, not ending with a full stop (data·inclusion's rule for a structure's name): a
    shorter name says what the place is after it."""
    name = re.sub(r"[\s.]+$", "", text[:150]) or "Lieu de médiation numérique"
    return name if len(name) >= 3 else f"{name} (médiation numérique)"


def _location(place: Place) -> dict:
    return {
        "adresse": place.address or None,
        "complement_adresse": place.address_complement or None,
        "code_postal": place.postal_code or None,
        "code_insee": place.insee_code or None,
        "commune": place.commune or None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "telephone": place.phone or None,
        "courriel": place.emails[0] if place.emails else None,
        "horaires_accueil": place.opening_hours or None,
        "date_maj": place.updated_on.isoformat(),
    }


def structure(place: Place, page_url: str) -> dict:
    """The place as a data·inclusion structure."""
    # A SIRET only: the pivot may be a SIREN (9 digits) or an RNA number, which data·inclusion refuses there.
    siret = place.pivot if re.fullmatch(r"[0-9]{14}", place.pivot) and place.pivot != NO_SIRET else None
    return {
        "source": SOURCE,
        "id": f"{SOURCE}--{place.pk}",
        "nom": _name(place.name),
        "siret": siret,
        "description": _description(place),
        "site_web": place.websites[0] if place.websites else None,
        "lien_source": page_url,
        "accessibilite_lieu": place.acceslibre_url or None,
        "reseaux_porteurs": None,
        **_location(place),
    }


def _thematiques(place: Place) -> list[str]:
    themes = [THEMATIQUES.get(code, FONDAMENTAUX) for code in place.services]
    return list(dict.fromkeys(themes)) or [FONDAMENTAUX]


def _publics(place: Place) -> list[str]:
    publics = [PUBLICS[code] for code in place.publics if code in PUBLICS]
    if HANDICAP_NEEDS & set(place.needs):
        publics.append("personnes-en-situation-de-handicap")
    return publics or ["tous-publics"]


def _description(place: Place) -> str:
    text = place.description or place.summary
    if len(text) >= 5:
        return text[:10000]
    return f"Aide au numérique à {place.commune} : accompagnement, médiation, formation ou accès libre."


def service(place: Place, page_url: str) -> dict:
    """The place's help, as one data·inclusion service of its structure."""
    fees = set(place.fees)
    modes = ["a-distance"] if place.support_modes == ["distance"] else ["en-presentiel"]
    if "distance" in place.support_modes and modes != ["a-distance"]:
        modes.append("a-distance")
    mobilisation = list(
        dict.fromkeys(MOBILISATION[code] for code in place.access_modes if code in MOBILISATION)
    )
    if not place.booking_url and "utiliser-lien-mobilisation" in mobilisation:
        mobilisation.remove("utiliser-lien-mobilisation")
    return {
        "source": SOURCE,
        "id": f"{SOURCE}--{place.pk}",
        "structure_id": f"{SOURCE}--{place.pk}",
        "nom": "Médiation numérique",
        "description": _description(place),
        "type": "formation" if place.offers == ["training"] else "accompagnement",
        "thematiques": _thematiques(place),
        "frais": "payant" if fees == {"payant"} else ("gratuit" if fees else None),
        "publics": _publics(place),
        "modes_accueil": modes,
        "modes_mobilisation": mobilisation or None,
        "lien_mobilisation": place.booking_url or None,
        "lien_source": page_url,
        **_location(place),
    }


def iter_json(queryset, *, page_url: Callable[[Place], str]) -> Iterator[str]:
    """`{"structures": [...], "services": [...]}` from one read of the places, in chunks: the structures are
    streamed as they are read, the services wait in a temporary file (in memory up to SPOOL_BYTES, then on
    disk) and follow. One read is one snapshot, so each service has its structure, and no transaction stays
    open while a slow client downloads (it would hold back PostgreSQL's vacuum, and a replica cancels it)."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8") as services:
        yield '{"structures": ['
        separator = ""
        for place in queryset.order_by("pk").iterator(chunk_size=2000):
            url = page_url(place)
            yield separator + json.dumps(structure(place, url), ensure_ascii=False)
            services.write(separator + json.dumps(service(place, url), ensure_ascii=False))
            separator = ","
        yield '], "services": ['
        services.seek(0)
        while chunk := services.read(SPOOL_READ_CHARS):
            yield chunk
    yield "]}"
