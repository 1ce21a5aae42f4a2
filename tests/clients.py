"""Django test clients for the personas: `None` is the anonymous visitor."""

from django.test import Client


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
