from django.urls import path

from . import views

urlpatterns = [
    path("mot-cua/tiep-nhan/", views.receive, name="desk_receive"),
    path("mot-cua/tiep-nhan/giay-to/", views.procedure_documents, name="desk_procedure_documents"),
    path("mot-cua/ho-so/", views.dossier_list, name="desk_dossiers"),
    path("mot-cua/ho-so/<int:pk>/", views.dossier_detail, name="desk_dossier"),
    path("mot-cua/ho-so/<int:pk>/chuyen-xu-ly/", views.dossier_route, name="desk_dossier_route"),
    path(
        "mot-cua/ho-so/<int:pk>/yeu-cau-bo-sung/",
        views.dossier_deficient,
        name="desk_dossier_deficient",
    ),
    path(
        "mot-cua/ho-so/<int:pk>/da-bo-sung/",
        views.dossier_supplement,
        name="desk_dossier_supplement",
    ),
    path("mot-cua/ho-so/<int:pk>/xin-loi/", views.dossier_apology, name="desk_dossier_apology"),
    path("mot-cua/ho-so/<int:pk>/ket-qua/", views.dossier_decide, name="desk_dossier_decide"),
    path("mot-cua/ho-so/<int:pk>/tra-ket-qua/", views.dossier_return, name="desk_dossier_return"),
    path("mot-cua/ho-so/<int:pk>/in/", views.print_slip, name="desk_print"),
    path("mot-cua/ho-so/<int:pk>/phieu/<slug:kind>/", views.dossier_document, name="desk_document"),
    path("mot-cua/cho-xu-ly/", views.inbox, name="desk_inbox"),
    path("mot-cua/thong-ke/", views.stats, name="desk_stats"),
    path("mot-cua/so-theo-doi/", views.book, name="desk_book"),
    path("mot-cua/thu-tuc/", views.procedures, name="desk_procedures"),
    path("tra-cuu-ho-so/", views.lookup, name="desk_lookup"),
    path("thanh-tra/tiep-cong-dan/", views.receptions, name="desk_receptions"),
    path("thanh-tra/don-thu/", views.petitions, name="desk_petitions"),
    path("thanh-tra/don-thu/<int:pk>/", views.petition_detail, name="desk_petition"),
]
