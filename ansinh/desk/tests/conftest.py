from datetime import datetime

import pytest
from django.utils import timezone

from ansinh.core import loaders as core_loaders
from ansinh.desk.loaders import load_reference_data
from ansinh.desk.models import Dossier, Procedure


@pytest.fixture
def desk(desk_users):
    core_loaders.load_calendar_overrides()
    load_reference_data()
    return desk_users


def moment(y, m, d, hh=9, mm=0):
    return timezone.make_aware(datetime(y, m, d, hh, mm))


def new_dossier(code="LD-GPLD-GIAHAN", channel="direct", ticked=None, **fields):
    procedure = Procedure.objects.get(code=code)
    values = {"applicant_name": "Công ty TNHH Thủy sản Phát Đạt", "applicant_phone": "0299 3821 123", "applicant_address": "Phường 2"} | fields
    return Dossier(procedure=procedure, channel=channel, documents_received=procedure.document_list if ticked is None else ticked, **values)
