"""The mediators' fixtures (the personas around one place) serve the moderation tests too."""

from tests.mediators.conftest import manager, personas, place  # noqa: F401
