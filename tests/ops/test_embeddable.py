import pytest

pytestmark = pytest.mark.urls("tests.ops.embed_urls")


def test_pages_cannot_be_framed_by_other_sites(client):
    response = client.get("/plain/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_an_embeddable_page_may_be_framed_and_keeps_the_rest_of_the_policy(client):
    response = client.get("/framed/")
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors https: http:" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
