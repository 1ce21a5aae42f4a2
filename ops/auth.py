"""Login limits (django-axes) on every HTTP login, the admin's included."""

from axes.backends import AxesStandaloneBackend


class LoginLimitBackend(AxesStandaloneBackend):
    """django-axes' check, skipped when there is no request to count: Django's test client `login()` and
    shell scripts call authenticate() without one, which axes would refuse. Every login view passes it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
