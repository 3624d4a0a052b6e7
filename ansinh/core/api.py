"""REST API: units, periods, people and imports, with the same scope as the pages."""

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from . import concurrency, queries, rules, scope
from . import params as query
from .audit import log_access
from .imports import (
    REGISTRY,
    queue_import,
    queued,
    rejected,
    result_of,
    run_import,
    size_problem,
    store_upload,
)
from .models import AccessLog, AdminUnit, ImportJob, OrgUnit, Person
from .periods import Period, PeriodError
from .services import possible_duplicates
from .text import control_characters_message, has_control_characters


def names_of(area):
    """Permission classes of an API door with rows naming people of `area` ("people": the people
    registry): need to know, as on the pages (403 with the Vietnamese message)."""
    from django.core.exceptions import PermissionDenied as Refused
    from rest_framework.permissions import BasePermission, IsAuthenticated

    class NamesOf(BasePermission):
        def has_permission(self, request, view):
            try:
                scope.require_people(request.user) if area == "people" else scope.require_names(
                    request.user, area
                )
            except Refused as error:
                self.message = str(error)
                return False
            return True

    return [IsAuthenticated, NamesOf]


class AdminUnitSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", default=None, read_only=True)
    successor_ids = serializers.PrimaryKeyRelatedField(
        source="successors", many=True, read_only=True
    )

    class Meta:
        model = AdminUnit
        fields = [
            "id",
            "code",
            "name",
            "level",
            "parent",
            "parent_code",
            "valid_from",
            "valid_to",
            "citation",
            "successor_ids",
        ]


class OrgUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "territory",
            "area",
            "valid_from",
            "valid_to",
        ]


class AdminUnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AdminUnitSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("level", str, enum=AdminUnit.Level.values),
            OpenApiParameter("parent", int),
            OpenApiParameter(
                "valid_on", OpenApiTypes.DATE, description="Chỉ các đơn vị có hiệu lực vào ngày này"
            ),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        units = (
            AdminUnit.objects.select_related("parent")
            .prefetch_related("successors")
            .order_by("level", "code", "id")
        )
        params = self.request.query_params
        if params.get("level"):
            units = units.filter(level=params["level"])
        if params.get("parent"):
            units = units.filter(parent_id=query.integer(params, "parent"))
        if params.get("valid_on"):
            units = units.valid_on(query.day(params, "valid_on"))
        return units


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrgUnitSerializer
    queryset = OrgUnit.objects.order_by("kind", "code")


class PeriodSerializer(serializers.Serializer):
    value = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.CharField()
    title = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    previous = serializers.CharField()
    next = serializers.CharField()
    months = serializers.ListField(child=serializers.CharField())


class PeriodView(APIView):
    @extend_schema(responses=PeriodSerializer)
    def get(self, request, value):
        try:
            period = Period.parse(value)
        except PeriodError as error:
            raise ValidationError({"value": [str(error)]}) from error
        data = {
            "value": str(period),
            "kind": period.kind,
            "label": period.label,
            "title": period.title,
            "start": period.start,
            "end": period.end,
            "previous": str(period.previous()),
            "next": str(period.next()),
            "months": [str(m) for m in period.children("month")],
        }
        return Response(PeriodSerializer(data).data)


class PlainTextSerializer:
    """Refuses control characters in every text field written through the API, naming the field
    (line breaks only where the model field is a TextField)."""

    def to_internal_value(self, data):
        errors = {}
        for name, field in self.fields.items():
            if (
                isinstance(field, serializers.CharField)
                and not field.read_only
                and hasattr(data, "get")
            ):
                multiline = field.style.get("base_template") == "textarea.html"
                if has_control_characters(data.get(name), multiline):
                    errors[name] = [control_characters_message(field.label or name)]
        if errors:
            raise ValidationError(errors)
        return super().to_internal_value(data)


class PersonSerializer(PlainTextSerializer, serializers.ModelSerializer):
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    confirm_not_duplicate = serializers.BooleanField(write_only=True, required=False, default=False)
    birth_year = serializers.IntegerField(required=False, min_value=1880)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=(
            "Phiên bản hồ sơ khi đọc; bắt buộc gửi kèm khi sửa để không ghi đè thay đổi của người khác "
            "(409 nếu đã cũ, 428 nếu thiếu)."
        ),
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "birth_date",
            "birth_year",
            "sex",
            "ethnicity",
            "personal_id",
            "phone",
            "address",
            "commune",
            "commune_code",
            "death_date",
            "status",
            "closed_reason",
            "created_at",
            "updated_at",
            "confirm_not_duplicate",
            "version",
        ]
        read_only_fields = ["status", "closed_reason", "created_at", "updated_at"]

    def to_representation(self, instance):
        return {**super().to_representation(instance), "version": concurrency.version_of(instance)}

    def validate_commune(self, commune):
        if not scope.visible_communes(self.context["request"].user).filter(pk=commune.pk).exists():
            raise serializers.ValidationError("Xã/phường nằm ngoài địa bàn bạn được quản lý.")
        return commune

    def validate(self, data):
        merged = (
            {
                **{
                    f: getattr(self.instance, f)
                    for f in (
                        "birth_date",
                        "birth_year",
                        "sex",
                        "personal_id",
                        "full_name",
                        "commune",
                    )
                },
                **data,
            }
            if self.instance
            else data
        )
        if merged.get("birth_date"):
            data["birth_year"] = merged["birth_year"] = merged["birth_date"].year
        errors = {}
        birth = rules.birth_date_errors(merged.get("birth_date"), merged.get("birth_year"))
        if birth:
            errors["birth_year"] = birth
        if merged.get("personal_id") and merged.get("birth_year"):
            id_errors = rules.personal_id_errors(
                merged["personal_id"], merged["birth_year"], merged.get("sex")
            )
            if id_errors:
                errors["personal_id"] = id_errors
        if data.get("phone"):
            phone = rules.normalise_phone(data["phone"])
            if not phone:
                errors["phone"] = ["Số điện thoại không hợp lệ."]
            data["phone"] = phone
        if errors:
            raise serializers.ValidationError(errors)
        if not self.instance and not data.pop("confirm_not_duplicate", False):
            twins = list(
                possible_duplicates(
                    merged["full_name"],
                    merged["birth_year"],
                    merged["commune"],
                    merged.get("birth_date"),
                ).values_list("pk", flat=True)[:10]
            )
            if twins:
                raise serializers.ValidationError(
                    {
                        "confirm_not_duplicate": [
                            f"Đã có người cùng họ tên, năm sinh và xã (mã {', '.join(map(str, twins))}). "
                            "Gửi confirm_not_duplicate=true nếu đây là người khác."
                        ]
                    }
                )
        data.pop("confirm_not_duplicate", None)
        return data


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class VersionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "version_required"


class PersonViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PersonSerializer
    permission_classes = names_of("people")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description="Họ tên (có hoặc không dấu) hoặc số định danh; tối đa 500 người khớp",
            ),
            OpenApiParameter("commune", int),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        people, _ = queries.filtered_people(
            self.request.user, params.get("q", ""), query.integer(params, "commune")
        )
        return people.order_by("name_sort", "id")

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        log_access(request, AccessLog.Action.VIEW, person, channel="api")
        return Response(self.get_serializer(person).data)

    def _check_write(self):
        if not scope.can_write(self.request.user):
            raise PermissionDenied("Tài khoản của bạn không có quyền sửa dữ liệu này.")

    def perform_create(self, serializer):
        self._check_write()
        serializer.validated_data.pop("version", None)
        person = serializer.save()
        log_access(self.request, AccessLog.Action.CREATE, person, channel="api")

    @transaction.atomic
    def perform_update(self, serializer):
        self._check_write()
        try:
            concurrency.check_version(
                serializer.instance, serializer.validated_data.pop("version", None)
            )
        except concurrency.VersionMissing as error:
            raise VersionRequired(str(error)) from error
        except concurrency.StaleEdit as error:
            raise Conflict(str(error)) from error
        person = serializer.save()
        log_access(self.request, AccessLog.Action.CHANGE, person, channel="api")


class ImportView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request=inline_serializer(
            "ImportRequest",
            {
                "file": serializers.FileField(),
                "commit": serializers.BooleanField(default=False),
                "confirm_warnings": serializers.BooleanField(default=False),
            },
        ),
        responses=inline_serializer(
            "ImportResponse",
            {
                "kind": serializers.CharField(),
                "total_rows": serializers.IntegerField(),
                "created": serializers.IntegerField(),
                "committed": serializers.BooleanField(),
                "errors": serializers.ListField(child=serializers.DictField()),
                "error_count": serializers.IntegerField(),
                "warnings": serializers.ListField(child=serializers.DictField()),
                "warning_count": serializers.IntegerField(),
            },
        ),
    )
    def post(self, request, kind):
        if kind not in REGISTRY:
            raise NotFound(f"Không có loại dữ liệu nhập “{kind}”.")
        if not scope.can_write(request.user):
            raise PermissionDenied("Tài khoản của bạn không có quyền nhập dữ liệu.")
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Thiếu tệp dữ liệu."]})
        flag = lambda name: str(request.data.get(name, "")).lower() in ("1", "true", "yes")  # noqa: E731
        if size_problem(upload.size):
            result = rejected(kind, size_problem(upload.size))
        elif queued(
            upload.size
        ):  # a large file is checked (and imported) by a worker: 202 and where to follow it
            job = queue_import(
                request.user,
                kind,
                store_upload(request.user, upload.name, upload.read()),
                commit=flag("commit"),
                confirm_warnings=flag("confirm_warnings"),
            )
            return Response(import_job_data(job), status=status.HTTP_202_ACCEPTED)
        else:
            result = run_import(
                kind,
                upload.read(),
                upload.name,
                request.user,
                commit=flag("commit"),
                confirm_warnings=flag("confirm_warnings"),
            )
        code = (
            status.HTTP_201_CREATED
            if result.committed
            else (status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST)
        )
        return Response(result.as_dict(), status=code)


def import_job_data(job):
    from django.urls import reverse

    data = {
        "id": job.pk,
        "kind": job.kind,
        "file_name": job.file_name,
        "commit": job.commit,
        "status": job.status,
        "status_label": job.get_status_display(),
        "url": reverse("api_import_job", args=[job.pk]),
        "result": None,
    }
    if job.status == ImportJob.Status.DONE:
        data["result"] = result_of(job.result).as_dict()
    return data


class ImportJobView(APIView):
    """The state of a large file's check or import sent through the API, and its result when done."""

    @extend_schema(
        responses=inline_serializer(
            "ImportJobResponse",
            {
                "id": serializers.IntegerField(),
                "kind": serializers.CharField(),
                "file_name": serializers.CharField(),
                "commit": serializers.BooleanField(),
                "status": serializers.CharField(),
                "status_label": serializers.CharField(),
                "url": serializers.CharField(),
                "result": serializers.DictField(allow_null=True),
            },
        )
    )
    def get(self, request, pk):
        job = ImportJob.objects.filter(pk=pk, user=request.user).first()  # one's own jobs only
        if job is None:
            raise NotFound("Không có việc nhập này.")
        return Response(import_job_data(job))
