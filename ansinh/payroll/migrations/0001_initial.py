"""PayrollCycle and PayrollLine (and the cycle's history) move from welfare to payroll without
touching their data: the tables keep their names (Meta.db_table), only the migration state moves
(welfare 0010 removes them from welfare's state). The content types follow the models, so
permissions and history keep pointing at them. New: the database checks that a line points to
exactly one record (a welfare case, a caregiver support or a merit record)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MODELS = ["payrollcycle", "historicalpayrollcycle", "payrollline"]


def move_content_types(apps, schema_editor, source="welfare", target="payroll"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=source, model__in=MODELS
    ).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="payroll", target="welfare")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("core", "0005_merge_jobs_scope"),
        ("merit", "0002_alter_evidence_file_alter_historicalevidence_file"),
        ("welfare", "0009_jobs_cycle_task"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalPayrollCycle",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("month", models.DateField(verbose_name="tháng")),
                        (
                            "scheme",
                            models.CharField(
                                choices=[
                                    ("welfare", "Trợ cấp xã hội (Nghị định 20/2021)"),
                                    ("merit", "Trợ cấp ưu đãi người có công"),
                                ],
                                default="welfare",
                                max_length=10,
                                verbose_name="chế độ",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("generating", "Đang lập"),
                                    ("failed", "Lập lỗi"),
                                    ("draft", "Dự thảo"),
                                    ("approved", "Đã duyệt"),
                                    ("paid", "Đã chi trả"),
                                ],
                                default="generating",
                                max_length=10,
                                verbose_name="trạng thái",
                            ),
                        ),
                        (
                            "progress",
                            models.PositiveSmallIntegerField(default=0, verbose_name="tiến độ (%)"),
                        ),
                        (
                            "task_id",
                            models.CharField(
                                blank=True,
                                default="",
                                max_length=64,
                                verbose_name="mã công việc lập danh sách",
                            ),
                        ),
                        (
                            "generated_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="lập lúc"),
                        ),
                        (
                            "approved_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="duyệt lúc"),
                        ),
                        (
                            "paid_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="chi trả lúc"),
                        ),
                        (
                            "line_count",
                            models.PositiveIntegerField(default=0, verbose_name="số dòng"),
                        ),
                        (
                            "total_amount",
                            models.BigIntegerField(default=0, verbose_name="tổng tiền (đồng)"),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.TextField(null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "approved_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "generated_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="core.adminunit",
                                verbose_name="địa bàn",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical danh sách chi trả tháng",
                        "verbose_name_plural": "historical danh sách chi trả tháng",
                        "db_table": "welfare_historicalpayrollcycle",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="PayrollCycle",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("month", models.DateField(verbose_name="tháng")),
                        (
                            "scheme",
                            models.CharField(
                                choices=[
                                    ("welfare", "Trợ cấp xã hội (Nghị định 20/2021)"),
                                    ("merit", "Trợ cấp ưu đãi người có công"),
                                ],
                                default="welfare",
                                max_length=10,
                                verbose_name="chế độ",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("generating", "Đang lập"),
                                    ("failed", "Lập lỗi"),
                                    ("draft", "Dự thảo"),
                                    ("approved", "Đã duyệt"),
                                    ("paid", "Đã chi trả"),
                                ],
                                default="generating",
                                max_length=10,
                                verbose_name="trạng thái",
                            ),
                        ),
                        (
                            "progress",
                            models.PositiveSmallIntegerField(default=0, verbose_name="tiến độ (%)"),
                        ),
                        (
                            "task_id",
                            models.CharField(
                                blank=True,
                                default="",
                                max_length=64,
                                verbose_name="mã công việc lập danh sách",
                            ),
                        ),
                        (
                            "generated_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="lập lúc"),
                        ),
                        (
                            "approved_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="duyệt lúc"),
                        ),
                        (
                            "paid_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="chi trả lúc"),
                        ),
                        (
                            "line_count",
                            models.PositiveIntegerField(default=0, verbose_name="số dòng"),
                        ),
                        (
                            "total_amount",
                            models.BigIntegerField(default=0, verbose_name="tổng tiền (đồng)"),
                        ),
                        (
                            "approved_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "generated_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="core.adminunit",
                                verbose_name="địa bàn",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "danh sách chi trả tháng",
                        "verbose_name_plural": "danh sách chi trả tháng",
                        "db_table": "welfare_payrollcycle",
                    },
                ),
                migrations.CreateModel(
                    name="PayrollLine",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("for_month", models.DateField(verbose_name="tháng hưởng")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("regular", "Trợ cấp tháng"),
                                    ("arrears", "Truy lĩnh"),
                                    ("recovery", "Truy thu"),
                                    ("deduction", "Khấu trừ thu hồi"),
                                ],
                                default="regular",
                                max_length=10,
                                verbose_name="loại",
                            ),
                        ),
                        ("level", models.PositiveIntegerField(verbose_name="mức chuẩn")),
                        (
                            "coefficient",
                            models.DecimalField(
                                decimal_places=2, max_digits=4, verbose_name="hệ số"
                            ),
                        ),
                        ("amount", models.BigIntegerField(verbose_name="số tiền (đồng)")),
                        (
                            "change",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Không đổi"),
                                    ("new", "Mới hưởng"),
                                    ("ended", "Thôi hưởng"),
                                    ("changed", "Thay đổi mức"),
                                ],
                                default="",
                                max_length=10,
                                verbose_name="so với tháng trước",
                            ),
                        ),
                        (
                            "previous_amount",
                            models.BigIntegerField(null=True, verbose_name="tháng trước"),
                        ),
                        (
                            "caregiver",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="payroll_lines",
                                to="welfare.caregiver",
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="payroll_lines",
                                to="welfare.case",
                            ),
                        ),
                        (
                            "commune",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="core.adminunit",
                            ),
                        ),
                        (
                            "cycle",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="lines",
                                to="payroll.payrollcycle",
                            ),
                        ),
                        (
                            "merit_record",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="payroll_lines",
                                to="merit.meritrecord",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "welfare_payrollline",
                    },
                ),
                migrations.AddConstraint(
                    model_name="payrollcycle",
                    constraint=models.UniqueConstraint(
                        fields=("month", "unit", "scheme"), name="payroll_cycle_month_unit_scheme"
                    ),
                ),
                migrations.AddIndex(
                    model_name="payrollline",
                    index=models.Index(
                        fields=["cycle", "commune"], name="payroll_line_cycle_commune"
                    ),
                ),
                migrations.AddIndex(
                    model_name="payrollline",
                    index=models.Index(
                        fields=["case", "for_month"], name="payroll_line_case_month"
                    ),
                ),
                migrations.AddIndex(
                    model_name="payrollline",
                    index=models.Index(
                        fields=["merit_record", "for_month"], name="payroll_line_merit_month"
                    ),
                ),
            ]
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.AddConstraint(
            model_name="payrollline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("caregiver__isnull", True),
                        ("case__isnull", False),
                        ("merit_record__isnull", True),
                    ),
                    models.Q(
                        ("caregiver__isnull", False),
                        ("case__isnull", True),
                        ("merit_record__isnull", True),
                    ),
                    models.Q(
                        ("caregiver__isnull", True),
                        ("case__isnull", True),
                        ("merit_record__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="payroll_line_one_record",
            ),
        ),
    ]
