"""The mediators' fixtures (personas, the local BAN) serve the moderation tests too."""

from tests.mediators.conftest import ban, manager, personas, place  # noqa: F401
