from django.urls import path

from . import views

urlpatterns = [
    path("bao-tro/ho-so/", views.case_list, name="case_list"),
    path("bao-tro/ho-so/them/", views.case_create, name="case_create"),
    path("bao-tro/ho-so/<int:pk>/", views.case_detail, name="case_detail"),
    path("bao-tro/ho-so/<int:pk>/tham-dinh/", views.case_appraise, name="case_appraise"),
    path("bao-tro/ho-so/<int:pk>/quyet-dinh/", views.case_decide, name="case_decide"),
    path("bao-tro/ho-so/<int:pk>/dieu-chinh/", views.case_adjust, name="case_adjust"),
    path("bao-tro/ho-so/<int:pk>/tam-dung/", views.case_suspend, name="case_suspend"),
    path("bao-tro/ho-so/<int:pk>/tiep-tuc/", views.case_resume, name="case_resume"),
    path("bao-tro/ho-so/<int:pk>/chuyen-xa/", views.case_move, name="case_move"),
    path("bao-tro/ho-so/<int:pk>/thoi-huong/", views.case_end, name="case_end"),
    path("bao-tro/ho-tro/", views.supports, name="supports"),
    path("bao-tro/trung-tam/", views.centre, name="centre"),
    path("bao-tro/cham-soc/", views.caregivers, name="caregivers"),
    path("bao-tro/tre-em/", views.children, name="children"),
    path("bao-tro/xuat/<slug:register>/", views.export_register, name="export_register"),
    path("bao-tro/chi-tra/", views.payroll_index, name="payroll_index"),
    path("bao-tro/chi-tra/<int:pk>/", views.payroll_detail, name="payroll_detail"),
    path("bao-tro/chi-tra/<int:pk>/xu-ly/", views.payroll_action, name="payroll_action"),
    path("bao-tro/chi-tra/<int:pk>/xuat/<slug:kind>/", views.payroll_export, name="payroll_export"),
]
