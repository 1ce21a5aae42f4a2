"""Read rates of the API: one per IP address for anonymous callers, a higher one per partner token.

The rates are named in settings (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], from environment variables) and
read at each request, so that tests can override them. A fixed window counted with one atomic cache
increment: DRF's own throttles keep (and re-serialise) a list of every request's time in the window, whose
cost grows with the rate.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from ops.ratelimit import count_in_window
from partners.models import PartnerToken

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """Parse "120/minute" into (120, 60): requests, seconds."""
    count, period = rate.split("/")
    return int(count), PERIODS[period[0]]


class _WindowThrottle(BaseThrottle):
    scope = ""

    def ident(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        return self.allow(self.ident(request))

    def allow(self, ident: str | None) -> bool:
        """Count one more request of `ident` (None: not counted); False once over the rate."""
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if ident is None or not rate:
            return True
        limit, period = parse_rate(rate)
        count, self._wait = count_in_window(f"{self.scope}:{ident}", period)
        return count <= limit

    def wait(self) -> float:
        return self._wait


class AnonymousRateThrottle(_WindowThrottle):
    scope = "api_anonymous"

    def ident(self, request) -> str | None:
        return None if isinstance(request.auth, PartnerToken) else self.get_ident(request)


class PartnerRateThrottle(_WindowThrottle):
    scope = "api_partner"

    def ident(self, request) -> str | None:
        return str(request.auth.pk) if isinstance(request.auth, PartnerToken) else None
