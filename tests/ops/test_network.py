from django.test import RequestFactory

from ops.network import client_ip


def request_from(remote: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 0}
    assert client_ip(request_from("10.0.0.5", "203.0.113.9")) == "10.0.0.5"


def test_behind_one_proxy_of_ours_the_address_it_saw_is_used(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert client_ip(request_from("10.0.0.5", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"


def test_an_invalid_address_gives_none(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert client_ip(request_from("10.0.0.5", "not-an-ip")) is None
