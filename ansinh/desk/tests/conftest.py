from datetime import datetime

import pytest
from django.utils import timezone

from ansinh.core import loaders as core_loaders
from ansinh.desk.loaders import load_reference_data

from .factories import DossierFactory


@pytest.fixture
def desk(desk_users):
    core_loaders.load_calendar_overrides()
    load_reference_data()
    return desk_users


def moment(y, m, d, hh=9, mm=0):
    return timezone.make_aware(datetime(y, m, d, hh, mm))


def new_dossier(code="LD-GPLD-GIAHAN", channel="direct", ticked=None, **fields):
    """An unsaved dossier of procedure `code`, as the counter form makes it for `services.receive`."""
    if ticked is not None:
        fields["documents_received"] = ticked
    return DossierFactory.build(procedure_code=code, channel=channel, **fields)
