"""Need to know: desk and inspection accounts, who see no names of the welfare and merit
registries, still open the quarterly report and the figures (counts) behind it."""

import pytest

from ansinh.core.tests.web import login


@pytest.mark.parametrize("who", ["motcua", "thanhtra"])
def test_report_and_figures_still_open_for_counts_only_accounts(client, desk_users, demo_q1, who):
    login(client, desk_users["desk" if who == "motcua" else "inspector"])
    preview = client.get("/bao-cao/", {"period": "2024Q1"})
    assert preview.status_code == 200 and "1.669" in preview.content.decode()
    trace = client.get("/chi-tieu/BTXH_TCXH/", {"period": "2024Q1"})
    assert trace.status_code == 200 and 'id="records-behind"' not in trace.content.decode()
    assert client.get("/bao-tro/ho-so/").status_code == 403
