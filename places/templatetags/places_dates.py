"""Dates in words on the pages: Django's |date, with French typography's « 1er » for the first of a month."""

import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value: datetime.date | None, arg: str = "j F Y") -> str:
    """`{{ day|long_date }}`: « 1er septembre 2020 » in French, "1 September 2020" in English. Takes |date's
    format (`{{ when|long_date:"j F Y H:i" }}`), whose day of the month "j" becomes « 1er » on the 1st."""
    if getattr(value, "day", None) == 1 and (get_language() or "").startswith("fr"):
        arg = arg.replace("j", r"j\e\r", 1)
    return date_filter(value, arg)
