"""The mediators' space: their places, editing a listing, claims, colleagues, history. Thin views: the
rules are Place's methods (can_be_edited_by...) and the modules claims, history, verification."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mediators import claims, concurrency, history, verification
from mediators.forms import (
    ClaimForm,
    ClosureFormSet,
    InviteForm,
    ListingVersionForm,
    PlaceForm,
    WeekHoursForm,
)
from mediators.geocoding import GeocodingError, check_pin, geocode_address
from places import choices
from places.communes import departement_of, find_commune
from places.models import ChangeSource, Place

CONFIRMED = gettext_lazy("Merci ! La fiche est confirmée à jour aujourd'hui.")


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


def _place(slug: str, user, allowed, *, using: str | None = None) -> Place:
    place = get_object_or_404(Place.objects.using(using) if using else Place.objects, slug=slug)
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
    """The listing in a form made for people, with the week of hours and the closures; all or nothing.

    The page carries the version it was drawn from: a save from an outdated page is refused and the page comes
    back merged (mediators.concurrency). « Tout est toujours exact » sends the same form: changes are saved as
    « Enregistrer » saves them (which marks the listing checked too); without changes, the listing is confirmed.
    """
    # From the primary: the version compared must be the latest, not a replica's.
    place = _place(slug, request.user, Place.can_be_edited_by, using=router.db_for_write(Place))
    if request.method != "POST":
        return _edit_page(request, place, None)
    posted_version = request.POST.get("listing-version", "")
    # Before validating: a period deleted meanwhile is a change to show, not an error.
    if concurrency.is_stale(posted_version, place):
        return _conflict_page(request, place)
    form, hours, closures = _edit_forms(place, request.POST)
    if not (form.is_valid() and hours.is_valid() and closures.is_valid()):
        messages.error(
            request, _("La fiche n'est pas enregistrée : corrigez les champs signalés ci-dessous.")
        )
        return _edit_page(request, place, request.POST, forms=(form, hours, closures))
    verifying = "verify" in request.POST
    try:
        if verifying and not _has_changes(form, hours, closures):
            return _confirm_unchanged(request, place, posted_version)
        saved = _save_listing(request, place, form, hours, closures, posted_version)
    except concurrency.StaleListing:
        return _conflict_page(request, place)
    if not saved:
        return _edit_page(request, place, request.POST, forms=(form, hours, closures))
    messages.success(request, _saved_message(place, request.user))
    if verifying:
        messages.success(request, CONFIRMED)
    return redirect("mediators:edit", slug=place.slug)


def _edit_forms(place: Place, data) -> tuple[PlaceForm, WeekHoursForm, ClosureFormSet]:
    return (
        PlaceForm(data, instance=place, prefix="place"),
        WeekHoursForm(data, opening_hours=place.opening_hours, prefix="hours"),
        ClosureFormSet(data, instance=place, prefix="closures"),
    )


def _edit_page(request, place: Place, data, *, forms=None, conflict=None):
    form, hours, closures = forms or _edit_forms(place, data)
    return render(
        request,
        "mediators/edit.html",
        {
            "place": place,
            "form": form,
            "hours": hours,
            "closures": closures,
            # The version this page shows: after a refused save, the current one, so that saving again works.
            "version": ListingVersionForm(
                data, prefix="listing", initial=concurrency.version_initial(place) if data is None else None
            ),
            "conflict": conflict,
        },
    )


def _conflict_page(request, place: Place):
    """The page again, merged with the current listing, saying who changed it meanwhile; nothing saved."""
    current = Place.objects.using(router.db_for_write(Place)).get(pk=place.pk)
    data = concurrency.merged_data(
        request.POST, current=current, shown_json=request.POST.get("listing-shown", "")
    )
    conflict = {
        "message": concurrency.conflict_message(current),
        "differing": concurrency.typed_over_stored(data, current),
    }
    return _edit_page(request, current, data, conflict=conflict)


def _has_changes(form: PlaceForm, hours: WeekHoursForm, closures) -> bool:
    return (
        form.has_changed()
        or hours.cleaned_data["opening_hours"] != hours.stored_hours
        or closures.has_changed()
    )


def _confirm_unchanged(request, place: Place, posted_version: str):
    with transaction.atomic():
        concurrency.lock_unchanged(place, posted_version)
        verification.confirm_unchanged(
            place=place, user=request.user, source=change_source(place, request.user)
        )
    messages.success(request, CONFIRMED)
    return redirect("mediators:dashboard")


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


def _save_listing(request, place, form, hours, closures, posted_version: str) -> bool:
    """Geocode if needed (outside the lock: the BAN may be slow), then save, unless the listing changed
    meanwhile (concurrency.StaleListing). False, with a form error, when the address cannot be placed."""
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
        concurrency.lock_unchanged(place, posted_version)
        updated.save_change(user=request.user, source=change_source(place, request.user))
        closures.save()
    return True


def _locate(form: PlaceForm, place: Place) -> bool:
    """Place the address with the BAN, unless the person placed the pin; False (and a form error) on failure."""
    if form.cleaned_data.get("pin_moved") and place.latitude is not None:
        try:
            commune = check_pin(
                latitude=place.latitude,
                longitude=place.longitude,
                postal_code=place.postal_code,
                commune=place.commune,
            )
        except GeocodingError as error:
            form.add_error("address", str(error))
            return False
        place.location_is_approximate = False
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
    messages.success(request, CONFIRMED)
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
    restored = history.restore_version(
        place=place, history_id=history_id, user=request.user, source=change_source(place, request.user)
    )
    messages.success(request, _("La version choisie est rétablie (une nouvelle version a été enregistrée)."))
    if restored.hours_dropped:
        messages.warning(
            request,
            _(
                "Ses horaires « %(hours)s » ne sont plus acceptés (une plage y finit quand elle commence, ou "
                "avant) : la fiche est rétablie sans horaires, indiquez-les de nouveau."
            )
            % {"hours": restored.hours_dropped},
        )
    if restored.status_kept:
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
