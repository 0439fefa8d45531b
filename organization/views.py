from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import permission_required
from django.views.decorators.debug import sensitive_post_parameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.models import Campaign
from discipline.models import Dispute, DisputeStatus
from emulation_portal.history import history_entries
from organization import forms, imports, services
from organization.access import (
    get_staff_for_user,
    headed_division,
    may_list_staff,
    role_required,
    visible_staff,
)
from organization.models import AgencyProfile, Division, Staff
from organization.roles import Role, home_url, roles_of
from organization.vietnamese import search_key

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def home(request):
    return redirect(home_url(request.user))


def no_role(request):
    if roles_of(request.user):
        return redirect(home_url(request.user))
    return render(request, "organization/no_role.html")


@sensitive_post_parameters()
def password_change(request):
    form = forms.PortalPasswordChangeForm(request.user, request.POST or None)
    if form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password was changed."))
        return redirect("home")
    return render(request, "registration/password_change_form.html", {"form": form})


# --- Role homes: what exists so far for each role ---


def _campaign_context():
    campaign = Campaign.objects.current()
    criteria = list(campaign.criteria.all()) if campaign else []
    return {"campaign": campaign, "criteria": criteria}


def _divisions_with_headcount():
    today = timezone.localdate()
    on_today = Q(memberships__start__lte=today) & (Q(memberships__end__isnull=True) | Q(memberships__end__gte=today))
    # An aggregate drops Meta.ordering (Django does not order GROUP BY queries implicitly): order here.
    return (
        Division.objects.filter(active=True)
        .annotate(headcount=Count("memberships", filter=on_today & Q(memberships__staff__active=True)))
        .order_by("display_order", "code")
    )


@role_required(Role.OFFICE)
def office_home(request):
    context = _campaign_context() | {
        "divisions": _divisions_with_headcount(),
        "staff_count": Staff.objects.filter(active=True).count(),
        "without_account": Staff.objects.filter(active=True, user__isnull=True).count(),
        "profile": AgencyProfile.load(),
        "open_disputes": Dispute.objects.filter(status=DisputeStatus.OPEN).count(),
    }
    return render(request, "organization/office_home.html", context)


@role_required(Role.HEAD)
def division_home(request):
    division = headed_division(request.user)
    people = Staff.objects.in_division(division).filter(active=True).official_order() if division else []
    context = _campaign_context() | {"division": division, "people": people, "score_month": _score_day()}
    return render(request, "organization/division_home.html", context)


@role_required(Role.BOARD)
def board_home(request):
    """The board's home is its dashboard (discipline/views_dashboard.py)."""
    from discipline.views_dashboard import dashboard_context

    return render(request, "discipline/dashboard.html", dashboard_context(request))


@role_required(Role.COUNCIL)
def council_home(request):
    members = Staff.objects.filter(user__groups__name=Role.COUNCIL, active=True).official_order()
    context = _campaign_context() | {"members": members}
    return render(request, "organization/council_home.html", context)


@role_required(Role.STAFF)
def my_home(request):
    # The Cán bộ role exists only with a staff link (roles.py), so the record is there.
    staff = Staff.objects.select_related("position").get(user=request.user)
    memberships = staff.memberships.select_related("division")
    context = _campaign_context() | _record_facts(staff) | {
        "staff": staff, "memberships": memberships, "division": staff.division_on(),
    }
    return render(request, "organization/my_home.html", context)


def _record_facts(staff):
    """What the titles depend on, shown wherever the person's record is, and the way to the monthly scores."""
    return {
        "prior_titles": staff.prior_titles.all(),
        "initiatives": staff.initiatives.all(),
        "sanctions": staff.sanctions.all(),
        "score_month": _score_day(),
    }


def _score_day():
    """A day of the month whose scores to show first: today, or the current campaign's last day if it is over."""
    campaign = Campaign.objects.current()
    return min(timezone.localdate(), campaign.end_date) if campaign else None


# --- Staff ---


def staff_list(request):
    if not may_list_staff(request.user):
        raise PermissionDenied
    form = forms.StaffFilterForm(request.GET or None)
    people = visible_staff(request.user).official_order()
    if form.is_valid():
        if form.cleaned_data["q"]:
            people = people.filter(search_key__contains=search_key(form.cleaned_data["q"]))
        if form.cleaned_data["division"]:
            people = people.filter(division_id_on=form.cleaned_data["division"].pk)
    context = {"people": people, "form": form, "scope_division": headed_division(request.user)}
    return render(request, "organization/staff_list.html", context)


def staff_detail(request, pk):
    staff = get_staff_for_user(request, pk)
    can_manage = Role.OFFICE in roles_of(request.user)
    context = _record_facts(staff) | {
        "staff": staff,
        "memberships": staff.memberships.select_related("division"),
        "division": staff.division_on(),
        "can_manage": can_manage,
    }
    if can_manage:
        context |= {
            "roles_form": forms.RolesForm(initial={"roles": roles_of(staff.user) if staff.user else []}),
            "transfer_form": forms.TransferForm(),
            "history": history_entries(staff, limit=20),
        }
    return render(request, "organization/staff_detail.html", context)


@permission_required("organization.add_staff", raise_exception=True)
def staff_create(request):
    form = forms.StaffForm(request.POST or None)
    if form.is_valid():
        staff = services.add_staff(form.save(commit=False), division=form.cleaned_data["division"])
        messages.success(request, _("%(name)s was added.") % {"name": staff.full_name})
        return redirect(staff)
    return render(request, "organization/staff_form.html", {"form": form})


@permission_required("organization.change_staff", raise_exception=True)
def staff_update(request, pk):
    staff = get_staff_for_user(request, pk, write=True)
    form = forms.StaffForm(request.POST or None, instance=staff)
    if form.is_valid():
        form.save()
        messages.success(request, _("The record of %(name)s was saved.") % {"name": staff.full_name})
        return redirect(staff)
    return render(request, "organization/staff_form.html", {"form": form, "staff": staff})


@require_POST
@permission_required("organization.add_membership", raise_exception=True)
def staff_transfer(request, pk):
    staff = get_staff_for_user(request, pk, write=True)
    form = forms.TransferForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_staff(
                staff, to=form.cleaned_data["division"], on=form.cleaned_data["on"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The transfer was recorded."))
    else:
        details = "; ".join(f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items())
        messages.error(request, _("The transfer was not recorded (%(details)s).") % {"details": details})
    return redirect(staff)


@require_POST
@permission_required("organization.manage_accounts", raise_exception=True)
def staff_roles(request, pk):
    staff = get_staff_for_user(request, pk, write=True)
    form = forms.RolesForm(request.POST)
    if staff.user is None:
        messages.error(request, _("Create the account first."))
    elif not form.is_valid():
        messages.error(request, _("Choose among the listed roles."))
    else:
        try:
            services.set_roles(staff.user, form.cleaned_data["roles"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The roles of %(name)s were saved.") % {"name": staff.full_name})
    return redirect(staff)


# --- Accounts ---


@require_POST
@permission_required("organization.manage_accounts", raise_exception=True)
def account_create(request, pk):
    staff = get_staff_for_user(request, pk, write=True)
    form = forms.AccountForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["username"])
        issued = services.create_account(staff, username=form.cleaned_data["username"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(staff)
    return render(request, "organization/passwords_issued.html", {"issued": [issued]})


@permission_required("organization.manage_accounts", raise_exception=True)
def accounts_create_missing(request):
    if request.method == "POST":
        issued = services.create_missing_accounts()
        return render(request, "organization/passwords_issued.html", {"issued": issued})
    people = Staff.objects.filter(active=True, user__isnull=True).official_order()
    return render(request, "organization/accounts_create_missing.html", {"people": people})


@require_POST
@permission_required("organization.manage_accounts", raise_exception=True)
def password_reset(request, pk):
    staff = get_staff_for_user(request, pk, write=True)
    if staff.user is None:
        messages.error(request, _("%(name)s has no account.") % {"name": staff.full_name})
        return redirect(staff)
    password = services.reset_password(staff.user)
    issued = [services.IssuedPassword(staff=staff, username=staff.user.username, password=password)]
    return render(request, "organization/passwords_issued.html", {"issued": issued, "reset": True})


# --- Import ---


# A file of thousands of wrong rows gets a page with their count and the first ones, not thousands of lines.
IMPORT_ERRORS_SHOWN = 100


@permission_required("organization.import_staff", raise_exception=True)
def staff_import(request):
    form = forms.StaffImportForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid():
        try:
            created = imports.import_staff(form.cleaned_data["file"])
        except imports.ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(request, _("%(count)s people were imported.") % {"count": len(created)})
            return redirect("organization:staff-list")
    context = {"form": form, "errors": errors[:IMPORT_ERRORS_SHOWN], "error_count": len(errors),
               "errors_not_shown": max(len(errors) - IMPORT_ERRORS_SHOWN, 0)}
    return render(request, "organization/staff_import.html", context)


@permission_required("organization.import_staff", raise_exception=True)
def staff_import_template(request):
    response = HttpResponse(imports.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-can-bo.xlsx"'
    return response


# --- Agency profile ---


@permission_required("organization.change_agencyprofile", raise_exception=True)
def agency_profile(request):
    form = forms.AgencyProfileForm(request.POST or None, instance=AgencyProfile.load())
    if form.is_valid():
        form.save()
        messages.success(request, _("The agency profile was saved."))
        return redirect("organization:agency-profile")
    return render(request, "organization/agency_profile.html", {"form": form})
