from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from .core import api
from .core.auth import AdminLockoutAuthenticationForm
from .core.views import LockoutObtainAuthToken
from .desk import api as desk_api
from .indicators import api as indicators_api
from .merit import api as merit_api
from .welfare import api as welfare_api

router = DefaultRouter()
router.register("units", api.AdminUnitViewSet, basename="adminunit")
router.register("org-units", api.OrgUnitViewSet, basename="orgunit")
router.register("people", api.PersonViewSet, basename="person")
router.register("indicators", indicators_api.IndicatorViewSet, basename="indicator")
router.register("welfare/cases", welfare_api.CaseViewSet, basename="welfare-case")
router.register("welfare/payrolls", welfare_api.CycleViewSet, basename="welfare-payroll")
router.register("welfare/supports", welfare_api.SupportViewSet, basename="welfare-support")
router.register("welfare/caregivers", welfare_api.CaregiverViewSet, basename="welfare-caregiver")
router.register("welfare/residents", welfare_api.ResidentViewSet, basename="welfare-resident")
router.register("desk/dossiers", desk_api.DossierViewSet, basename="desk-dossier")
router.register("desk/petitions", desk_api.PetitionViewSet, basename="desk-petition")
router.register("merit/records", merit_api.RecordViewSet, basename="merit-record")
router.register("merit/decisions", merit_api.DecisionViewSet, basename="merit-decision")

admin.site.site_header = "An Sinh – Quản trị"
admin.site.site_title = "An Sinh"
admin.site.login_form = AdminLockoutAuthenticationForm

urlpatterns = [
    path("", include("ansinh.indicators.urls")),
    path("", include("ansinh.reports.urls")),
    path("", include("ansinh.worklog.urls")),
    path("", include("ansinh.welfare.urls")),
    path("", include("ansinh.desk.urls")),
    path("", include("ansinh.merit.urls")),
    path("", include("ansinh.core.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/", include(router.urls)),
    path("api/periods/<str:value>/", api.PeriodView.as_view(), name="api_period"),
    path("api/imports/<slug:kind>/", api.ImportView.as_view(), name="api_import"),
    path("api/import-jobs/<int:pk>/", api.ImportJobView.as_view(), name="api_import_job"),
    path("api/token/", LockoutObtainAuthToken.as_view(), name="api_token"),
    path("api/data-values/", indicators_api.DataValuesView.as_view(), name="api_data_values"),
    path("api/figures/", indicators_api.FiguresView.as_view(), name="api_figures"),
    path("api/desk/timeliness/", desk_api.TimelinessView.as_view(), name="api_desk_timeliness"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
]
