"""Files built to break the importers, and the habits of other tools' files (issue 24):
a clear message for every upload, nothing half-saved, and Moodle's reading of BOMs,
weights, NULs, Aiken's options without a space and GIFT's [html] texts."""

import pytest
import sqlalchemy as sa

from app.core.access import Role
from app.quizzes.editor import quiz_questions
from app.quizzes.interchange import (
    Problem,
    parse_aiken,
    parse_csv,
    parse_gift,
    parse_moodle_xml,
    parse_yaml,
    to_yaml,
)
from app.quizzes.interchange.common import Imported, guarded
from app.quizzes.models import Quiz
from tests.quizzes.test_import_views import upload


@pytest.fixture(autouse=True)
def english(in_language):
    with in_language("en"):
        yield


PARSERS = [parse_gift, parse_aiken, parse_csv, parse_yaml, parse_moodle_xml]
DEEP_METADATA = "// integrity-hour: " + "[" * 1000 + "\nIs a gift to an examiner a bribe?{T}\n"


def test_deeply_nested_integrity_hour_metadata_is_a_problem_not_a_crash():
    result = parse_gift(DEEP_METADATA, "en")
    assert result.questions == []
    assert result.errors == [Problem(1, "The integrity-hour comment is nested too deeply to read.")]


@pytest.mark.parametrize("parse", PARSERS, ids=lambda parse: parse.__name__)
@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "{" * 100_000, "<a>" * 100_000, "- " * 50_000 + "x"],
    ids=["brackets", "braces", "tags", "yaml-sequences"],
)
def test_every_importer_answers_pathological_nesting_with_problems(parse, text):
    result = parse(text, "en")
    assert result.questions == []
    assert result.errors or result.skipped  # GIFT: text without answers, skipped and named


@pytest.mark.parametrize("error", [RecursionError, MemoryError])
def test_a_parser_that_exhausts_itself_is_refused_as_a_whole(error):
    @guarded
    def exhausted(data, language):
        raise error

    result = exhausted("anything", "en")
    assert isinstance(result, Imported)
    assert [problem.message for problem in result.errors] == [
        "The file is built in a way we cannot read (nested too deeply or too large)."
        " Nothing was imported."
    ]


def test_a_bom_is_dropped_by_the_gift_and_aiken_parsers_themselves():
    gift = parse_gift("\ufeff::honest::Is copying honest?{F}\n", "en")
    assert gift.errors == []
    assert gift.questions[0]["id"] == "honest"
    aiken = parse_aiken("\ufeffWhat is a bribe?\nA. A gift\nB. A favour bought\nANSWER: B", "en")
    assert aiken.questions[0]["text"] == {"en": "What is a bribe?"}


def test_nul_characters_never_reach_a_question():
    gift = parse_gift("Is\x00 copying\x00 honest?{\n=No\x00\n~Yes}\n", "en")
    question = gift.questions[0]
    assert question["text"] == {"en": "Is copying honest?"}
    assert question["options"][0]["text"] == {"en": "No"}
    aiken = parse_aiken("Bribe\x00?\nA. No\x00\nB. Yes\nANSWER: A", "en")
    assert aiken.questions[0]["text"] == {"en": "Bribe?"}
    assert aiken.questions[0]["options"][0]["text"] == {"en": "No"}


def test_a_weight_after_equals_is_read_as_moodle_reads_it():
    result = parse_gift("Which is honest?{=%100%Own work ~Copied work ~%0%Bought work}", "en")
    assert result.errors == []
    [question] = result.questions
    assert question["type"] == "single"
    assert [option["text"]["en"] for option in question["options"]] == [
        "Own work",
        "Copied work",
        "Bought work",
    ]
    assert [option.get("correct", False) for option in question["options"]] == [
        True,
        False,
        False,
    ]


def test_crlf_line_ends_give_the_same_questions_and_lines():
    text = "::a::First?{T}\n\n::b::Second?{F}\n\n::c::Third{#1}\n"
    crlf = parse_gift(text.replace("\n", "\r\n"), "en")
    assert crlf.questions == parse_gift(text, "en").questions
    assert crlf.skipped[0].line == 5


def test_aiken_options_need_no_space_after_the_letter():
    result = parse_aiken("What is a bribe?\nA)A gift\nB.A favour bought\nANSWER: B", "en")
    assert result.errors == []
    options = result.questions[0]["options"]
    assert [option["text"] for option in options] == [{"en": "A gift"}, {"en": "A favour bought"}]
    assert options[1]["correct"] is True


# As Moodle exports HTML to GIFT: = in attributes escaped as \=.
HTML_GIFT = (
    (
        r'::first::[html]<p>Look at the <b>poster</b>:</p><img src\="@@PLUGINFILE@@/poster.png"'
        r' alt\="An official takes an envelope"><audio src\="@@PLUGINFILE@@/clip.mp3"></audio>'
    )
    + r"""{
=<p>A bribe</p>
~A gift<img src\="@@PLUGINFILE@@/gift.jpg">
}

::second::[html]<p>Is an <i>honest</i> answer<br>always right?</p>{T}
"""
)


def test_gift_html_keeps_the_text_and_names_what_was_left_out_by_question():
    result = parse_gift(HTML_GIFT, "en")
    assert result.errors == []
    first, second = result.questions
    assert first["text"] == {"en": "Look at the poster:"}
    assert [option["text"] for option in first["options"]] == [{"en": "A bribe"}, {"en": "A gift"}]
    assert second["text"] == {"en": "Is an honest answer\nalways right?"}
    assert result.notes == [
        Problem(1, "An audio or video clip was left out: our questions hold text and one image."),
        Problem(
            1,
            "The image An official takes an envelope was left out: a GIFT file cannot carry"
            " images. Add it to the question in the editor.",
        ),
        Problem(
            1,
            "The image gift.jpg was left out: a GIFT file cannot carry images. Add it to the"
            " question in the editor.",
        ),
    ]


# --- the upload page ------------------------------------------------------------------------


def _no_quiz_saved(db, teacher) -> bool:
    return db.session.scalar(sa.select(sa.func.count()).where(Quiz.owner_id == teacher.id)) == 0


@pytest.mark.parametrize(
    ("fmt", "content", "message"),
    [
        ("gift", DEEP_METADATA.encode(), "nested too deeply"),
        ("gift", b"\xff\xfe\x00I\x00s", "The file is not UTF-8 text."),
        ("aiken", b"Is copying honest?\x00\x00", "The file is not UTF-8 text."),
        ("gift", "\ufeffIs a gift to a teacher fine?{\n=No\n~Yes".encode(), "never closed"),
        ("gift", b"[" * 200_000, "The file holds no question we can import."),
        ("yaml", b"- " * 100_000 + b"x", "Nothing was imported."),
        ("csv", b'"' + b"x" * 200_000, "Nothing was imported."),
    ],
    ids=["deep-nesting", "utf16", "nul", "bom-and-broken", "brackets", "yaml-nesting", "csv"],
)
def test_hostile_uploads_get_a_clear_message_and_save_nothing(
    client, auth, make, db, fmt, content, message
):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    response = upload(client, content, fmt=fmt)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _no_quiz_saved(db, teacher)


def test_a_ten_megabyte_upload_is_refused_with_a_message(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    # The body built by hand: the test client's own multipart builder spools a file this
    # large to disk and leaves it open when the server refuses the request.
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="q.txt"\r\n\r\n'
        + b"Q{T}\n\n" * (10 * 1024 * 1024 // 6)
        + b"\r\n--b--\r\n"
    )
    response = client.post(
        "/teach/quizzes/import",
        data=body,
        content_type="multipart/form-data; boundary=b",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 413
    assert "The upload is larger than the server accepts." in response.get_data(as_text=True)
    assert _no_quiz_saved(db, teacher)


def test_a_bom_and_crlf_upload_imports_and_reports_what_html_lost(client, auth, make, db):
    teacher = make.user(Role.TEACHER)
    auth.login(teacher)
    content = ("\ufeff" + HTML_GIFT.replace("\n", "\r\n")).encode()
    page = upload(client, content).get_data(as_text=True)
    assert "2 questions imported into the draft quiz." in page
    assert "The image gift.jpg was left out" in page
    assert not _no_quiz_saved(db, teacher)


def test_a_yaml_alias_bomb_is_refused_before_it_is_expanded():
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    lines.append("questions: [{type: single, text: *a8}]")
    result = parse_yaml("\n".join(lines), "en")
    assert result.errors == [
        Problem(
            2, "The YAML repeats a part with an alias (*name); write each question out in full."
        )
    ]


def test_a_yaml_export_of_shared_parts_imports_back():
    shared = {"en": "Honesty"}
    questions = [
        {"id": f"q{n}", "type": "true_false", "text": shared, "answer": True, "explanation": {}}
        for n in (1, 2)
    ]
    result = parse_yaml(to_yaml(questions), "en")
    assert result.errors == []
    assert [question["text"] for question in result.questions] == [shared, shared]


def test_a_quiz_exports_as_moodle_xml_that_imports_back(client, auth, make):
    quiz = make.quiz("reporting-corruption")
    auth.login(make.user(Role.TEACHER))
    response = client.get(f"/teach/quizzes/{quiz.id}/export.xml")
    assert response.mimetype == "application/xml"
    assert response.headers["Content-Disposition"].endswith('reporting-corruption.xml"')
    result = parse_moodle_xml(response.data, "kk")
    assert result.errors == []
    assert result.questions == quiz_questions(quiz)
