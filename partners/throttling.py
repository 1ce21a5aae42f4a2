"""Read rates of the API: one per IP address for anonymous callers, a higher one per partner token.

The rates are named in settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], from environment variables) and
read at each request, so that tests can override them.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from partners.models import PartnerToken


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonymousRateThrottle(_SettingsRateThrottle):
    scope = "api_anonymous"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, PartnerToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerRateThrottle(_SettingsRateThrottle):
    scope = "api_partner"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, PartnerToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
