"""The answer to an uncaught error: 503 while the database cannot be reached, else the plain 500 page.

A PostgreSQL restart (an upgrade, a reboot, a fail-over) breaks the requests in flight; the next ones reconnect
by themselves (CONN_MAX_AGE with health checks). Those that fail meanwhile get a page saying so, with
Retry-After, rather than a generic error. Both pages are rendered without a request context, so that nothing in
them needs the database.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

RETRY_SECONDS = 30


@requires_csrf_token
def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
