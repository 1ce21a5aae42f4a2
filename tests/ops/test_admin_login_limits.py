import pytest

from accounts.models import User


@pytest.fixture
def admin_user_account(db):
    return User.objects.create_user(
        username="admin",
        email="admin@example.fr",
        password="a-Long-passw0rd",
        is_staff=True,
        is_superuser=True,
    )


def log_in(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "admin@example.fr", "password": password})


def test_admin_login_works_with_the_right_password(client, admin_user_account):
    response = log_in(client, "a-Long-passw0rd")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_admin_login_is_locked_after_five_failures_even_with_the_right_password(client, admin_user_account):
    for _attempt in range(4):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, "wrong").status_code == 429
    assert log_in(client, "a-Long-passw0rd").status_code == 429


def test_force_login_is_not_affected_by_the_login_limits(client, admin_user_account):
    client.force_login(admin_user_account)
    assert client.get("/admin/").status_code == 200


def test_a_non_staff_account_cannot_enter_the_admin(client, db):
    User.objects.create_user(username="mediatrice", email="m@example.fr", password="a-Long-passw0rd")
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "mediatrice", "password": "a-Long-passw0rd"}
    )
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_the_test_clients_login_still_works_beside_the_login_limits(client, admin_user_account):
    assert client.login(username="admin@example.fr", password="wrong") is False
    assert client.login(username="admin@example.fr", password="a-Long-passw0rd") is True
    assert client.get("/admin/").status_code == 200
