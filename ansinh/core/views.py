from datetime import date

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from rest_framework.authtoken.views import ObtainAuthToken

from . import calendar_service, concurrency, imports, queries, scope, services
from .audit import log_access, log_bulk_export
from .auth import AccountLocked, LockoutAuthenticationForm, is_locked
from .errors import AppError, show_refusal
from .exports import people_workbook, xlsx_response
from .forms import ClosePersonForm, DayOverrideForm, ImportForm, PeopleFilterForm, PersonForm
from .imports import (
    REGISTRY,
    FileRejected,
    importer_for,
    rejected,
    run_import,
    size_problem,
    template_workbook,
)
from .models import (
    AccessLog,
    AdminUnit,
    Area,
    DayOverride,
    DistrictTransfer,
    ImportJob,
    OrgUnit,
    Person,
)
from .pagination import IdFirstPaginator

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    authentication_form = LockoutAuthenticationForm
    template_name = "core/login.html"
    redirect_authenticated_user = True


class LockoutObtainAuthToken(ObtainAuthToken):
    """POST /api/token/: a locked user name gets a 403 with the reason, never a token (the
    backend refuses it too; this only says why)."""

    def post(self, request, *args, **kwargs):
        username = request.data.get("username")
        if isinstance(username, str) and username.strip() and is_locked(username):
            raise AccountLocked()
        return super().post(request, *args, **kwargs)


def paginate(request, items, size=PAGE_SIZE):
    return IdFirstPaginator(items, size).get_page(request.GET.get("page"))


@login_required
def area(request, code):
    if code not in Area.values:
        raise Http404("Không có lĩnh vực này.")
    from .areas import PAGES

    units = OrgUnit.objects.filter(area=code).select_related("parent")
    # need to know: no links to registries this account may not open (the desk pages keep their own rules)
    named = scope.may_see_names(request.user, code) or code not in scope.PEOPLE_AREAS
    return render(
        request,
        "core/area.html",
        {
            "area_code": code,
            "area_label": Area(code).label,
            "units": units,
            "pages": PAGES.get(code, []) if named else [],
            "named": named,
        },
    )


@login_required
def transfers(request):
    """Records moved between districts: requests out of and into the user's territory, and the decision."""
    items = services.transfers_for(request.user).order_by("-requested_at", "-id")
    status = request.GET.get("status", "pending")
    if status in DistrictTransfer.Status.values:
        items = items.filter(status=status)
    page = paginate(request, items)
    for transfer in page:
        transfer.may_decide = (
            transfer.status == DistrictTransfer.Status.PENDING
            and services.may_decide(request.user, transfer)
        )
    return render(
        request,
        "core/transfers.html",
        {
            "page": page,
            "status": status,
            "statuses": DistrictTransfer.Status.choices,
            "query": f"status={status}",
        },
    )


@login_required
@require_POST
def _transfer_step(request, pk, step):
    """Run `step(transfer)`, one service call deciding a transfer this user may see, and go back to
    the transfers page with what it says, or the refusal."""
    transfer = services.transfers_for(request.user).filter(pk=pk).first()
    if transfer is None:
        raise Http404(scope.OUT_OF_REACH)
    try:
        messages.success(request, step(transfer))
    except AppError as error:
        show_refusal(request, error)
    return redirect("transfers")


@login_required
@require_POST
def transfer_accept(request, pk):
    def step(transfer):
        services.accept_transfer(request.user, transfer, request.POST.get("note", ""))
        return f"Đã tiếp nhận: {transfer.label} chuyển về {transfer.to_commune}."

    return _transfer_step(request, pk, step)


@login_required
@require_POST
def transfer_refuse(request, pk):
    def step(transfer):
        services.refuse_transfer(request.user, transfer, request.POST.get("note", ""))
        return f"Đã từ chối tiếp nhận: {transfer.label}; hồ sơ ở lại {transfer.from_commune}."

    return _transfer_step(request, pk, step)


@login_required
@scope.names_required("people")
def people_list(request):
    form = PeopleFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    people, truncated = queries.filtered_people(
        request.user, data.get("q"), data.get("commune"), data.get("status")
    )
    page = paginate(request, people)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/people_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "truncated": truncated,
            "limit": queries.SEARCH_LIMIT,
        },
    )


@login_required
@scope.names_required("people")
def people_export(request):
    form = PeopleFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    people, _ = queries.filtered_people(
        request.user, data.get("q"), data.get("commune"), data.get("status")
    )
    if not scope.can_write(request.user) and not scope.is_leader_or_admin(request.user):
        raise PermissionDenied("Vai trò của bạn không được xuất dữ liệu cá nhân.")
    content, count = people_workbook(people)
    log_bulk_export(request, count, "Danh sách đối tượng")
    return xlsx_response(content, "danh-sach-doi-tuong.xlsx")


@login_required
@scope.names_required("people")
def person_detail(request, pk):
    person = queries.person_for(request.user, pk)
    log_access(request, AccessLog.Action.VIEW, person)
    history = person.history.select_related("history_user").order_by("-history_date")[:50]
    context = {
        "person": person,
        "history": _history_rows(history),
        "can_edit": scope.can_write(request.user),
    }
    if scope.is_leader_or_admin(request.user):
        context["access_log"] = person.access_log.select_related("user")[:20]
    return render(request, "core/person_detail.html", context)


def _history_rows(records):
    """Each history record with the fields it changed compared to the one before it."""
    rows = list(records)
    for newer, older in zip(rows, rows[1:] + [None], strict=False):
        newer.changes = newer.diff_against(older).changes if older else []
    return rows


@login_required
@scope.names_required("people")
def person_create(request):
    scope.require_write(request.user)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = services.create_person(request, form.save(commit=False))
        messages.success(request, f"Đã thêm {person.full_name}.")
        return redirect("person_detail", pk=person.pk)
    return render(request, "core/person_form.html", {"form": form, "title": "Thêm đối tượng"})


@login_required
@scope.names_required("people")
def person_edit(request, pk):
    scope.require_write(request.user)
    person = queries.person_for(request.user, pk)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                request,
                form.save(commit=False),
                form.cleaned_data.get("reason", ""),
                version=form.posted_version,
            )
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("person_detail", pk=person.pk)
        except concurrency.StaleEdit as error:
            form.add_error(None, str(error))
    return render(
        request,
        "core/person_form.html",
        {"form": form, "title": f"Sửa hồ sơ: {person.full_name}", "person": person},
    )


@login_required
@scope.names_required("people")
def person_close(request, pk):
    scope.require_write(request.user)
    person = queries.person_for(request.user, pk)
    form = ClosePersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.close_person(request, person, form.cleaned_data["reason"])
        messages.success(request, "Đã đóng hồ sơ.")
        return redirect("person_detail", pk=person.pk)
    return render(request, "core/person_close.html", {"form": form, "person": person})


@login_required
def units(request):
    provinces = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).prefetch_related(
        "successors"
    )
    districts = (
        AdminUnit.objects.filter(level=AdminUnit.Level.DISTRICT)
        .select_related("parent")
        .prefetch_related("successors")
    )
    org_units = OrgUnit.objects.select_related("parent", "territory")
    return render(
        request,
        "core/units.html",
        {"provinces": provinces, "districts": districts, "org_units": org_units},
    )


@login_required
def unit_detail(request, pk):
    unit = AdminUnit.objects.filter(pk=pk).select_related("parent").first()
    if unit is None:
        raise Http404("Không có đơn vị này.")
    children = paginate(request, unit.children.order_by("code"), 100)
    return render(request, "core/unit_detail.html", {"unit": unit, "children": children})


@login_required
def work_calendar(request, year=None):

    if year is not None and not 1900 <= year <= 2100:
        messages.error(request, f"Không có lịch làm việc năm {str(year)[:12]}; đang xem năm nay.")
        year = None
    year = year or date.today().year
    form = DayOverrideForm(request.POST or None)
    if request.method == "POST":
        if scope.role_of(request.user) != "admin":
            raise PermissionDenied("Chỉ quản trị hệ thống được sửa lịch làm việc.")
        if form.is_valid():
            override = (
                DayOverride.objects.filter(date=form.cleaned_data["date"]).first() or DayOverride()
            )
            for field in ("date", "kind", "reason", "citation"):
                setattr(override, field, form.cleaned_data[field])
            override.active = True
            override.save()
            messages.success(request, f"Đã lưu {override}.")
            return redirect("work_calendar_year", year=override.date.year)
    context = {
        "year": year,
        "days": calendar_service.days_off_in(year),
        "form": form,
        "can_edit": scope.role_of(request.user) == "admin",
        "overrides": DayOverride.objects.filter(date__year=year),
    }
    return render(request, "core/calendar.html", context)


@login_required
@require_POST
def calendar_override_disable(request, pk):
    if scope.role_of(request.user) != "admin":
        raise PermissionDenied("Chỉ quản trị hệ thống được sửa lịch làm việc.")
    override = DayOverride.objects.filter(pk=pk).first()
    if override is None:
        raise Http404
    override.active = False
    override._change_reason = "Bỏ áp dụng"
    override.save()
    messages.success(request, f"Đã bỏ áp dụng {override}.")
    return redirect("work_calendar_year", year=override.date.year)


# Imports: upload -> whole-file check -> confirm -> all-or-nothing write.


def _stored_upload(user, token):
    path = imports.stored_upload(user, token)
    if path is None:
        raise Http404("Tệp tải lên đã hết hạn; hãy tải lại.")
    return path


@login_required
def import_index(request):
    importers = [(kind, cls.title) for kind, cls in sorted(REGISTRY.items())]
    return render(request, "core/import_index.html", {"importers": importers, "form": ImportForm()})


@login_required
def import_template(request, kind):
    try:
        importer = importer_for(kind, request.user)
    except FileRejected:
        raise Http404 from None
    return xlsx_response(template_workbook(type(importer)), f"mau-nhap-{kind}.xlsx")


@login_required
def import_upload(request, kind):
    scope.require_write(request.user)
    if kind not in REGISTRY:
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    result, token = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if size_problem(upload.size):
            result = rejected(kind, size_problem(upload.size))
        elif imports.queued(upload.size):
            return redirect(
                "import_job",
                pk=imports.queue_import(
                    request.user,
                    kind,
                    imports.store_upload(request.user, upload.name, upload.read()),
                ).pk,
            )
        else:
            content = upload.read()
            result = run_import(kind, content, upload.name, request.user)
            if result.ok:
                token = imports.store_upload(request.user, upload.name, content).name.split(
                    "__", 1
                )[0]
    return render(
        request,
        "core/import_result.html",
        {
            "kind": kind,
            "title": REGISTRY[kind].title,
            "form": form,
            "result": result,
            "token": token,
        },
    )


@login_required
@require_POST
def import_commit(request, kind):
    scope.require_write(request.user)
    if kind not in REGISTRY:
        raise Http404
    path = _stored_upload(request.user, request.POST.get("token", ""))
    confirm = request.POST.get("confirm_warnings") == "1"
    if imports.queued(path.stat().st_size):
        try:
            job = imports.queue_import(
                request.user, kind, path, commit=True, confirm_warnings=confirm
            )
        except IntegrityError:
            messages.error(request, "Tệp này đã được gửi nhập; xem kết quả ở trang dưới đây.")
            job = ImportJob.objects.get(token=path.name.split("__", 1)[0], commit=True)
        return redirect("import_job", pk=job.pk)
    result = run_import(
        kind,
        path.read_bytes(),
        path.name.split("__", 1)[1],
        request.user,
        commit=True,
        confirm_warnings=confirm,
    )
    if result.committed:
        path.unlink(missing_ok=True)
        messages.success(request, f"Đã nhập {result.created} dòng.")
    elif result.ok and result.warnings:
        messages.error(request, "Tệp có cảnh báo; hãy đánh dấu xác nhận trước khi nhập.")
    return render(
        request,
        "core/import_result.html",
        {
            "kind": kind,
            "title": REGISTRY[kind].title,
            "form": ImportForm(),
            "result": result,
            "token": None if result.committed or not result.ok else path.name.split("__", 1)[0],
        },
    )


@login_required
def import_job(request, pk):
    """A large file's check or import: its state while a worker runs it, then its result."""
    job = ImportJob.objects.filter(pk=pk, user=request.user).first()
    if job is None:
        raise Http404("Không có việc nhập này.")
    busy = job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
    if request.headers.get("HX-Request"):
        if not busy:
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response
        return render(request, "core/_import_job.html", {"job": job})
    result = imports.result_of(job.result) if job.status == ImportJob.Status.DONE else None
    token = job.token if result and result.ok and not result.committed else None
    if result and result.committed:
        messages.success(request, f"Đã nhập {result.created} dòng.")
    return render(
        request,
        "core/import_result.html",
        {
            "kind": job.kind,
            "title": REGISTRY[job.kind].title if job.kind in REGISTRY else job.kind,
            "form": ImportForm(),
            "result": result,
            "token": token,
            "job": job,
            "busy": busy,
        },
    )


# Audit: history of registry records and the access log, for leaders and administrators.


@login_required
def access_log(request):
    if not scope.is_leader_or_admin(request.user):
        raise PermissionDenied("Chỉ lãnh đạo và quản trị hệ thống được xem nhật ký truy cập.")
    entries = queries.access_log_for(request.user)
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    if request.GET.get("user"):
        entries = entries.filter(user__username=request.GET["user"])
    return render(
        request,
        "core/access_log.html",
        {
            "page": paginate(request, entries),
            "actions": AccessLog.Action.choices,
            "action": action,
            "user_filter": request.GET.get("user", ""),
        },
    )


@login_required
def change_history(request):
    if not scope.is_leader_or_admin(request.user):
        raise PermissionDenied("Chỉ lãnh đạo và quản trị hệ thống được xem lịch sử thay đổi.")
    records = Person.history.select_related("history_user").order_by("-history_date")
    return render(request, "core/change_history.html", {"page": paginate(request, records)})
