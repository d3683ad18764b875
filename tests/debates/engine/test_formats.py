"""Formats as data, and the ballot rules they imply."""

from pathlib import Path

import pytest
import yaml

from app.debates.formats import (
    FORMATS_FILE,
    Ballot,
    FormatError,
    check_ballot,
    load_formats,
    parse_format,
    team_totals,
)

FORMATS = load_formats()
WSDC, PARLIAMENTARY, BP = (
    FORMATS["wsdc"],
    FORMATS["parliamentary_2v2"],
    FORMATS["british_parliamentary"],
)


def codes(problems) -> list[tuple]:
    return [(p.code, p.position, p.role) for p in problems]


def test_the_repositorys_formats():
    assert (WSDC.teams_per_room, len(WSDC.roles), WSDC.reply is not None) == (2, 3, True)
    assert (PARLIAMENTARY.teams_per_room, len(PARLIAMENTARY.roles)) == (2, 2)
    assert (BP.teams_per_room, len(BP.roles), BP.ranking) == (4, 2, "places")
    for fmt in FORMATS.values():
        assert all(set(name) == {"kk", "ru", "en"} for name in (*fmt.positions, *fmt.roles))


def test_a_new_format_is_a_definition(tmp_path: Path):
    raw = yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))
    raw["asian"] = raw["wsdc"] | {"speaker_score": {"min": 70, "max": 80, "step": 0.5}}
    path = tmp_path / "formats.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    asian = load_formats(path)["asian"]
    assert asian.speaker_score.accepts(75.5) and not asian.speaker_score.accepts(75.25)


@pytest.mark.parametrize(
    "change",
    [
        {"teams_per_room": 3},
        {"positions": [{"kk": "A", "ru": "A", "en": "A"}]},
        {"roles": [{"kk": "A", "ru": "A"}]},
        {"speech_order": [[0, 0], [1, 0]]},
        {"speaker_score": {"min": 80, "max": 60, "step": 1}},
        {"speaker_score": {"min": 60, "max": 80, "step": 3}},
        {"ranking": "places"},
        {"reply": {"from_roles": [5], "min": 30, "max": 40, "step": 1, "order": [1, 0]}},
    ],
)
def test_malformed_formats_are_refused(change):
    raw = yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))["wsdc"]
    with pytest.raises(FormatError):
        parse_format("broken", raw | change)


def wsdc_ballot(prop=(75, 74, 73), opp=(72, 71, 70), replies=(37.5, 36), winner=0) -> Ballot:
    return Ballot(speeches=(prop, opp), replies=replies, result=(winner,))


def test_a_good_ballot_passes():
    assert check_ballot(WSDC, wsdc_ballot()) == []
    assert team_totals(wsdc_ballot()) == [259.5, 249]


def test_scores_outside_the_range_or_off_step_are_named():
    ballot = wsdc_ballot(prop=(75, 81, 73), opp=(72, 71.5, 59), replies=(37.25, 36))
    assert codes(check_ballot(WSDC, ballot)) == [
        ("off_range", 0, 1),
        ("off_step", 1, 1),
        ("off_range", 1, 2),
        ("off_step", 0, None),
    ]


def test_missing_and_unexpected_scores():
    assert codes(check_ballot(WSDC, wsdc_ballot(prop=(75, 74)))) == [("missing_score", 0, None)]
    assert codes(check_ballot(WSDC, wsdc_ballot(replies=None))) == [("missing_reply", None, None)]
    extra = Ballot(speeches=((70, 70), (71, 71)), replies=(35, 35), result=(1,))
    assert codes(check_ballot(PARLIAMENTARY, extra)) == [("unexpected_reply", None, None)]


def test_the_winner_must_agree_with_the_totals():
    low_point_win = wsdc_ballot(winner=1)
    assert codes(check_ballot(WSDC, low_point_win)) == [("winner_low_points", 1, None)]
    tie = Ballot(speeches=((70, 70), (70, 70)), replies=None, result=(0,))
    assert codes(check_ballot(PARLIAMENTARY, tie)) == [("tied_totals", None, None)]
    assert codes(check_ballot(PARLIAMENTARY, Ballot(((70, 71), (70, 70)), None, (2,)))) == [
        ("bad_result", None, None)
    ]


def test_bp_places_must_follow_the_totals():
    speeches = ((80, 80), (75, 75), (70, 70), (65, 65))
    assert check_ballot(BP, Ballot(speeches, None, (0, 1, 2, 3))) == []
    assert codes(check_ballot(BP, Ballot(speeches, None, (1, 0, 2, 3)))) == [
        ("places_disagree", None, None)
    ]
    assert codes(check_ballot(BP, Ballot(speeches, None, (0, 0, 2, 3)))) == [
        ("bad_result", None, None)
    ]
    tied = ((80, 80), (80, 80), (70, 70), (65, 65))
    assert codes(check_ballot(BP, Ballot(tied, None, (0, 1, 2, 3)))) == [
        ("tied_totals", None, None)
    ]


# --- the formats of issue 26, with schedules ---------------------------------------------------

NEW_FORMATS = {
    # key: (speakers a side, replies, cross-examinations or crossfires, speaker score range)
    "karl_popper": (3, False, 4, (60, 80)),
    "american_parliamentary": (2, True, 0, (50, 100)),
    "asian_parliamentary": (3, True, 0, (65, 85)),
    "public_forum": (2, False, 3, (25, 30)),
    "lincoln_douglas": (1, False, 2, (25, 30)),
}


@pytest.mark.parametrize("key", NEW_FORMATS)
def test_the_new_formats(key):
    fmt = FORMATS[key]
    speakers, replies, crosses, (low, high) = NEW_FORMATS[key]
    assert fmt.teams_per_room == 2 and len(fmt.roles) == speakers
    assert (fmt.reply is not None) == replies
    assert sum(p.kind in ("cross_examination", "crossfire") for p in fmt.schedule) == crosses
    assert (fmt.speaker_score.min, fmt.speaker_score.max) == (low, high)
    assert set(fmt.name) == {"kk", "ru", "en"}
    names = [p.name for p in fmt.schedule if p.name] + list(fmt.positions) + list(fmt.roles)
    assert all(set(name) == {"kk", "ru", "en"} and all(name.values()) for name in names)


def test_karl_popper_is_no_longer_wsdc():
    popper, wsdc = FORMATS["karl_popper"], WSDC
    assert popper.reply is None and wsdc.reply is not None
    assert not wsdc.has_cross_examination and popper.has_cross_examination
    # the third speaker of the other side cross-examines the first, and so on
    asks = [p.speakers for p in popper.schedule if p.kind == "cross_examination"]
    assert asks == [((1, 2), (0, 0)), ((0, 2), (1, 0)), ((1, 0), (0, 1)), ((0, 0), (1, 1))]
    assert sum(p.minutes for p in popper.schedule) == 44


def test_a_schedules_minutes_and_seconds():
    lincoln = FORMATS["lincoln_douglas"]
    assert [p.seconds for p in lincoln.schedule] == [360, 180, 420, 180, 240, 360, 180]
    assert lincoln.prep_minutes == 4


@pytest.mark.parametrize(
    "schedule",
    [
        [{"kind": "monologue", "speakers": [[0, 0]], "minutes": 5}],
        [{"kind": "speech", "speakers": [[0, 7]], "minutes": 5}],
        [{"kind": "speech", "speakers": [[0, 0]], "minutes": 0}],
        [{"kind": "cross_examination", "speakers": [[0, 0]], "minutes": 3}],
        [{"kind": "reply", "minutes": 3}],
        # not every speech of speech_order, or not in its order
        [{"kind": "speech", "speakers": [[1, 0]], "minutes": 5}],
    ],
)
def test_malformed_schedules_are_refused(schedule):
    raw = yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))["lincoln_douglas"]
    with pytest.raises(FormatError):
        parse_format("broken", raw | {"schedule": schedule})


def test_replies_must_be_scheduled_in_their_order():
    raw = yaml.safe_load(FORMATS_FILE.read_text(encoding="utf-8"))["wsdc"]
    swapped = [p for p in raw["schedule"] if p["kind"] != "reply"]
    swapped += [{"kind": "reply", "position": 0, "minutes": 4}]
    swapped += [{"kind": "reply", "position": 1, "minutes": 4}]
    with pytest.raises(FormatError):
        parse_format("broken", raw | {"schedule": swapped})
