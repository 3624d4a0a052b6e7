from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ansinh.core import params, scope
from ansinh.core.models import OrgUnit, Role

from . import services
from .forms import ActivityForm, TaskForm
from .models import Activity, PlannedTask, Topic


def _own_unit(user):
    """The division a user writes the work log for; administrators write for the Department."""
    role = scope.role_of(user)
    profile = scope.profile_of(user)
    if role == Role.DIVISION_OFFICER:
        return profile.org_unit
    if role == Role.ADMIN:
        return (
            profile.org_unit
            if profile and profile.org_unit
            else OrgUnit.objects.filter(kind=OrgUnit.Kind.DEPARTMENT).first()
        )
    return None


def _writer_unit(request):
    unit = _own_unit(request.user)
    if unit is None:
        raise PermissionDenied("Chỉ chuyên viên các phòng ghi nhật ký công tác.")
    return unit


@login_required
def worklog(request):
    period = params.requested_period(request)
    return _page(request, period, ActivityForm(period=period, prefix="a"), TaskForm(prefix="t"))


@login_required
@require_POST
def worklog_activity(request):
    """Write an activity done in the period; a bad form is shown again on the page."""
    period = params.requested_period(request)
    unit = _writer_unit(request)
    form = ActivityForm(request.POST, period=period, prefix="a")
    if form.is_valid():
        services.record(request.user, unit, form.save(commit=False), period)
        messages.success(request, "Đã ghi.")
        return redirect(f"{reverse('worklog')}?period={period}")
    return _page(request, period, form, TaskForm(prefix="t"))


@login_required
@require_POST
def worklog_task(request):
    """Write a task planned for the next period; a bad form is shown again on the page."""
    period = params.requested_period(request)
    unit = _writer_unit(request)
    form = TaskForm(request.POST, prefix="t")
    if form.is_valid():
        services.record(request.user, unit, form.save(commit=False), period.next())
        messages.success(request, "Đã ghi.")
        return redirect(f"{reverse('worklog')}?period={period}")
    return _page(request, period, ActivityForm(period=period, prefix="a"), form)


def _page(request, period, activity_form, task_form):
    unit = _own_unit(request.user)
    activities = Activity.objects.filter(period=str(period)).select_related("org_unit")
    tasks = PlannedTask.objects.filter(period=str(period.next())).select_related("org_unit")
    groups = [
        (label, [a for a in activities if a.topic == code], [t for t in tasks if t.topic == code])
        for code, label in Topic.choices
    ]
    return render(
        request,
        "worklog/worklog.html",
        {
            "period": period,
            "groups": groups,
            "unit": unit,
            "activity_form": activity_form,
            "task_form": task_form,
            "previous": period.previous(),
            "next": period.next(),
        },
    )


@login_required
@require_POST
def cancel_activity(request, pk):
    activity = Activity.objects.filter(pk=pk).first()
    if activity is None:
        raise Http404
    if _own_unit(request.user) != activity.org_unit and scope.role_of(request.user) != Role.ADMIN:
        raise PermissionDenied("Chỉ đơn vị đã ghi việc này được huỷ.")
    reason = request.POST.get("reason", "").strip()
    if not reason:
        messages.error(request, "Phải ghi lý do huỷ.")
    else:
        activity.cancelled, activity.cancel_reason = True, reason
        activity._change_reason = f"Huỷ: {reason}"
        activity.save()
        messages.success(request, "Đã huỷ việc; việc này không còn đưa vào báo cáo.")
    return redirect(f"/nhat-ky/?period={activity.period}")
