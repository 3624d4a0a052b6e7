"""The whole demo data set, app by app (the core first; each area app adds its registries)."""

from django.contrib.auth.models import User

from ansinh.core import demo as core_demo
from ansinh.desk import demo as desk_demo
from ansinh.indicators import demo as indicators_demo
from ansinh.merit import demo as merit_demo
from ansinh.reports.loaders import load_definition
from ansinh.welfare import demo as welfare_demo
from ansinh.worklog import demo as worklog_demo


def run(people_count=3000, log=print):
    core_demo.run(people_count, log)
    welfare_demo.run(User.objects.get(username="admin"), log)
    desk_demo.run(log)
    merit_demo.run(User.objects.get(username="admin"), log)
    indicators_demo.run(log)
    worklog_demo.run(log)
    load_definition()
