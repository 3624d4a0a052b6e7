import pytest

from ansinh.core.tests.factories import UserFactory
from ansinh.merit.tables import load_reference_data


@pytest.fixture
def merit(soc_trang):
    """The categories and the shipped tables of Decrees 75/2021, 55/2023 and 77/2024."""
    load_reference_data()


@pytest.fixture
def ncc(users):
    """The merit division's officer (the main user of the registry)."""
    return UserFactory(username="ncc", role="division_officer", unit_code="SLDTBXH94-NCC")
