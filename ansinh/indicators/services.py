"""Writes of aggregate data: values, the submission workflow, targets. In transactions, audited."""

import csv
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ansinh.core import concurrency, scope
from ansinh.core.errors import AppError
from ansinh.core.models import Role
from ansinh.core.periods import HALF, MONTH, QUARTER, YEAR, Period

from .models import DataSet, DataValue, Indicator, Submission, Target

CATALOGUE = Path(__file__).parent / "data" / "catalogue.csv"


@transaction.atomic
def load_catalogue():
    with open(CATALOGUE, encoding="utf-8") as f:
        for order, row in enumerate(csv.DictReader(f), start=1):
            categories = [part.split(":", 1) for part in row["categories"].split("|") if part]
            Indicator.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "unit": row["unit"],
                    "area": row["area"],
                    "aggregation": row["aggregation"],
                    "categories": categories,
                    "entry_level": row["entry_level"],
                    "entry_period": row["entry_period"],
                    "has_target": row["target"] == "yes",
                    "description": row["description"],
                    "order": order * 10,
                    "source": row.get("source") or Indicator.Source.ENTRY,
                },
            )


def submission_for(data_set, org_unit, period, lock=False):
    """The submission of a data set, unit and period (created as a draft); `lock` holds its row
    until the transaction ends, so that a write and an approval of it never interleave."""
    submission, _ = Submission.objects.get_or_create(
        data_set=data_set, org_unit=org_unit, period=str(period)
    )
    if lock:
        submission = (
            Submission.objects.select_for_update()
            .select_related("data_set", "org_unit")
            .get(pk=submission.pk)
        )
    return submission


def check_can_report(user, org_unit):
    """Admins report for anyone; others only for the unit they belong to."""
    role = scope.role_of(user)
    if role == Role.ADMIN:
        return
    profile = scope.profile_of(user)
    if (
        role not in (Role.DIVISION_OFFICER, Role.DISTRICT_OFFICER)
        or profile.org_unit_id != org_unit.pk
    ):
        raise PermissionDenied(f"Bạn không được nhập số liệu cho {org_unit}.")


def check_editable(submission):
    if not submission.is_editable:
        period = Period.parse(submission.period)
        raise AppError(
            f"Số liệu {period.label} của {submission.org_unit} ({submission.data_set}) đã "
            f"{submission.get_status_display().lower()}; không sửa được. Đề nghị lãnh đạo mở lại kỳ báo cáo."
        )


def overlapping_periods(period):
    """The period, every period inside it and every period containing it (as stored strings)."""
    period = Period.parse(period)
    found = set()
    for kind in (MONTH, QUARTER, HALF, YEAR):
        if Period(period.year, 1, kind).months <= period.months:
            found |= {str(p) for p in period.children(kind)}
        else:
            found.add(str(period.parent(kind)))
    return sorted(found)


def closing_submission(org_unit, indicator, period):
    """The submission that closes an indicator's value of a reporting unit for a period, if any:
    one of the period itself, of a period inside it or of a period containing it, either approved
    or locked for a data set holding the indicator, or locked for any data set of the unit."""
    return (
        Submission.objects.filter(org_unit=org_unit, period__in=overlapping_periods(period))
        .filter(
            Q(status=Submission.Status.LOCKED)
            | Q(status=Submission.Status.APPROVED, data_set__indicators=indicator)
        )
        .select_related("data_set")
        .order_by("-status", "period")
        .first()
    )


def check_not_closed(org_unit, indicator, period):
    closing = closing_submission(org_unit, indicator, period)
    if closing is not None:
        raise AppError(
            f"Chỉ tiêu “{indicator.name}”: số liệu {Period.parse(closing.period).label} của {org_unit} "
            f"({closing.data_set}) {closing.get_status_display().lower()}; không sửa được số liệu "
            f"{Period.parse(period).label}. Đề nghị lãnh đạo mở lại kỳ báo cáo."
        )


def check_typed_entry(indicator):
    if indicator.source == Indicator.Source.REGISTRY:
        raise AppError(
            f"Chỉ tiêu “{indicator.name}” ({indicator.code}) được tính từ sổ quản lý; không nhập số liệu tay."
        )


def check_in_data_set(data_set, indicator, category, period):
    if not data_set.indicators.filter(pk=indicator.pk).exists():
        raise AppError(
            f"Chỉ tiêu “{indicator.name}” ({indicator.code}) không thuộc biểu “{data_set}”."
        )
    if indicator.entry_period != period.kind:
        raise AppError(
            f"Chỉ tiêu “{indicator.name}” nhập theo kỳ {indicator.entry_period}, không theo {period.label}."
        )
    if category and category not in indicator.category_codes:
        raise AppError(f"Chỉ tiêu “{indicator.name}” không có phân tổ “{category}”.")


def check_data_set(data_set, org_unit, period):
    if not data_set_for_unit(org_unit).filter(pk=data_set.pk).exists():
        raise AppError(f"{org_unit} không báo cáo biểu “{data_set}”.")
    if period.kind != data_set.period_kind:
        raise AppError(
            f"Biểu “{data_set}” báo cáo theo {data_set.get_period_kind_display().lower()}, không theo kỳ {period}."
        )


def check_unit(org_unit, unit):
    territory = org_unit.territory
    if unit.pk != territory.pk and not scope.commune_ids_in(territory).filter(pk=unit.pk).exists():
        raise PermissionDenied(f"{unit} nằm ngoài địa bàn của {org_unit}.")


def check_value(user, data_set, org_unit, period, indicator, category="", unit=None):
    """Every rule one aggregate value must pass before it is written (AppError or PermissionDenied)."""
    period = Period.parse(period)
    check_can_report(user, org_unit)
    check_data_set(data_set, org_unit, period)
    check_unit(org_unit, unit or org_unit.territory)
    check_typed_entry(indicator)
    check_in_data_set(data_set, indicator, category, period)
    check_not_closed(org_unit, indicator, period)


def values_version(data_set, org_unit, period, unit=None):
    """The version of a data set's values for a unit and period, that a form is made from:
    the id of the latest history row of any of them (0 for none)."""
    rows = DataValue.history.filter(
        indicator_id__in=data_set.indicators.values("pk"),
        unit_id=(unit or org_unit.territory).pk,
        period=str(period),
    )
    return rows.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def check_values_version(data_set, org_unit, period, unit, version):
    """Refuse a save made from an older version of the values (the submission row is locked)."""
    if version is None or str(version).strip() == str(
        values_version(data_set, org_unit, period, unit)
    ):
        return
    latest = (
        DataValue.history.filter(
            indicator_id__in=data_set.indicators.values("pk"), unit_id=unit.pk, period=str(period)
        )
        .select_related("history_user")
        .order_by("-history_id")
        .first()
    )
    name, at = concurrency.who_and_when(
        latest.history_user if latest else None, latest.history_date if latest else timezone.now()
    )
    raise AppError(f"Số liệu đã được {name} sửa lúc {at}, hãy tải lại trang.")


@transaction.atomic
def save_values(user, data_set, org_unit, period, entries, unit=None, reason="", version=None):
    """The one write path of aggregate values (entry page, import, API).

    Writes {(indicator, category): value} of the named data set for the reporting unit's territory
    (or `unit`, a commune inside it); only the keys given are written, None clears a value (0).
    AppError as a whole, naming every bad field, when a rule is broken; refused when `version`
    (from the form or the API) is older than the values' (see values_version).
    """
    period = Period.parse(period)
    check_can_report(user, org_unit)
    check_data_set(data_set, org_unit, period)
    unit = unit or org_unit.territory
    check_unit(org_unit, unit)
    submission = submission_for(data_set, org_unit, period, lock=True)
    check_editable(submission)
    check_values_version(data_set, org_unit, period, unit, version)
    problems = []
    for indicator, category in entries:
        try:
            check_value(user, data_set, org_unit, period, indicator, category, unit)
        except AppError as error:
            problems.append(str(error))
    if problems:
        raise AppError(" ".join(problems))
    for (indicator, category), value in entries.items():
        _write_value(user, org_unit, unit, period, indicator, category, value, reason)
    if submission.status == Submission.Status.SUBMITTED:
        submission.status = Submission.Status.DRAFT
        submission._change_reason = "Sửa số liệu sau khi gửi: cần gửi lại"
        submission.save()
    return submission


def _write_value(user, org_unit, unit, period, indicator, category, value, reason):
    existing = DataValue.objects.filter(
        indicator=indicator, unit=unit, period=str(period), category=category
    ).first()
    if value is None:
        if existing and existing.value != 0:
            existing.value, existing.updated_by = 0, user
            existing._change_reason = "Xoá số liệu (ghi 0)"
            existing.save()
        return
    if existing is None:
        existing = DataValue(
            indicator=indicator, unit=unit, period=str(period), category=category, org_unit=org_unit
        )
    elif existing.value == value:
        return
    existing.value, existing.updated_by = value, user
    if reason:
        existing._change_reason = reason
    existing.save()


@transaction.atomic
def _transition(submission, allowed_from, to, user, reason):
    current = concurrency.lock(submission)
    if current.status not in allowed_from:
        if current.status != submission.status:
            raise AppError(
                concurrency.overtaken(
                    current, f"Báo cáo {Period.parse(current.period).label} của {current.org_unit}"
                )
            )
        raise AppError(
            f"Không thể chuyển báo cáo đang ở trạng thái “{submission.get_status_display()}” sang “{Submission.Status(to).label}”."
        )
    submission.status = to
    submission._change_reason = reason
    if to == Submission.Status.SUBMITTED:
        submission.submitted_at, submission.submitted_by = timezone.now(), user
    if to == Submission.Status.APPROVED:
        submission.approved_at, submission.approved_by = timezone.now(), user
    submission.save()
    return submission


def submit(user, submission):
    check_can_report(user, submission.org_unit)
    return _transition(
        submission, [Submission.Status.DRAFT], Submission.Status.SUBMITTED, user, "Gửi báo cáo"
    )


def require_leader(user):
    if not scope.is_leader_or_admin(user):
        raise PermissionDenied("Chỉ lãnh đạo Sở được duyệt, khoá hoặc mở lại kỳ báo cáo.")


def approve(user, submission):
    require_leader(user)
    return _transition(
        submission, [Submission.Status.SUBMITTED], Submission.Status.APPROVED, user, "Duyệt báo cáo"
    )


def lock(user, submission):
    require_leader(user)
    return _transition(
        submission, [Submission.Status.APPROVED], Submission.Status.LOCKED, user, "Khoá kỳ báo cáo"
    )


def reopen(user, submission, reason):
    require_leader(user)
    if not reason.strip():
        raise AppError("Phải ghi lý do mở lại kỳ báo cáo.")
    allowed = [Submission.Status.SUBMITTED, Submission.Status.APPROVED, Submission.Status.LOCKED]
    return _transition(
        submission, allowed, Submission.Status.DRAFT, user, f"Mở lại: {reason.strip()}"
    )


@transaction.atomic
def lock_period(user, period):
    """Lock every approved submission of a period; returns how many were locked."""
    require_leader(user)
    approved = Submission.objects.filter(
        period=str(Period.parse(period)), status=Submission.Status.APPROVED
    )
    count = 0
    for submission in approved:
        lock(user, submission)
        count += 1
    return count


@transaction.atomic
def set_target(user, indicator, unit, year, value, citation=""):
    if scope.role_of(user) not in (Role.ADMIN, Role.LEADER, Role.DIVISION_OFFICER):
        raise PermissionDenied(
            "Chỉ lãnh đạo Sở và chuyên viên phòng chuyên môn được giao chỉ tiêu kế hoạch."
        )
    if value is None or value <= 0:
        raise AppError(f"Chỉ tiêu kế hoạch “{indicator.name}” năm {year} phải lớn hơn 0.")
    target, _ = Target.objects.update_or_create(
        indicator=indicator, unit=unit, year=year, defaults={"value": value, "citation": citation}
    )
    return target


def data_set_for_unit(org_unit):
    """Data sets an organisational unit reports."""
    sets = DataSet.objects.filter(reporter_kind=org_unit.kind)
    if org_unit.area:
        sets = sets.filter(reporter_area__in=["", org_unit.area])
    return sets
