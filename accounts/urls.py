from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from accounts import views
from accounts.forms import EmailAuthenticationForm
from accounts.oidc import ProConnectCallbackView

app_name = "accounts"
urlpatterns = [
    path("inscription/", views.signup, name="signup"),
    path("confirmer/<str:token>/", views.confirm_email, name="confirm"),
    path(
        "connexion/",
        views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=EmailAuthenticationForm
        ),
        name="login",
    ),
    path("deconnexion/", views.logout_view, name="logout"),
    path(
        "mot-de-passe/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_form.html",
            email_template_name="accounts/mail/password_reset.txt",
            subject_template_name="accounts/mail/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_form.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("", views.account, name="account"),
    path("mes-donnees.json", views.account_export, name="export"),
    path("supprimer/", views.account_delete, name="delete"),
    # ProConnect (OpenID Connect): answer 404 unless the OIDC_* settings are given.
    path("proconnect/", views.oidc_only(OIDCAuthenticationRequestView.as_view()), name="oidc_login"),
    path("proconnect/retour/", views.oidc_only(ProConnectCallbackView.as_view()), name="oidc_callback"),
]
