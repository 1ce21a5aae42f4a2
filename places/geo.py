"""Great-circle geometry on plain latitude/longitude columns (WGS84, degrees)."""

import math

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) of a box that contains the circle; longitudes are not wrapped."""
    angle = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(angle)
    ratio = math.sin(angle) / max(math.cos(math.radians(lat)), 1e-9)
    dlon = 180.0 if ratio >= 1 or abs(lat) + dlat >= 90 else math.degrees(math.asin(ratio))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
