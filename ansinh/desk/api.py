"""Read-only API of the desk's registers, with the same scope as the pages. A denouncer's
identity is never served here: it has one door, the petition page of the inspection role."""

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.core.audit import log_access
from ansinh.core.models import AccessLog
from ansinh.core.periods import Period, PeriodError

from . import queries
from .models import Dossier, Petition


class DossierSerializer(serializers.ModelSerializer):
    procedure_code = serializers.CharField(source="procedure.code", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    division_code = serializers.CharField(source="division.code", read_only=True, default=None)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "portal_code",
            "procedure_code",
            "unit_code",
            "channel",
            "status",
            "applicant_name",
            "received_at",
            "start_date",
            "due_date",
            "original_due_date",
            "resets",
            "division_code",
            "outcome",
            "result",
            "decided_on",
            "returned_at",
        ]


class DossierViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DossierSerializer

    def get_queryset(self):
        dossiers = (
            queries.dossiers_for(self.request.user)
            .select_related("procedure", "unit", "division")
            .order_by("-id")
        )
        status = self.request.query_params.get("status")
        return dossiers.filter(status=status) if status else dossiers

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        log_access(
            request,
            AccessLog.Action.VIEW,
            label=f"Hồ sơ TTHC {response.data['code']}",
            channel="api",
        )
        return response


class PetitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Petition
        fields = [
            "id",
            "number",
            "kind",
            "field",
            "source",
            "received_on",
            "due_date",
            "petitioner_name",
            "summary",
            "status",
            "closed_on",
            "forwarded_to",
            "result",
        ]


class PetitionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PetitionSerializer

    def get_queryset(self):
        return queries.petitions_for(self.request.user).order_by("-received_on", "-id")


class TimelinessView(APIView):
    """GET ?period=2024Q1: the timeliness counts of the dossiers the user may see."""

    @extend_schema(
        parameters=[OpenApiParameter("period", str, required=True)], responses=OpenApiTypes.OBJECT
    )
    def get(self, request):
        try:
            period = Period.parse(request.query_params.get("period", ""))
        except PeriodError as error:
            raise ValidationError({"period": str(error)}) from error
        result = queries.timeliness(
            queries.dossiers_for(request.user), period.start, period.end, today=date.today()
        )
        return Response(
            {
                "period": str(period),
                "totals": result["totals"],
                "groups": {
                    name: [{"label": label, **counts} for label, counts in rows]
                    for name, rows in result["groups"].items()
                },
            }
        )
