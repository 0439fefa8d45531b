from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    """Keep a person whose password the Office set on the password page until they choose their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password:
            allowed = {reverse("password_change"), reverse("logout")}
            if request.path not in allowed:
                return redirect("password_change")
        return self.get_response(request)


class RejectNullCharactersMiddleware:
    """Answer 400 to a query string or form holding a NUL character, before any view reads it.

    No person types one; a script or a scanner sends it, and PostgreSQL refuses it inside a query, which would
    otherwise surface as a server error wherever a view filters by a raw parameter. Forms already refuse it in
    their text fields; this covers every parameter of every page at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL character in the request")
        return self.get_response(request)
