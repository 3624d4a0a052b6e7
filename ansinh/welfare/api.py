"""Read-only API of the welfare registry and payroll, with the same scope as the pages."""

from rest_framework import serializers, viewsets

from ansinh.core import scope
from ansinh.core.api import names_of
from ansinh.core.audit import log_access
from ansinh.core.models import AccessLog
from ansinh.payroll.models import PayrollCycle

from . import queries
from .models import Caregiver, Case, Resident, Support


class CaseSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    category_code = serializers.CharField(source="category.code", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "person",
            "person_name",
            "category_code",
            "commune_code",
            "disability_level",
            "status",
            "decision_number",
            "decision_date",
            "start_month",
            "end_date",
            "end_reason",
            "payment_method",
        ]


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CaseSerializer
    permission_classes = names_of("welfare")

    def get_queryset(self):
        cases = (
            queries.cases_for(self.request.user)
            .select_related("person", "category", "commune")
            .order_by("id")
        )
        status = self.request.query_params.get("status")
        return cases.filter(status=status) if status else cases

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        case = self.get_object()
        log_access(
            request,
            AccessLog.Action.VIEW,
            case.person,
            label=f"Hồ sơ trợ cấp {case.pk}",
            channel="api",
        )
        return response


class CycleSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = PayrollCycle
        fields = [
            "id",
            "month",
            "unit_code",
            "scheme",
            "status",
            "progress",
            "line_count",
            "total_amount",
            "approved_at",
        ]


class CycleViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CycleSerializer
    queryset = PayrollCycle.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self):
        cycles = queries.cycles_for(self.request.user).order_by("-month")
        scheme = self.request.query_params.get("scheme")
        return cycles.filter(scheme=scheme) if scheme else cycles


class SupportSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)

    class Meta:
        model = Support
        fields = [
            "id",
            "person",
            "person_name",
            "kind",
            "basis",
            "commune_code",
            "date",
            "amount",
            "reference",
            "cancelled",
        ]


class SupportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SupportSerializer
    permission_classes = names_of("welfare")

    def get_queryset(self):

        items = (
            scope.filter_by_commune(Support.objects.all(), self.request.user)
            .select_related("person", "commune")
            .order_by("-date", "id")
        )
        kind = self.request.query_params.get("kind")
        return items.filter(kind=kind) if kind else items


class CaregiverSerializer(serializers.ModelSerializer):
    caregiver_name = serializers.CharField(source="caregiver.full_name", read_only=True)

    class Meta:
        model = Caregiver
        fields = [
            "id",
            "caregiver",
            "caregiver_name",
            "kind",
            "ward",
            "decision_number",
            "decision_date",
            "start_month",
            "end_date",
        ]


class CaregiverViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CaregiverSerializer
    permission_classes = names_of("welfare")

    def get_queryset(self):

        return (
            scope.filter_by_commune(Caregiver.objects.all(), self.request.user)
            .select_related("caregiver")
            .order_by("id")
        )


class ResidentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Resident
        fields = [
            "id",
            "person",
            "person_name",
            "category",
            "admitted",
            "discharged",
            "discharge_reason",
        ]


class ResidentViewSet(viewsets.ReadOnlyModelViewSet):
    """Residents of the centres: a district officer sees those of the district, as on the page."""

    serializer_class = ResidentSerializer
    permission_classes = names_of("welfare")
    queryset = Resident.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self):

        return (
            scope.filter_by_commune(Resident.objects.all(), self.request.user, "person__commune")
            .select_related("person")
            .order_by("id")
        )
