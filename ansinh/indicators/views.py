from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ansinh.core import params, scope
from ansinh.core import queries as core_queries
from ansinh.core.errors import AppError, show_refusal
from ansinh.core.models import AdminUnit, OrgUnit, Role
from ansinh.core.periods import Period, PeriodError

from . import queries, rules, services, sources
from .models import DataSet, DataValue, Indicator, Submission, Target

KEY_INDICATORS = [
    "VL_GQVL",
    "VL_XKLD",
    "GDNN_TUYENSINH",
    "BTXH_TCXH",
    "NCC_MAITANG",
    "TTHC_NHAN",
    "TET_QUA",
    "TNXH_HOCVIEN",
]


def chosen_root(request):
    """The unit the user looks at: their district, or the province (the earliest generation)."""
    territory = scope.territory_of(request.user)
    if territory is not None and territory.level == AdminUnit.Level.DISTRICT:
        return territory
    code = request.GET.get("unit") or (territory.code if territory else None)
    provinces = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).order_by("valid_from")
    root = provinces.filter(code=code).first() if code else provinces.first()
    if root is None:
        raise Http404("Chưa có đơn vị hành chính nào.")
    if territory is not None and root.pk != territory.pk:
        raise PermissionDenied("Bạn chỉ xem được số liệu địa bàn của mình.")
    return root


@login_required
def dashboard(request):
    period, root = (
        params.requested_period(request, fallback=queries.latest_period),
        chosen_root(request),
    )
    counts = sources.Counts()  # the registry's counting queries run once for the page
    figures = queries.figures(period, root, KEY_INDICATORS, counts)
    key = [figures[c] for c in KEY_INDICATORS if c in figures]
    districts = queries.districts_of(root, period)
    jobs = figures.get("VL_GQVL")
    by_district = {
        "labels": [d.name for d in districts],
        "values": [float(jobs.by_district.get(d.pk) or 0) for d in districts] if jobs else [],
        "targets": [float(jobs.district_targets.get(d.pk) or 0) for d in districts] if jobs else [],
    }
    quarters = Period(period.year, 1, "year").children("quarter")
    by_quarter = {"labels": [q.label for q in quarters], "values": []}
    for quarter in quarters:
        figure = queries.figures(quarter, root, ["VL_GQVL"], counts).get("VL_GQVL")
        by_quarter["values"].append(float(figure.total or 0) if figure else 0)
    people = core_queries.people_for(request.user)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "period": period,
            "root": root,
            "key": key,
            "by_district": by_district,
            "by_quarter": by_quarter,
            "jobs_target": float(jobs.target) if jobs and jobs.target else None,
            "previous": period.previous(),
            "next": period.next(),
            "people_active": people.filter(status="active").count(),
        },
    )


@login_required
def figure_trace(request, code):
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise Http404("Không có chỉ tiêu này.")
    period, root = (
        params.requested_period(request, fallback=queries.latest_period),
        chosen_root(request),
    )
    category = request.GET.get("category")
    figure = queries.figures(period, root, [code])[code]
    rows = queries.values_behind(indicator, period, root, category=category or None)
    districts = queries.districts_of(root, period)
    return render(
        request,
        "indicators/trace.html",
        {
            "indicator": indicator,
            "period": period,
            "root": root,
            "figure": figure,
            "rows": rows,
            "category": category,
            "category_label": indicator.category_label(category) if category else "",
            "district_rows": [
                (d, figure.by_district.get(d.pk), figure.district_targets.get(d.pk))
                for d in districts
            ],
            "categories": [
                (c, indicator.category_label(c), v) for c, v in figure.by_category.items() if c
            ],
            "records_url": queries.records_page(code, period)
            if scope.may_see_names(request.user, indicator.area)
            else "",
        },
    )


@login_required
def catalogue(request):
    return render(
        request,
        "indicators/catalogue.html",
        {
            "indicators": Indicator.objects.all(),
            "data_sets": DataSet.objects.prefetch_related("indicators"),
        },
    )


def _reporting_unit(request):
    if scope.role_of(request.user) == Role.ADMIN and request.GET.get("org_unit"):
        return OrgUnit.objects.filter(code=request.GET["org_unit"]).first()
    profile = scope.profile_of(request.user)
    return profile.org_unit if profile else None


@login_required
def data_entry(request):
    org_unit = _reporting_unit(request)
    if org_unit is None or scope.role_of(request.user) not in (
        Role.ADMIN,
        Role.DIVISION_OFFICER,
        Role.DISTRICT_OFFICER,
    ):
        raise PermissionDenied("Tài khoản của bạn không nhập số liệu báo cáo.")
    data_sets = list(services.data_set_for_unit(org_unit))
    if request.method == "POST":
        return _save_entry(request, org_unit, data_sets)
    data_set = next(
        (d for d in data_sets if d.code == request.GET.get("data_set")),
        data_sets[0] if data_sets else None,
    )
    if data_set is None:
        return render(request, "indicators/entry.html", {"org_unit": org_unit, "data_sets": []})
    period = params.requested_period(request, data_set.period_kind, queries.latest_period)
    if period.kind != data_set.period_kind:
        period = Period.containing(period.start, data_set.period_kind)
    return _entry_page(request, org_unit, data_sets, data_set, period)


def _named(request, name):
    """A form's data set or period: its hidden field, or the address it was posted to; never a default."""
    posted, addressed = request.POST.get(name, ""), request.GET.get(name, "")
    if posted and addressed and posted != addressed:
        raise PermissionDenied(
            f"Biểu mẫu gửi lên không khớp với địa chỉ (“{posted}” và “{addressed}”); hãy tải lại trang."
        )
    return posted or addressed


def _posted_form(request, data_sets):
    """The data set and period a posted form names, never a default."""
    code = _named(request, "data_set")
    data_set = next((d for d in data_sets if d.code == code), None)
    if data_set is None:
        raise PermissionDenied(f"Đơn vị của bạn không báo cáo biểu “{code}”.")
    try:
        period = Period.parse(_named(request, "period"))
    except PeriodError as error:
        raise PermissionDenied(str(error)) from error
    if period.kind != data_set.period_kind:
        raise PermissionDenied(f"Biểu “{data_set}” không báo cáo theo kỳ {period}.")
    return data_set, period


def _save_entry(request, org_unit, data_sets):
    data_set, period = _posted_form(request, data_sets)
    if request.POST.get("action") == "submit":
        try:
            services.submit(request.user, services.submission_for(data_set, org_unit, period))
            messages.success(request, f"Đã gửi báo cáo {period.label}.")
        except AppError as error:
            show_refusal(request, error)
        return redirect(_entry_url(data_set, period, org_unit, request))
    entries, errors, typed = {}, {}, {}
    for indicator in data_set.indicators.all():
        for category, _ in indicator.categories or [["", ""]]:
            name = f"v_{indicator.pk}_{category}"
            if name not in request.POST:
                continue  # a field not sent is not written
            typed[name] = request.POST[name]
            try:
                entries[(indicator, category)] = rules.parse_value(typed[name], indicator.unit)
            except rules.BadValue as error:
                errors[name] = str(error)
    if not errors:
        try:
            services.save_values(
                request.user,
                data_set,
                org_unit,
                period,
                entries,
                version=request.POST.get("version"),
            )
            messages.success(request, "Đã lưu số liệu.")
            return redirect(_entry_url(data_set, period, org_unit, request))
        except AppError as error:
            show_refusal(request, error)
    return _entry_page(request, org_unit, data_sets, data_set, period, errors, typed)


def _entry_url(data_set, period, org_unit, request):
    url = f"{request.path}?data_set={data_set.code}&period={period}"
    return url + (f"&org_unit={org_unit.code}" if request.GET.get("org_unit") else "")


def _entry_page(request, org_unit, data_sets, data_set, period, errors=None, typed=None):
    errors, typed = errors or {}, typed or {}
    submission = services.submission_for(data_set, org_unit, period)
    indicators = list(data_set.indicators.all())
    current = {
        (v.indicator_id, v.category): v.value
        for v in DataValue.objects.filter(
            indicator__in=indicators, unit=org_unit.territory, period=str(period)
        )
    }
    rows = [(i, c, label) for i in indicators for c, label in (i.categories or [["", ""]])]
    grid = []
    for indicator, category, label in rows:
        name = f"v_{indicator.pk}_{category}"
        value = typed.get(name, current.get((indicator.pk, category)))
        grid.append(
            {
                "indicator": indicator,
                "category": category,
                "label": label,
                "name": name,
                "value": _plain(value),
                "error": errors.get(name),
            }
        )
    return render(
        request,
        "indicators/entry.html",
        {
            "org_unit": org_unit,
            "data_sets": data_sets,
            "data_set": data_set,
            "period": period,
            "submission": submission,
            "grid": grid,
            "errors": errors,
            "previous": period.previous(),
            "next": period.next(),
            "version": request.POST.get("version")
            if errors or typed
            else services.values_version(data_set, org_unit, period),
        },
    )


def _plain(value):
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    return str(int(value)) if value == int(value) else str(value)


def due_date(data_set, period):
    return Period.parse(period).end + timedelta(days=data_set.due_days)


@login_required
def completeness(request):
    """Who has reported a data set for a period: on time, late, missing; leaders approve and lock."""
    data_sets = list(DataSet.objects.all())
    data_set = next(
        (d for d in data_sets if d.code == request.GET.get("data_set")),
        data_sets[0] if data_sets else None,
    )
    if data_set is None:
        raise Http404("Chưa có biểu báo cáo nào.")
    period = params.requested_period(request, data_set.period_kind, queries.latest_period)
    if period.kind != data_set.period_kind:
        period = Period.containing(period.start, data_set.period_kind)
    reporters = queries.reporters_of(data_set, period)
    territory = scope.territory_of(request.user)
    if territory is not None and territory.level == AdminUnit.Level.DISTRICT:
        reporters = reporters.filter(territory=territory)
    submissions = {
        s.org_unit_id: s for s in Submission.objects.filter(data_set=data_set, period=str(period))
    }
    due = due_date(data_set, period)
    rows = []
    for reporter in reporters:
        submission = submissions.get(reporter.pk)
        sent = (
            submission.submitted_at
            if submission and submission.status != Submission.Status.DRAFT
            else None
        )
        timeliness = "missing" if not sent else ("on_time" if sent.date() <= due else "late")
        rows.append(
            {"reporter": reporter, "submission": submission, "sent": sent, "timeliness": timeliness}
        )
    counts = {
        k: sum(1 for r in rows if r["timeliness"] == k) for k in ("on_time", "late", "missing")
    }
    return render(
        request,
        "indicators/completeness.html",
        {
            "data_sets": data_sets,
            "data_set": data_set,
            "period": period,
            "rows": rows,
            "due": due,
            "counts": counts,
            "previous": period.previous(),
            "next": period.next(),
            "can_approve": scope.is_leader_or_admin(request.user),
        },
    )


def _submission_step(request, pk, step):
    """Run `step(submission)`, one service call, and go back to the completeness page of its data
    set and period: the new status is said, or the refusal."""
    submission = Submission.objects.filter(pk=pk).select_related("data_set", "org_unit").first()
    if submission is None:
        raise Http404
    try:
        step(submission)
        messages.success(request, f"{submission.org_unit}: {submission.get_status_display()}.")
    except AppError as error:
        show_refusal(request, error)
    return redirect(
        f"/so-lieu/tinh-trang/?data_set={submission.data_set.code}&period={submission.period}"
    )


@login_required
@require_POST
def submission_approve(request, pk):
    return _submission_step(
        request, pk, lambda submission: services.approve(request.user, submission)
    )


@login_required
@require_POST
def submission_lock(request, pk):
    return _submission_step(request, pk, lambda submission: services.lock(request.user, submission))


@login_required
@require_POST
def submission_reopen(request, pk):
    return _submission_step(
        request,
        pk,
        lambda submission: services.reopen(
            request.user, submission, request.POST.get("reason", "")
        ),
    )


@login_required
@require_POST
def submission_lock_period(request, pk):
    """Lock every approved submission of this submission's period."""

    def step(submission):
        count = services.lock_period(request.user, submission.period)
        messages.success(
            request,
            f"Đã khoá {count} báo cáo đã duyệt của kỳ {Period.parse(submission.period).label}.",
        )

    return _submission_step(request, pk, step)


@login_required
def targets(request):
    year = (
        params.from_page(request, "year", params.year)
        or params.requested_period(request, fallback=queries.latest_period).year
    )
    root = chosen_root(request)
    indicators = Indicator.objects.filter(has_target=True)
    units = [root] + queries.districts_of(root, Period.parse(str(year)))
    can_edit = scope.role_of(request.user) in (Role.ADMIN, Role.LEADER, Role.DIVISION_OFFICER)
    errors = []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(
                "Chỉ lãnh đạo Sở và chuyên viên phòng chuyên môn được giao chỉ tiêu kế hoạch."
            )
        for indicator in indicators:
            for unit in units:
                raw = request.POST.get(f"t_{indicator.pk}_{unit.pk}", "").strip()
                if not raw:
                    continue
                try:
                    services.set_target(
                        request.user, indicator, unit, year, rules.parse_value(raw, indicator.unit)
                    )
                except (rules.BadValue, AppError) as error:
                    errors.append(f"{indicator.name} – {unit.name}: {error}")
        if not errors:
            messages.success(request, f"Đã lưu chỉ tiêu kế hoạch năm {year}.")
            return redirect(f"/ke-hoach/?year={year}")
    current = {
        (t.indicator_id, t.unit_id): t.value
        for t in Target.objects.filter(year=year, unit__in=units)
    }
    table = [
        (i, [(u, _plain(current.get((i.pk, u.pk))), f"t_{i.pk}_{u.pk}") for u in units])
        for i in indicators
    ]
    return render(
        request,
        "indicators/targets.html",
        {"year": year, "units": units, "table": table, "can_edit": can_edit, "errors": errors},
    )
