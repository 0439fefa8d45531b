"""The portal's login backend: Django's, loading the person with the account; and the browser's address that
failed logins are counted by.

Every page reads both (the roles in the navbar, the person's name in the user menu): one query instead of two.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("staff").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def client_ip(request) -> str | None:
    """The browser's address (django-axes counts failed logins by it). Behind the portal's own nginx
    (BEHIND_PROXY), the last address of X-Forwarded-For, which nginx appended: the earlier ones come from the
    request itself and could say anything. Otherwise the connection's address."""
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")
