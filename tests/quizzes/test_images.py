"""Images in quizzes: named by file in the curriculum, uploaded in the editor, stored once
through the media store, shown in self-paced play and on the live game's screens."""

import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.core.access import Role
from app.core.errors import FieldError
from app.media import media_store
from app.quizzes.content import read_folder, read_quiz
from app.quizzes.editor import create_imported_quiz, quiz_questions, with_picture_files
from app.quizzes.images import images_in
from app.quizzes.interchange import parse_moodle_xml, to_moodle_xml
from app.quizzes.models import Question, Quiz
from app.quizzes.services import load_quizzes
from tests.media.pictures import picture
from tests.quizzes.test_content import VALID, write
from tests.quizzes.test_editor import ENGLISH, question_form

ALT = '{kk: "Пара беріп тұрған қол", ru: "Рука, передающая деньги", en: "A hand passing money"}'
KEY = re.compile(r"[0-9a-f]{32}")


def with_image(text: str, src: str) -> str:
    """VALID with an image on its first question and on that question's first option."""
    text = text.replace(
        '    text: {kk: "Сұрақ?", ru: "Вопрос?", en: "Question?"}\n',
        '    text: {kk: "Сұрақ?", ru: "Вопрос?", en: "Question?"}\n'
        f"    image: {{src: {src}, alt: {ALT}}}\n",
    )
    return text.replace(
        '        text: {kk: "Иә", ru: "Да", en: "Yes"}\n',
        '        text: {kk: "Иә", ru: "Да", en: "Yes"}\n'
        f"        image: {{src: {src}, alt: {ALT}}}\n",
    )


def curriculum_with_image(tmp_path, data: bytes = None, src: str = "hand.png"):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "hand.png").write_bytes(data or picture((900, 600)))
    return write(tmp_path, with_image(VALID, src))


def test_a_curriculum_image_is_stored_by_key_and_served_for_a_year(db, client, tmp_path):
    path = curriculum_with_image(tmp_path)
    quiz_file, errors = read_quiz(path)
    assert errors == []
    load_quizzes([quiz_file])
    question = db.session.scalar(sa.select(Question).where(Question.key == "q1"))
    assert KEY.fullmatch(question.image["src"])
    assert question.image["alt"]["en"] == "A hand passing money"
    assert question.body["options"][0]["image"]["src"] == question.image["src"]

    with client.get(f"/media/{question.image['src']}/phone.webp") as response:
        assert response.status_code == 200 and response.mimetype == "image/webp"
        assert len(response.data) <= 50_000
    cache = response.cache_control
    assert cache.public and cache.immutable and cache.max_age == 365 * 24 * 3600

    again, _errors = read_quiz(path)
    assert load_quizzes([again]).unchanged == ["sample"]  # the same picture, the same key


def test_validate_names_a_missing_image_and_a_file_that_is_no_image(tmp_path):
    write(tmp_path, with_image(VALID, "nowhere.png"))
    _quizzes, errors = read_folder(tmp_path)
    assert {(e.question, e.message) for e in errors} == {("q1", "no image 'nowhere.png' in media/")}
    # both the question's image and its first option's
    assert [e.line for e in errors] == [11, 15]  # the question's image line

    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "nowhere.png").write_text("<html>not a picture</html>")
    _quizzes, errors = read_folder(tmp_path)
    assert errors and all("nowhere.png: This file is not an image" in e.message for e in errors)


def test_validate_requires_alt_text_in_every_language(tmp_path):
    curriculum_with_image(tmp_path)
    text = (tmp_path / "sample.yaml").read_text().replace(', en: "A hand passing money"', "", 1)
    (tmp_path / "sample.yaml").write_text(text)
    _quizzes, errors = read_folder(tmp_path)
    assert [(e.question, e.message) for e in errors] == [("q1", "missing 'en' translation")]


def upload(**fields) -> dict:
    return question_form(
        image=(io.BytesIO(picture((640, 480), "JPEG")), "photo.jpg"),
        image_alt_ru="Рука, передающая деньги",
        **fields,
    )


def test_a_teacher_uploads_an_image_with_its_description(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, questions=1, language="ru")
    auth.login(teacher)
    response = client.post(f"/teach/quizzes/{quiz.id}/questions/new", data=upload())
    assert response.status_code == 302
    question = quiz.current_version.questions[-1]
    assert KEY.fullmatch(question.image["src"])
    assert question.image["alt"] == {"ru": "Рука, передающая деньги"}

    page = client.get(f"/teach/quizzes/{quiz.id}/questions/{question.key}").get_data(as_text=True)
    assert f"/media/{question.image['src']}/phone.webp" in page
    assert 'alt="Рука, передающая деньги"' in page

    # Saving again without a new file keeps the picture; ticking "remove" drops it.
    client.post(
        f"/teach/quizzes/{quiz.id}/questions/{question.key}",
        data=question_form(image_alt_ru="Рука с деньгами"),
    )
    kept = quiz.current_version.questions[-1]
    assert kept.image == {"src": question.image["src"], "alt": {"ru": "Рука с деньгами"}}
    client.post(
        f"/teach/quizzes/{quiz.id}/questions/{question.key}",
        data=question_form(remove_image="y"),
    )
    assert quiz.current_version.questions[-1].image is None


def test_an_upload_that_is_not_an_image_is_refused_and_nothing_is_saved(
    client, auth, make, db, app
):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, questions=1, language="ru")
    auth.login(teacher)
    versions = len(quiz.versions)
    data = question_form(
        image=(io.BytesIO(b"MZ\x90\x00 an executable"), "cat.jpg"), image_alt_ru="Кот"
    )
    response = client.post(f"/teach/quizzes/{quiz.id}/questions/new", data=data, headers=ENGLISH)
    assert response.status_code == 200
    assert "This file is not an image" in response.get_data(as_text=True)
    db.session.expire_all()
    assert len(db.session.get(Quiz, quiz.id).versions) == versions


def test_an_image_needs_a_description(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, questions=1, language="ru")
    auth.login(teacher)
    data = upload()
    del data["image_alt_ru"]
    response = client.post(f"/teach/quizzes/{quiz.id}/questions/new", data=data, headers=ENGLISH)
    assert response.status_code == 200
    assert "Describe the image for players who cannot see it." in response.get_data(as_text=True)


def test_an_image_too_large_for_the_server_gets_the_translated_page(client, auth, make, app):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, questions=1)
    auth.login(teacher)
    limit = app.config["MEDIA_MAX_BYTES"]
    data = upload()
    data["image"] = FileStorage(io.BytesIO(b"\0" * (limit + 1024 * 1024)), "huge.png")
    # Encoded here, in memory: the test client would spool so large a body to a file it
    # never closes.
    boundary, body = encode_multipart(data)
    response = client.post(
        f"/teach/quizzes/{quiz.id}/questions/new",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=ENGLISH,
    )
    assert response.status_code == 413
    assert "File too large" in response.get_data(as_text=True)


def test_unknown_images_are_not_found(client):
    assert client.get(f"/media/{'0' * 32}/phone.webp").status_code == 404
    assert client.get(f"/media/{'0' * 32}/original.webp").status_code == 404
    assert client.get("/media/..%2F..%2Fetc/phone.webp").status_code == 404


MOODLE_FILE = Path(__file__).parent / "files" / "moodle-xml-integrity.xml"


def test_an_imported_files_images_are_stored_and_named_by_key(make, db):
    teacher = make.user(Role.TEACHER)
    result = parse_moodle_xml(MOODLE_FILE.read_bytes(), "ru")
    assert len(result.media) == 4
    quiz = create_imported_quiz(
        teacher.id, "Moodle", "ru", result.questions, result.cases, media=result.media
    )
    version = quiz.current_version
    stored = [
        image["src"]
        for _at, image in images_in([q.body | {"image": q.image} for q in version.questions])
    ]
    stored += [image["src"] for _at, image in images_in(version.cases)]
    assert len(stored) == 4 and all(KEY.fullmatch(src) for src in stored)
    assert all(media_store().path_of(src, "phone") for src in stored)


def test_an_imported_image_that_is_no_image_stops_the_import(make, db, tmp_path, app):
    teacher = make.user(Role.TEACHER)
    result = parse_moodle_xml(MOODLE_FILE.read_bytes(), "ru")
    name = sorted(result.media)[0]
    result.media[name] = b"GIF89a but nothing after"
    before = sorted(Path(app.config["MEDIA_DIR"]).rglob("*.webp"))
    with pytest.raises(FieldError) as refused:
        create_imported_quiz(
            teacher.id, "Moodle", "ru", result.questions, result.cases, media=result.media
        )
    assert refused.value.field == "file" and name in refused.value.message
    assert db.session.scalar(sa.select(sa.func.count(Quiz.id))) == 0
    assert sorted(Path(app.config["MEDIA_DIR"]).rglob("*.webp")) == before


def test_a_moodle_export_carries_the_pictures_and_imports_again(make, db):
    teacher = make.user(Role.TEACHER)
    result = parse_moodle_xml(MOODLE_FILE.read_bytes(), "ru")
    quiz = create_imported_quiz(
        teacher.id, "Moodle", "ru", result.questions, result.cases, media=result.media
    )
    questions, cases, files = with_picture_files(quiz_questions(quiz), quiz.current_version.cases)
    assert len(files) == 4 and all(name.endswith(".webp") for name in files)
    again = parse_moodle_xml(to_moodle_xml(questions, cases, media=files), "ru")
    assert again.errors == [] and set(again.media) == set(files)
    assert [image["alt"] for _at, image in images_in(again.questions)] == [
        image["alt"] for _at, image in images_in(result.questions)
    ]


def test_a_case_study_gets_a_picture_keeps_it_and_loses_it(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    quiz = make.teacher_quiz(teacher, questions=1, language="ru")
    auth.login(teacher)
    url = f"/teach/quizzes/{quiz.id}/cases"
    text = {"case_1_ru": "Родитель предлагает конверт"}
    photo = (io.BytesIO(picture((500, 400), "JPEG")), "case.jpg")

    response = client.post(url, data={**text, "case_1_image": photo}, headers=ENGLISH)
    assert "Describe the image for players who cannot see it." in response.get_data(as_text=True)
    assert quiz.current_version.cases == []

    photo = (io.BytesIO(picture((500, 400), "JPEG")), "case.jpg")
    alt = {"case_1_image_alt_ru": "Конверт на столе"}
    assert client.post(url, data={**text, **alt, "case_1_image": photo}).status_code == 302
    [case] = quiz.current_version.cases
    assert KEY.fullmatch(case["image"]["src"]) and case["image"]["alt"] == {
        "ru": "Конверт на столе"
    }
    assert f"/media/{case['image']['src']}/phone.webp" in client.get(url).get_data(as_text=True)

    client.post(url, data={**text, **alt})  # saved again without a file: the picture stays
    assert quiz.current_version.cases[0]["image"] == case["image"]
    client.post(url, data={**text, "case_1_remove_image": "y"})
    assert "image" not in quiz.current_version.cases[0]

    refused = client.post(
        url, data={**text, **alt, "case_1_image": (io.BytesIO(b"nope"), "x.png")}, headers=ENGLISH
    )
    assert "This file is not an image" in refused.get_data(as_text=True)
    assert "image" not in quiz.current_version.cases[0]
