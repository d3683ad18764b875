"""Teachers' quiz pages: the library to assign from, their own quizzes (write, import,
export), and the organizers' review of quizzes submitted to the shared library."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.core.access import (
    STAFF,
    Role,
    can_curate_library,
    can_see_quiz_draft,
    ensure,
    roles_required,
)
from app.core.errors import FieldError
from app.core.forms import ActionForm, fill_translations, translation_map
from app.extensions import db
from app.i18n import _

from . import editor, interchange, queries
from .forms import (
    CasesForm,
    ImportForm,
    QuestionForm,
    QuizDetailsForm,
    ReviewForm,
)
from .models import Quiz, QuizStatus

bp = Blueprint("quiz_editor", __name__, url_prefix="/teach/quizzes", template_folder="templates")

AUTHORS = (Role.TEACHER, Role.ADMIN)
PARSERS = {
    "gift": interchange.parse_gift,
    "aiken": interchange.parse_aiken,
    "csv": interchange.parse_csv,
    "yaml": interchange.parse_yaml,
}


def _quiz(quiz_id: int) -> Quiz:
    quiz = db.get_or_404(Quiz, quiz_id)
    ensure(queries.can_see_content(current_user, quiz))
    return quiz


def _own_draft(quiz_id: int) -> Quiz:
    """A quiz its author may still change: a draft (submitted and published ones are
    frozen, so what an organizer approved is what the library shows)."""
    quiz = db.get_or_404(Quiz, quiz_id)
    ensure(quiz.owner_id == current_user.id)
    if quiz.status != QuizStatus.DRAFT:
        flash(
            _("This quiz is in the library or under review and can no longer be edited."), "error"
        )
        abort(redirect(url_for("quiz_editor.show", quiz_id=quiz.id)))
    return quiz


def _details(form: QuizDetailsForm) -> editor.QuizDetails:
    return editor.QuizDetails(
        title=translation_map(form, "title"),
        description=translation_map(form, "description"),
        topic=form.topic.data,
        min_grade=form.min_grade.data,
        max_grade=form.max_grade.data,
    )


@bp.get("")
@roles_required(*AUTHORS)
def index():
    return render_template(
        "quizzes/teach_index.html",
        own=queries.quizzes_by(current_user.id),
        library=queries.library(),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def new():
    form = QuizDetailsForm()
    if form.validate_on_submit():
        quiz = editor.create_quiz(current_user.id, _details(form))
        flash(_("Quiz created. Now add its questions."), "success")
        return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template("quizzes/details_form.html", form=form, quiz=None)


@bp.get("/<int:quiz_id>")
@roles_required(Role.TEACHER, *STAFF)
def show(quiz_id: int):
    quiz = _quiz(quiz_id)
    return render_template(
        "quizzes/teach_quiz.html",
        quiz=quiz,
        questions=quiz.current_version.questions if quiz.current_version else [],
        action_form=ActionForm(),
    )


@bp.route("/<int:quiz_id>/details", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def details(quiz_id: int):
    quiz = _own_draft(quiz_id)
    data = {"topic": quiz.topic, "min_grade": quiz.min_grade, "max_grade": quiz.max_grade}
    fill_translations(data, "title", quiz.title)
    fill_translations(data, "description", quiz.description)
    form = QuizDetailsForm(data=data)
    if form.validate_on_submit():
        editor.update_details(quiz, _details(form))
        flash(_("Saved."), "success")
        return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template("quizzes/details_form.html", form=form, quiz=quiz)


@bp.route("/<int:quiz_id>/cases", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def cases(quiz_id: int):
    quiz = _own_draft(quiz_id)
    current = _cases_of(quiz)
    form = CasesForm(data=CasesForm.data_from(current))
    if form.validate_on_submit():
        try:
            editor.save_cases(quiz, form.cases([case["id"] for case in current]))
        except FieldError as refused:
            form[refused.field].errors.append(refused.message)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template("quizzes/cases_form.html", form=form, quiz=quiz)


def _cases_of(quiz: Quiz) -> list[dict]:
    return quiz.current_version.cases if quiz.current_version else []


@bp.route("/<int:quiz_id>/questions/new", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def new_question(quiz_id: int):
    quiz = _own_draft(quiz_id)
    form = QuestionForm(cases=_cases_of(quiz))
    if form.validate_on_submit():
        editor.save_question(quiz, form.to_question())
        flash(_("Question saved."), "success")
        return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template("quizzes/question_form.html", form=form, quiz=quiz, key=None)


def _stored_question(quiz: Quiz, key: str) -> dict:
    question = next((q for q in editor.quiz_questions(quiz) if q["id"] == key), None)
    if question is None:
        abort(404)
    return question


@bp.route("/<int:quiz_id>/questions/<key>", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def edit_question(quiz_id: int, key: str):
    quiz = _own_draft(quiz_id)
    form = QuestionForm(
        data=QuestionForm.data_from(_stored_question(quiz, key)), cases=_cases_of(quiz)
    )
    if form.validate_on_submit():
        editor.save_question(quiz, form.to_question(), replacing=key)
        flash(_("Question saved."), "success")
        return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template("quizzes/question_form.html", form=form, quiz=quiz, key=key)


@bp.post("/<int:quiz_id>/questions/<key>/delete")
@roles_required(*AUTHORS)
def delete_question(quiz_id: int, key: str):
    quiz = _own_draft(quiz_id)
    _stored_question(quiz, key)
    if ActionForm().validate_on_submit():
        editor.delete_question(quiz, key)
        flash(_("Question deleted."), "success")
    return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))


@bp.post("/<int:quiz_id>/questions/<key>/move/<any(up, down):direction>")
@roles_required(*AUTHORS)
def move_question(quiz_id: int, key: str, direction: str):
    quiz = _own_draft(quiz_id)
    _stored_question(quiz, key)
    if ActionForm().validate_on_submit():
        editor.move_question(quiz, key, -1 if direction == "up" else 1)
    return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))


@bp.post("/<int:quiz_id>/submit")
@roles_required(*AUTHORS)
def submit(quiz_id: int):
    quiz = _own_draft(quiz_id)
    if ActionForm().validate_on_submit():
        if quiz.current_version is None:
            flash(_("Add at least one question before you submit the quiz."), "error")
        else:
            editor.submit_for_review(quiz)
            flash(_("Submitted. An organizer will review it for the shared library."), "success")
    return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))


@bp.route("/import", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def import_file():
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        text = _read_text(form.file.data.read())
        if text is None:
            form.file.errors.append(
                _("The file is not UTF-8 text. Save it as UTF-8 and try again.")
            )
        else:
            result = PARSERS[form.format.data](text, form.language.data)
            if not result.errors and result.questions:
                quiz = editor.create_imported_quiz(
                    current_user.id,
                    form.title.data,
                    form.language.data,
                    result.questions,
                    result.cases,
                )
                return render_template("quizzes/import_done.html", quiz=quiz, result=result)
            if not result.errors:
                form.file.errors.append(_("The file holds no question we can import."))
    return render_template("quizzes/import.html", form=form, result=result)


def _read_text(data: bytes) -> str | None:
    """The file as text; None for a file that is not UTF-8 text (a NUL, which no text
    file holds and PostgreSQL cannot store, counts as binary)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


EXPORTS = {  # format → (write questions and cases, MIME type, file extension)
    "gift": (lambda questions, cases: interchange.to_gift(questions), "text/plain", "txt"),
    # A BOM, so that Excel reads the download as UTF-8
    "csv": (lambda questions, cases: "\ufeff" + interchange.to_csv(questions), "text/csv", "csv"),
    "yaml": (interchange.to_yaml, "application/yaml", "yaml"),
    # Moodle's own import format, for the schools and universities already on Moodle
    "xml": (interchange.to_moodle_xml, "application/xml", "xml"),
}


@bp.get("/<int:quiz_id>/export.<any(gift, csv, yaml, xml):fmt>")
@roles_required(Role.TEACHER, *STAFF)
def export(quiz_id: int, fmt: str):
    quiz = _quiz(quiz_id)
    write, mimetype, extension = EXPORTS[fmt]
    version = quiz.current_version
    body = write(editor.quiz_questions(quiz), version.cases if version else [])
    filename = f"{quiz.slug}.{extension}"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# --- the organizers' review -------------------------------------------------------------------


@bp.get("/review")
@roles_required(*STAFF)
def review_queue():
    quizzes = queries.reviewable_by(current_user, queries.submitted_quizzes())
    return render_template("quizzes/review_queue.html", quizzes=quizzes)


def _submitted(quiz_id: int) -> Quiz:
    """A quiz waiting for review that this staff member may read: another region's draft
    answers 404 like a missing one, so its existence is not confirmed either."""
    quiz = db.get_or_404(Quiz, quiz_id)
    if quiz.status != QuizStatus.SUBMITTED or not can_see_quiz_draft(current_user, quiz.owner):
        abort(404)
    return quiz


@bp.route("/<int:quiz_id>/review", methods=["GET", "POST"])
@roles_required(*STAFF)
def review(quiz_id: int):
    quiz = _submitted(quiz_id)
    curator = can_curate_library(current_user)
    form = ReviewForm()
    if form.validate_on_submit():
        approved = bool(form.approve.data)
        if approved and not curator:
            flash(_("Only a national organizer can approve a quiz for the library."), "error")
            return redirect(url_for("quiz_editor.review", quiz_id=quiz.id))
        editor.review(quiz, approved, (form.note.data or "").strip() or None)
        flash(
            _("Approved: the quiz is in the library.")
            if approved
            else _("Sent back to the author."),
            "success",
        )
        return redirect(url_for("quiz_editor.review_queue"))
    return render_template(
        "quizzes/review.html",
        quiz=quiz,
        form=form,
        curator=curator,
        questions=quiz.current_version.questions,
    )
