from django.urls import path

from . import views

urlpatterns = [
    path("nguoi-co-cong/ho-so/", views.record_list, name="merit_records"),
    path("nguoi-co-cong/ho-so/them/", views.record_create, name="merit_record_create"),
    path("nguoi-co-cong/ho-so/chuyen-den/", views.transfer_in, name="merit_transfer_in"),
    path("nguoi-co-cong/ho-so/xuat.xlsx", views.record_export, name="merit_record_export"),
    path("nguoi-co-cong/ho-so/<int:pk>/", views.record_detail, name="merit_record"),
    path(
        "nguoi-co-cong/ho-so/<int:pk>/giam-dinh/",
        views.record_assessment,
        name="merit_record_assessment",
    ),
    path("nguoi-co-cong/ho-so/<int:pk>/du-thao/", views.record_draft, name="merit_record_draft"),
    path(
        "nguoi-co-cong/ho-so/<int:pk>/chuyen-di/",
        views.record_transfer_out,
        name="merit_record_transfer_out",
    ),
    path("nguoi-co-cong/ho-so/<int:pk>/chuyen-xa/", views.record_move, name="merit_record_move"),
    path(
        "nguoi-co-cong/ho-so/<int:pk>/dinh-chinh/",
        views.record_correction,
        name="merit_record_correction",
    ),
    path(
        "nguoi-co-cong/ho-so/<int:pk>/quan-he/", views.record_relation, name="merit_record_relation"
    ),
    path(
        "nguoi-co-cong/ho-so/<int:pk>/giay-to/", views.record_evidence, name="merit_record_evidence"
    ),
    path("nguoi-co-cong/ho-so/<int:pk>/tinh-lai/", views.record_recalc, name="merit_record_recalc"),
    path("nguoi-co-cong/giay-to/<int:pk>/", views.evidence_file, name="merit_evidence_file"),
    path("nguoi-co-cong/quyet-dinh/", views.decision_list, name="merit_decisions"),
    path("nguoi-co-cong/quyet-dinh/<int:pk>/", views.decision_detail, name="merit_decision"),
    path(
        "nguoi-co-cong/quyet-dinh/<int:pk>/duyet/",
        views.decision_approve,
        name="merit_decision_approve",
    ),
    path(
        "nguoi-co-cong/quyet-dinh/<int:pk>/huy/",
        views.decision_cancel,
        name="merit_decision_cancel",
    ),
    path(
        "nguoi-co-cong/quyet-dinh/<int:pk>/tep.<slug:kind>",
        views.decision_file,
        name="merit_decision_file",
    ),
    path("nguoi-co-cong/tinh-lai/", views.batch_list, name="merit_batches"),
    path("nguoi-co-cong/tinh-lai/<int:pk>/", views.batch_detail, name="merit_batch"),
    path("nguoi-co-cong/tinh-lai/<int:pk>/duyet/", views.batch_approve, name="merit_batch_approve"),
    path(
        "nguoi-co-cong/tinh-lai/<int:pk>/tao-tep/",
        views.batch_make_files,
        name="merit_batch_make_files",
    ),
    path(
        "nguoi-co-cong/tinh-lai/<int:pk>/tinh-lai-dot/",
        views.batch_recompute,
        name="merit_batch_recompute",
    ),
    path(
        "nguoi-co-cong/tinh-lai/<int:pk>/tep/<str:name>", views.batch_file, name="merit_batch_file"
    ),
    path("nguoi-co-cong/thu-hoi/", views.recoveries, name="merit_recoveries"),
    path("nguoi-co-cong/thu-hoi/<int:pk>/", views.recovery_detail, name="merit_recovery"),
    path("nguoi-co-cong/chi-tra/", views.merit_payroll, name="merit_payroll"),
    path("nguoi-co-cong/bang-muc/", views.tables, name="merit_tables"),
    path("nguoi-co-cong/qua-tang/", views.campaigns, name="merit_campaigns"),
    path(
        "nguoi-co-cong/qua-tang/<int:pk>/xuat.xlsx",
        views.campaign_export,
        name="merit_campaign_export",
    ),
]
