"""A create form is saved once (issue 7).

A double click, or the browser sending the page again after Back, posts the same form twice. Client-side
button disabling (static/js/portal.js) stops the double click only, so each create form carries a one-time
token, new on every page shown; the token is stored in the transaction that saves the record, and a second
sending of it saves nothing and leads to what the first one saved. A form without a token (a tab opened before
the tokens existed, a script) is saved as before.
"""

import secrets
from collections.abc import Callable

from django import forms
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from organization.models import FormSubmission

FIELD = "submission"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SentOnceForm:
    """Mixin of a create form (before forms.Form or ModelForm): the hidden one-time token, new on every page
    shown and kept when the form comes back with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64,
                                             initial=new_token)


class AlreadySent(Exception):
    """The form was saved before: ``url`` is the page of what it saved."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url

    @property
    def message(self) -> str:
        return _("This form has already been sent; the record was saved the first time.")


def save_once(token: str, save: Callable[[], models.Model], *, by) -> models.Model:
    """Run ``save`` (which returns the saved record) unless the form with ``token`` was saved before, in which
    case raise AlreadySent. The token is written in the same transaction as the record: both or neither."""
    if not token:
        return save()
    earlier = FormSubmission.objects.filter(token=token).first()
    if earlier is not None:
        raise AlreadySent(earlier.url)
    try:
        with transaction.atomic():
            sent = FormSubmission.objects.create(token=token, user=by)
            record = save()
            sent.url = record.get_absolute_url()
            sent.save(update_fields=["url"])
    except IntegrityError:
        # A twin sent at the same moment committed first (the database's unique token decided).
        earlier = FormSubmission.objects.filter(token=token).first()
        if earlier is None:
            raise
        raise AlreadySent(earlier.url) from None
    return record
