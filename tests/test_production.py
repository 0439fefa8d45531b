"""The production mode as deployed (issue 8): gunicorn with gunicorn.conf.py serving the production settings
(DEBUG off, HTTPS behind a proxy, static files collected and served compressed by WhiteNoise), on the suite's
database engine — PostgreSQL in CI. Requests carry X-Forwarded-Proto as nginx sends it (docs/deploy.md).
"""

import http.client
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.installation import ROOT, Installation

GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Just enough of a browser over http.client: cookies, and the proxy's header."""

    def __init__(self, port: int):
        self.port, self.cookies = port, SimpleCookie()

    def request(self, method, path, *, body=None, headers=None, behind_proxy=True):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": "127.0.0.1"} | (headers or {})
        if behind_proxy:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={morsel.value}" for key, morsel in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = "https://127.0.0.1/login/"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        connection.close()
        return response, data


@pytest.fixture
def production(scratch_databases, tmp_path):
    """A production installation with the demo department, collected static files and gunicorn running."""
    (url,) = scratch_databases("production")
    site = Installation(
        url, tmp_path / "media",
        DJANGO_SETTINGS_MODULE="emulation_portal.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
        HTTPS="1",
        BEHIND_PROXY="1",
        DEBUG="",
        STATIC_ROOT=str(tmp_path / "static"),
        WEB_CONCURRENCY="2",
    )
    site.manage("migrate", "--verbosity", "0")
    site.manage("seed_demo", "--without-year")
    site.manage("collectstatic", "--noinput", "--verbosity", "0")
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w+")
    server = subprocess.Popen([str(GUNICORN), "emulation_portal.wsgi", "--bind", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=site.env(), stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, Path(log.name).read_text()
                time.sleep(0.2)
        site.port, site.log = port, Path(log.name)
        yield site
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        log.close()


def test_check_deploy_is_clean_with_the_production_environment(production):
    result = production.manage("check", "--deploy", "--fail-level", "WARNING")
    assert "System check identified no issues" in result.stdout


def test_gunicorn_serves_pages_static_files_and_a_pdf_with_debug_off(production):
    browser = Browser(production.port)

    # Plain HTTP is sent to HTTPS (the proxy says which one the browser used).
    response, _ = browser.request("GET", "/login/", behind_proxy=False)
    assert response.status == 301 and response.headers["Location"] == "https://127.0.0.1/login/"

    response, page = browser.request("GET", "/login/")
    assert response.status == 200 and "Đăng nhập".encode() in page
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    assert browser.cookies["csrftoken"]["secure"]  # cookies only over HTTPS

    # The static files: fingerprinted names, compressed, cached for a year.
    stylesheet = re.search(rb'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page).group(1).decode()
    response, css = browser.request("GET", stylesheet, headers={"Accept-Encoding": "gzip"})
    assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    response, _ = browser.request("GET", "/static/css/portal.css")  # the unfingerprinted name is served too
    assert response.status == 200

    # DEBUG is off: an unknown page is the portal's own 404, never Django's technical page.
    response, missing = browser.request("GET", "/no-such-page/")
    assert response.status == 404
    assert b"URLconf" not in missing and "Không tìm thấy".encode() in missing

    # Uploaded files are never served by URL.
    response, _ = browser.request("GET", "/media/evidence/bien-ban.pdf")
    assert response.status in (302, 404)

    # The Office signs in through the form and downloads a PDF.
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    response, _ = browser.request("POST", "/login/", body=urlencode(
        {"csrfmiddlewaretoken": token, "username": "vanphong", "password": "demo-2023"}))
    assert response.status == 302 and "sessionid" in browser.cookies
    response, pdf = browser.request("GET", "/discipline/months/2023-04/report.pdf")
    assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000

    # One log line per request, with its duration, on standard output.
    time.sleep(0.5)
    log = production.log.read_text()
    assert re.search(r'"GET /discipline/months/2023-04/report\.pdf HTTP/1\.1" 200 \d+ \d+ms', log), log[-2000:]
    assert "Traceback" not in log
