from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Si vous venez de vous inscrire, confirmez d'abord votre adresse avec le lien reçu par e-mail."
        ),
        "inactive": _("Ce compte n'est pas actif."),
    }


class SignUpForm(forms.ModelForm):
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Confirmez le mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]
        labels = {"email": _("Adresse e-mail"), "first_name": _("Prénom"), "last_name": _("Nom")}
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        existing = User.objects.filter(email__iexact=email).first()
        if existing and existing.never_confirmed:
            self.instance = existing  # a new link is sent
        elif existing:
            raise forms.ValidationError(
                _(
                    "Un compte existe déjà avec cette adresse. Connectez-vous ou réinitialisez votre mot de passe."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        elif cleaned.get("password1"):
            self.instance.email = cleaned.get("email", "")
            try:
                password_validation.validate_password(cleaned["password1"], self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self, commit: bool = True) -> User:
        if self.instance.pk:
            # An account already waits for this address: nothing of it changes on a stranger's say-so (else a
            # stranger's password would open it once its owner confirms). Its owner chooses the password when
            # following the new link.
            user = User.objects.get(pk=self.instance.pk)
            user.set_unusable_password()
            if commit:
                user.save(update_fields=["password"])
            return user
        user = super().save(commit=False)
        user.username = user.email
        user.is_active = False  # until the address is confirmed
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class ConfirmWithPasswordForm(SetPasswordForm):
    """An invited colleague chooses a password when confirming their address."""


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(label=_("Je comprends que mon compte sera supprimé définitivement."))
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():  # an account created through ProConnect has none
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mot de passe incorrect."))
        return password
