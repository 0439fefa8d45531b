import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from organization.models import User
from organization.services import reset_password

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("url", ["/login/", "/", "/static/css/portal.css"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    if response.streaming:  # reading a streamed file to its end closes it (a static file is one)
        b"".join(response.streaming_content)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_templates_hold_no_inline_script_or_style():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "<style" in text or " style=" in text or "<script>" in text or " on" + "click=" in text:
            offenders.append(str(path.relative_to(ROOT)))
        for line in text.splitlines():
            if "<script" in line and "src=" not in line:
                offenders.append(f"{path.relative_to(ROOT)}: {line.strip()}")
    assert offenders == []


def test_sessions_expire_after_thirty_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_anonymous_users_reach_only_the_login_page(client):
    assert client.get("/login/").status_code == 200
    for url in ["/", "/office/", "/staff/", "/campaigns/", "/admin/", "/admin/organization/staff/"]:
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == f"/login/?next={url}"
        assert response.status_code == 200


def test_failed_logins_are_throttled(demo, client):
    statuses = [
        client.post(reverse("login"), {"username": "canbo", "password": "sai-mat-khau"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    # Even the right password is refused while the lock lasts.
    locked = client.post(reverse("login"), {"username": "canbo", "password": "demo-2023"})
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.text
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked.
    other = client.post(reverse("login"), {"username": "hoidong", "password": "demo-2023"})
    assert other.status_code == 302


def test_behind_nginx_failed_logins_are_counted_per_browser_not_per_proxy(demo, client, settings):
    """Behind the portal's nginx every connection comes from 127.0.0.1: the browser's address is the one nginx
    appended to X-Forwarded-For, whatever the browser put in front of it."""
    settings.BEHIND_PROXY = True
    attacker = {"HTTP_X_FORWARDED_FOR": "10.1.1.1, 10.0.0.66", "REMOTE_ADDR": "127.0.0.1"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"}, **attacker)
    locked = client.post(reverse("login"), {"username": "canbo", "password": "demo-2023"}, **attacker)
    assert locked.status_code == 429
    # The person herself, at her own machine behind the same proxy, still signs in.
    own = client.post(reverse("login"), {"username": "canbo", "password": "demo-2023"},
                      HTTP_X_FORWARDED_FOR="10.0.0.23", REMOTE_ADDR="127.0.0.1")
    assert own.status_code == 302


def test_a_correct_login_after_a_few_failures_succeeds(demo, client):
    client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo", "password": "demo-2023"})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(username="canbo").pk


def test_check_deploy_is_clean_with_production_settings():
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "emulation_portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k3y-" + "x9Qz" * 16,
        "ALLOWED_HOSTS": "thidua.songoaivu.example",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests; never in production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_password_reset_by_the_office_lifts_the_lock(demo, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo", "password": "sai-mat-khau"})
    password = reset_password(User.objects.get(username="canbo"))
    response = client.post(reverse("login"), {"username": "canbo", "password": password})
    assert response.status_code == 302
