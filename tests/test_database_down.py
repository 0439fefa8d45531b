"""While PostgreSQL restarts, requests fail with a page that says so (503, Retry-After), and the portal serves
again as soon as it is back, without a restart of its own (issue 8's faults; bench/load.py restarts a real
PostgreSQL under load, docs/performance.md)."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.utils.translation import gettext as _

from organization import views as organization_views
from organization.models import User

pytestmark = pytest.mark.django_db

UNAVAILABLE = ("The portal cannot reach its database at the moment (it is restarting or being maintained). Nothing "
               "of this request was saved. Please try again in a few minutes.")


@pytest.mark.parametrize("error", [OperationalError("server closed the connection unexpectedly"),
                                   InterfaceError("connection already closed")])
def test_a_lost_database_gets_503_in_vietnamese_with_retry_after(demo, monkeypatch, error):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="canbo"))

    def lost(staff):
        raise error

    monkeypatch.setattr(organization_views, "_record_facts", lost)  # the database goes away mid-page
    response = client.get("/me/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert _(UNAVAILABLE) != UNAVAILABLE and _(UNAVAILABLE) in response.text


def test_any_other_error_is_the_plain_500_page(demo, monkeypatch):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="canbo"))

    def broken(staff):
        raise ValueError("a bug")

    monkeypatch.setattr(organization_views, "_record_facts", broken)
    response = client.get("/me/")
    assert response.status_code == 500 and "Retry-After" not in response
    assert _("Something went wrong while handling the request, and nothing was saved. Please try again, or tell "
             "the Office.") in response.text
