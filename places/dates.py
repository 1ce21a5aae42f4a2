"""Dates in words, with French typography's « 1er » for the first of a month."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language


def long_date(value: datetime.date | None, arg: str = "j F Y") -> str:
    """« 1er septembre 2020 » in French, "1 September 2020" in English. Takes Django's date format ("l j F",
    "j F Y H:i"), whose day of the month "j" becomes « 1er » on the 1st; "" for no date."""
    if value in (None, ""):
        return ""
    if getattr(value, "day", None) == 1 and (get_language() or "").startswith("fr"):
        arg = arg.replace("j", r"j\e\r", 1)
    return date_format(value, arg)
