"""Strings of third-party apps that ship no Vietnamese catalogue, listed so that makemessages extracts them.

django-simple-history's admin pages are part of the Office's back office, and Django's own Vietnamese
catalogue leaves a few admin and validation strings untranslated. Translations in our catalogue
(LOCALE_PATHS) take precedence over the apps' own, so these msgids get Vietnamese there. Nothing imports
this module at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

SIMPLE_HISTORY = [
    gettext_noop("Change history: %s"),
    gettext_noop("View history: %s"),
    gettext_noop("The %(name)s \"%(obj)s\" was changed successfully."),
    gettext_noop("You may edit it again below"),
    gettext_noop("Revert %s"),
    gettext_noop("View %s"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("History"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Object"),
    gettext_noop("Date/time"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("None"),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
    gettext_noop("Close"),
    gettext_noop("View on site"),
    ngettext_lazy("entry", "entries", "counter"),
]

# Django's own strings that its Vietnamese catalogue leaves empty or lacks, where a person can meet them.
DJANGO = [
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Skip to main content"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop("ManagementForm data is missing or has been tampered with"),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("%(model)s instance with %(field)s %(value)r does not exist."),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    ngettext_lazy("Please submit %d or more forms.", "Please submit %d or more forms.", "num"),
]
