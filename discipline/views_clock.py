"""The Office's time-clock import: upload, preview, confirm, and the rejects to fix and import again."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from discipline import clock
from discipline.evidence import check_storage, not_stored
from discipline.models import ClockImport, ClockImportStatus
from organization.imports import ImportRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS_PER_PAGE = 100
RECENT_IMPORTS = 10


class ClockImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Time-clock export"),
        help_text=gettext_lazy(
            "An .xlsx or .csv file (UTF-8) with the columns staff code, name, date, time in and time out. "
            "Nothing is recorded before you confirm the preview."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_storage(upload.size)  # the upload is kept with the preview: refused if it cannot be stored
        return upload


@permission_required("discipline.add_clockimport", raise_exception=True)
def clock_import_create(request):
    form = ClockImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            batch = clock.preview_clock_import(form.cleaned_data["file"], by=request.user)
        except ImportRefused as refused:
            errors = refused.errors
        except OSError:
            errors = [not_stored()]
        else:
            return redirect(batch)
    recent = ClockImport.objects.select_related("created_by").defer("problems")[:RECENT_IMPORTS]
    return render(
        request, "discipline/clock_import_form.html", {"form": form, "errors": errors, "recent": recent}
    )


@permission_required("discipline.add_clockimport", raise_exception=True)
def clock_import_detail(request, pk):
    batch = get_object_or_404(ClockImport.objects.select_related("created_by"), pk=pk)
    counts = batch.summary.get("counts", {})
    outcomes = [
        (label, counts.get(value, 0), value in clock.PROBLEMS) for value, label in clock.ClockOutcome.choices
    ]
    same_file = (
        ClockImport.objects.filter(sha256=batch.sha256, status=ClockImportStatus.APPLIED)
        .exclude(pk=batch.pk)
        .first()
    )
    context = {
        "batch": batch,
        "outcomes": outcomes,
        "same_file": same_file,
        "problems": Paginator(batch.problems, PROBLEMS_PER_PAGE).get_page(request.GET.get("page")),
        "can_apply": batch.status == ClockImportStatus.PREVIEWED,
        "first_day": _day(batch.summary.get("first_day")),
        "last_day": _day(batch.summary.get("last_day")),
    }
    return render(request, "discipline/clock_import_detail.html", context)


@require_POST
@permission_required("discipline.add_clockimport", raise_exception=True)
def clock_import_apply(request, pk):
    batch = get_object_or_404(ClockImport, pk=pk)
    try:
        batch = clock.apply_clock_import(batch, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ImportRefused as refused:  # the kept rows are gone and the upload no longer reads
        messages.error(request, " ".join(refused.errors))
    else:
        written = batch.summary["applied"]
        messages.success(
            request,
            _(
                "The import was applied: %(created)s records added, %(updated)s corrected, "
                "%(unchanged)s unchanged."
            )
            % written,
        )
    return redirect(batch)


@permission_required("discipline.add_clockimport", raise_exception=True)
def clock_import_rejects(request, pk):
    batch = get_object_or_404(ClockImport, pk=pk)
    response = HttpResponse(
        clock.rejects_workbook(batch.problems, batch.summary.get("headings")), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="cham-cong-loi-{batch.pk}.xlsx"'
    return response


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
