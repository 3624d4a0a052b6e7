from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "ansinh.payroll"
    label = "payroll"
    verbose_name = "Chi trả hằng tháng"
