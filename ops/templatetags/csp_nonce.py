"""The request's CSP nonce inside inclusion tags, whose templates do not see the page's context."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def request_csp_nonce(context) -> str:
    request = getattr(context, "request", None)
    return str(getattr(request, "csp_nonce", "")) if request is not None else ""
