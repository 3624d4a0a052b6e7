import pytest

from ansinh.welfare.loaders import load_reference_data


@pytest.fixture
def welfare(soc_trang):
    """The categories of Decree 20/2021 (and the province's group) and the standard levels."""
    load_reference_data()
