"""Retroactive recalculation: every month since a change dated in the past, due (at the facts
and the table of that month) against what was paid (closed merit payrolls and decisions
already taken), for one record or for a whole group (a batch, run as a background job)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ansinh.core.bulk import insert_history, insert_rows
from ansinh.core.errors import AppError
from ansinh.core.numbers import format_int
from ansinh.payroll.models import PayrollCycle

from . import payroll, rules, services
from .models import BatchItem, Decision, MeritRecord, RecalcBatch
from .tables import category_rules, load_tables

CHUNK = 5_000


def check_closed(unit, first, last):
    """Refuse a recalculation over months whose payroll is not closed (approved or paid)."""
    months = rules.months_between(first, last)
    closed = payroll.closed_months(unit, first, last)
    open_months = [m for m in months if m not in closed]
    if open_months:
        listed = ", ".join(f"{m:%m/%Y}" for m in open_months[:6]) + (
            " …" if len(open_months) > 6 else ""
        )
        raise AppError(
            f"Danh sách chi trả người có công tháng {listed} chưa khoá sổ (chưa duyệt); "
            f"chưa tính lại được giai đoạn {first:%m/%Y}–{last:%m/%Y}. Duyệt danh sách các tháng đó trước."
        )


def last_closed_month(unit):
    cycle = (
        PayrollCycle.objects.filter(unit=unit, scheme=payroll.SCHEME, status__in=payroll.CLOSED)
        .order_by("-month")
        .first()
    )
    return cycle.month if cycle else None


def recalculate(record, until=None, first=None):
    """[MonthDifference] of one record from its mark (or `first`) to `until` (closed months only)."""
    unit = services.province_of(record.commune)
    until = until or last_closed_month(unit)
    first = first or record.recalc_from or record.start_month
    if until is None or first is None:
        raise AppError(
            "Chưa có tháng nào đã khoá sổ chi trả, hoặc hồ sơ chưa có tháng bắt đầu hưởng."
        )
    first = (
        max(rules.first_of(first), rules.first_of(record.start_month))
        if record.start_month
        else rules.first_of(first)
    )
    if first > until:
        raise AppError(f"Không có tháng nào cần tính lại (từ {first:%m/%Y} đến {until:%m/%Y}).")
    check_closed(unit, first, until)
    tables = load_tables()
    paid = payroll.net_paid([record.pk])
    months = rules.months_between(first, until)
    try:
        differences = rules.recalculate(
            payroll.record_facts(record),
            months,
            {m: paid.get((record.pk, m), 0) for m in months},
            tables,
        )
    except rules.RuleError as error:
        raise AppError(str(error)) from error
    return _levels(differences, tables)


def _levels(differences, tables):
    return [(d, tables.in_force(d.month).level) for d in differences]


def entries_of(pairs):
    """The month-by-month basis stored on a decision (JSON): only the months that differ."""
    return rules.month_runs((d.month, d.version, d.due, d.paid) for d, _ in pairs if d.difference)


@transaction.atomic
def draft_adjustment(user, record, until=None):
    """A draft adjustment decision for one record, with its month-by-month basis."""
    services.require_writer(user)
    services.require_in_scope(user, record)
    pairs = recalculate(record, until)
    entries = entries_of(pairs)
    total = sum(due - paid for _, _, due, paid in rules.run_months(entries))
    if not entries:
        raise AppError(
            "Số đã chi trả khớp với số được hưởng từng tháng; không có chênh lệch để điều chỉnh."
        )
    return services.new_draft(
        user,
        record,
        Decision.Kind.ADJUSTMENT,
        adjustment_summary(record, total),
        adjustment_body(record, entries, total),
        total,
        date.fromisoformat(entries[0]["from"]),
        months=entries,
    )


def adjustment_summary(record, total):
    what = "thu hồi" if total < 0 else "truy lĩnh"
    return f"Về việc điều chỉnh trợ cấp và {what} chênh lệch đối với {record.person.full_name}"


def adjustment_body(record, entries, total):
    first, last = entries[0]["from"][:7], entries[-1]["to"][:7]
    what = "phải thu hồi" if total < 0 else "được truy lĩnh"
    return (
        f"Điều chỉnh trợ cấp hằng tháng của {record.person.full_name} theo kết quả giám định/bảng mức mới; "
        f"chênh lệch từ tháng {first[5:]}/{first[:4]} đến tháng {last[5:]}/{last[:4]} {what} {format_int(abs(total))} đồng "
        f"(chi tiết từng tháng tại bảng kèm theo)."
    )


# --------------------------------------------------------------------------- batches


def group_of(batch):
    """Records of the batch's category marked for recalculation up to its last month."""
    return MeritRecord.objects.filter(
        category=batch.category,
        recalc_from__isnull=False,
        recalc_from__lte=batch.until,
        status__in=payroll.PAYABLE,
    )


@transaction.atomic
def start_batch(user, category, until, title, basis):
    """A batch for a group: refused when a month in its span has no closed payroll."""
    services.require_province(user, "Lập đợt tính lại")
    until = rules.first_of(until)
    marked = MeritRecord.objects.filter(
        category=category,
        recalc_from__isnull=False,
        recalc_from__lte=until,
        status__in=payroll.PAYABLE,
    )
    first = marked.order_by("recalc_from").values_list("recalc_from", flat=True).first()
    if first is None:
        raise AppError(
            f"Không có hồ sơ diện “{category}” nào cần tính lại đến tháng {until:%m/%Y}."
        )
    if not basis:
        raise AppError.of(
            [("basis", "Phải ghi căn cứ tính lại (kết luận thanh tra, quyết định…).")]
        )
    commune = marked.select_related("commune__parent__parent").first().commune
    check_closed(services.province_of(commune), first, until)
    return RecalcBatch.objects.create(
        title=title or f"Tính lại {category.name.lower()} đến tháng {until:%m/%Y}",
        category=category,
        until=until,
        basis=basis,
        created_by=user,
    )


def compute_batch(batch):
    """Preview: per person, the month-by-month differences and the total (chunked, with progress)."""
    tables, category_rule = load_tables(), category_rules()
    records = group_of(batch).order_by("id")
    total = records.count() or 1
    BatchItem.objects.filter(batch=batch).delete()
    cache, spans = {}, {}
    done, people, recovery, arrears = 0, 0, 0, 0
    try:
        for start in range(0, total, CHUNK):
            rows = list(records.values(*payroll.FIELDS, "recalc_from")[start : start + CHUNK])
            facts = payroll.facts_of(rows, category_rule)
            paid = payroll.net_paid([r["id"] for r in rows])
            items = []
            for row in rows:
                first = max(row["recalc_from"], row["start_month"])
                months = spans.get(first) or spans.setdefault(
                    first, rules.months_between(first, batch.until)
                )
                amounts = rules.monthly_amounts(facts[row["id"]], months, tables, cache)
                differing, difference = [], 0
                for month, amount in zip(months, amounts, strict=False):
                    was_paid = paid.get((row["id"], month), 0)
                    if was_paid != amount.total:
                        differing.append((month, amount.version, amount.total, was_paid))
                        difference += amount.total - was_paid
                if differing:
                    entries = rules.month_runs(differing)
                    items.append((batch.pk, row["id"], first, difference, entries))
                    people += 1
                    recovery += -difference if difference < 0 else 0
                    arrears += difference if difference > 0 else 0
            insert_rows(
                BatchItem, ["batch_id", "record_id", "first_month", "difference", "months"], items
            )
            done += len(rows)
            RecalcBatch.objects.filter(pk=batch.pk).update(progress=min(99, done * 100 // total))
    except rules.RuleError as error:
        RecalcBatch.objects.filter(pk=batch.pk).update(
            status=RecalcBatch.Status.FAILED, message=str(error)
        )
        return batch
    RecalcBatch.objects.filter(pk=batch.pk).update(
        status=RecalcBatch.Status.PREVIEW,
        progress=100,
        people=people,
        total_recovery=recovery,
        total_arrears=arrears,
    )
    batch.refresh_from_db()
    return batch


@task()
def compute_batch_job(batch_id):
    """Job: the batch's preview from scratch (run again after a worker died, it gives the same items)."""
    batch = RecalcBatch.objects.filter(pk=batch_id, status=RecalcBatch.Status.COMPUTING).first()
    if batch is None:
        return None
    try:
        compute_batch(batch)
    except BaseException as error:  # also a worker stopped mid-task (second Ctrl+C)
        RecalcBatch.objects.filter(pk=batch_id).update(
            status=RecalcBatch.Status.FAILED, message=f"Lỗi khi tính: {error}"[:500]
        )
        raise
    return batch_id


def recompute(user, batch):
    """Compute a batch not yet approved again; a batch being computed is refused (conditional update)."""
    services.require_province(user, "Tính lại đợt")
    with transaction.atomic():
        taken = RecalcBatch.objects.filter(
            pk=batch.pk, status__in=[RecalcBatch.Status.PREVIEW, RecalcBatch.Status.FAILED]
        ).update(status=RecalcBatch.Status.COMPUTING, progress=0, message="")
        if not taken:
            raise AppError("Chỉ tính lại đợt chưa duyệt và không đang tính.")
        compute_batch_job.enqueue(batch.pk)


@transaction.atomic
def approve_batch(user, batch, signed_on=None):
    """A leader approves the preview: one numbered, approved adjustment decision per person."""
    services.require_leader(user, "duyệt đợt tính lại")
    batch = RecalcBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != RecalcBatch.Status.PREVIEW:
        raise AppError(
            f"Đợt “{batch.title}” đang ở trạng thái “{batch.get_status_display().lower()}”; chỉ duyệt được khi chờ duyệt."
        )
    signed_on = signed_on or date.today()
    number = services.next_number(signed_on.year)
    now = timezone.now()
    decisions = []
    items = batch.items.select_related("record__person").order_by(
        "record__commune__code", "record__person__name_sort", "record_id"
    )
    for item in items.iterator(chunk_size=2000):
        record = item.record
        decisions.append(
            Decision(
                record=record,
                kind=Decision.Kind.ADJUSTMENT,
                status=Decision.Status.APPROVED,
                summary=adjustment_summary(record, item.difference),
                body=adjustment_body(record, item.months, item.difference),
                amount=item.difference,
                effective=item.first_month,
                months=item.months,
                batch=batch,
                year=signed_on.year,
                number=number,
                signed_on=signed_on,
                drafted_by=batch.created_by,
                approved_by=user,
                approved_at=now,
            )
        )
        number += 1
    created = Decision.objects.bulk_create(decisions, batch_size=1000)
    insert_history(created, user, f"Duyệt đợt tính lại: {batch.title}")
    services.settle_adjustment(created)
    batch.status, batch.approved_by, batch.signed_on = RecalcBatch.Status.APPROVED, user, signed_on
    batch._change_reason = "Lãnh đạo duyệt đợt tính lại"
    batch.save()
    return batch
