"""Issuing a report: build, check, render every file in memory, then store all at once."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ansinh.core import scope
from ansinh.core.models import AdminUnit, Role

from . import checks, documents
from .builder import Build
from .models import GeneratedReport, ReportDefinition

ISSUING_ROLES = (Role.ADMIN, Role.LEADER, Role.DIVISION_OFFICER)


class NotAcknowledged(Exception):
    """Warnings must be acknowledged before a report is issued."""


def check_can_report(user, root):
    if scope.role_of(user) not in ISSUING_ROLES:
        raise PermissionDenied(
            "Chỉ lãnh đạo Sở, chuyên viên phòng chuyên môn và quản trị được lập báo cáo của tỉnh."
        )
    territory = scope.territory_of(user)
    if territory is not None and territory.pk != root.pk:
        raise PermissionDenied("Bạn chỉ được lập báo cáo cho địa bàn của mình.")


def root_unit(code):
    """The province-level unit with this code, of the earliest generation (the reporting one)."""
    unit = (
        AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE, code=str(code).zfill(2))
        .order_by("valid_from")
        .first()
    )
    if unit is None:
        raise AdminUnit.DoesNotExist(f"Không có tỉnh mã {code}.")
    return unit


def prepare(definition, period, root, issue_date=None, number=""):
    """(content, warnings) of a report not yet issued."""
    content = Build(definition, period, root, issue_date, number).content()
    return content, checks.check_report(content, definition, root)


def issue(user, definition, period, root, acknowledged, issue_date=None, number="", with_pdf=True):
    """Store an issued report with its snapshot; every warning must have been acknowledged."""
    check_can_report(user, root)
    content, warnings = prepare(definition, period, root, issue_date, number)
    if warnings and not acknowledged:
        raise NotAcknowledged(
            f"Báo cáo có {len(warnings)} cảnh báo; hãy xem và xác nhận trước khi lập."
        )
    docx = documents.render_docx(content, definition.word_template)
    xlsx = documents.render_xlsx(content)
    pdf = documents.docx_to_pdf(docx) if with_pdf else None
    with transaction.atomic():
        return GeneratedReport.objects.create(
            definition=definition,
            period=content["period"],
            unit=root,
            number=content["header"]["number"],
            issued_by=user,
            snapshot=content,
            warnings=warnings,
            docx=docx,
            pdf=pdf,
            xlsx=xlsx,
        )


def replace_word_template(user, definition, data, period, root):
    """Keep an uploaded Word template only if it renders the current report without error."""
    if scope.role_of(user) != Role.ADMIN:
        raise PermissionDenied("Chỉ quản trị hệ thống được thay mẫu Word.")
    if not data:
        definition.word_template = None
    else:
        content, _ = prepare(definition, period, root)
        documents.render_docx(content, data)  # raises DocumentError: nothing is saved
        definition.word_template = data
    definition._change_reason = "Thay mẫu Word"
    definition.save()


def default_definition():
    from .loaders import load_definition

    return ReportDefinition.objects.filter(code="BC_QUY").first() or load_definition()
