from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import tokens
from accounts.forms import ConfirmWithPasswordForm, DeleteAccountForm, SignUpForm
from accounts.mail import send_confirmation_mail
from accounts.oidc import provider_logout_url

EMAIL_BACKEND_PATH = "accounts.backends.EmailBackend"


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=settings.OIDC_ENABLED, **kwargs)


def oidc_only(view):
    """The view when ProConnect is configured, a 404 otherwise."""

    def wrapped(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def signup(request):
    """Create an inactive account and mail the link that confirms its address."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        send_confirmation_mail(user)
        return render(request, "accounts/signup_done.html", {"email": user.email})
    return render(request, "accounts/signup.html", {"form": form, "oidc_enabled": settings.OIDC_ENABLED})


def confirm_email(request, token):
    """The link of the mail: confirms the address (and, for an invited colleague, sets a password)."""
    user = tokens.user_from_confirmation_token(token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    form = None if user.has_usable_password() else ConfirmWithPasswordForm(user, request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        if form is not None:
            form.save(commit=False)
        user.is_active = user.email_confirmed = True
        user.save()
        login(request, user, backend=EMAIL_BACKEND_PATH)
        messages.success(request, _("Votre adresse est confirmée. Bienvenue !"))
        return redirect("mediators:dashboard")
    return render(request, "accounts/confirm.html", {"form": form, "confirmed_user": user})


@login_required
def account(request):
    return render(request, "accounts/account.html")


@login_required
def account_export(request):
    """Everything the site stores about the person, as a JSON download."""
    user = request.user
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email_confirmed": user.email_confirmed,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "managed_places": [
            {
                "name": role.place.name,
                "url": settings.SITE_URL + role.place.get_absolute_url(),
                "since": role.created_at.isoformat(),
            }
            for role in user.place_roles.select_related("place")
        ],
        "claims": [
            {
                "place": claim.place.name,
                "status": claim.status,
                "message": claim.message,
                "created_at": claim.created_at.isoformat(),
            }
            for claim in user.claims.select_related("place")
        ],
        "territories": [
            {"name": t.name, "departements": t.departements, "insee_codes": t.insee_codes}
            for t in user.territories.all()
        ],
        "exported_at": timezone.now().isoformat(),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mes-donnees.json"'
    return response


@login_required
def account_delete(request):
    """Delete the account; the places it managed stay, their history keeps the changes without the name."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, _("Votre compte a été supprimé."))
        return redirect("places:list")
    return render(request, "accounts/account_delete.html", {"form": form})


@require_POST
def logout_view(request):
    """Log out; a ProConnect login ends at the provider too, which sends the person back to the home page."""
    provider_url = provider_logout_url(request)
    logout(request)
    return redirect(provider_url or settings.LOGOUT_REDIRECT_URL)
