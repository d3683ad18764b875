"""A question's pictures reach every screen of a live game: the phone's size for phones,
the projector's for the projector, described in each player's language."""

from app.media import media_store
from app.quizzes.editor import create_imported_quiz
from tests.live.conftest import Phone, act, new_game, trilingual
from tests.media.pictures import picture


def test_phones_get_the_question_case_and_option_pictures_in_their_language(host, app, auth, db):
    key = media_store().save_image(picture((800, 500))).key
    image = {"src": key, "alt": trilingual("A hand passing an envelope")}
    question = {
        "id": "q1",
        "type": "single",
        "case": "c1",
        "text": trilingual("What is this?"),
        "image": image,
        "options": [
            {"id": "a", "text": trilingual("A bribe"), "correct": True, "image": image},
            {"id": "b", "text": trilingual("A gift")},
        ],
        "explanation": trilingual("Money for a service"),
    }
    case = {"id": "c1", "text": trilingual("At the clinic"), "image": image}
    quiz = create_imported_quiz(host.id, "Pictures", "en", [question], [case])
    game = new_game(host, quiz)
    phones = {language: Phone(app, game) for language in ("kk", "ru")}
    for language, phone in phones.items():
        phone.join(f"Player {language}", language)
    auth.login(host)
    act(auth.client, game, "start")

    shown = phones["ru"].event()[1]["question"]
    expected = {
        "phone": f"/media/{key}/phone.webp",
        "projector": f"/media/{key}/projector.webp",
        "alt": "A hand passing an envelope (ru)",
    }
    assert shown["image"] == expected
    assert shown["case_image"] == expected
    [with_picture] = [c for c in shown["choices"] if "image" in c]
    assert with_picture["id"] == "a" and with_picture["image"] == expected
    assert phones["kk"].event()[1]["question"]["image"]["alt"].endswith("(kk)")
    for variant in ("phone", "projector"):
        with app.test_client().get(expected[variant]) as response:
            assert response.status_code == 200
