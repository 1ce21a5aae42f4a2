"""Log in with an e-mail address and a password."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

from accounts.models import User


class EmailBackend(ModelBackend):
    """The login form's "username" is an e-mail address, matched without regard to case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = kwargs.get("email", username)
        if not email or password is None:
            return None
        try:
            user = User.objects.get_by_email(email)
        except User.DoesNotExist:
            User().set_password(password)  # same time as a real check: no hint that the address is unknown
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class RequestAxesBackend(AxesStandaloneBackend):
    """django-axes' lock, applied to every log-in made through a request (forms, the API's authentication).

    Axes refuses calls without a request; those come only from code (the test client's login(), scripts),
    where there is no attacker to count, so they pass through to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
