"""Who may see and do what in the year-end: the one place where awards checks roles and row scope.

- Everyone sees their own year, writes their self-assessment, and reads and comments on the published list.
- A head reads their division's people and nominations, proposes ratings (not their own) and nominates.
- The Office sees everything, compiles the shortlist, records council sessions, publishes the list, produces
  the documents.
- The board sees everything, decides ratings (not their own), rates divisions, overrides quotas, approves or
  rejects nominees and revokes awards.
- The council reads the shortlist with each nominee's eligibility and year (from the shortlist on: not what
  divisions propose before the Office compiles it), and the minutes.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from campaigns.models import Campaign
from organization.access import headed_division, sees_whole_agency, visible_staff
from organization.roles import Role, has_role, roles_of


def campaign_of(year: int) -> Campaign:
    campaign = Campaign.objects.filter(year=year).first()
    if campaign is None:
        raise Http404
    return campaign


def is_self(user, staff) -> bool:
    return staff is not None and staff.user_id == user.pk


def sees_person(user, person) -> bool:
    """``person`` is a ``PersonYear``: the Office, the board, the head of their year's division, themselves."""
    if sees_whole_agency(user) or is_self(user, person.staff):
        return True
    division = headed_division(user)
    return division is not None and person.division == division


def may_propose(user, person) -> bool:
    """The head of the person's division, never for themselves."""
    division = headed_division(user)
    return division is not None and person.division == division and not is_self(user, person.staff)


def may_decide_rating(user, person) -> bool:
    return has_role(user, Role.BOARD) and not is_self(user, person.staff)


def reads_nominations(user) -> bool:
    """The Office, the board, the council (the whole list) and heads (their division's)."""
    return sees_whole_agency(user) or has_role(user, Role.COUNCIL) or headed_division(user) is not None


def nomination_scope(user):
    """The division whose nominations ``user`` reads (None: all), or 403."""
    if sees_whole_agency(user) or has_role(user, Role.COUNCIL):
        return None
    division = headed_division(user)
    if division is None:
        raise PermissionDenied
    return division


# What the council reads: the list from the moment the Office compiles it.
COUNCIL_READS = ("shortlisted", "approved", "rejected", "revoked")


def reads_nomination(user, nomination) -> bool:
    """The Office and the board: all; a head: their division's; the council: those on the list."""
    if sees_whole_agency(user):
        return True
    division = headed_division(user)
    if division is not None and nomination.division_id == division.pk:
        return True
    return has_role(user, Role.COUNCIL) and nomination.status in COUNCIL_READS


def get_nomination(user, campaign, pk):
    from awards.models import Nomination

    nomination = get_object_or_404(Nomination.objects.select_related("staff__position", "division", "campaign"),
                                   pk=pk, campaign=campaign)
    check(reads_nomination(user, nomination))
    return nomination


def reads_year(user, campaign, staff) -> bool:
    """A person's year page: whoever reads their record (organization.access: the Office, the board, their head,
    themselves), and the council while the person is a nominee on the list."""
    if visible_staff(user).filter(pk=staff.pk).exists():
        return True
    return has_role(user, Role.COUNCIL) and staff.nominations.filter(campaign=campaign,
                                                                     status__in=COUNCIL_READS).exists()


def opens_record(user, staff) -> bool:
    """Whether ``user`` may open the person's record (organization's staff page), which the conditions link to."""
    return visible_staff(user).filter(pk=staff.pk).exists()


def may_nominate(user, division) -> bool:
    """Heads from their division; the Office for any (the Office compiles what divisions send on paper)."""
    return has_role(user, Role.OFFICE) or (division is not None and headed_division(user) == division)


def reads_minutes(user) -> bool:
    return sees_whole_agency(user) or has_role(user, Role.COUNCIL)


def check(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


# --- The council's sessions and the published list (awards/views_council.py) ---


def records_council(user) -> bool:
    """The Office records the council's sessions from the meeting and publishes the approved list."""
    return has_role(user, Role.OFFICE)


def reads_notice(user) -> bool:
    """Everyone with a role reads and comments on the published list."""
    return bool(roles_of(user))


def get_session(user, campaign, pk):
    """A council session of ``campaign`` for a reader of the minutes; 404 if unknown, 403 for anyone else."""
    from awards.models import CouncilSession

    check(reads_minutes(user))
    sessions = CouncilSession.objects.select_related("chair", "secretary", "recorded_by__staff")
    return get_object_or_404(sessions, pk=pk, campaign=campaign)
