"""GIFT import and export: Moodle's documented examples, every error with its line, escapes,
languages, our metadata comment, and round trips of the curriculum and of generated quizzes."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.quizzes.content import read_folder
from app.quizzes.interchange import Problem, parse_gift, to_gift, with_defaults
from app.quizzes.interchange.common import GIFT_TYPES, carried
from tests.quizzes.pictures import without_pictures

EXAMPLES = Path(__file__).parent / "files" / "moodle-gift-examples.txt"
QUIZZES, _errors = read_folder()
LANGUAGES = ("kk", "ru", "en")


@pytest.fixture(autouse=True)
def english(in_language):
    with in_language("en"):
        yield


def only(text: str, language: str = "en") -> dict:
    """The one question the text holds, with no problems."""
    result = parse_gift(text, language)
    assert (result.errors, result.skipped) == ([], [])
    [question] = result.questions
    return question


def error(text: str) -> Problem:
    result = parse_gift(text, "en")
    assert result.questions == [] or result.errors
    [problem] = result.errors
    return problem


def summary(question: dict) -> tuple:
    """id, type, English text, and the options with the right ones starred (or the answer)."""
    if question["type"] == "true_false":
        answers = question["answer"]
    elif question["type"] == "matching":
        categories = {category["id"]: category["text"]["en"] for category in question["categories"]}
        answers = [
            f"{item['text']['en']} -> {categories[item['match']]}" for item in question["items"]
        ]
    else:
        answers = [
            option["text"]["en"] + ("*" if option.get("correct") else "")
            for option in question["options"]
        ]
    return question["id"], question["type"], question["text"]["en"], answers


# Round trips


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda quiz: quiz.path.stem)
def test_every_curriculum_quiz_survives_export_and_import(quiz):
    """GIFT carries every kind but ordering, and neither pictures nor which case study a
    question belongs to."""
    questions = [without_pictures(q) for q in carried(quiz.data["questions"], GIFT_TYPES)]
    result = parse_gift(to_gift(questions), "kk")
    assert (result.errors, result.skipped) == ([], [])
    assert result.questions == [
        with_defaults({key: value for key, value in question.items() if key != "case"})
        for question in questions
    ]


def test_the_curriculum_exists_for_the_round_trip():
    assert _errors == [] and len(QUIZZES) >= 6


# Moodle's documentation


def line_of(fragment: str, exact: bool = False) -> int:
    lines = EXAMPLES.read_text(encoding="utf-8").split("\n")
    return next(
        number
        for number, line in enumerate(lines, 1)
        if (line == fragment if exact else fragment in line)
    )


def test_the_documented_examples_of_supported_kinds_import():
    result = parse_gift(EXAMPLES.read_text(encoding="utf-8"), "en")
    assert result.errors == []
    assert [summary(question) for question in result.questions] == [
        ("q1", "single", "Who's buried in Grant's tomb?", ["Grant", "Jefferson", "no one*"]),
        ("q2", "single", "Grant is _____ in Grant's tomb.", ["buried", "entombed*", "living"]),
        (
            "q3",
            "single",
            "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November.",
            ["second", "third", "fourth*"],
        ),
        (
            "q4",
            "single",
            "Japanese characters originally came from what country?",
            ["India", "China*", "Korea", "Egypt"],
        ),
        ("q5", "true_false", "Grant is buried in Grant's tomb.", False),
        ("q6", "true_false", "The sun rises in the east.", True),
        (
            "q7",
            "matching",
            "Match the following countries with their corresponding capitals.",
            ["Canada -> Ottawa", "Italy -> Rome", "Japan -> Tokyo", "India -> New Delhi"],
        ),
        (
            "q8",
            "single",
            "Moodle costs _____ to download from moodle.org.",
            ["lots of money", "nothing*", "a small amount"],
        ),
        (
            "thanksgiving-date",
            "single",
            "The American holiday of Thanksgiving is\ncelebrated on the _____ Thursday of"
            " November.",
            ["second", "third", "fourth*"],
        ),
        (
            "q10",
            "single",
            "What's the answer to this multiple-choice question?",
            ["wrong answer", "another wrong answer", "right answer*"],
        ),
        ("q11", "true_false", "Grant is buried in Grant's tomb.", False),
        (
            "q12",
            "single",
            "Difficult question.",
            ["wrong answer", "half credit answer", "full credit answer*"],
        ),
        (
            "jesus-hometown",
            "single",
            "Jesus Christ was from _____.",
            ["Jerusalem", "Bethlehem", "Galilee", "Nazareth*"],
        ),
        (
            "q14",
            "multiple",
            "What two people are entombed in Grant's tomb?",
            ["No one", "Grant*", "Grant's wife*", "Grant's father"],
        ),
        ("q15", "single", "Which answer equals 5?", ["= 2 + 2", "= 2 + 3*", "= 2 + 4"]),
        (
            "gift-control-characters",
            "single",
            "Which of the following is NOT a control character for the GIFT import format?",
            ["~", "=", "#", "{", "}", "\\*"],
        ),
    ]
    assert all(
        question["explanation"] == {} and (question["time_limit"], question["points"]) == (30, 100)
        for question in result.questions
    )


def test_the_documented_examples_of_other_kinds_are_skipped_by_line():
    result = parse_gift(EXAMPLES.read_text(encoding="utf-8"), "en")
    short = "Short-answer question skipped: this kind is not supported."
    numerical = "Numerical question skipped: this kind is not supported."
    essay = "Essay question skipped: this kind is not supported."
    assert result.skipped == [
        Problem(line_of("{=no one =nobody}"), short),
        Problem(line_of("Two plus two equals"), short),
        Problem(line_of("{#1822}"), numerical),
        Problem(line_of("{#3.141..3.142}"), numerical),
        Problem(line_of("When was Ulysses S. Grant born? {#", exact=True), numerical),
        Problem(line_of("Dag Hammarskjöld"), essay),
        Problem(
            line_of("pencil and paper"),
            "Description (text without answers) skipped: this kind is not supported.",
        ),
        Problem(line_of("::Kanji Origins::"), short),
        Problem(line_of("[markdown]"), short),
        Problem(line_of("How are you?"), essay),
    ]


# Errors name the problem and its line


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Q? {=a ~b", 1, "The brace { is never closed with }."),
        (
            "Q?\n=a ~b}",
            2,
            "A closing brace } has no opening brace {; write \\} for a literal brace.",
        ),
        ("Q? {=a\n{~b}", 2, "A brace { opens inside another {…}; write \\{ for a literal brace."),
        (
            "Q? {=a ~b}\nAnd? {=c ~d}",
            2,
            "The question has a second {…} answer block; a question takes one.",
        ),
        (
            '// integrity-hour: {"type": "single"}\nNo answers at all.',
            2,
            "The question has no answers in braces {…}.",
        ),
        (
            "Q? {\n=a\n=b\n~c\n}",
            3,
            "The question has 2 answers starting with =; a single-choice question has exactly"
            " one. For several right answers give weights like ~%50%.",
        ),
        (
            "Q? {~a ~b}",
            1,
            "The question has no right answer: start it with =, or give several right answers"
            " weights like ~%50%.",
        ),
        ("Q? {~a}", 1, "The question needs at least 2 options, found 1."),
        ("Q? {=a ~b ~c ~d ~e ~f ~g}", 1, "The question has 7 options; at most 6 are allowed."),
        ("Q? {~%50%a ~%50%b}", 1, "A multiple-answer question needs at least one wrong answer."),
        ("Q? {\n=a\n~\n}", 3, "Option b is empty."),
        ("{=a ~b}", 1, "The question text is empty."),
        ("::Title Q? {=a ~b}", 1, "The title starting with :: is not closed with ::."),
        (
            "Q? {\nwhat ~a =b}",
            2,
            "Write every answer after = or ~; there is text before the first one.",
        ),
        (
            '// integrity-hour: {"type": "poll"}\nQ? {=a ~b}',
            2,
            "A poll has no right answers: start every option with ~ and give no weights.",
        ),
        (
            '// integrity-hour: {"type": "multiple"}\nQ? {=a ~b}',
            2,
            "The integrity-hour comment says the type is multiple, but the answers make it single.",
        ),
        (
            '// integrity-hour: {"type": "single"}\nQ? {T}',
            2,
            "The integrity-hour comment says the type is single, but the answers make it"
            " true_false.",
        ),
        (
            "// integrity-hour: {type: poll}\nQ? {~a ~b}",
            1,
            "The integrity-hour comment is not valid JSON.",
        ),
        (
            "// integrity-hour: [1]\nQ? {~a ~b}",
            1,
            'The integrity-hour comment must be a JSON object, like {"type": "poll"}.',
        ),
        (
            '// integrity-hour: {"colour": 1}\nQ? {~a ~b}',
            1,
            "The integrity-hour comment has an unknown key: colour.",
        ),
        (
            '// integrity-hour: {"type": "essay"}\nQ? {~a ~b}',
            1,
            "The type essay is not one of single, multiple, true_false, poll, matching.",
        ),
        (
            '// integrity-hour: {"time_limit": 3}\nQ? {=a ~b}',
            1,
            "The time limit must be a whole number of seconds from 5 to 300.",
        ),
        (
            '// integrity-hour: {"points": true}\nQ? {=a ~b}',
            1,
            "The points must be a whole number from 0 to 1000.",
        ),
        (
            '// integrity-hour: {"source": {"title": {"en": "Law"}, "url": "http://x"}}\nQ? {=a ~b}',
            1,
            "The source URL must start with https://.",
        ),
        (
            '// integrity-hour: {"source": {"url": "https://x"}}\nQ? {=a ~b}',
            1,
            "The source needs a title in kk, ru or en.",
        ),
        (
            '// integrity-hour: {"source": "a law"}\nQ? {=a ~b}',
            1,
            "The source must have a title and may have a url, nothing else.",
        ),
        (
            "// integrity-hour: {}\n// integrity-hour: {}\nQ? {=a ~b}",
            2,
            "The question has two integrity-hour comments.",
        ),
        (
            '// integrity-hour: {"type": "poll"}\n\nQ? {=a ~b}',
            1,
            "The integrity-hour comment is not followed by a question.",
        ),
        ("", 1, "The file has no questions in it."),
        ("// only a comment\n$CATEGORY: top", 1, "The file has no questions in it."),
    ],
)
def test_mistakes_are_named_with_their_line(text, line, message):
    assert error(text) == Problem(line, message)


def test_errors_in_several_questions_are_all_reported_and_good_ones_kept():
    result = parse_gift("Fine? {=a ~b}\n\nBroken? {=a ~b\n\n\nAlso broken? {~a ~b}", "en")
    assert [problem.line for problem in result.errors] == [3, 6]
    assert len(result.questions) == 1


def test_at_most_500_questions_per_file():
    text = "\n\n".join(f"Question {n}? {{=a ~b}}" for n in range(501))
    result = parse_gift(text, "en")
    assert result.errors == [Problem(1001, "At most 500 questions fit in one file.")]
    assert len(result.questions) == 500


# Escapes both ways


def test_escapes_are_decoded_in_text_options_and_feedback():
    question = only(
        "::a\\:b::Is 1 \\= 1 \\{really\\}\\? \\#1 \\~ c:\\\\d\\nnext {\n"
        "=yes \\= \\~ \\# \\{ \\} \\: \\\\ end # feedback \\# here\n"
        "~no \\\\n\n####Because \\#1\\: right}"
    )
    assert question["id"] == "a-b"
    assert question["text"] == {"en": "Is 1 = 1 {really}\\? #1 ~ c:\\d\nnext"}
    assert [option["text"]["en"] for option in question["options"]] == [
        "yes = ~ # { } : \\ end",
        "no \\n",
    ]
    assert question["explanation"] == {"en": "Because #1: right"}


def test_export_escapes_every_control_character():
    question = {
        "id": "q1",
        "type": "single",
        "text": {"en": "a=b ~c {d} #e f:g \\h\ni"},
        "options": [
            {"id": "a", "text": {"en": "=x"}, "correct": True},
            {"id": "b", "text": {"en": "%50% off"}},
        ],
        "explanation": {"en": "####"},
    }
    written = to_gift([question])
    assert "::q1::a\\=b \\~c \\{d\\} \\#e f\\:g \\\\h\\ni\n" in written
    assert "\t=\\=x\n\t~%0%%50% off\n\t####\\#\\#\\#\\#\n}" in written
    assert parse_gift(written, "en").questions == [with_defaults(question)]


# Languages and text formats


def test_multilang_spans_fill_the_translation_map():
    question = only(
        '<span lang="kk" class="multilang">Пара?</span><span class="multilang" lang="ru">'
        'Взятка?</span><span lang="EN_us" class="multilang">Bribe?</span> {\n'
        '=<span lang\\="kk" class\\="multilang">Иә</span>'
        '<span lang\\="ru" class\\="multilang">Да</span>\n'
        "~No\n"
        '####<span lang\\="de" class\\="multilang">Nein</span>'
        '<span lang\\="en" class\\="multilang">Because.</span>}',
        "en",
    )
    assert question["text"] == {"kk": "Пара?", "ru": "Взятка?", "en": "Bribe?"}
    assert question["options"][0]["text"] == {"kk": "Иә", "ru": "Да"}
    assert question["options"][1]["text"] == {"en": "No"}
    assert question["explanation"] == {"en": "Because."}


def test_plain_text_goes_to_the_chosen_language():
    assert only("Пара деген не? {=Иә ~Жоқ}", "kk")["text"] == {"kk": "Пара деген не?"}


def test_a_missing_word_inside_multilang_spans():
    question = only('<span lang="en" class="multilang">Grant is {~buried =entombed} there.</span>')
    assert question["text"] == {"en": "Grant is _____ there."}


def test_html_text_from_moodle_is_made_plain():
    question = only(
        '// question: 12  name: Tomb\n::Tomb::[html]<p dir\\="ltr">Who&#039;s in <b>Grant\'s</b>'
        " tomb?</p><p>Think.</p>{\n=<p>no one</p>\n~[plain]<i>Grant</i>\n####<p>Nobody &amp; "
        "nothing.</p>}"
    )
    assert question["text"] == {"en": "Who's in Grant's tomb?\nThink."}
    assert [option["text"]["en"] for option in question["options"]] == ["no one", "<i>Grant</i>"]
    assert question["explanation"] == {"en": "Nobody & nothing."}


def test_markdown_and_moodle_markers_are_stripped_and_the_text_kept():
    question = only("[markdown]Who's **buried**? {=[moodle]no one ~Grant}")
    assert question["text"] == {"en": "Who's **buried**?"}
    assert question["options"][0]["text"] == {"en": "no one"}


def test_category_lines_and_comments_are_ignored():
    question = only(
        "$CATEGORY: $course$/top/Default\n\n// a comment\n$CATEGORY: top/Other\n"
        "Q? {\n// inside\n=a\n~b}"
    )
    assert question["text"] == {"en": "Q?"}


def test_true_false_spellings_and_feedback():
    text = "\n\n".join(["A {T}", "B {TRUE}", "C {F}", "D {FALSE}", "E {true#no#yes####Because.}"])
    result = parse_gift(text, "en")
    assert [question["answer"] for question in result.questions] == [
        True,
        True,
        False,
        False,
        True,
    ]
    assert result.questions[-1]["explanation"] == {"en": "Because."}
    assert all("options" not in question for question in result.questions)


# Our metadata


def test_the_metadata_comment_makes_polls_and_sets_limits_and_source():
    question = only(
        '// integrity-hour: {"type": "poll", "time_limit": 20, "source": {"title": {"en":'
        ' "Law"}, "url": "https://adilet.zan.kz/x"}}\nWhich would you do? {~Report ~Ignore}'
    )
    assert question == {
        "id": "q1",
        "type": "poll",
        "text": {"en": "Which would you do?"},
        "options": [
            {"id": "a", "text": {"en": "Report"}},
            {"id": "b", "text": {"en": "Ignore"}},
        ],
        "explanation": {},
        "source": {"title": {"en": "Law"}, "url": "https://adilet.zan.kz/x"},
        "time_limit": 20,
        "points": 0,
    }


def test_without_metadata_the_defaults_apply():
    question = only("Q? {=a ~b}")
    assert (question["time_limit"], question["points"]) == (30, 100)


# Ids


def test_ids_come_from_unique_titles_else_from_the_position():
    text = "\n\n".join(
        [
            "::Same:: A? {=a ~b}",
            "::Same:: B? {=a ~b}",
            "::Ақиқат:: C? {=a ~b}",
            "::q5:: D? {=a ~b}",
            "E? {=a ~b}",
            "::" + "Long title " * 20 + ":: F? {=a ~b}",
        ]
    )
    ids = [question["id"] for question in parse_gift(text, "en").questions]
    assert ids == ["q1", "q2", "q3", "q5", "q5-2", ("long-title-" * 20)[:80]]


# Export


def test_export_writes_moodle_answers_metadata_and_blank_lines():
    questions = [
        {
            "id": "m",
            "type": "multiple",
            "text": {"en": "Which?"},
            "options": [
                {"id": "a", "text": {"en": "x"}, "correct": True},
                {"id": "b", "text": {"en": "y"}, "correct": True},
                {"id": "c", "text": {"en": "z"}, "correct": True},
                {"id": "d", "text": {"en": "w"}},
            ],
            "explanation": {"kk": "Себебі", "en": "Because"},
        },
        {
            "id": "t",
            "type": "true_false",
            "text": {"en": "True?"},
            "answer": False,
            "explanation": {},
        },
        {
            "id": "p",
            "type": "poll",
            "text": {"en": "You?"},
            "options": [{"id": "a", "text": {"en": "1"}}, {"id": "b", "text": {"en": "2"}}],
            "explanation": {},
        },
    ]
    assert to_gift(questions) == (
        '// integrity-hour: {"type": "multiple", "time_limit": 30, "points": 100}\n'
        "::m::Which?\n{\n\t~%33.33333%x\n\t~%33.33333%y\n\t~%33.33333%z\n\t~%-100%w\n"
        '\t####<span lang\\="kk" class\\="multilang">Себебі</span>'
        '<span lang\\="en" class\\="multilang">Because</span>\n}\n'
        "\n"
        '// integrity-hour: {"type": "true_false", "time_limit": 30, "points": 100}\n'
        "::t::True?\n{\n\tF\n}\n"
        "\n"
        '// integrity-hour: {"type": "poll", "time_limit": 30, "points": 0}\n'
        "::p::You?\n{\n\t~1\n\t~2\n}\n"
    )
    assert parse_gift(to_gift(questions), "en").questions == [with_defaults(q) for q in questions]


def test_a_text_starting_with_a_format_marker_survives():
    question = {
        "id": "x",
        "type": "single",
        "text": {"en": "[html] is a marker"},
        "options": [
            {"id": "a", "text": {"en": "[plain]"}, "correct": True},
            {"id": "b", "text": {"en": "b"}},
        ],
        "explanation": {"en": "[markdown]"},
    }
    assert parse_gift(to_gift([question]), "en").questions == [with_defaults(question)]


# Properties

FUZZ = st.lists(
    st.sampled_from(
        [
            "::",
            "{",
            "}",
            "=",
            "~",
            "#",
            "####",
            "\\",
            "\n",
            "\n\n",
            "T",
            "FALSE",
            "->",
            "x",
            " ",
            "%50%",
            "%-100%",
            "[html]",
            "<p>",
            "</span>",
            "$CATEGORY: a",
            "// c",
            '// integrity-hour: {"type": "poll"}',
            "// integrity-hour: {",
            '<span lang="kk" class="multilang">',
            "\r",
            "é",
            "\x00",
        ]
    )
).map("".join)


@given(st.text() | FUZZ)
def test_parse_gift_never_raises(text):
    result = parse_gift(text, "kk")
    assert all(isinstance(problem.line, int) for problem in result.errors + result.skipped)


words = (
    st.text(
        # No NUL: importers drop it (no text holds one, PostgreSQL cannot store one).
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00")
        | st.sampled_from(list("=~{}#:\\%[]<>\n")),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
urls = st.from_regex(r"https://[a-z0-9./?=&%#:-]{1,30}", fullmatch=True)
maps = st.builds(lambda text: {"kk": text}, words) | st.dictionaries(
    st.sampled_from(LANGUAGES), words, min_size=2
)


ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,7}", fullmatch=True)


def own_or_positional(draw, count: int, positional, own: bool = True) -> list[str]:
    """Ids as importers give them, or a teacher's own (carried in GIFT's metadata)."""
    if not own or draw(st.booleans()):
        return list(positional[:count])
    return draw(st.lists(ids, min_size=count, max_size=count, unique=True))


@st.composite
def matching(draw, maps=maps, categories=maps):
    count = draw(st.integers(2, 6))
    # Categories that read the same in every language are one category (whatever the order
    # their languages were written in), as a file names a category by its text.
    same_text = lambda text: tuple(sorted(text.items()))  # noqa: E731
    texts = draw(st.lists(categories, min_size=count, max_size=count, unique_by=same_text))
    category_ids = own_or_positional(draw, count, ["c1", "c2", "c3", "c4", "c5", "c6"])
    items = draw(st.integers(2, 6))
    item_ids = own_or_positional(draw, items, "abcdef")
    arrowless = maps.filter(lambda text: all("->" not in part for part in text.values()))
    return {
        "items": [
            {"id": key, "text": draw(arrowless), "match": draw(st.sampled_from(category_ids))}
            for key in item_ids
        ],
        "categories": [
            {"id": key, "text": text} for key, text in zip(category_ids, texts, strict=True)
        ],
    }


TEXT_KINDS = ["single", "multiple", "true_false", "poll"]  # the kinds CSV carries


@st.composite
def questions(draw, question_id, kinds=(*TEXT_KINDS, "matching"), own=True):
    kind = draw(st.sampled_from(kinds))
    question = {"id": question_id, "type": kind, "text": draw(maps)}
    if kind == "true_false":
        question["answer"] = draw(st.booleans())
    elif kind == "matching":
        question |= draw(matching())
    else:
        count = draw(st.integers(2, 6))
        right = {
            "single": st.sets(st.integers(0, count - 1), min_size=1, max_size=1),
            "multiple": st.sets(st.integers(0, count - 1), min_size=1, max_size=count - 1),
            "poll": st.just(set()),
        }[kind]
        correct = draw(right)
        option_ids = own_or_positional(draw, count, "abcdef", own)
        question["options"] = [
            {"id": option_ids[index], "text": draw(maps)}
            | ({"correct": True} if index in correct else {})
            for index in range(count)
        ]
    question["explanation"] = draw(st.just({}) | maps)
    if draw(st.booleans()):
        question["source"] = {"title": draw(maps)} | draw(
            st.just({}) | st.builds(lambda url: {"url": url}, urls)
        )
    question["time_limit"] = draw(st.integers(5, 300))
    question["points"] = draw(st.integers(0, 1000))
    return question


def quizzes_of(**options):
    return st.lists(
        st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True),
        min_size=1,
        max_size=4,
        unique=True,
    ).flatmap(
        lambda ids: st.tuples(*(questions(question_id, **options) for question_id in ids)).map(list)
    )


quizzes = quizzes_of(kinds=TEXT_KINDS, own=False)  # what CSV carries, with positional ids
gift_quizzes = quizzes_of()


@given(gift_quizzes)
def test_any_quiz_survives_export_and_import(quiz):
    assert parse_gift(to_gift(quiz), "kk").questions == quiz


def test_exported_metadata_is_one_json_line():
    question = {
        "id": "s",
        "type": "single",
        "text": {"en": "Q"},
        "options": [
            {"id": "a", "text": {"en": "a"}, "correct": True},
            {"id": "b", "text": {"en": "b"}},
        ],
        "explanation": {},
        "source": {"title": {"en": "Line\nbreak"}},
    }
    first = to_gift([question]).split("\n")[0]
    assert json.loads(first.removeprefix("// integrity-hour: "))["source"] == question["source"]


# Matching


def test_matching_pairs_become_items_and_categories():
    question = only(
        "::gifts::Gift or bribe? {\n"
        "=Flowers on Teachers' Day -> gift\n"
        "=An envelope before the exam -> bribe\n"
        "=A pen with the school's logo -> gift\n"
        "= -> conflict of interest\n"
        "####Value and timing decide.}"
    )
    assert question == {
        "id": "gifts",
        "type": "matching",
        "text": {"en": "Gift or bribe?"},
        "items": [
            {"id": "a", "text": {"en": "Flowers on Teachers' Day"}, "match": "c1"},
            {"id": "b", "text": {"en": "An envelope before the exam"}, "match": "c2"},
            {"id": "c", "text": {"en": "A pen with the school's logo"}, "match": "c1"},
        ],
        "categories": [
            {"id": "c1", "text": {"en": "gift"}},
            {"id": "c2", "text": {"en": "bribe"}},
            {"id": "c3", "text": {"en": "conflict of interest"}},
        ],
        "explanation": {"en": "Value and timing decide."},
        "time_limit": 30,
        "points": 100,
    }


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("Q? {=a -> b}", 1, "The question needs 2 to 6 items, found 1."),
        (
            "Q? {=a -> b =c -> b}",
            1,
            "A matching question needs 2 to 6 different categories, found 1.",
        ),
        ("Q? {\n=a -> b\n=c ->\n}", 3, "The pair has no category after ->."),
        (
            "Q? {\n=a -> b\n=c d\n}",
            3,
            "Write each pair of a matching question as =item -> category.",
        ),
        (
            "Q? {\nfirst =a -> b =c -> d}",
            2,
            "Write every pair after =; there is text before the first one.",
        ),
        (
            '// integrity-hour: {"type": "single"}\nQ? {=a -> b =c -> d}',
            2,
            "The integrity-hour comment says the type is single, but the answers make it matching.",
        ),
        (
            '// integrity-hour: {"ids": {"items": ["x"]}}\nQ? {=a -> b =c -> d}',
            2,
            "The integrity-hour comment lists 1 id for items, but the question has 2.",
        ),
        (
            '// integrity-hour: {"ids": {"items": ["X!"]}}\nQ? {=a -> b =c -> d}',
            1,
            "Each id may hold only a to z, 0 to 9, - and _ (at most 80).",
        ),
    ],
)
def test_matching_mistakes_are_named_with_their_line(text, line, message):
    assert error(text) == Problem(line, message)


def test_matching_export_keeps_the_category_order_and_own_ids():
    question = {
        "id": "gift-or-bribe",
        "type": "matching",
        "text": {"en": "Gift or bribe?"},
        "items": [
            {"id": "envelope", "text": {"en": "An envelope"}, "match": "bribe"},
            {"id": "flowers", "text": {"en": "Flowers -> for a teacher"}, "match": "gift"},
        ],
        "categories": [
            {"id": "gift", "text": {"en": "[gift]"}},
            {"id": "bribe", "text": {"en": "bribe = crime"}},
            {"id": "conflict", "text": {"en": "conflict"}},
        ],
        "explanation": {},
    }
    written = to_gift([question])
    # The import takes categories as they first appear: named first, in the quiz's order.
    assert "\t= -> [gift]\n\t= -> bribe \\= crime\n\t= -> conflict\n\t=An envelope" in written
    assert "=Flowers → for a teacher -> [gift]" in written
    [back] = parse_gift(written, "en").questions
    expected = with_defaults(question)
    expected["items"][1]["text"] = {"en": "Flowers → for a teacher"}
    assert back == expected


def test_matching_export_in_the_order_of_appearance_needs_no_extra_lines():
    question = only("Q? {=a -> x =b -> y}")
    assert "\t=a -> x\n\t=b -> y\n}" in to_gift([question])
    assert "ids" not in to_gift([question])
