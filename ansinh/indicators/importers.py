"""Importers of aggregate data values and plan targets (same path as people: whole-file check,
all or nothing)."""

from django.core.exceptions import PermissionDenied

from ansinh.core import scope
from ansinh.core.errors import AppError
from ansinh.core.imports import (
    CellError,
    Column,
    Importer,
    Problem,
    parse_code,
    parse_text,
    register,
)
from ansinh.core.models import AdminUnit, OrgUnit, Role
from ansinh.core.periods import Period, PeriodError

from . import rules, services
from .models import DataValue, Indicator, Target

LEVEL_BY_WIDTH = {
    2: AdminUnit.Level.PROVINCE,
    3: AdminUnit.Level.DISTRICT,
    5: AdminUnit.Level.COMMUNE,
}


class _IndicatorRows(Importer):
    """Shared cell parsers: indicator code, unit code (in the user's scope), value."""

    def __init__(self, user):
        super().__init__(user)
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.allowed_units = self._allowed_units(user)

    @staticmethod
    def _allowed_units(user):
        territory = scope.territory_of(user)
        units = AdminUnit.objects.all()
        if territory is not None:
            communes = scope.commune_ids_in(territory)
            units = (
                units.filter(pk__in=communes)
                | units.filter(pk=territory.pk)
                | units.filter(parent=territory)
            )
        return {(u.level, u.code): u for u in units.order_by("valid_from")}

    def indicator(self, value):
        code = parse_code(value).upper()
        if code not in self.indicators:
            raise CellError(f"không có chỉ tiêu mã “{code}” trong danh mục.")
        return self.indicators[code]

    def unit(self, value):
        code = parse_code(value)
        level = LEVEL_BY_WIDTH.get(len(code))
        unit = self.allowed_units.get((level, code))
        if unit is None:
            exists = AdminUnit.objects.filter(level=level, code=code).exists() if level else False
            raise CellError(
                f"địa bàn mã “{code}” nằm ngoài phạm vi bạn được nhập."
                if exists
                else f"không có địa bàn mã “{code}”."
            )
        return unit


@register
class DataValueImporter(_IndicatorRows):
    kind = "data_values"
    title = "Số liệu tổng hợp theo chỉ tiêu"
    columns = [
        Column(
            "Mã chỉ tiêu",
            "indicator",
            True,
            "Mã trong danh mục chỉ tiêu, ví dụ VL_GQVL.",
            "VL_GQVL",
        ),
        Column("Mã địa bàn", "unit", True, "Mã tỉnh (2 số), huyện (3 số) hoặc xã (5 số).", "944"),
        Column(
            "Kỳ",
            "period",
            True,
            "2024-03 (tháng) hoặc 2024Q1 (quý), theo kỳ nhập của chỉ tiêu.",
            "2024-03",
        ),
        Column(
            "Phân tổ", "category", False, "Mã phân tổ nếu chỉ tiêu có phân tổ, ví dụ so_cap.", ""
        ),
        Column(
            "Giá trị", "value", True, "Số không âm; dấu chấm ngăn cách hàng nghìn (4.732).", "125"
        ),
    ]

    def clean_row(self, values, row, problems):
        indicator = self.cell(values, "indicator", self.indicator, row, problems)
        unit = self.cell(values, "unit", self.unit, row, problems)
        period = self.cell(values, "period", self._period, row, problems)
        category = parse_code(values.get("category"))
        value = self.cell(values, "value", lambda v: self._value(v, indicator), row, problems)
        if indicator and period and indicator.entry_period != period.kind:
            problems.append(
                Problem(
                    row,
                    "Kỳ",
                    f"chỉ tiêu {indicator.code} nhập theo kỳ {'tháng' if indicator.entry_period == 'month' else 'quý'}, không theo {period}.",
                )
            )
        if indicator and category and category not in indicator.category_codes:
            problems.append(
                Problem(row, "Phân tổ", f"chỉ tiêu {indicator.code} không có phân tổ “{category}”.")
            )
        if indicator and not category and indicator.categories:
            problems.append(
                Problem(
                    row,
                    "Phân tổ",
                    f"chỉ tiêu {indicator.code} phải ghi phân tổ: {', '.join(indicator.category_codes)}.",
                )
            )
        if indicator and unit and period and value is not None:
            return self._value_for(indicator, unit, period, category, value, row, problems)
        return None

    def _value_for(self, indicator, unit, period, category, value, row, problems):
        """The value with the data set it belongs to, after the checks of the one write path."""
        reporter = reporter_for(indicator, unit)
        if reporter is None:
            problems.append(
                Problem(
                    row,
                    "Mã địa bàn",
                    f"không xác định được đơn vị báo cáo chỉ tiêu {indicator.code} cho {unit}.",
                )
            )
            return None
        data_set = (
            services.data_set_for_unit(reporter)
            .filter(indicators=indicator, period_kind=period.kind)
            .first()
        )
        try:
            services.check_typed_entry(indicator)
            if data_set is None:
                raise AppError(
                    f"chỉ tiêu {indicator.code} không thuộc biểu báo cáo nào của {reporter} theo kỳ {period}."
                )
            services.check_can_report(self.user, reporter)
        except (AppError, PermissionDenied) as error:
            problems.append(Problem(row, "Mã chỉ tiêu", str(error)))
            return None
        try:
            services.check_not_closed(reporter, indicator, period)
        except AppError as error:
            problems.append(Problem(row, "Kỳ", str(error)))
            return None
        data_value = DataValue(
            indicator=indicator,
            unit=unit,
            period=str(period),
            category=category,
            value=value,
            org_unit=reporter,
        )
        data_value.data_set = data_set
        return data_value

    @staticmethod
    def _period(value):
        try:
            return Period.parse(parse_code(value))
        except PeriodError as error:
            raise CellError(str(error)) from error

    @staticmethod
    def _value(value, indicator):
        try:
            parsed = rules.parse_value(value, indicator.unit if indicator else "")
        except rules.BadValue as error:
            raise CellError(str(error)) from error
        if parsed is None:
            raise CellError("không được để trống.")
        return parsed

    def check_file(self, objects, problems, warnings):
        seen = {}
        for row, value in objects:
            key = (value.indicator.code, value.unit.pk, value.period, value.category)
            if key in seen:
                problems.append(
                    Problem(
                        row,
                        "Mã chỉ tiêu",
                        f"trùng chỉ tiêu, địa bàn, kỳ và phân tổ với dòng {seen[key]}.",
                    )
                )
            seen.setdefault(key, row)

    def save(self, values):
        """Through the one write path of aggregate values, one call per data set, unit and period."""
        groups = {}
        for value in values:
            key = (value.data_set, value.org_unit, value.period, value.unit)
            groups.setdefault(key, {})[(value.indicator, value.category)] = value.value
        for (data_set, org_unit, period, unit), entries in groups.items():
            services.save_values(
                self.user, data_set, org_unit, period, entries, unit=unit, reason="Nhập từ tệp"
            )
        return len(values)


@register
class TargetImporter(_IndicatorRows):
    kind = "targets"
    title = "Chỉ tiêu kế hoạch năm"
    columns = [
        Column(
            "Mã chỉ tiêu",
            "indicator",
            True,
            "Mã trong danh mục chỉ tiêu, ví dụ VL_GQVL.",
            "VL_GQVL",
        ),
        Column("Mã địa bàn", "unit", True, "Mã tỉnh (2 số) hoặc huyện (3 số).", "94"),
        Column("Năm", "year", True, "Năm kế hoạch.", "2024"),
        Column("Kế hoạch", "value", True, "Số lớn hơn 0.", "28.500"),
        Column("Căn cứ", "citation", False, "Văn bản giao chỉ tiêu.", ""),
    ]

    def clean_row(self, values, row, problems):
        if scope.role_of(self.user) not in (Role.ADMIN, Role.LEADER, Role.DIVISION_OFFICER):
            problems.append(Problem(row, "", "vai trò của bạn không được giao chỉ tiêu kế hoạch."))
            return None
        indicator = self.cell(values, "indicator", self.indicator, row, problems)
        unit = self.cell(values, "unit", self.unit, row, problems)
        year = self.cell(values, "year", self._year, row, problems)
        value = self.cell(
            values, "value", lambda v: DataValueImporter._value(v, indicator), row, problems
        )
        if value is not None and value <= 0:
            problems.append(
                Problem(row, "Kế hoạch", "phải lớn hơn 0 (không giao chỉ tiêu bằng 0).")
            )
        citation = self.cell(values, "citation", lambda v: parse_text(v, 300), row, problems) or ""
        if indicator and unit and year and value:
            return Target(indicator=indicator, unit=unit, year=year, value=value, citation=citation)
        return None

    @staticmethod
    def _year(value):
        text = parse_code(value)
        if not (text.isdigit() and 2000 <= int(text) <= 2100):
            raise CellError(f"“{text}” không phải năm hợp lệ.")
        return int(text)

    def save(self, targets):
        for target in targets:
            Target.objects.update_or_create(
                indicator=target.indicator,
                unit=target.unit,
                year=target.year,
                defaults={"value": target.value, "citation": target.citation},
            )
        return len(targets)


def reporter_for(indicator, unit):
    """The organisational unit that reports an indicator for a unit."""
    if unit.level == AdminUnit.Level.COMMUNE:
        unit = unit.parent
    if unit.level == AdminUnit.Level.DISTRICT:
        return OrgUnit.objects.filter(kind=OrgUnit.Kind.DISTRICT_OFFICE, territory=unit).first()
    return OrgUnit.objects.filter(
        kind=OrgUnit.Kind.DIVISION, area=indicator.area, territory=unit
    ).first()
