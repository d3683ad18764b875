"""Moodle XML import and export: Moodle's documented examples, a teacher's bank holding every
element we read, each mistake with its line, files that try XXE or entity expansion, and
round trips of the curriculum and of generated quizzes of every kind, with images and cases."""

import base64
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.quizzes.content import read_folder
from app.quizzes.interchange import Problem, parse_moodle_xml, to_moodle_xml, with_defaults
from app.quizzes.interchange.moodle_xml import MAX_MEDIA_BYTES, MAX_XML_BYTES
from tests.quizzes.test_gift import matching, own_or_positional, urls

FILES = Path(__file__).parent / "files"
EXAMPLES = FILES / "moodle-xml-examples.xml"
BANK = FILES / "moodle-xml-integrity.xml"
QUIZZES, _errors = read_folder()
LANGUAGES = ("kk", "ru", "en")
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture(autouse=True)
def english(in_language):
    with in_language("en"):
        yield


def line_of(path: Path, fragment: str, after: int = 0) -> int:
    """The line of the <question> element holding `fragment` (its first line after `after`)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hit = next(n for n, line in enumerate(lines, 1) if n > after and fragment in line)
    return max(n for n, line in enumerate(lines[:hit], 1) if "<question " in line)


def xml(*questions: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def multichoice(answers: str, single: str = "true", text: str = "Q?", extra: str = "") -> str:
    return (
        f'<question type="multichoice">{extra}<name><text>q</text></name>'
        f"<questiontext><text>{text}</text></questiontext>"
        f"<single>{single}</single>{answers}</question>"
    )


def answer(fraction, text="x") -> str:
    return f'<answer fraction="{fraction}"><text>{text}</text></answer>'


def error(text: str | bytes) -> Problem:
    result = parse_moodle_xml(text, "en")
    assert result.questions == [] or result.errors
    return result.errors[0]


# Moodle's documentation


def test_the_documented_examples_of_supported_kinds_import():
    result = parse_moodle_xml(EXAMPLES.read_bytes(), "en")
    assert result.errors == []
    question = "What is the answer to this question?"
    single, true_false, pairs, pictured = result.questions
    assert single == {
        "id": "q1",
        "type": "single",
        "text": {"en": question},
        "options": [
            {"id": "a", "text": {"en": "The correct answer"}, "correct": True},
            {"id": "b", "text": {"en": "A distractor"}},
            {"id": "c", "text": {"en": "Another distractor"}},
        ],
        "explanation": {},
        "time_limit": 30,
        "points": 100,
    }
    assert (true_false["type"], true_false["answer"]) == ("true_false", True)
    assert [item["text"]["en"] for item in pairs["items"]] == [
        "This is the 1st item in the 1st pair.",
        "This is the 1st item in the 2nd pair.",
    ]
    assert [category["text"]["en"] for category in pairs["categories"]] == [
        "This is the 2nd item in the 1st pair.",
        "This is the 2nd item in the 2nd pair.",
    ]
    assert [item["match"] for item in pairs["items"]] == ["c1", "c2"]
    # The description becomes a case study for the question after it.
    assert result.cases == [{"id": "name-of-question", "text": {"en": question}}]
    assert pictured["case"] == "name-of-question"
    assert pictured["image"] == {"src": "grinning.png", "alt": {"en": "grinning face"}}
    assert result.media == {"grinning.png": PNG}


def test_the_documented_examples_of_other_kinds_are_skipped_by_line_and_name():
    result = parse_moodle_xml(EXAMPLES.read_bytes(), "en")
    name = "“Name of question”"
    assert result.skipped == [
        Problem(
            line_of(EXAMPLES, '"shortanswer"'),
            f"Short-answer question {name} skipped: this kind is not supported.",
        ),
        Problem(
            line_of(EXAMPLES, '"essay"'),
            f"Essay question {name} skipped: this kind is not supported.",
        ),
        Problem(
            line_of(EXAMPLES, '"numerical"'),
            f"Numerical question {name} skipped: this kind is not supported.",
        ),
        Problem(
            line_of(EXAMPLES, '"cloze"'),
            f"Embedded answers (Cloze) question {name} skipped: this kind is not supported.",
        ),
    ]
    assert result.notes == [
        Problem(
            line_of(EXAMPLES, "Correct!"),
            "Feedback on single answers was left out: we show one explanation.",
        )
    ]


# A teacher's bank with every element we read


@pytest.fixture(scope="module")
def bank(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        return parse_moodle_xml(BANK.read_bytes(), "kk")


def test_the_bank_imports_every_supported_kind(bank):
    assert bank.errors == []
    assert [(q["id"], q["type"], q.get("case")) for q in bank.questions] == [
        ("envelope-what", "single", "exam-envelope"),
        ("q2", "multiple", "exam-envelope"),
        ("gift-after-exam", "true_false", "exam-envelope"),
        ("gift-or-bribe", "matching", None),  # a new category ends the case study
        ("report-steps", "ordering", None),
        ("what-would-you-do", "poll", None),
        ("q7", "single", None),
    ]


def test_multilang_spans_and_mlang_tags_fill_every_language(bank):
    single, *_rest, ordering, _poll, _last = bank.questions
    assert single["text"] == {
        "kk": "Мұғалім конвертті алса, бұл не болады?",
        "ru": "Чем будет конверт, если учитель его возьмёт?",
        "en": "If the teacher takes the envelope, what is it?",
    }
    assert single["options"][0] == {
        "id": "a",
        "text": {"kk": "Пара", "ru": "Взятка", "en": "A bribe"},
        "correct": True,
    }
    assert single["explanation"]["ru"] == "Деньги, данные ради решения, — взятка."
    assert ordering["text"]["en"] == "Put the steps of reporting a bribe in order."
    assert [item["text"]["ru"] for item in ordering["items"]] == [
        "Отказаться",
        "Записать, что произошло",
        "Сообщить по номеру 1424",
        "Сохранить копию обращения",
    ]


def test_fractions_grades_and_shuffling(bank):
    single, multiple, true_false, *_rest = bank.questions
    assert [o.get("correct", False) for o in single["options"]] == [True, False, False]
    assert "keep_order" not in single and single["points"] == 100
    assert [o.get("correct", False) for o in multiple["options"]] == [True, True, False, False]
    assert multiple["keep_order"] is True and multiple["points"] == 150
    assert true_false["answer"] is False
    assert true_false["text"] == {
        "kk": "Мұғалім емтиханнан кейін берілген\nкез келген сыйды ала алады."
    }


def test_a_description_becomes_a_case_study_with_its_image_in_three_languages(bank):
    [case] = bank.cases
    assert case["id"] == "exam-envelope"
    assert case["text"]["kk"].startswith("Емтихан алдында бір ата-ана")
    assert case["image"] == {
        "src": "envelope.png",
        "alt": {
            "kk": "Мұғалімге ұсынылған конверт",
            "ru": "Конверт, который протягивают учителю",
            "en": "An envelope held out to a teacher",
        },
    }
    assert bank.media["envelope.png"] == PNG


def test_matching_answers_become_categories(bank):
    pairs = next(q for q in bank.questions if q["type"] == "matching")
    assert pairs["categories"] == [
        {"id": "c1", "text": {"kk": "Сый"}},
        {"id": "c2", "text": {"kk": "Пара"}},
        {"id": "c3", "text": {"kk": "Мүдделер қақтығысы"}},  # a subquestion without text
    ]
    assert [item["match"] for item in pairs["items"]] == ["c1", "c2", "c2"]
    image = pairs["items"][1]["image"]
    assert image["alt"] == {"kk": "Қолдағы конверт"}
    # "hand envelope.png" is no name for a media file: it gets a safe one, from its content.
    assert image["src"].startswith("hand-envelope-") and image["src"].endswith(".png")
    assert image["src"] in bank.media


def test_a_poll_comes_back_from_its_comment(bank):
    poll = next(q for q in bank.questions if q["type"] == "poll")
    assert poll["time_limit"] == 20 and poll["points"] == 0
    assert all("correct" not in option for option in poll["options"])


def test_what_cannot_come_along_is_named_per_question(bank):
    last = bank.questions[-1]
    assert last["text"]["kk"] == (
        "Жазбаны тыңдап, жауап беріңіз.\n"
        "Кім | Не берді\n"
        "Ата-ана | Конверт\n"
        "Толығырақ: заң (https://adilet.zan.kz/kaz/docs/Z1500000410)."
    )
    assert last["image"] == {"src": "school.png", "alt": {"kk": "Мектеп ғимараты"}}
    assert last["options"][1]["text"] == {"kk": "Сый"}
    assert last["options"][2] == {
        "id": "c",
        "text": {"kk": "Гүл шоғы"},  # an image-only answer reads as its alt text
        "image": {"src": "flowers.png", "alt": {"kk": "Гүл шоғы"}},
    }
    assert last["points"] == 1000
    where = line_of(BANK, "Аудио сұрақ")
    assert [note.message for note in bank.notes if note.line == where] == [
        "An audio or video clip was left out: our questions hold text and one image.",
        "A table was turned into lines of text, one row a line.",
        "Only one image is kept per text; 1 more was left out.",
        "An image linked from the web was left out: only images inside the file are imported.",
        "The question's grade 20 is more than 10, so it gets the most points we allow, 1000.",
        "Hints were left out: we show one explanation per question.",
    ]
    # The image left out is not decoded, nor is the audio file.
    assert set(bank.media) == {"envelope.png", image_of(bank), "school.png", "flowers.png"}


def image_of(bank) -> str:
    return next(q for q in bank.questions if q["type"] == "matching")["items"][1]["image"]["src"]


def test_other_notes_name_their_question(bank):
    notes = {(note.line, note.message) for note in bank.notes}
    assert (
        line_of(BANK, "envelope-what"),
        "Partial credit was dropped: only the fully right answer counts.",
    ) in notes
    assert (
        line_of(BANK, "Мүдделер қақтығысы</text>"),
        "Feedback on single answers was left out: we show one explanation.",
    ) in notes
    assert (
        line_of(BANK, "report-steps"),
        "Moodle shows some of these items at a time; here every item is shown.",
    ) in notes
    assert (
        line_of(BANK, "Келесі бөлім"),
        "This description is not followed by a question, so no case study was made of it.",
    ) in notes


def test_unsupported_kinds_are_skipped_with_their_line_and_name(bank):
    assert [(p.line, p.message) for p in bank.skipped] == [
        (
            line_of(BANK, '"numerical"'),
            "Numerical question “Заң қай жылы қабылданды?” skipped: this kind is not supported.",
        ),
        (
            line_of(BANK, '"shortanswer"'),
            "Short-answer question “Сенім телефоны” skipped: this kind is not supported.",
        ),
        (
            line_of(BANK, '"calculated"'),
            "Calculated question “Айыппұл есебі” skipped: this kind is not supported.",
        ),
        (
            line_of(BANK, '"ddwtos"'),
            "Drag and drop into text question “Сөздерді орнына қойыңыз” skipped: this kind is"
            " not supported.",
        ),
        (
            line_of(BANK, '"random"'),
            "The question “Кездейсоқ сұрақ” is of the type random, which we do not play; skipped.",
        ),
    ]


# Unsafe files


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n<quiz>&lol9;</quiz>\n"
)
DOCTYPE_REFUSED = (
    "The file declares a document type or entities (<!DOCTYPE …>). Moodle never writes one,"
    " and for safety such files are refused."
)


def test_external_entities_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the server's secret")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        f'<quiz><question type="truefalse"><name><text>&xxe;</text></name>'
        f"<questiontext><text>&xxe;</text></questiontext></question></quiz>"
    )
    result = parse_moodle_xml(text, "en")
    assert result.errors == [Problem(2, DOCTYPE_REFUSED)]
    assert result.questions == [] and "secret" not in repr(result)


def test_an_external_document_type_is_refused():
    text = '<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://127.0.0.1:9/quiz.dtd">\n<quiz/>'
    assert error(text) == Problem(2, DOCTYPE_REFUSED)


def test_entity_expansion_is_refused_at_once():
    started = time.perf_counter()
    assert error(BILLION_LAUGHS) == Problem(2, DOCTYPE_REFUSED)
    assert time.perf_counter() - started < 1


# Mistakes are named with their line


TF = '<question type="truefalse"><name><text>t</text></name><questiontext><text>Q</text></questiontext>'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("<quiz>\n<question>\n</quiz>", 3, "A closing tag does not match the tag it closes."),
        (
            "<quiz>\n<a>&nbsp;</a></quiz>",
            2,
            "An entity like &name; here is not one XML knows; write &amp; for a plain &.",
        ),
        (
            "<quiz>\n<a>x < y</a></quiz>",
            2,
            "A character here is not allowed in XML (a stray < or &, or a control character).",
        ),
        (
            "",
            1,
            "The file ends before its XML is complete (it is empty, or an element is never"
            " closed).",
        ),
        (
            "<quiz>\n<question>",
            2,
            "The file ends before its XML is complete (it is empty, or an"
            " element is never closed).",
        ),
        ("<quiz/>\n<quiz/>", 2, "There is more after the closing </quiz>."),
        (
            "\n<questions/>",
            2,
            "This is not Moodle XML: the file must start with <quiz>, not <questions>.",
        ),
        ("<quiz>\n</quiz>", 1, "The file has no questions in it."),
        (xml(multichoice(answer(100))), 3, "The question needs at least 2 options, found 1."),
        (
            xml(multichoice(answer(100) * 7)),
            3,
            "The question has 7 options; at most 6 are allowed.",
        ),
        (
            xml(multichoice(answer(100) * 2)),
            3,
            "A single-answer question needs exactly one answer at fraction 100, found 2.",
        ),
        (
            xml(multichoice(answer(50) + answer(0))),
            3,
            "A single-answer question needs exactly one answer at fraction 100, found 0.",
        ),
        (
            xml(multichoice(answer(50) + answer(30) + answer(-100), single="false")),
            3,
            "The right answers of a multiple-answer question must add up to 100%; here they make 80%.",
        ),
        (
            xml(multichoice(answer(50) + answer(50), single="0")),
            3,
            "A multiple-choice question needs at least one correct option and one wrong one.",
        ),
        (xml(multichoice(answer("lots") + answer(0))), 3, "lots is not a number."),
        (xml(multichoice(answer(100) + answer(0, ""))), 3, "Option b is empty."),
        (xml(multichoice(answer(100) + answer(0), text="")), 3, "The question text is empty."),
        (
            xml(TF + answer(100, "true") + answer(100, "false") + "</question>"),
            3,
            "Exactly one of true and false must be right (fraction 100).",
        ),
        (
            xml(TF + answer(100, "true") + "</question>"),
            3,
            "A true/false question needs a true and a false answer.",
        ),
        (
            xml(
                '<question type="matching"><questiontext><text>M</text></questiontext>'
                "<subquestion><text>a</text><answer><text>b</text></answer></subquestion>"
                "</question>"
            ),
            3,
            "The question needs 2 to 6 items, found 1.",
        ),
        (
            xml(
                '<question type="matching"><questiontext><text>M</text></questiontext>'
                "<subquestion><text>a</text><answer><text>b</text></answer></subquestion>\n"
                "<subquestion><text>c</text><answer><text></text></answer></subquestion>"
                "</question>"
            ),
            4,
            "The item has no answer to be matched with.",
        ),
        (
            xml(
                '<question type="ordering"><questiontext><text>O</text></questiontext>'
                + answer(1, "a")
                + answer(2, "b")
                + "</question>"
            ),
            3,
            "The question needs 3 to 6 items, found 2.",
        ),
        (
            xml(
                multichoice(
                    answer(100) + answer(0), extra='\n<!-- integrity-hour: {"color": 1} -->'
                )
            ),
            4,
            "The integrity-hour comment has an unknown key: color.",
        ),
        (
            xml(
                multichoice(
                    answer(100) + answer(0), extra='<!-- integrity-hour: {"type": "multiple"} -->'
                )
            ),
            3,
            "The integrity-hour comment says the type is multiple, but the question is single.",
        ),
        (
            xml(
                multichoice(
                    answer(100) + answer(0), extra='<!-- integrity-hour: {"case": "nowhere"} -->'
                )
            ),
            3,
            "The integrity-hour comment names the case nowhere, which no description in the file has.",
        ),
        (
            xml(
                '<question type="multichoice"><name><text>q</text></name><questiontext>'
                '<text><![CDATA[Q <img src="@@PLUGINFILE@@/a.png" alt="A">]]></text>\n'
                '<file name="a.png" encoding="base64">iVBORw0KGgo</file></questiontext>'
                + answer(100)
                + answer(0)
                + "</question>"
            ),
            4,
            "The image a.png in the file is not valid base64.",
        ),
        (
            xml(
                multichoice(answer(100) + answer(0)).replace(
                    "</name>", "</name><defaultgrade>-1</defaultgrade>"
                )
            ),
            3,
            "The question's grade cannot be negative.",
        ),
    ],
)
def test_mistakes_are_named_with_their_line(text, line, message):
    assert error(text) == Problem(line, message)


def test_every_mistake_is_reported_and_nothing_kept_from_a_broken_file():
    text = xml(
        multichoice(answer(100) + answer(0)),
        multichoice(answer(100)),
        multichoice(answer(0) + answer(0)),
    )
    result = parse_moodle_xml(text, "en")
    assert [problem.line for problem in result.errors] == [4, 5]
    assert len(result.questions) == 1  # the caller saves nothing while errors are listed


def test_at_most_500_questions_per_file():
    one = multichoice(answer(100) + answer(0))
    result = parse_moodle_xml(xml(*[one] * 501), "en")
    assert result.errors == [Problem(503, "At most 500 questions fit in one file.")]


def test_descriptions_do_not_count_towards_the_500():
    """A 500-question quiz with case studies comes back from its own export."""
    one = multichoice(answer(100) + answer(0))
    description = (
        '<question type="description"><name><text>c</text></name>'
        "<questiontext><text>A case.</text></questiontext></question>"
    )
    result = parse_moodle_xml(xml(*[description, one] * 500), "en")
    assert (result.errors, len(result.questions), len(result.cases)) == ([], 500, 500)


def test_a_file_over_the_size_limit_is_refused_unread():
    text = b"<quiz>" + b" " * MAX_XML_BYTES + b"</quiz>"
    assert error(text) == Problem(1, "A Moodle XML file must be smaller than 10 MB.")


def test_images_over_the_total_limit_stop_the_import():
    encoded = base64.b64encode(b"\x89PNG" + bytes(MAX_MEDIA_BYTES // 3 + 1000)).decode()
    questions = [
        '<question type="multichoice"><name><text>q</text></name><questiontext>'
        f'<text><![CDATA[Q <img src="@@PLUGINFILE@@/p{n}.png" alt="A">]]></text>'
        f'<file name="p{n}.png" encoding="base64">{encoded}</file></questiontext>'
        + answer(100)
        + answer(0)
        + "</question>"
        for n in range(3)
    ]
    result = parse_moodle_xml(xml(*questions), "en")
    assert result.errors == [
        Problem(5, "The images in the file add up to more than 6 MB; use smaller images.")
    ]


def test_an_image_without_alt_text_gets_its_file_name_and_a_note():
    text = xml(
        '<question type="multichoice"><name><text>q</text></name><questiontext>'
        '<text><![CDATA[Q <img src="@@PLUGINFILE@@/flag.png"> <img src="@@PLUGINFILE@@/gone.png">'
        ' <img src="data:image/png;base64,iVBORw0KGgo=">]]></text>'
        '<file name="flag.png" encoding="base64">iVBORw0KGgo=</file></questiontext>'
        + answer(100)
        + answer(0)
        + "</question>"
    )
    result = parse_moodle_xml(text, "ru")
    [question] = result.questions
    assert question["image"] == {"src": "flag.png", "alt": {"ru": "flag"}}
    assert [note.message for note in result.notes] == [
        "The image gone.png is not in the file and was left out.",
        "Only one image is kept per text; 1 more was left out.",
        "The image flag.png has no description (alt text); its file name stands in. Describe the"
        " image in the editor.",
    ]
    assert list(result.media) == ["flag.png"]


def test_plain_text_and_markdown_are_kept_as_written():
    text = xml(
        '<question type="truefalse"><questiontext format="plain_text"><text>a &lt;b&gt;  c'
        '</text></questiontext><generalfeedback format="markdown"><text>**Yes**</text>'
        "</generalfeedback>" + answer(100, "true") + answer(0, "false") + "</question>"
    )
    [question] = parse_moodle_xml(text, "en").questions
    assert question["text"] == {"en": "a <b>  c"} and question["explanation"] == {"en": "**Yes**"}


# Round trips


CURRICULUM_MEDIA = Path(__file__).parents[2] / "quizzes" / "media"


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda quiz: quiz.path.stem)
def test_every_curriculum_quiz_survives_export_and_import(quiz):
    questions, cases = quiz.data["questions"], quiz.data.get("cases", [])
    pictures = {
        path.name: path.read_bytes() for path in CURRICULUM_MEDIA.iterdir() if path.is_file()
    }
    result = parse_moodle_xml(to_moodle_xml(questions, cases, pictures), "kk")
    assert (result.errors, result.skipped, result.notes) == ([], [], [])
    assert result.questions == [with_defaults(question) for question in questions]
    used = {question.get("case") for question in questions}
    assert result.cases == [case for case in cases if case["id"] in used]


XML_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\r\t\xa0\ufffe\uffff" + "".join(map(chr, range(0x20))),
)


def _no_blank_lines(text: str) -> bool:
    return all(line.strip() for line in text.split("\n"))


words = (
    st.lists(
        st.text(XML_CHARACTERS, min_size=1, max_size=4)
        | st.sampled_from(["\n", "<", ">", "&", "]]>", "{mlang en}", "  ", "&amp;", "<br>"]),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .map(str.strip)
    .filter(bool)
    .filter(_no_blank_lines)
)
maps = st.builds(lambda text: {"kk": text}, words) | st.dictionaries(
    st.sampled_from(LANGUAGES), words, min_size=2
)
MEDIA = {f"photo-{n}.png": PNG + bytes([n]) for n in range(3)}
images = st.builds(
    lambda src, alt: {"src": src, "alt": alt},
    st.sampled_from(sorted(MEDIA)),
    st.dictionaries(st.sampled_from(LANGUAGES), words, min_size=1),
)


def with_image(draw, entry: dict) -> dict:
    return entry | ({"image": draw(images)} if draw(st.booleans()) else {})


@st.composite
def questions(draw, question_id, case_ids):
    kind = draw(
        st.sampled_from(["single", "multiple", "true_false", "poll", "ordering", "matching"])
    )
    question = with_image(draw, {"id": question_id, "type": kind, "text": draw(maps)})
    if case_ids and draw(st.booleans()):
        question["case"] = draw(st.sampled_from(case_ids))
    if kind == "true_false":
        question["answer"] = draw(st.booleans())
    elif kind == "ordering":
        count = draw(st.integers(3, 6))
        keys = own_or_positional(draw, count, "abcdef")
        question["items"] = [with_image(draw, {"id": key, "text": draw(maps)}) for key in keys]
    elif kind == "matching":
        pairs = draw(matching(maps=maps, categories=category_maps))
        pairs["items"] = [with_image(draw, item) for item in pairs["items"]]
        question |= pairs
    else:
        count = draw(st.integers(2, 6))
        right = {
            "single": st.sets(st.integers(0, count - 1), min_size=1, max_size=1),
            "multiple": st.sets(st.integers(0, count - 1), min_size=1, max_size=count - 1),
            "poll": st.just(set()),
        }[kind]
        correct = draw(right)
        keys = own_or_positional(draw, count, "abcdef")
        question["options"] = [
            with_image(draw, {"id": keys[index], "text": draw(maps)})
            | ({"correct": True} if index in correct else {})
            for index in range(count)
        ]
        if draw(st.booleans()):
            question["keep_order"] = True
    question["explanation"] = draw(st.just({}) | maps)
    if draw(st.booleans()):
        question["source"] = {"title": draw(maps)} | draw(
            st.just({}) | st.builds(lambda url: {"url": url}, urls)
        )
    question["time_limit"] = draw(st.integers(5, 300))
    question["points"] = draw(st.integers(0, 1000))
    return question


category_maps = maps.filter(
    lambda text: all("multilang" not in part and "{mlang" not in part for part in text.values())
)


@st.composite
def quizzes(draw):
    case_ids = draw(
        st.lists(st.from_regex(r"case-[a-z]{1,5}", fullmatch=True), max_size=3, unique=True)
    )
    cases = [with_image(draw, {"id": key, "text": draw(maps)}) for key in case_ids]
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    return [draw(questions(key, case_ids)) for key in ids], cases


@settings(max_examples=150, deadline=None)
@given(quizzes())
def test_any_quiz_of_every_kind_survives_export_and_import(quiz):
    questions, cases = quiz
    result = parse_moodle_xml(to_moodle_xml(questions, cases, MEDIA), "kk")
    assert (result.errors, result.skipped, result.notes) == ([], [], [])
    assert result.questions == questions
    first_use = list(dict.fromkeys(q["case"] for q in questions if "case" in q))
    assert result.cases == [next(c for c in cases if c["id"] == key) for key in first_use]
    used = {image["src"] for image in _images(questions, result.cases)}
    assert result.media == {name: MEDIA[name] for name in used}


def _images(questions, cases):
    for entry in [*questions, *cases]:
        if "image" in entry:
            yield entry["image"]
        for part in ("options", "items"):
            for child in entry.get(part, []):
                if "image" in child:
                    yield child["image"]


def test_a_poll_is_exported_so_that_moodle_accepts_it():
    poll = {
        "id": "p",
        "type": "poll",
        "text": {"en": "Which?"},
        "options": [{"id": key, "text": {"en": key}} for key in "abc"],
        "explanation": {},
    }
    written = to_moodle_xml([poll])
    assert written.count('<answer fraction="33.33333" format="html">') == 3
    assert (
        "<single>false</single>" in written and "<defaultgrade>0.0000000</defaultgrade>" in written
    )
    assert '<!-- integrity-hour: {"type": "poll", "time_limit": 30} -->' in written


def test_an_image_whose_bytes_are_not_given_is_left_out_of_the_export():
    question = {
        "id": "q",
        "type": "true_false",
        "text": {"en": "Is this a bribe?"},
        "image": {"src": "missing.png", "alt": {"en": "An envelope"}},
        "answer": True,
        "explanation": {},
    }
    written = to_moodle_xml([question])
    assert "<img" not in written and "<file" not in written
    assert parse_moodle_xml(written, "en").questions[0].get("image") is None


def test_a_comment_never_holds_a_double_dash():
    question = {
        "id": "q",
        "type": "true_false",
        "text": {"en": "Q"},
        "answer": True,
        "explanation": {},
        "source": {"title": {"en": "Law -- 2015 --"}},
    }
    written = to_moodle_xml([question])
    assert "Law -\\u002d 2015 -\\u002d" in written
    assert parse_moodle_xml(written, "en").questions[0]["source"] == question["source"]


FUZZ = st.lists(
    st.sampled_from(
        [
            "<quiz>",
            "</quiz>",
            '<question type="multichoice">',
            '<question type="matching">',
            '<question type="description">',
            "</question>",
            "<questiontext>",
            "</questiontext>",
            "<text>",
            "</text>",
            '<answer fraction="100">',
            '<answer fraction="x">',
            "</answer>",
            "<subquestion>",
            "</subquestion>",
            "<![CDATA[<img src='@@PLUGINFILE@@/a.png'>]]>",
            '<file name="a.png">',
            "</file>",
            "<!-- integrity-hour: {} -->",
            "<!-- integrity-hour: [",
            "&amp;",
            "&",
            "x",
            "\n",
            "<!DOCTYPE x>",
        ]
    )
).map("".join)


@given(st.binary() | FUZZ)
def test_parse_moodle_xml_never_raises(text):
    result = parse_moodle_xml(text, "kk")
    assert all(isinstance(p.line, int) for p in result.errors + result.skipped + result.notes)
