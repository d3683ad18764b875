"""Teachers' quiz pages: the library to assign from, their own quizzes (write, import,
export), and the organizers' review of quizzes submitted to the shared library."""

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from app.core.access import (
    STAFF,
    Role,
    can_curate_library,
    can_see_quiz_draft,
    ensure,
    roles_required,
)
from app.core.errors import FieldError, attach_field_error
from app.core.forms import ActionForm, fill_translations, translation_map
from app.extensions import db
from app.i18n import _
from app.media import MediaError, media_store

from . import editor, interchange, queries
from .forms import (
    CasesForm,
    ImportForm,
    QuestionForm,
    QuizDetailsForm,
    ReviewForm,
)
from .library import filter_choices, filter_of, narrow
from .models import SUBJECT_LABELS, Quiz, QuizStatus

bp = Blueprint("quiz_editor", __name__, url_prefix="/teach/quizzes", template_folder="templates")

AUTHORS = (Role.TEACHER, Role.ADMIN)
FORM_TEXT_ALLOWANCE = 256 * 1024  # the question's texts, beside its image


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
    chosen = filter_of(request.args, current_user)
    return render_template(
        "quizzes/teach_index.html",
        own=queries.quizzes_by(current_user.id),
        library=narrow(queries.library(chosen.grade), chosen),
        chosen=chosen,
        **filter_choices(),
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


@bp.get("/<int:quiz_id>/guide")
@roles_required(Role.TEACHER, *STAFF)
def guide(quiz_id: int):
    """The teacher's guide, a page to read before the lesson and print (students never
    reach it: their role has no way in, and their pages never carry the guide)."""
    quiz = _quiz(quiz_id)
    if not quiz.teacher_guide:
        abort(404)
    questions = {q.key: q for q in quiz.current_version.questions} if quiz.current_version else {}
    return render_template(
        "quizzes/guide.html",
        quiz=quiz,
        guide=quiz.teacher_guide,
        questions=questions,
        subjects=SUBJECT_LABELS,
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
    _allow_image_upload()
    current = _cases_of(quiz)
    form = CasesForm(data=CasesForm.data_from(current), current=current)
    if form.validate_on_submit() and _save_cases(quiz, form):
        flash(_("Saved."), "success")
        return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template("quizzes/cases_form.html", form=form, quiz=quiz, current=current)


def _save_cases(quiz: Quiz, form: CasesForm) -> bool:
    """Store the slots' new pictures, then the cases; False with the refusal on the form
    (the database unchanged)."""
    pictures = {}
    for slot, upload in form.uploads().items():
        try:
            pictures[slot] = media_store().save_image(upload.read()).key
        except MediaError as refused:
            form[f"case_{slot}_image"].errors.append(refused.message)
            return False
    try:
        editor.save_cases(quiz, form.cases(pictures))
    except FieldError as refused:
        attach_field_error(form, refused)
        return False
    return True


def _cases_of(quiz: Quiz) -> list[dict]:
    return quiz.current_version.cases if quiz.current_version else []


@bp.route("/<int:quiz_id>/questions/new", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def new_question(quiz_id: int):
    quiz = _own_draft(quiz_id)
    _allow_image_upload()
    form = QuestionForm(cases=_cases_of(quiz))
    if form.validate_on_submit() and _save_question(quiz, form):
        flash(_("Question saved."), "success")
        return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template("quizzes/question_form.html", form=form, quiz=quiz, key=None)


def _allow_image_upload() -> None:
    """The question form may carry an image up to MEDIA_MAX_BYTES, more than other forms."""
    request.max_content_length = current_app.config["MEDIA_MAX_BYTES"] + FORM_TEXT_ALLOWANCE


def _save_question(quiz: Quiz, form: QuestionForm, stored: dict | None = None) -> bool:
    """Store the uploaded image (if any), then the question; False with the image's error
    on the form when the upload is refused (nothing is saved then)."""
    question = form.to_question()
    src = (stored or {}).get("image", {}).get("src")
    if form.image.data:
        try:
            src = media_store().save_image(form.image.data.read()).key
        except MediaError as refused:
            form.image.errors.append(refused.message)
            return False
    image = form.image_for(src)
    if image:
        question["image"] = image
    editor.save_question(quiz, question, replacing=stored["id"] if stored else None)
    return True


def _stored_question(quiz: Quiz, key: str) -> dict:
    question = next((q for q in editor.quiz_questions(quiz) if q["id"] == key), None)
    if question is None:
        abort(404)
    return question


@bp.route("/<int:quiz_id>/questions/<key>", methods=["GET", "POST"])
@roles_required(*AUTHORS)
def edit_question(quiz_id: int, key: str):
    quiz = _own_draft(quiz_id)
    _allow_image_upload()
    stored = _stored_question(quiz, key)
    form = QuestionForm(
        data=QuestionForm.data_from(stored), cases=_cases_of(quiz), has_image="image" in stored
    )
    if form.validate_on_submit() and _save_question(quiz, form, stored):
        flash(_("Question saved."), "success")
        return redirect(url_for("quiz_editor.show", quiz_id=quiz.id))
    return render_template(
        "quizzes/question_form.html", form=form, quiz=quiz, key=key, image=stored.get("image")
    )


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
        fmt, data = form.format.data, form.file.data.read()
        if problem := interchange.upload_problem(fmt, data):
            form.file.errors.append(problem)
        else:
            result = interchange.parse_upload(fmt, data, form.language.data)
            if not result.errors and result.questions:
                try:
                    quiz = editor.create_imported_quiz(
                        current_user.id,
                        form.title.data,
                        form.language.data,
                        result.questions,
                        result.cases,
                        media=result.media,
                    )
                except FieldError as refused:
                    attach_field_error(form, refused)
                else:
                    return render_template(
                        "quizzes/import_done.html", quiz=quiz, result=result, rows=_by_row(fmt)
                    )
            if not result.errors:
                form.file.errors.append(_("The file holds no question we can import."))
    rows = _by_row(form.format.data)
    return render_template("quizzes/import.html", form=form, result=result, rows=rows)


def _by_row(fmt: str | None) -> bool:
    """Whether the format's problems are named by row (a spreadsheet) or by line."""
    return fmt in interchange.ROW_FORMATS


def _moodle_xml(questions: list[dict], cases: list[dict]) -> str:
    """Moodle XML carries the pictures themselves, as files inside the XML."""
    questions, cases, files = editor.with_picture_files(questions, cases)
    return interchange.to_moodle_xml(questions, cases, media=files)


EXPORTS = {  # format → (write questions and cases, MIME type, file extension)
    "gift": (lambda questions, cases: interchange.to_gift(questions), "text/plain", "txt"),
    # A BOM, so that Excel reads the download as UTF-8
    "csv": (lambda questions, cases: "\ufeff" + interchange.to_csv(questions), "text/csv", "csv"),
    "yaml": (interchange.to_yaml, "application/yaml", "yaml"),
    "xml": (_moodle_xml, "application/xml", "xml"),
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
