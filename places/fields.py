"""A set of values from an enumeration, stored as a bit mask in one integer column.

Multi-valued fields of the standard (services, publics, …) must be filterable fast on SQLite and PostgreSQL
alike, without joins: `services__any=[…]` ("any of") and `services__all=[…]` become one bitwise test on the
row. In Python the value is a list of codes, in the enumeration's order.
"""

from functools import cached_property

from django import forms
from django.core import exceptions
from django.db import models
from django.db.models import Lookup
from django.utils.translation import gettext_lazy as _


class ChoiceSetField(models.Field):
    description = _("Ensemble de valeurs d'une liste")

    def __init__(self, *args, enum: type[models.TextChoices], **kwargs):
        self.enum = enum
        if len(enum) > 62:
            raise ValueError(f"{enum.__name__} has too many members for a 63-bit mask")
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["enum"] = self.enum
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def get_internal_type(self):
        return "BigIntegerField"

    @cached_property  # read for every value of every row
    def codes(self) -> list[str]:
        return [member.value for member in self.enum]

    def to_mask(self, values) -> int:
        if isinstance(values, int):
            return values
        mask = 0
        for value in values or ():
            try:
                mask |= 1 << self.codes.index(str(value))
            except ValueError:
                raise exceptions.ValidationError(
                    _("« %(value)s » n'est pas une valeur permise."),
                    code="invalid_choice",
                    params={"value": value},
                ) from None
        return mask

    def from_mask(self, mask: int) -> list[str]:
        return [code for bit, code in enumerate(self.codes) if mask & (1 << bit)]

    def from_db_value(self, value, expression, connection):
        return None if value is None else self.from_mask(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        if isinstance(value, int):
            return self.from_mask(value)
        if isinstance(value, (tuple, set)):
            return self.from_mask(self.to_mask(value))
        raise exceptions.ValidationError(_("Une liste de valeurs est attendue."), code="invalid")

    def get_prep_value(self, value):
        return None if value is None else self.to_mask(value)

    def validate(self, value, model_instance):
        self.to_mask(value)  # raises on an unknown code
        if not value and not self.blank:
            raise exceptions.ValidationError(self.error_messages["blank"], code="blank")

    def value_to_string(self, obj):
        return "|".join(self.value_from_object(obj) or [])

    def formfield(self, **kwargs):
        defaults = {
            "choices": self.enum.choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        return forms.MultipleChoiceField(**defaults)


class _MaskLookup(Lookup):
    def get_prep_lookup(self):
        return self.lhs.output_field.to_mask(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        rhs_params = list(rhs_params) * self.template.count("%(rhs)s")
        return self.template % {"lhs": lhs, "rhs": rhs}, (*lhs_params, *rhs_params)


@ChoiceSetField.register_lookup
class HasAny(_MaskLookup):
    """`field__any=[a, b]`: the row has a or b."""

    lookup_name = "any"
    template = "(%(lhs)s & %(rhs)s) <> 0"


@ChoiceSetField.register_lookup
class HasAll(_MaskLookup):
    """`field__all=[a, b]`: the row has a and b (and `field__all=[]` matches every row)."""

    lookup_name = "all"
    template = "(%(lhs)s & %(rhs)s) = %(rhs)s"
