"""A cycle's exports as spreadsheets: the non-cash payment list and the per-commune lists to be
signed on receipt (the Word signing list is in documents.py)."""

import io

from openpyxl import Workbook

from ansinh.core.text import neutralise_formula

from .engine import scheme_of
from .models import CASH, PayrollLine


def export_lines(cycle):
    """The cycle's lines with an amount, by commune and recipient, with what the exports show."""
    lines = PayrollLine.objects.filter(cycle=cycle).exclude(amount=0)
    related = [
        "case__person",
        "case__category",
        "caregiver__caregiver",
        "merit_record__person",
        "merit_record__category",
        "commune",
    ]
    return lines.select_related(*related).order_by(
        "commune__code", "case__person__name_sort", "merit_record__person__name_sort"
    )


def _saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def transfer_workbook(cycle, lines):
    """The lines paid by bank or post: (xlsx bytes, file name, number of lines)."""
    workbook, count = Workbook(write_only=True), 0
    sheet = workbook.create_sheet("Chuyển khoản")
    sheet.append(
        [
            f"DANH SÁCH CHI TRẢ KHÔNG DÙNG TIỀN MẶT THÁNG {cycle.month:%m/%Y} – {cycle.unit.name.upper()}"
        ]
    )
    sheet.append(
        [
            "STT",
            "Họ và tên",
            "Số định danh",
            "Hình thức",
            "Số tài khoản",
            "Xã/phường",
            "Tháng hưởng",
            "Loại",
            "Số tiền (đồng)",
        ]
    )
    for line in lines.filter(case__isnull=False).exclude(case__payment_method=CASH):
        count += 1
        person = line.case.person
        sheet.append(
            [count]
            + [
                neutralise_formula(v)
                for v in (
                    person.full_name,
                    person.personal_id or "",
                    line.case.get_payment_method_display(),
                    line.case.account_number,
                    line.commune.name,
                    f"{line.for_month:%m/%Y}",
                    line.get_kind_display(),
                )
            ]
            + [line.amount]
        )
    return _saved(workbook), f"chuyen-khoan-{cycle.month:%Y-%m}.xlsx", count


def commune_workbook(cycle, lines):
    """One sheet per commune, a signature column on each line: (xlsx bytes, file name, number of lines)."""
    workbook, count, sheets = Workbook(write_only=True), 0, {}
    for line in lines:
        sheet = sheets.get(line.commune_id)
        if sheet is None:
            sheet = sheets[line.commune_id] = workbook.create_sheet(line.commune.name[:31])
            sheet.append(
                [
                    f"DANH SÁCH CHI TRẢ {scheme_of(cycle).title} THÁNG {cycle.month:%m/%Y} – {line.commune.name.upper()}"
                ]
            )
            sheet.append(
                [
                    "STT",
                    "Họ và tên",
                    "Năm sinh",
                    "Nhóm đối tượng",
                    "Tháng hưởng",
                    "Loại",
                    "Số tiền (đồng)",
                    "Ký nhận",
                ]
            )
        count += 1
        person = line.recipient
        sheet.append(
            [
                count,
                neutralise_formula(person.full_name),
                person.birth_display,
                line.basis,
                f"{line.for_month:%m/%Y}",
                line.get_kind_display(),
                line.amount,
                "",
            ]
        )
    return _saved(workbook), f"ky-nhan-theo-xa-{cycle.month:%Y-%m}.xlsx", count
