from ansinh.merit.tests.conftest import merit  # noqa: F401  (fixtures of the schemes paid through the payroll)
from ansinh.welfare.tests.conftest import welfare  # noqa: F401
