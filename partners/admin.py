from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerToken
from places.models import Departement


class PartnerTokenForm(forms.ModelForm):
    departements = forms.CharField(
        label=_("départements"),
        help_text=_("Codes séparés par des virgules, par exemple « 59, 62 »."),
    )

    class Meta:
        model = PartnerToken
        fields = ["user", "name", "departements"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["departements"] = ", ".join(self.instance.departements)

    def clean_departements(self) -> list[str]:
        codes = [
            code.strip().upper() for code in self.cleaned_data["departements"].split(",") if code.strip()
        ]
        unknown = set(codes) - set(Departement.objects.filter(code__in=codes).values_list("code", flat=True))
        if unknown:
            raise ValidationError(
                _("Départements inconnus : %(codes)s."), params={"codes": ", ".join(sorted(unknown))}
            )
        return codes


@admin.register(PartnerToken)
class PartnerTokenAdmin(admin.ModelAdmin):
    form = PartnerTokenForm
    list_display = ["name", "user", "key_prefix", "departements", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__email", "key_prefix"]
    readonly_fields = ["key_prefix", "created_at", "revoked_at"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        key = None if change else obj.set_new_key()
        super().save_model(request, obj, form, change)
        if key:
            messages.warning(
                request,
                _(
                    "La clé de « %(name)s » est %(key)s : copiez-la maintenant, elle ne sera plus jamais affichée."
                )
                % {"name": obj.name, "key": key},
            )

    @admin.action(description=_("Révoquer les clés choisies"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoke()
        messages.success(request, _("Clés révoquées."))
