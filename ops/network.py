"""The client's address, as far as our own reverse proxies vouch for it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies of ours the address they saw (X-Forwarded-For read
    from the right, as DRF's throttles do); None when it is not a valid IP address."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        address = hops[-min(proxies, len(hops))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
