"""`{{ day|long_date }}` and `{{ when|long_date:"j F Y H:i" }}`: places.dates.long_date in the templates."""

from django import template

from places.dates import long_date

register = template.Library()
register.filter("long_date", long_date, expects_localtime=True)
