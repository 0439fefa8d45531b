import io

import pytest
from django.core.management import call_command

from organization.demo import DEMO_PASSWORD
from organization.models import User


@pytest.fixture
def demo(db):
    """The demo department of seed_demo: 45 people, the demo accounts and the 2023 campaign."""
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
