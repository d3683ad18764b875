"""Forms for playing, writing, importing and assigning quizzes."""

from datetime import datetime

from flask_wtf.file import FileField, FileRequired, FileSize
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from app.core.forms import PageForm, fill_translations, translated_fields, translation_map
from app.core.time import from_almaty
from app.i18n import LANGUAGES, _l, lazy_ngettext, translate

from .content import DEFAULT_POINTS, DEFAULT_TIME_LIMIT, draft_question_problems
from .kinds import all_kinds, kind_named
from .kinds.base import EditorEntry
from .models import TOPIC_LABELS

OPTION_LETTERS = "abcdef"
CATEGORY_IDS = ("c1", "c2", "c3", "c4")
# The largest upload of any format, Moodle XML's: under the 2 MiB request cap (config
# MAX_CONTENT_LENGTH) with room for the other fields; its parser would take 10 MB with many
# images. The other formats' limits are checked after (interchange/upload.py).
MAX_UPLOAD_BYTES = 2_000_000


class AnswerForm(PageForm):
    question_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    # The question kind decides which answers fit (app/quizzes/kinds/), not the form.
    choice = SelectMultipleField(validate_choice=False)


def _whole_number(label, low: int, high: int, message, **kwargs) -> IntegerField:
    """A required whole number in [low, high], with one message for missing and out of range."""
    return IntegerField(
        label,
        validators=[InputRequired(message=message), NumberRange(low, high, message=message)],
        **kwargs,
    )


class QuizDetailsForm(PageForm):
    topic = SelectField(
        _l("Topic"), choices=[SelectChoice(key, label) for key, label in TOPIC_LABELS.items()]
    )
    min_grade = _whole_number(
        _l("From grade"),
        1,
        16,
        _l("Enter a grade from 1 to 16."),
        default=5,
        description=_l("Grades 1–11 at school; 12–16 are college or university years."),
    )
    max_grade = _whole_number(_l("To grade"), 1, 16, _l("Enter a grade from 1 to 16."), default=11)
    submit = SubmitField(_l("Save"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not translation_map(self, "title"):
            self.title_kk.errors.append(_l("Enter a title in at least one language."))
            valid = False
        if valid and self.min_grade.data > self.max_grade.data:
            self.max_grade.errors.append(_l("The last grade cannot be below the first."))
            valid = False
        return valid


translated_fields(QuizDetailsForm, "title", _l("Title"), validators=[Length(max=200)])
translated_fields(
    QuizDetailsForm, "description", _l("Description"), TextAreaField, validators=[Length(max=1000)]
)


class QuestionForm(PageForm):
    """A question in up to three languages. Rows (options, or items) are the same in every
    language; which are correct, and each row's category, are chosen once. The kind turns
    the rows into its own fields and checks them (app/quizzes/kinds/)."""

    type = SelectField(_l("Question type"))
    correct = SelectMultipleField(
        _l("Correct options"),
        choices=[SelectChoice(letter, letter.upper()) for letter in OPTION_LETTERS],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
    )
    keep_order = BooleanField(
        _l("Keep the options in this order"),
        description=_l(
            "For “all of the above” or a scale. Otherwise each player sees them shuffled."
        ),
    )
    answer = RadioField(
        _l("The right answer (true or false questions)"),
        choices=[SelectChoice("true", _l("True")), SelectChoice("false", _l("False"))],
        validators=[Optional()],
    )
    case = SelectField(
        _l("Case study"),
        description=_l("The scenario shown above this question, if any."),
        validators=[Optional()],
        validate_choice=False,  # the view offers the quiz's own cases
    )
    image = FileField(
        _l("Image (optional)"),
        description=_l("A JPEG, PNG, WebP or GIF picture shown with the question."),
    )
    remove_image = BooleanField(_l("Remove the image"))
    source_url = StringField(
        _l("Source link (optional)"),
        validators=[
            Optional(),
            URL(message=_l("Enter a full https:// address.")),
            Length(max=500),
        ],
    )
    time_limit = _whole_number(
        _l("Time limit, seconds"),
        5,
        300,
        _l("Enter a time limit from 5 to 300 seconds."),
        default=DEFAULT_TIME_LIMIT,
    )
    points = _whole_number(
        _l("Points"), 0, 1000, _l("Enter points from 0 to 1000."), default=DEFAULT_POINTS
    )
    submit = SubmitField(_l("Save question"))

    def __init__(self, *args, cases: list[dict] = (), has_image: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_image = has_image  # the stored question has one: its alt text stays required
        self.type.choices = [SelectChoice(kind.name, kind.label) for kind in all_kinds()]
        self.case.choices = [SelectChoice("", "—")] + [
            SelectChoice(case["id"], translate(case["text"])) for case in cases
        ]
        self._case_ids = {case["id"] for case in cases}

    @property
    def kind(self):
        return kind_named(self.type.data) or all_kinds()[0]

    def rows(self) -> list[tuple[str, dict]]:
        """The option rows that have text in any language, as (letter, translation map)."""
        rows = [(letter, translation_map(self, f"option_{letter}")) for letter in OPTION_LETTERS]
        return [(letter, text) for letter, text in rows if text]

    def entry(self) -> EditorEntry:
        categories = [(key, translation_map(self, f"category_{key}")) for key in CATEGORY_IDS]
        return EditorEntry(
            rows=self.rows(),
            correct=frozenset(self.correct.data or []),
            answer=None if not self.answer.data else self.answer.data == "true",
            categories=[(key, text) for key, text in categories if text],
            matches={letter: self[f"match_{letter}"].data for letter in OPTION_LETTERS},
            keep_order=bool(self.keep_order.data),
        )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        problems = list(self._form_problems())
        if valid and not problems:  # the kind's own rules, in the one place they live
            kind_field = self._kind_problem_field()
            problems = [(kind_field, m) for m in draft_question_problems(self.to_question())]
        for problem_field, message in problems:
            problem_field.errors.append(message)
            valid = False
        return valid

    def _form_problems(self):
        """What the editor's rows must hold before the kind can read them."""
        parts = self.kind.editor_parts
        if not translation_map(self, "text"):
            yield self.text_kk, _l("Write the question in at least one language.")
        if self.source_url.data and not self.source_url.data.startswith("https://"):
            yield self.source_url, _l("Enter a full https:// address.")
        shows_image = (self.image.data or self.has_image) and not self.remove_image.data
        if shows_image and not translation_map(self, "image_alt"):
            yield self.image_alt_kk, _l("Describe the image for players who cannot see it.")
        if self.case.data and self.case.data not in self._case_ids:
            yield self.case, _l("Choose one of the quiz's case studies.")
        if "answer" in parts and not self.answer.data:
            yield self.answer, _l("Choose whether the statement is true or false.")
        if "rows" not in parts:
            return
        letters = [letter for letter, _text in self.rows()]
        if len(letters) < self.kind.min_rows():
            yield (
                self.option_a_kk,
                lazy_ngettext(
                    "Write at least %(num)d row.",
                    "Write at least %(num)d rows.",
                    self.kind.min_rows(),
                ),
            )
            return
        if letters != list(OPTION_LETTERS[: len(letters)]):
            yield self.option_a_kk, _l("Fill the options in order, without empty rows between.")
        if "correct" in parts and not set(self.correct.data or []) <= set(letters):
            yield self.correct, _l("A correct option must have text.")
        if "categories" in parts:
            entry = self.entry()
            if len(entry.categories) < 2:
                yield self.category_c1_kk, _l("Write at least two categories.")
            elif any(not entry.matches.get(letter) for letter in letters):
                yield self.match_a, _l("Choose a category for every item.")

    def image_for(self, src: str | None) -> dict | None:
        """The question's image: the uploaded or stored picture ``src`` with the alt text
        written here; None when there is none or the teacher removes it."""
        if src is None or self.remove_image.data:
            return None
        return {"src": src, "alt": translation_map(self, "image_alt")}

    def _kind_problem_field(self):
        """Where the kind's refusals show: by the part of the editor the kind uses."""
        parts = self.kind.editor_parts
        if "correct" in parts:
            return self.correct
        return self.answer if "answer" in parts else self.option_a_kk

    def to_question(self) -> dict:
        """The question in the curriculum's shape (quizzes/README.md); the id is the editor's."""
        kind = self.kind
        question = {"id": "new", "type": kind.name, "text": translation_map(self, "text")}
        question.update(kind.from_editor(self.entry()))
        if self.case.data:
            question["case"] = self.case.data
        question["explanation"] = translation_map(self, "explanation")
        source_title = translation_map(self, "source_title")
        if source_title:
            question["source"] = {"title": source_title}
            if self.source_url.data:
                question["source"]["url"] = self.source_url.data
        question["time_limit"] = self.time_limit.data
        question["points"] = self.points.data if kind.scored else 0
        return question

    @staticmethod
    def data_from(question: dict) -> dict:
        """Form data that shows a stored question for editing."""
        entry = kind_named(question["type"]).to_editor(question)
        data = {
            "type": question["type"],
            "time_limit": question["time_limit"],
            "points": question["points"],
            "source_url": (question.get("source") or {}).get("url", ""),
            "correct": sorted(entry.correct),
            "keep_order": entry.keep_order,
            "case": question.get("case", ""),
        }
        if entry.answer is not None:
            data["answer"] = "true" if entry.answer else "false"
        fill_translations(data, "text", question["text"])
        fill_translations(data, "explanation", question["explanation"])
        fill_translations(data, "source_title", (question.get("source") or {}).get("title"))
        fill_translations(data, "image_alt", (question.get("image") or {}).get("alt"))
        rows = dict(entry.rows)
        for letter in OPTION_LETTERS:
            fill_translations(data, f"option_{letter}", rows.get(letter))
            data[f"match_{letter}"] = (entry.matches or {}).get(letter, "")
        categories = dict(entry.categories)
        for key in CATEGORY_IDS:
            fill_translations(data, f"category_{key}", categories.get(key))
        return data


translated_fields(
    QuestionForm, "text", _l("Question"), TextAreaField, validators=[Length(max=1000)]
)
for _letter in OPTION_LETTERS:
    translated_fields(
        QuestionForm,
        f"option_{_letter}",
        _l("Option %(letter)s", letter=_letter.upper()),
        validators=[Length(max=300)],
    )
for _number, _key in enumerate(CATEGORY_IDS, start=1):
    translated_fields(
        QuestionForm,
        f"category_{_key}",
        _l("Category %(number)d", number=_number),
        validators=[Length(max=300)],
    )
for _letter in OPTION_LETTERS:
    setattr(
        QuestionForm,
        f"match_{_letter}",
        SelectField(
            _l("Category of %(letter)s", letter=_letter.upper()),
            choices=[SelectChoice("", "—")]
            + [SelectChoice(key, str(n)) for n, key in enumerate(CATEGORY_IDS, start=1)],
            validators=[Optional()],
        ),
    )
translated_fields(
    QuestionForm,
    "explanation",
    _l("Explanation: why the answer is right"),
    TextAreaField,
    validators=[Length(max=2000)],
)
translated_fields(
    QuestionForm,
    "image_alt",
    _l("What the image shows, for screen readers"),
    validators=[Length(max=300)],
)
translated_fields(
    QuestionForm, "source_title", _l("Source (law, article or page)"), validators=[Length(max=300)]
)


CASE_SLOTS = 6


class CasesForm(PageForm):
    """A quiz's case studies: short scenarios shown above the questions that refer to them,
    each with a picture if wanted. Slot n edits the quiz's n-th case (``current``); an
    emptied slot removes it."""

    submit = SubmitField(_l("Save case studies"))

    def __init__(self, *args, current: list[dict] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.current = list(current)

    def _existing(self, slot: int) -> dict:
        return self.current[slot - 1] if slot <= len(self.current) else {}

    def uploads(self) -> dict[int, object]:
        """The slots given a new picture: slot → the uploaded file."""
        return {
            slot: self[f"case_{slot}_image"].data
            for slot in range(1, CASE_SLOTS + 1)
            if self[f"case_{slot}_image"].data
        }

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        uploads = self.uploads()
        for slot in range(1, CASE_SLOTS + 1):
            has_picture = slot in uploads or "image" in self._existing(slot)
            shown = has_picture and not self[f"case_{slot}_remove_image"].data
            if shown and not translation_map(self, f"case_{slot}_image_alt"):
                message = _l("Describe the image for players who cannot see it.")
                self[f"case_{slot}_image_alt_kk"].errors.append(message)
                valid = False
        return valid

    def cases(self, pictures: dict[int, str]) -> list[dict]:
        """The filled slots as cases, keeping each existing case's id and picture;
        ``pictures`` are the slots' newly stored uploads (slot → media key)."""
        cases = []
        for slot in range(1, CASE_SLOTS + 1):
            text = translation_map(self, f"case_{slot}")
            if not text:
                continue
            existing = self._existing(slot)
            case = {"id": existing.get("id") or f"case{slot}", "text": text}
            src = pictures.get(slot) or existing.get("image", {}).get("src")
            if src and not self[f"case_{slot}_remove_image"].data:
                case["image"] = {"src": src, "alt": translation_map(self, f"case_{slot}_image_alt")}
            cases.append(case)
        return cases

    @staticmethod
    def data_from(cases: list[dict]) -> dict:
        data = {}
        for slot in range(1, CASE_SLOTS + 1):
            case = cases[slot - 1] if slot <= len(cases) else {}
            fill_translations(data, f"case_{slot}", case.get("text"))
            fill_translations(data, f"case_{slot}_image_alt", case.get("image", {}).get("alt"))
        return data


for _slot in range(1, CASE_SLOTS + 1):
    translated_fields(
        CasesForm,
        f"case_{_slot}",
        _l("Case study %(number)d", number=_slot),
        TextAreaField,
        validators=[Length(max=2000)],
    )
    setattr(CasesForm, f"case_{_slot}_image", FileField(_l("Image (optional)")))
    setattr(CasesForm, f"case_{_slot}_remove_image", BooleanField(_l("Remove the image")))
    translated_fields(
        CasesForm,
        f"case_{_slot}_image_alt",
        _l("What the image shows, for screen readers"),
        validators=[Length(max=300)],
    )


class ImportForm(PageForm):
    file = FileField(
        _l("File"),
        validators=[
            FileRequired(message=_l("Choose a file.")),
            FileSize(max_size=MAX_UPLOAD_BYTES, message=_l("The file must be smaller than 2 MB.")),
        ],
        description=_l(
            "GIFT or Aiken (Moodle's text formats, .txt), CSV or our own YAML in UTF-8 (up to"
            " 256 KB); Moodle XML (.xml, up to 2 MB); Kahoot's spreadsheet template (.xlsx,"
            " up to 1 MB)."
        ),
    )
    format = SelectField(
        _l("Format"),
        choices=[
            SelectChoice("gift", "GIFT"),
            SelectChoice("aiken", "Aiken"),
            SelectChoice("csv", "CSV"),
            SelectChoice("yaml", "Integrity Hour YAML"),
            SelectChoice("moodle_xml", "Moodle XML"),
            SelectChoice("kahoot", _l("Kahoot spreadsheet (.xlsx)")),
        ],
    )
    language = SelectField(
        _l("Language of the questions"),
        choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()],
        description=_l("Texts marked with Moodle's multilang spans keep their own languages."),
    )
    title = StringField(
        _l("Title of the new quiz"),
        validators=[DataRequired(message=_l("Enter a title.")), Length(max=200)],
    )
    submit = SubmitField(_l("Import"))


class AssignForm(PageForm):
    class_id = SelectField(_l("Class"), coerce=int)
    opens_at = DateTimeLocalField(
        _l("Opens"),
        validators=[InputRequired(message=_l("Enter when the quiz opens."))],
        description=_l("Almaty time."),
    )
    closes_at = DateTimeLocalField(
        _l("Closes"), validators=[InputRequired(message=_l("Enter when the quiz closes."))]
    )
    submit = SubmitField(_l("Assign"))

    def times_utc(self) -> tuple[datetime, datetime]:
        """The two moments, read as Almaty wall-clock time (what the teacher typed)."""
        return tuple(from_almaty(field.data) for field in (self.opens_at, self.closes_at))


class ReviewForm(PageForm):
    note = TextAreaField(
        _l("Note to the author (required to send back)"), validators=[Length(max=500)]
    )
    approve = SubmitField(_l("Approve for the library"))
    decline = SubmitField(_l("Send back to the author"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.approve.data or self.decline.data):
            return False  # neither button: not a decision
        if valid and self.decline.data and not (self.note.data or "").strip():
            self.note.errors.append(_l("Say what the author should change."))
            valid = False
        return valid
