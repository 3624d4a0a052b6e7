"""API of aggregate data: the catalogue, posting a data set's values, reading figures."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.core import scope
from ansinh.core.models import OrgUnit
from ansinh.core.periods import Period, PeriodError

from . import queries, rules, services
from .models import DataSet, Indicator
from .views import chosen_root


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "unit",
            "area",
            "aggregation",
            "categories",
            "source",
            "entry_level",
            "entry_period",
            "has_target",
        ]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.all()
    lookup_field = "code"


class ValueSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    category = serializers.CharField(required=False, allow_blank=True, default="")
    value = serializers.CharField(allow_null=True)


class DataValuesView(APIView):
    """POST the values of one data set for the caller's unit and a period (all or nothing)."""

    @extend_schema(
        request=inline_serializer(
            "DataValuesRequest",
            {
                "data_set": serializers.CharField(),
                "period": serializers.CharField(),
                "org_unit": serializers.CharField(required=False),
                "values": ValueSerializer(many=True),
                "submit": serializers.BooleanField(required=False),
                "version": serializers.IntegerField(
                    required=False,
                    help_text="Phiên bản số liệu đã đọc (trả về sau mỗi lần lưu); số liệu đã bị sửa sau đó thì 409.",
                ),
            },
        ),
        responses=inline_serializer(
            "DataValuesResponse",
            {
                "status": serializers.CharField(),
                "saved": serializers.IntegerField(),
                "version": serializers.IntegerField(),
            },
        ),
    )
    def post(self, request):
        data = request.data
        data_set = DataSet.objects.filter(code=data.get("data_set")).first()
        if data_set is None:
            raise ValidationError(
                {"data_set": [f"Không có biểu báo cáo “{data.get('data_set')}”."]}
            )
        try:
            period = Period.parse(data.get("period", ""))
        except PeriodError as error:
            raise ValidationError({"period": [str(error)]}) from error
        profile = scope.profile_of(request.user)
        org_unit = (
            OrgUnit.objects.filter(code=data["org_unit"]).first()
            if data.get("org_unit")
            else (profile.org_unit if profile else None)
        )
        if org_unit is None:
            raise ValidationError({"org_unit": ["Không xác định được đơn vị báo cáo."]})
        rows = ValueSerializer(data=data.get("values", []), many=True)
        rows.is_valid(raise_exception=True)
        indicators = {i.code: i for i in data_set.indicators.all()}
        entries, errors = {}, {}
        for index, row in enumerate(rows.validated_data):
            indicator = indicators.get(row["indicator"])
            if indicator is None:
                errors[f"values[{index}].indicator"] = [
                    f"Chỉ tiêu “{row['indicator']}” không thuộc biểu {data_set.code}."
                ]
                continue
            try:
                entries[(indicator, row["category"])] = rules.parse_value(
                    row["value"], indicator.unit
                )
            except rules.BadValue as error:
                errors[f"values[{index}].value"] = [str(error)]
        if errors:
            raise ValidationError(errors)
        try:
            submission = services.save_values(
                request.user, data_set, org_unit, period, entries, version=data.get("version")
            )
            if data.get("submit"):
                services.submit(request.user, submission)
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        return Response(
            {
                "status": submission.status,
                "saved": len(entries),
                "version": services.values_version(data_set, org_unit, period),
            },
            status=status.HTTP_200_OK,
        )


class FiguresView(APIView):
    """Figures of a period for the caller's unit (or a province they may see)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("period", str, required=True),
            OpenApiParameter("unit", str),
            OpenApiParameter("codes", str, description="Mã chỉ tiêu, cách nhau bởi dấu phẩy"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        try:
            period = Period.parse(request.query_params.get("period", ""))
        except PeriodError as error:
            raise ValidationError({"period": [str(error)]}) from error
        try:
            root = chosen_root(request)
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        except Http404 as error:
            raise NotFound(str(error)) from error
        codes = [c for c in request.query_params.get("codes", "").split(",") if c] or None
        figures = queries.figures(period, root, codes)
        districts = queries.districts_of(root, period)
        return Response(
            {
                "period": str(period),
                "unit": root.code,
                "figures": {
                    code: {
                        "total": exact(f.total),
                        "target": exact(f.target),
                        "achievement": exact(f.achievement),
                        "by_category": {c: exact(v) for c, v in f.by_category.items()},
                        "by_district": {
                            d.code: exact(f.by_district[d.pk])
                            for d in districts
                            if d.pk in f.by_district
                        },
                    }
                    for code, f in figures.items()
                },
            }
        )


def exact(value):
    """Decimals as exact strings (no float rounding of money): 1250.00 -> "1250", 16.60 -> "16.60"."""
    if value is None:
        return None
    return str(int(value)) if value == int(value) else str(value)
