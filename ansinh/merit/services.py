"""Writes to the merit registry: records, assessments, transfers, corrections, decisions.
Each in a transaction, with its history reason; refusals carry a Vietnamese message."""

from dataclasses import replace
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ansinh.core import concurrency, scope
from ansinh.core.errors import AppError
from ansinh.core.models import AdminUnit, Person
from ansinh.core.numbers import format_int
from ansinh.core.rules import personal_id_errors

from . import payroll, rules
from .models import (
    Assessment,
    Correction,
    Decision,
    Evidence,
    MeritCategory,
    MeritRecord,
    RecoverySchedule,
    Relation,
    Repayment,
    Transfer,
)
from .tables import load_tables

AREA = "merit"
CORRECTABLE = {
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh",
    "sex": "Giới tính",
    "personal_id": "Số định danh cá nhân",
    "address": "Địa chỉ",
}


def can_write(user):
    return scope.can_write(user, AREA)


def require_writer(user):
    scope.require_write(user, AREA)


def require_leader(user, what="duyệt quyết định"):
    if not scope.is_leader_or_admin(user):
        raise PermissionDenied(f"Chỉ lãnh đạo Sở được {what}.")


def require_province(user, what):
    """Lists and batches of the whole province are made by province staff, not by a district."""
    require_writer(user)
    if not scope.is_province_level(user):
        raise PermissionDenied(
            f"{what} là việc của cấp tỉnh; cán bộ cấp huyện không làm thay cho cả tỉnh."
        )


def require_in_scope(user, record):
    if not scope.filter_by_commune(MeritRecord.objects.filter(pk=record.pk), user).exists():
        raise PermissionDenied("Hồ sơ ngoài phạm vi bạn được xem và sửa.")


def require_links_in_scope(user, record):
    """The martyr and the parent a record names must be records the user may see."""
    visible = scope.filter_by_commune(MeritRecord.objects.all(), user)
    for field, linked in (("martyr_pk", record.martyr_id), ("parent_pk", record.parent_record_id)):
        if linked and not visible.filter(pk=linked).exists():
            raise AppError.of([(field, scope.OUT_OF_REACH)])


def mark_for_recalculation(records, from_day):
    """These records' allowance changed from a past date: recompute from that month (set-based)."""
    month = rules.first_of(from_day)
    records.filter(recalc_from__isnull=True).update(recalc_from=month)
    records.filter(recalc_from__gt=month).update(recalc_from=month)


def mark_paid_records_from(day):
    """A table changed for months already paid: every record paid since then is recalculated."""
    if day < date.today().replace(day=1):
        paid = [MeritRecord.Status.PAYING, MeritRecord.Status.ENDED, MeritRecord.Status.MOVED_OUT]
        mark_for_recalculation(
            MeritRecord.objects.filter(status__in=paid).exclude(end_date__lte=day), day
        )


@transaction.atomic
def register_record(user, record):
    require_writer(user)
    require_in_scope(user, record) if record.pk else None
    if record.commune_id not in set(scope.visible_communes(user).values_list("pk", flat=True)):
        raise PermissionDenied("Xã/phường ngoài phạm vi của bạn.")
    require_links_in_scope(user, record)
    if (
        MeritRecord.objects.filter(person=record.person, category=record.category)
        .exclude(status=MeritRecord.Status.MOVED_OUT)
        .exists()
    ):
        raise AppError(f"{record.person} đã có hồ sơ diện “{record.category}”.")
    record.created_by = user
    record._change_reason = "Lập hồ sơ"
    record.save()
    return record


@transaction.atomic
def add_assessment(
    user, record, day, effective_from, rate, council, severe=False, minutes="", reason=""
):
    """A medical-assessment result; a date in the past marks the record for recalculation."""
    require_writer(user)
    require_in_scope(user, record)
    person = record.person
    birth = person.birth_date or (date(person.birth_year, 1, 1) if person.birth_year else None)
    problems = rules.check_assessment(rate, day, birth, record.category.invalid)
    if effective_from and birth and effective_from < birth:
        problems.append(
            (
                "effective_from",
                f"Ngày áp dụng {effective_from:%d/%m/%Y} trước ngày sinh của người này.",
            )
        )
    if not record.category.rate_based and record.category.kind != "none":
        problems.append(("rate", f"Diện “{record.category}” không hưởng theo tỷ lệ tổn thương."))
    if not council:
        problems.append(("council", "Phải ghi hội đồng giám định y khoa đã kết luận."))
    if problems:
        raise AppError.of(problems)
    result = Assessment(
        record=record,
        date=day,
        effective_from=effective_from or day,
        rate=rate,
        severe=severe,
        council=council,
        minutes=minutes,
        reason=reason,
        created_by=user,
    )
    result._change_reason = reason or "Kết quả giám định"
    result.save()
    if record.start_month and result.effective_from < date.today().replace(day=1):
        mark_for_recalculation(
            MeritRecord.objects.filter(pk=record.pk), max(result.effective_from, record.start_month)
        )
    return result


@transaction.atomic
def add_relation(user, record, person, kind, since=None, until=None):
    """A household relation. A family caregiver changes the allowance (81%+): the record's
    caregiver period follows it, and a start or end in the past marks the record for recalculation."""
    require_writer(user)
    require_in_scope(user, record)
    if not scope.in_territory(user, person.commune):
        raise AppError.of([("personal_id_or_pk", scope.OUT_OF_REACH)])
    if person.pk == record.person_id:
        raise AppError.of([("person", "Người thân phải khác người có công.")])
    if since and until and until <= since:
        raise AppError.of([("until", "Ngày kết thúc phải sau ngày bắt đầu.")])
    if kind == Relation.Kind.CAREGIVER and not since:
        raise AppError.of(
            [("since", "Ghi ngày bắt đầu phục vụ (trợ cấp người phục vụ tính từ tháng đó).")]
        )
    relation = Relation(record=record, person=person, kind=kind, since=since, until=until)
    relation._change_reason = "Thêm quan hệ gia đình"
    relation.save()
    if kind == Relation.Kind.CAREGIVER:
        record.caregiver_from, record.caregiver_to = since, until
        record._change_reason = f"Người phục vụ: {person.full_name}"
        record.save()
        changed = min(day for day in (since, until) if day)
        if record.start_month and changed < date.today().replace(day=1):
            mark_for_recalculation(
                MeritRecord.objects.filter(pk=record.pk), max(changed, record.start_month)
            )
    return relation


def add_evidence(user, record, data):
    """A scanned document or paper proving the record (kind, number, issued, issuer, file)."""
    require_writer(user)
    require_in_scope(user, record)
    item = Evidence(record=record, **data)
    item._change_reason = "Thêm giấy tờ"
    item.save()
    return item


def next_number(year):
    """The next number of the department's register of decisions for a year."""
    last = Decision.objects.filter(year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def amount_words(amount):
    """“Hai triệu một trăm hai mươi nghìn đồng” (num2words, Vietnamese)."""
    from num2words import num2words

    words = num2words(abs(amount), lang="vi")
    return words[:1].upper() + words[1:] + " đồng"


def _version_at(day):
    return load_tables().in_force(rules.first_of(day))


def _monthly(record, month):
    """The amount of a month if the record is paid from that month (as a monthly decision proposes)."""
    facts = replace(payroll.record_facts(record), start=month, end=None)
    return rules.monthly_amount(facts, month, load_tables())


def new_draft(user, record, kind, summary, body, amount=0, effective=None, **extra):
    decision = Decision(
        record=record,
        kind=kind,
        summary=summary,
        body=body,
        amount=amount,
        effective=effective,
        drafted_by=user,
        **extra,
    )
    decision._change_reason = "Dự thảo quyết định"
    decision.save()
    return decision


@transaction.atomic
def draft_decision(user, record, kind, effective=None, table="", count=1):
    """A draft decision drafted from the record: its amount from the rules and the table in force."""
    require_writer(user)
    require_in_scope(user, record)
    effective = effective or date.today()
    person = record.person
    K = Decision.Kind
    _check_kind(record, kind)
    try:
        if kind == K.MONTHLY:
            month = rules.first_of(effective)
            result = _monthly(record, month)
            if not result.total:
                raise AppError(
                    f"Hồ sơ không có trợ cấp hằng tháng từ tháng {month:%m/%Y} theo các kết quả đã ghi (diện, tỷ lệ)."
                )
            parts = "; ".join(f"{label}: {format_int(value)} đồng" for label, value in result.parts)
            return new_draft(
                user,
                record,
                kind,
                f"Về việc trợ cấp hằng tháng đối với {person.full_name}",
                f"Trợ cấp hằng tháng từ tháng {month:%m/%Y}, mức {format_int(result.total)} đồng/tháng ({parts}), "
                f"theo {result.citation}.",
                result.total,
                month,
            )
        if kind == K.WORSHIP:
            version = _version_at(effective)
            amount = rules.worship_amount(version)
            martyr = record.martyr.person.full_name if record.martyr_id else "liệt sĩ"
            return new_draft(
                user,
                record,
                kind,
                f"Về việc trợ cấp thờ cúng liệt sĩ {martyr}",
                f"Người thờ cúng: {person.full_name}. Trợ cấp thờ cúng liệt sĩ {format_int(amount)} đồng/năm, "
                f"từ năm {effective.year}, theo {version.citation}.",
                amount,
                effective,
            )
        if kind == K.FUNERAL:
            if not person.death_date:
                raise AppError(
                    f"Chưa ghi ngày mất của {person.full_name}; ghi ngày mất trước khi lập quyết định mai táng."
                )
            version = _version_at(person.death_date)
            amount = rules.one_off(version, "mai_tang")
            return new_draft(
                user,
                record,
                kind,
                f"Về việc trợ cấp mai táng đối với {person.full_name}",
                f"{person.full_name} từ trần ngày {person.death_date:%d/%m/%Y}. Trợ cấp mai táng {format_int(amount)} đồng "
                f"theo {version.citation}; thôi hưởng trợ cấp hằng tháng từ tháng sau tháng từ trần.",
                amount,
                person.death_date,
            )
        if kind == K.ONE_OFF:
            if table not in ("bao_tu", "mot_lan_khang_chien"):
                raise AppError(
                    "Chọn loại trợ cấp một lần (báo tử liệt sĩ, người có thành tích tham gia kháng chiến)."
                )
            version = _version_at(effective)
            amount = rules.one_off(version, table, count)
            return new_draft(
                user,
                record,
                kind,
                f"Về việc trợ cấp một lần đối với {person.full_name}",
                f"{rules.TABLES[table]}: {format_int(amount)} đồng theo {version.citation}.",
                amount,
                effective,
            )
    except rules.RuleError as error:
        raise AppError(str(error)) from error
    raise AppError(
        "Loại quyết định này được lập từ thao tác riêng (chuyển hồ sơ, đính chính, tính lại)."
    )


def _check_kind(record, kind):
    """Whether a decision of this kind can be drafted from this record (Vietnamese refusal)."""
    K, category = Decision.Kind, record.category
    if kind == K.MONTHLY and category.kind == MeritCategory.Kind.NONE:
        raise AppError(f"Diện “{category}” không có trợ cấp hằng tháng.")
    if kind == K.MONTHLY and record.status == MeritRecord.Status.PAYING and record.start_month:
        raise AppError(f"Hồ sơ đang hưởng trợ cấp hằng tháng từ tháng {record.start_month:%m/%Y}.")
    if kind == K.WORSHIP and category.code != "THOCUNG":
        raise AppError("Trợ cấp thờ cúng lập trên hồ sơ người thờ cúng liệt sĩ.")
    if kind == K.WORSHIP and not record.martyr_id:
        raise AppError("Hồ sơ người thờ cúng chưa ghi liệt sĩ được thờ cúng (mã hồ sơ liệt sĩ).")
    if Decision.objects.filter(record=record, kind=kind, status=Decision.Status.DRAFT).exists():
        raise AppError("Hồ sơ đã có dự thảo quyết định cùng loại đang chờ duyệt.")


@transaction.atomic
def receive_transfer(user, record, province, day, note=""):
    """A dossier moved in from another province: the record, its transfer and a draft decision."""
    record.origin_province = province
    register_record(user, record)
    transfer = Transfer.objects.create(
        record=record, direction=Transfer.Direction.IN, province=province, date=day, note=note
    )
    return new_draft(
        user,
        record,
        Decision.Kind.TRANSFER_IN,
        f"Về việc tiếp nhận hồ sơ người có công {record.person.full_name}",
        f"Tiếp nhận hồ sơ {record.category.name.lower()} của {record.person.full_name} do {province} chuyển đến; "
        f"tiếp tục hưởng trợ cấp từ tháng {rules.first_of(day):%m/%Y}.",
        0,
        rules.first_of(day),
        transfer=transfer,
    )


@transaction.atomic
def transfer_out(user, record, province, day, last_paid_month, note=""):
    require_writer(user)
    require_in_scope(user, record)
    if record.status == MeritRecord.Status.MOVED_OUT:
        raise AppError("Hồ sơ đã chuyển đi.")
    transfer = Transfer.objects.create(
        record=record,
        direction=Transfer.Direction.OUT,
        province=province,
        date=day,
        last_paid_month=rules.first_of(last_paid_month),
        note=note,
    )
    return new_draft(
        user,
        record,
        Decision.Kind.TRANSFER_OUT,
        f"Về việc di chuyển hồ sơ người có công {record.person.full_name}",
        f"Di chuyển hồ sơ của {record.person.full_name} đến {province}; đã hưởng trợ cấp tại tỉnh đến hết tháng "
        f"{last_paid_month:%m/%Y}.",
        0,
        day,
        transfer=transfer,
    )


@transaction.atomic
def correct(user, record, field, after, basis, day=None):
    """A correction of personal data, recorded as such; applied when its decision is approved."""
    require_writer(user)
    require_in_scope(user, record)
    if field not in CORRECTABLE:
        raise AppError.of([("field", "Chọn thông tin cần đính chính.")])
    if not basis:
        raise AppError.of([("basis", "Phải ghi căn cứ đính chính (giấy tờ, văn bản).")])
    before = getattr(record.person, field)
    _check_correction(field, after, record.person)
    correction = Correction.objects.create(
        record=record,
        field=field,
        before="" if before is None else str(before),
        after=after,
        basis=basis,
        date=day or date.today(),
        created_by=user,
    )
    label = CORRECTABLE[field]
    return new_draft(
        user,
        record,
        Decision.Kind.CORRECTION,
        f"Về việc đính chính thông tin trong hồ sơ người có công {record.person.full_name}",
        f"Đính chính {label.lower()}: “{correction.before}” thành “{after}”. Căn cứ: {basis}.",
        0,
        correction.date,
        correction=correction,
    )


def _check_correction(field, value, person):
    if field == "personal_id":
        errors = personal_id_errors(value, person.birth_year, person.sex)
        if not errors and Person.objects.filter(personal_id=value).exclude(pk=person.pk).exists():
            errors = [f"Số định danh {value} đã là của người khác trong sổ đối tượng."]
        if errors:
            raise AppError.of([("after", " ".join(errors))])
    if field == "birth_year" and person.birth_date:
        raise AppError.of([("field", "Người này đã có ngày sinh đầy đủ; đính chính “Ngày sinh”.")])
    if field == "birth_date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise AppError.of(
                [("after", "Ngày sinh phải có dạng năm-tháng-ngày, ví dụ 1950-03-05.")]
            ) from None
    if field == "birth_year" and not (value.isdigit() and 1880 < int(value) <= date.today().year):
        raise AppError.of([("after", "Năm sinh không hợp lệ.")])
    if field == "sex" and value not in ("nam", "nu"):
        raise AppError.of([("after", "Giới tính ghi “nam” hoặc “nu”.")])
    if not value.strip():
        raise AppError.of([("after", "Thông tin sau đính chính không được để trống.")])


def _apply_correction(correction):
    person = correction.record.person
    value = correction.after
    if correction.field == "birth_date":
        value = date.fromisoformat(value)
        person.birth_year = value.year
    elif correction.field == "birth_year":
        value = int(value)
    setattr(person, correction.field, value)
    person._change_reason = f"Đính chính: {correction.basis}"
    person.save()


@transaction.atomic
def approve_decision(user, decision, signed_on=None):
    """A leader approves a draft: it gets the next number of the register, and takes effect."""
    require_leader(user)
    loaded, decision = decision, Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status != Decision.Status.DRAFT:
        already = f" số {decision.number_text}" if decision.number else ""
        refusal = f"Quyết định{already} đang ở trạng thái “{decision.get_status_display().lower()}”; không duyệt lần thứ hai."
        raise AppError(
            refusal
            + (
                " " + concurrency.overtaken(decision, "Quyết định")
                if loaded.status != decision.status
                else ""
            )
        )
    signed_on = signed_on or date.today()
    decision.year, decision.number = signed_on.year, next_number(signed_on.year)
    decision.status, decision.signed_on = Decision.Status.APPROVED, signed_on
    decision.approved_by, decision.approved_at = user, timezone.now()
    decision._change_reason = "Lãnh đạo duyệt, vào sổ"
    try:
        _take_effect(decision)
    except Exception as error:
        if isinstance(error, (AppError, PermissionDenied)):
            raise
        raise AppError(f"Không áp dụng được quyết định: {error}") from error
    decision.save()
    return decision


def _take_effect(decision):
    record, K = decision.record, Decision.Kind
    record._change_reason = f"Quyết định {decision.number_text}"
    if decision.kind in (K.MONTHLY, K.TRANSFER_IN):
        record.status, record.start_month = (
            MeritRecord.Status.PAYING,
            rules.first_of(decision.effective),
        )
        record.save()
    elif decision.kind == K.FUNERAL:
        death = record.person.death_date
        record.status, record.end_date, record.end_reason = (
            MeritRecord.Status.ENDED,
            rules.add_months(rules.first_of(death), 1),
            "Từ trần",
        )
        record.save()
    elif decision.kind == K.TRANSFER_OUT:
        last = decision.transfer.last_paid_month
        record.status, record.end_date, record.end_reason = (
            MeritRecord.Status.MOVED_OUT,
            rules.add_months(last, 1),
            f"Chuyển đến {decision.transfer.province}",
        )
        record.save()
    elif decision.kind == K.CORRECTION:
        _apply_correction(decision.correction)
    elif decision.kind == K.ADJUSTMENT:
        settle_adjustment([decision])


def settle_adjustment(decisions, instalment_share=2):
    """An approved adjustment: a recovery schedule when money is owed back; the records' marks clear."""
    schedules = []
    for decision in decisions:
        if decision.amount < 0:
            monthly = max((entry["due"] for entry in decision.months[-1:]), default=0)
            schedules.append(
                RecoverySchedule(
                    decision=decision,
                    record_id=decision.record_id,
                    total=-decision.amount,
                    instalment=monthly // instalment_share if monthly else 0,
                    method=RecoverySchedule.Method.DEDUCTION
                    if monthly
                    else RecoverySchedule.Method.REPAYMENT,
                )
            )
    RecoverySchedule.objects.bulk_create(schedules, batch_size=2000)
    last = {d.record_id: d.months[-1]["to"] for d in decisions if d.months}
    for record_id, month in last.items():
        MeritRecord.objects.filter(pk=record_id, recalc_from__lte=month).update(recalc_from=None)
    return schedules


@transaction.atomic
def cancel_decision(user, decision, reason):
    require_writer(user)
    try:  # the row read again under a lock: a cancel never crosses an approval made at the same time
        concurrency.require_state(
            decision,
            [Decision.Status.DRAFT],
            "Chỉ huỷ được dự thảo; quyết định đã duyệt được thay bằng quyết định khác.",
            label="Quyết định",
        )
    except concurrency.StateChanged as error:
        raise AppError(str(error)) from error
    if not reason:
        raise AppError("Phải ghi lý do huỷ dự thảo.")
    decision.status = Decision.Status.CANCELLED
    decision._change_reason = f"Huỷ dự thảo: {reason}"
    decision.save()
    return decision


@transaction.atomic
def record_repayment(user, schedule, day, amount, receipt=""):
    require_writer(user)
    schedule.settled_on = concurrency.lock(
        schedule
    ).settled_on  # one repayment at a time per schedule
    if schedule.settled_on:
        raise AppError("Khoản thu hồi này đã thu xong.")
    if amount <= 0:
        raise AppError.of([("amount", "Số tiền nộp trả phải lớn hơn 0.")])
    remaining = schedule.total - payroll.recovered_by_schedule([schedule])[schedule.pk]
    if amount > remaining:
        raise AppError.of(
            [
                (
                    "amount",
                    f"Số tiền nộp ({format_int(amount)} đồng) lớn hơn số còn phải thu ({format_int(remaining)} đồng).",
                )
            ]
        )
    Repayment.objects.create(schedule=schedule, date=day, amount=amount, receipt=receipt)
    payroll.settle([schedule], day)
    schedule.refresh_from_db()
    return schedule


@transaction.atomic
def change_recovery_method(user, schedule, method, instalment):
    require_writer(user)
    schedule.settled_on = concurrency.lock(
        schedule
    ).settled_on  # one repayment at a time per schedule
    if schedule.settled_on:
        raise AppError("Khoản thu hồi này đã thu xong.")
    if method == RecoverySchedule.Method.DEDUCTION and instalment <= 0:
        raise AppError.of([("instalment", "Mức khấu trừ mỗi tháng phải lớn hơn 0.")])
    schedule.method, schedule.instalment = method, instalment
    schedule._change_reason = "Đổi hình thức thu hồi"
    schedule.save()
    return schedule


@transaction.atomic
def move(user, record, commune, reason):
    """Move a record (and its person) to another commune of the province. Within the district, or
    by province staff, it moves now (None); into another district it becomes a transfer that the
    receiving district accepts (returned), and the record stays where it was until then."""
    from ansinh.core import services as core_services

    require_writer(user)
    require_in_scope(user, record)
    if province_of(commune) != province_of(record.commune):
        raise AppError("Chuyển sang tỉnh khác: hãy dùng “Chuyển hồ sơ đi tỉnh khác”.")
    label = (
        f"Hồ sơ người có công mã {record.pk}: {record.person.full_name} ({record.category.name})"
    )
    return core_services.move(user, record, commune, reason, label)


def province_of(commune):
    unit = commune
    while unit.parent_id and unit.level != AdminUnit.Level.PROVINCE:
        unit = unit.parent
    return unit


@transaction.atomic
def build_campaign(user, campaign):
    """(Re)build a campaign's list from the registry: living people of the categories it gives to.
    Gifts: the amount of the category (or "*"). Convalescence: at a centre for invalids and
    toxic-chemical victims of 81% or more and Heroic Mothers, at home for the others paid monthly."""
    from .models import Campaign, CampaignEntry

    require_writer(user)
    # A district officer (re)builds only the entries of their district; the province list is the province's.
    scope.filter_by_commune(campaign.entries.all(), user).delete()
    living = scope.filter_by_commune(
        MeritRecord.objects.filter(person__death_date__isnull=True), user
    ).exclude(status__in=[MeritRecord.Status.ENDED, MeritRecord.Status.MOVED_OUT])
    entries = []
    if campaign.kind == Campaign.Kind.CONVALESCENCE:
        high = set(Assessment.objects.filter(rate__gte=81).values_list("record_id", flat=True))
        for pk, commune_id, code in (
            living.filter(status=MeritRecord.Status.PAYING)
            .values_list("pk", "commune_id", "category__code")
            .iterator()
        ):
            mode = (
                CampaignEntry.Mode.CENTRE
                if code == "MVNAH" or pk in high
                else CampaignEntry.Mode.HOME
            )
            amount = campaign.amounts.get(mode)
            if amount:
                entries.append(
                    CampaignEntry(
                        campaign=campaign,
                        record_id=pk,
                        commune_id=commune_id,
                        mode=mode,
                        amount=amount,
                    )
                )
    else:
        for pk, commune_id, code in living.values_list(
            "pk", "commune_id", "category__code"
        ).iterator():
            amount = campaign.amounts.get(code, campaign.amounts.get("*"))
            if amount:
                entries.append(
                    CampaignEntry(
                        campaign=campaign, record_id=pk, commune_id=commune_id, amount=amount
                    )
                )
    CampaignEntry.objects.bulk_create(entries, batch_size=5000)
    return len(entries)
