"""The mediators' space: their places, editing a listing, claims, colleagues, history. Thin views: the
rules are Place's methods (can_be_edited_by...) and the modules claims, history, verification."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mediators import claims, history, verification
from mediators.forms import ClaimForm, ClosureFormSet, InviteForm, PlaceForm, WeekHoursForm
from mediators.geocoding import GeocodingError, geocode_address
from places import choices
from places.communes import departement_of, find_commune
from places.models import ChangeSource, Place


def member_required(view):
    """Anonymous visitors are sent to the login page when they read, refused (403) when they write."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.method in ("GET", "HEAD"):
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _place(slug: str, user, allowed) -> Place:
    place = get_object_or_404(Place, slug=slug)
    if not allowed(place, user):
        raise PermissionDenied
    return place


def change_source(place: Place, user) -> str:
    """A manager writes as a mediator, staff as staff, a moderator of the territory as a moderator."""
    if place.is_managed_by(user):
        return ChangeSource.MEDIATOR
    return ChangeSource.STAFF if user.is_staff else ChangeSource.MODERATOR


@member_required
def dashboard(request):
    """The places the person manages, their pending claims, and a search to find a place to claim."""
    query = request.GET.get("q", "").strip()
    found = Place.objects.exclude(status=choices.Status.DRAFT).search(query)[:20] if len(query) >= 2 else None
    return render(
        request,
        "mediators/dashboard.html",
        {
            "places": Place.objects.managed_by(request.user).order_by("name"),
            "pending_claims": request.user.claims.pending().select_related("place"),
            "query": query,
            "found": found,
        },
    )


@member_required
def edit(request, slug):
    """The listing in a form made for people, with the week of hours and the closures; all or nothing."""
    place = _place(slug, request.user, Place.can_be_edited_by)
    data = request.POST if request.method == "POST" else None
    form = PlaceForm(data, instance=place, prefix="place")
    hours = WeekHoursForm(data, opening_hours=place.opening_hours, prefix="hours")
    closures = ClosureFormSet(data, instance=place, prefix="closures")
    if request.method == "POST" and form.is_valid() and hours.is_valid() and closures.is_valid():
        if _save_listing(request, place, form, hours, closures):
            messages.success(request, _saved_message(place, request.user))
            return redirect("mediators:edit", slug=place.slug)
    elif request.method == "POST":
        messages.error(
            request, _("La fiche n'est pas enregistrée : corrigez les champs signalés ci-dessous.")
        )
    return render(
        request,
        "mediators/edit.html",
        {"place": place, "form": form, "hours": hours, "closures": closures},
    )


def _saved_message(place: Place, user) -> str:
    """What the person is told once the listing is saved: where the changes can be seen, if anywhere."""
    if place.status == choices.Status.PUBLISHED:
        return _("Les modifications sont enregistrées et visibles sur la fiche publique.")
    if place.status == choices.Status.DRAFT and place.is_moderated_by(user):
        return _(
            "Les modifications sont enregistrées. La fiche n'est pas encore publique : "
            "publiez-la depuis la file de modération."
        )
    if place.status == choices.Status.DRAFT:
        return _(
            "Les modifications sont enregistrées. La fiche n'est pas encore publique : "
            "un modérateur la publiera après vérification."
        )
    return _(
        "Les modifications sont enregistrées. Ce lieu est fermé définitivement : sa fiche n'est plus publique."
    )


def _save_listing(request, place, form, hours, closures) -> bool:
    updated = form.save(commit=False)
    if form.address_changed() or form.cleaned_data.get("pin_moved"):
        if not _locate(form, updated):
            messages.error(
                request, _("La fiche n'est pas enregistrée : corrigez les champs signalés ci-dessous.")
            )
            return False
    updated.opening_hours = hours.cleaned_data["opening_hours"]
    updated.verified_on = updated.updated_on = timezone.localdate()
    with transaction.atomic():
        updated.save_change(user=request.user, source=change_source(place, request.user))
        closures.save()
    return True


def _locate(form: PlaceForm, place: Place) -> bool:
    """Place the address with the BAN, unless the person placed the pin; False (and a form error) on failure."""
    if form.cleaned_data.get("pin_moved") and place.latitude is not None:
        place.location_is_approximate = False
        commune = find_commune(postal_code=place.postal_code, name=place.commune)
        if commune is not None:  # the address may have moved to another commune, or département
            place.insee_code, place.departement = commune.code, commune.departement
        else:  # no commune of that postal code and name: the département the postal code says
            place.departement = departement_of(place.postal_code)
        return True
    try:
        found = geocode_address(address=place.address, postal_code=place.postal_code, commune=place.commune)
    except GeocodingError as error:
        form.add_error("address", str(error))
        return False
    place.latitude, place.longitude = found.latitude, found.longitude
    place.insee_code = found.insee_code or place.insee_code
    place.departement = found.departement or departement_of_postal_code(place.postal_code)
    place.location_is_approximate = False
    return True


def departement_of_postal_code(postal_code: str) -> str:
    commune = find_commune(postal_code=postal_code, name="")
    return commune.departement if commune else departement_of(postal_code)


@member_required
@require_POST
def verify(request, slug):
    """ "Still correct": the listing is confirmed unchanged today."""
    place = _place(slug, request.user, Place.can_be_edited_by)
    verification.confirm_unchanged(place=place, user=request.user, source=change_source(place, request.user))
    messages.success(request, _("Merci ! La fiche est confirmée à jour aujourd'hui."))
    return redirect("mediators:dashboard")


def verify_link(request, token):
    """The link of a reminder mail: one button confirms the listing, without logging in."""
    found = verification.read_verification_token(token)
    if found is None:
        return render(request, "mediators/verify_invalid.html", status=400)
    place, user = found
    if request.method == "POST":
        verification.confirm_unchanged(place=place, user=user, source=ChangeSource.MEDIATOR)
        return render(request, "mediators/verify_done.html", {"place": place})
    return render(request, "mediators/verify_link.html", {"place": place})


@member_required
def claim(request, slug):
    """Ask to manage a place: granted at once on a matching address, otherwise sent to the moderators."""
    place = get_object_or_404(Place.objects.exclude(status=choices.Status.DRAFT), slug=slug)
    if place.is_managed_by(request.user):
        return redirect("mediators:edit", slug=place.slug)
    if not place.can_be_claimed_by(request.user):
        raise PermissionDenied
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = claims.request_claim(place=place, user=request.user, message=form.cleaned_data["message"])
        if result.status == result.Status.GRANTED:
            messages.success(
                request, _("Votre adresse correspond à celle du lieu : vous gérez désormais sa fiche.")
            )
            return redirect("mediators:edit", slug=place.slug)
        messages.success(request, _("Votre demande est envoyée aux modérateurs du territoire."))
        return redirect("mediators:dashboard")
    return render(request, "mediators/claim.html", {"place": place, "form": form})


@member_required
@require_POST
def invite(request, slug):
    place = _place(slug, request.user, Place.can_invite_manager)
    form = InviteForm(request.POST)
    if not form.is_valid():  # the page again, the typed address kept and its error beside it
        return _history_page(request, place, invite_form=form)
    email = form.cleaned_data["email"]
    if claims.invite_manager(place=place, email=email, invited_by=request.user) is None:
        messages.info(
            request, _("%(email)s gère déjà cette fiche : aucun e-mail n'est envoyé.") % {"email": email}
        )
    else:
        messages.success(request, _("Votre collègue gère désormais cette fiche ; un e-mail l'en informe."))
    return redirect("mediators:history", slug=place.slug)


@member_required
@require_POST
def remove_manager(request, slug, user_id):
    """Take a colleague (or oneself) off the place's managers."""
    place = _place(slug, request.user, Place.can_remove_manager)
    removed = claims.remove_manager(place=place, user_id=user_id)
    if removed is None:
        raise Http404
    name = removed.get_full_name() or removed.email
    messages.success(request, _("%(name)s ne gère plus cette fiche.") % {"name": name})
    if not place.can_be_edited_by(request.user):  # one's own removal: the place's pages are closed now
        return redirect("mediators:dashboard")
    return redirect("mediators:history", slug=place.slug)


@member_required
def place_history(request, slug):
    """Every version of the listing, with its author, date and source; managers and moderators only."""
    place = _place(slug, request.user, Place.can_be_restored_by)
    return _history_page(request, place, invite_form=InviteForm())


def _history_page(request, place, *, invite_form: InviteForm):
    return render(
        request,
        "mediators/history.html",
        {
            "place": place,
            "versions": history.versions(place)[:100],
            "managers": place.place_managers.select_related("user", "invited_by").order_by("created_at"),
            "manager_changes": history.manager_changes(place)[:100],
            "closure_changes": history.closure_changes(place)[:100],
            "invite_form": invite_form,
        },
    )


@member_required
@require_POST
def restore(request, slug, history_id):
    place = _place(slug, request.user, Place.can_be_restored_by)
    get_object_or_404(place.history, history_id=history_id)
    status_kept = history.restore_version(
        place=place, history_id=history_id, user=request.user, source=change_source(place, request.user)
    )
    messages.success(request, _("La version choisie est rétablie (une nouvelle version a été enregistrée)."))
    if status_kept:
        messages.warning(
            request,
            _(
                "Son statut reste « %(status)s » : c'est une décision de la modération. Écrivez aux modérateurs "
                "de votre territoire pour la revoir."
            )
            % {"status": place.get_status_display()},
        )
    return redirect("mediators:history", slug=place.slug)


@member_required
@require_POST
def unpublish(request, slug):
    """ "Deleting" a listing only takes it off the directory: its history stays and it can be restored."""
    place = _place(slug, request.user, Place.can_be_edited_by)
    place.status = choices.Status.CLOSED
    place.save_change(user=request.user, source=change_source(place, request.user))
    messages.success(
        request, _("La fiche est retirée de l'annuaire. Vous pouvez la rétablir depuis son historique.")
    )
    return redirect("mediators:history", slug=place.slug)


@member_required
def propose(request):
    """A new place: a mediator's proposal waits for a moderator (draft); a moderator's is published."""
    if not request.user.can_propose_places:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = PlaceForm(data, prefix="place")
    hours = WeekHoursForm(data, prefix="hours")
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        place = form.save(commit=False)
        if _locate(form, place):
            place.opening_hours = hours.cleaned_data["opening_hours"]
            place.source = "Espace médiateurs"
            place.verified_on = timezone.localdate()
            moderates = place.is_moderated_by(request.user)
            place.status = choices.Status.PUBLISHED if moderates else choices.Status.DRAFT
            with transaction.atomic():
                place.save_change(
                    user=request.user, source=ChangeSource.MODERATOR if moderates else ChangeSource.MEDIATOR
                )
                claims.add_manager(place, request.user)
            messages.success(
                request,
                _("Le lieu est publié.")
                if moderates
                else _("Merci ! Le lieu sera publié après relecture par un modérateur."),
            )
            return redirect("mediators:edit", slug=place.slug)
    if request.method == "POST":
        messages.error(request, _("Le lieu n'est pas enregistré : corrigez les champs signalés ci-dessous."))
    return render(request, "mediators/propose.html", {"form": form, "hours": hours})
