"""The portal's URLs plus the trivial page bench/dashboard.py compares the dashboard with: a view rendering a
small template with no queries beyond the session (and the signed-in user), served by the same process."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from emulation_portal.urls import urlpatterns as portal

TRIVIAL = engines["django"].from_string("<!DOCTYPE html><html lang=\"vi\"><title>Trang</title><p>{{ name }}</p></html>")


def trivial(request):
    # Rendered without the request, so no context processor runs: the session and the user are the only queries.
    return HttpResponse(TRIVIAL.render({"name": request.user.get_username()}))


urlpatterns = [path("bench-trivial/", trivial), *portal]
