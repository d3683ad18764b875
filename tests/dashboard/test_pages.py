"""The dashboard pages and their exports, as organizers and teachers get them."""

import csv
import io

import pytest

from app.core.exports import export_log


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # Excel reads the BOM as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def as_organizer(town, auth):
    auth.login(town.organizer)
    return town


def test_the_organizer_sees_their_region_with_charts_and_tables(as_organizer, client):
    page = client.get(f"/dashboard?period={as_organizer.last_month.key}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("<svg") == 4  # active students, check-ins, topics, funnel
    assert "School No. 1" in html and "Shymkent School" not in html
    assert "<caption>" in html  # each chart has its table


def test_a_national_organizer_sees_regions(town, auth, client):
    auth.login(town.national_organizer)
    html = client.get(f"/dashboard?period={town.last_month.key}").get_data(as_text=True)
    assert "By region" in html
    assert "Shymkent" in html


def test_tables_sort_by_the_column_asked(as_organizer, client):
    key = as_organizer.last_month.key
    by_name = client.get(f"/dashboard?period={key}&sort=name").get_data(as_text=True)
    assert by_name.index("School No. 1") < by_name.index("School No. 2")
    by_default = client.get(f"/dashboard?period={key}&sort=nonsense")
    assert by_default.status_code == 200


def test_figures_csv(as_organizer, client):
    rows = read_csv(
        client.get(f"/dashboard/export/figures.csv?period={as_organizer.this_month.key}")
    )
    assert len(rows[0]) == 3
    by_label = {row[0]: row[1:] for row in rows[1:]}
    assert by_label["Active students"] == ["2", "3"]
    assert by_label["Check-ins"] == ["1", "3"]
    assert by_label["Debates judged"] == ["0", "1"]


def test_over_time_csv(as_organizer, client):
    rows = read_csv(
        client.get(f"/dashboard/export/over-time.csv?period={as_organizer.last_month.key}")
    )
    assert rows[0] == [
        "Period",
        "Active students",
        "Integrity Hours held",
        "Check-ins",
        "Live games played",
        "Debates judged",
    ]
    assert sum(int(row[3]) for row in rows[1:]) == 3
    assert sum(int(row[5]) for row in rows[1:]) == 1
    assert rows[1][0] == as_organizer.last_month.first_day.isoformat()


def test_table_csv(as_organizer, client):
    rows = read_csv(client.get(f"/dashboard/export/table.csv?period={as_organizer.last_month.key}"))
    assert rows[0][:4] == ["Name", "Active students", "Points earned", "Points per active student"]
    assert rows[1][:4] == ["School No. 1", "2", "200", "100.0"]
    assert rows[2][:3] == ["School No. 2", "1", "100"]


def test_regions_csv_for_a_national_organizer(town, auth, client):
    auth.login(town.national_organizer)
    rows = read_csv(client.get(f"/dashboard/export/table.csv?period={town.last_month.key}"))
    assert len(rows) == 21  # the header and 20 regions
    assert sum(int(row[1]) for row in rows[1:]) == 4


def test_topics_and_questions_csv(as_organizer, client):
    key = as_organizer.last_month.key
    topics = read_csv(client.get(f"/dashboard/export/topics.csv?period={key}"))
    assert topics[0] == ["Topic", "Answers", "Correct", "Share correct"]
    assert topics[1][1:] == ["10", "5", "50"]
    questions = read_csv(client.get(f"/dashboard/export/questions.csv?period={key}"))
    assert [row[2:] for row in questions[1:]] == [["5", "80"], ["5", "20"]]


def test_funnel_csv(as_organizer, client):
    rows = read_csv(
        client.get(f"/dashboard/export/funnel.csv?period={as_organizer.last_month.key}")
    )
    assert [row[:3] for row in rows[1:]] == [
        ["Registered", "4", ""],
        ["Active", "3", "75"],
        ["Attended an event", "3", "100"],
        ["Eligible to volunteer", "1", "33"],
        ["Applied", "1", "100"],
        ["Accepted as volunteers", "1", "100"],
        ["Active volunteers", "1", "100"],
    ]


def test_volunteering_csv(as_organizer, client):
    rows = read_csv(
        client.get(f"/dashboard/export/volunteering.csv?period={as_organizer.this_month.key}")
    )
    values = {row[0]: row[1] for row in rows[1:]}
    assert values["Active volunteers"] == "1"
    assert values["Savings reported, tenge"] == "1500000"
    assert values["Public-monitoring visit"] == "1"


def test_every_export_is_logged(as_organizer, client, caplog):
    with caplog.at_level("INFO", logger=export_log.name):
        client.get("/dashboard/export/funnel.csv")
    assert any("funnel-astana-" in message for message in caplog.messages)


def test_the_printable_report_is_in_the_readers_language(as_organizer, client, db):
    as_organizer.organizer.locale = "kk"
    db.session.commit()
    html = client.get(f"/dashboard/report?period={as_organizer.last_month.key}").get_data(
        as_text=True
    )
    assert '<html lang="kk">' in html
    assert "Download CSV" not in html  # paper has no links to click
    assert "School No. 1" in html


def test_a_bad_period_or_region_is_refused_plainly(as_organizer, client):
    assert client.get("/dashboard?period=m2026-13").status_code == 404
    assert client.get("/dashboard?period=y1999").status_code == 404
    assert client.get("/dashboard?period=m3000-01").status_code == 404  # not begun
    assert client.get("/dashboard?region=atlantis").status_code == 404


def test_the_teachers_dashboard(town, auth, client):
    auth.login(town.teacher)
    html = client.get("/dashboard/classes").get_data(as_text=True)
    assert "9А" in html and "9Б" in html
    rows = read_csv(client.get("/dashboard/classes.csv"))
    assert rows[0][:4] == ["Class", "Students", "Active this month", "Share active"]
    by_class = {row[0]: row[1:4] for row in rows[1:]}
    assert by_class["9А"] == ["2", "1", "50"]
    assert by_class["9Б"] == ["1", "0", "0"]
