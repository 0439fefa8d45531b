import io

import pytest
from django.core.management import call_command

from organization.demo import DEMO_PASSWORD
from organization.models import User
from tests.installation import scratch_databases  # noqa: F401 (a fixture: separate installations' databases)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the dashboard keeps rendered figures there)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo(db):
    """The demo department of seed_demo: 45 people, the demo accounts and the 2023 campaign, no records."""
    call_command("seed_demo", "--without-year", stdout=io.StringIO())


@pytest.fixture
def demo_year(db):
    """The whole demo of seed_demo: the department and its records of 2023."""
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def login(client):
    """Log ``client`` in as a demo account by username."""

    def _login(username):
        client.force_login(User.objects.get(username=username))
        return client

    return _login


@pytest.fixture
def demo_password():
    return DEMO_PASSWORD
