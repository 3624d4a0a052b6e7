"""PayrollCycle and PayrollLine moved to the payroll app (payroll 0001): removed from welfare's
state only; their tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("welfare", "0009_jobs_cycle_task"),
        ("payroll", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="payrollcycle",
                    name="approved_by",
                ),
                migrations.RemoveField(
                    model_name="payrollcycle",
                    name="generated_by",
                ),
                migrations.RemoveField(
                    model_name="payrollcycle",
                    name="unit",
                ),
                migrations.RemoveField(
                    model_name="payrollline",
                    name="cycle",
                ),
                migrations.RemoveField(
                    model_name="payrollline",
                    name="caregiver",
                ),
                migrations.RemoveField(
                    model_name="payrollline",
                    name="case",
                ),
                migrations.RemoveField(
                    model_name="payrollline",
                    name="commune",
                ),
                migrations.RemoveField(
                    model_name="payrollline",
                    name="merit_record",
                ),
                migrations.DeleteModel(
                    name="HistoricalPayrollCycle",
                ),
                migrations.DeleteModel(
                    name="PayrollCycle",
                ),
                migrations.DeleteModel(
                    name="PayrollLine",
                ),
            ]
        ),
    ]
