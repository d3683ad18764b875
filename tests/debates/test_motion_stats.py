"""Motion statistics: each side's win rate (BP: each position's average points) per motion,
on the motions page for the tab room (and the public once the standings are out), and as
CSV for the tab room."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.core.time import utcnow
from app.debates import draw_services, services
from app.debates.models import DrawType, Motion
from app.debates.motion_stats import Seat, motion_stats
from tests.debates.conftest import confirm_round


def english(client):
    client.post("/language", data={"language": "en", "next": "/"})


@pytest.fixture(autouse=True)
def _english(client):
    english(client)


def test_win_rates_and_average_points():
    seats = [Seat(7, 1, 0, 1), Seat(7, 1, 1, 0), Seat(7, 2, 0, 0), Seat(7, 2, 1, 1)]
    seats += [Seat(8, 3, 0, 1), Seat(8, 3, 1, 0)]
    stats = motion_stats(seats, 2)
    assert (stats[7].rooms, stats[7].average) == (2, (0.5, 0.5))
    assert (stats[8].rooms, stats[8].average) == (1, (1.0, 0.0))
    bp = motion_stats([Seat(1, 9, p, points) for p, points in enumerate((3, 0, 1, 2))], 4)
    assert bp[1].average == (3.0, 0.0, 1.0, 2.0)
    assert motion_stats([], 2) == {}


def test_the_tab_room_sees_and_exports_motion_statistics(client, auth, db, tab):
    tournament = tab.tournament(teams=5, adjudicators=3)  # odd: a bye, which is no room
    motion = db.session.scalar(sa.select(Motion).limit(1)) or Motion(
        key="m", text={"kk": "Т", "ru": "Т", "en": "This house would test"}
    )
    db.session.add(motion)
    db.session.commit()
    for draw_type in (DrawType.RANDOM, DrawType.POWER_PAIRED):
        round_ = tab.round(tournament, draw_type)
        services.set_motion(round_, motion.id, utcnow() - timedelta(minutes=1))
        draw_services.generate_draw(round_, utcnow())
        confirm_round(round_)  # the proposition wins every room
    auth.login(tab.organizer)
    english(client)  # signing in starts a new session
    page = client.get(f"/debates/{tournament.id}/motions").get_data(as_text=True)
    assert "4 rooms so far" in page and "100%" in page and "0%" in page
    response = client.get(f"/debates/{tournament.id}/motions.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "Rounds,Motion,Rooms,Proposition: win rate,Opposition: win rate"
    assert lines[1].startswith("1 2,") and lines[1].endswith(",4,1.000,0.000")
    auth.login(None)
    english(client)  # signing in starts a new session
    public = client.get(f"/debates/{tournament.id}/motions").get_data(as_text=True)
    assert "rooms so far" not in public  # the figures tell results: not before the standings
    services.release(tournament, "standings_released", True)
    public = client.get(f"/debates/{tournament.id}/motions").get_data(as_text=True)
    assert "4 rooms so far" in public and "motions.csv" not in public
