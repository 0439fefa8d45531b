"""The freeze of closed months, for every save and delete that does not go through discipline/services.py.

The services check the month before they write (bulk writes send no signals); these receivers catch any
other single save or delete of something dated in a closed month — the admin's, a shell's, a future
view's — and refuse it with the same message. The date checked is the one stored and the one about to be.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from discipline.closing import ensure_open
from discipline.models import (
    AttendanceRecord,
    Commendation,
    Explanation,
    MonthlyScore,
    ReviewComment,
    Sanction,
    Signoff,
    Violation,
)
from discipline.scoring import month_bounds


def _days(instance) -> list:
    """The days that place ``instance`` in a month."""
    if isinstance(instance, AttendanceRecord | Violation | Commendation):
        return [instance.date]
    if isinstance(instance, Explanation):
        return [instance.violation.date] if instance.violation_id else []
    if isinstance(instance, Sanction):
        return [instance.decision_date]  # a sanction weighs on the month of its decision
    if isinstance(instance, MonthlyScore | ReviewComment | Signoff):
        return [month_bounds(instance.year, instance.month)[0]] if instance.year and instance.month else []
    return []


FROZEN = (AttendanceRecord, Violation, Commendation, Explanation, Sanction, MonthlyScore, ReviewComment, Signoff)


def _check_save(sender, instance, raw=False, **kwargs):
    days = _days(instance)
    if instance.pk is not None and not raw:
        stored = sender._default_manager.filter(pk=instance.pk).first()
        if stored is not None:
            days += _days(stored)
    ensure_open(days)


def _check_delete(sender, instance, **kwargs):
    ensure_open(_days(instance))  # a deleted object was loaded from the database: its days are the stored ones


for model in FROZEN:
    receiver(pre_save, sender=model, dispatch_uid=f"freeze-save-{model.__name__}")(_check_save)
    receiver(pre_delete, sender=model, dispatch_uid=f"freeze-delete-{model.__name__}")(_check_delete)


# --- The dashboard's cache (discipline/dashboard.py) ---
#
# Its rendered figures are keyed on a stamp; anything they show that the tally does not rewrite changes the stamp
# when saved or deleted: a month closed or reopened, a sign-off, the campaign and its contents (the board's
# summary), its calendar and briefing dates (the deadlines), a division (names and order). The tally's summaries
# change it themselves (refresh_month).


def _touch(sender, instance, raw=False, **kwargs):
    from discipline import dashboard

    if not raw:
        dashboard.touch()


def _watched():
    from campaigns.models import BriefingDate, CalendarException, Campaign, Criterion
    from discipline.models import Month
    from organization.models import Division

    return (Month, Signoff, Campaign, Criterion, CalendarException, BriefingDate, Division)


for _model in _watched():
    receiver(post_save, sender=_model, dispatch_uid=f"dashboard-save-{_model.__name__}")(_touch)
    receiver(post_delete, sender=_model, dispatch_uid=f"dashboard-delete-{_model.__name__}")(_touch)
