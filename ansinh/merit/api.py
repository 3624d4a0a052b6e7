"""Read-only API of the merit registry and its decisions, with the same scope as the pages."""

from rest_framework import serializers, viewsets

from ansinh.core.api import names_of
from ansinh.core.audit import log_access
from ansinh.core.models import AccessLog

from . import queries
from .models import Decision, MeritRecord


class RecordSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    category_code = serializers.CharField(source="category.code", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    assessments = serializers.SerializerMethodField()

    class Meta:
        model = MeritRecord
        fields = [
            "id",
            "person",
            "person_name",
            "category_code",
            "commune_code",
            "code",
            "status",
            "start_month",
            "end_date",
            "caregiver_from",
            "origin_province",
            "recalc_from",
            "assessments",
        ]

    def get_assessments(self, record) -> list[dict]:
        return [
            {
                "date": a.date,
                "effective_from": a.effective_from,
                "rate": a.rate,
                "severe": a.severe,
                "council": a.council,
            }
            for a in record.assessments.all()
        ]


class RecordViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecordSerializer
    permission_classes = names_of("merit")

    def get_queryset(self):
        records = (
            queries.records_for(self.request.user)
            .select_related("person", "category", "commune")
            .prefetch_related("assessments")
            .order_by("id")
        )
        for name in ("status", "category"):
            value = self.request.query_params.get(name)
            if value:
                records = records.filter(
                    **({"status": value} if name == "status" else {"category__code": value})
                )
        return records

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        record = self.get_object()
        log_access(
            request,
            AccessLog.Action.VIEW,
            record.person,
            label=f"Hồ sơ người có công {record.pk}",
            channel="api",
        )
        return response


class DecisionSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="number_text", read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "record",
            "kind",
            "status",
            "number",
            "signed_on",
            "summary",
            "amount",
            "effective",
            "months",
            "batch",
        ]


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DecisionSerializer
    permission_classes = names_of("merit")

    def get_queryset(self):
        decisions = queries.decisions_for(self.request.user).order_by("-id")
        kind = self.request.query_params.get("kind")
        return decisions.filter(kind=kind) if kind else decisions
