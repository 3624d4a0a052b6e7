import pytest

from ansinh.core.tests.fixtures import make_user
from ansinh.merit.tables import load_reference_data


@pytest.fixture
def merit(soc_trang):
    """The categories and the shipped tables of Decrees 75/2021, 55/2023 and 77/2024."""
    load_reference_data()


@pytest.fixture
def ncc(users):
    """The merit division's officer (the main user of the registry)."""
    return make_user("ncc", "division_officer", "SLDTBXH94-NCC")
