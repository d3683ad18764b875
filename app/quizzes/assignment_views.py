"""Assignments: a teacher sets a quiz for a class, then reads the class's results."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectChoice

from app.accounts.queries import classes_taught_by
from app.core.access import Role, can_manage_class, ensure, roles_required
from app.core.errors import FieldError, attach_field_error
from app.core.exports import csv_response
from app.core.forms import ActionForm
from app.core.time import utcnow
from app.extensions import db
from app.i18n import _, translate

from . import queries, results, services
from .forms import AssignForm
from .models import Assignment, Quiz

bp = Blueprint("assignments", __name__, url_prefix="/teach", template_folder="templates")

TEACHERS = (Role.TEACHER, Role.ADMIN)


def _assignment(assignment_id: int) -> Assignment:
    assignment = db.get_or_404(Assignment, assignment_id)
    ensure(can_manage_class(current_user, assignment.school_class))
    return assignment


@bp.route("/quizzes/<int:quiz_id>/assign", methods=["GET", "POST"])
@roles_required(*TEACHERS)
def assign(quiz_id: int):
    quiz = db.get_or_404(Quiz, quiz_id)
    ensure(queries.can_see_content(current_user, quiz) and quiz.current_version is not None)
    classes = classes_taught_by(current_user)
    form = AssignForm()
    form.class_id.choices = [SelectChoice(klass.id, klass.name) for klass in classes]
    if form.validate_on_submit():
        klass = next(klass for klass in classes if klass.id == form.class_id.data)
        opens_at, closes_at = form.times_utc()
        try:
            assignment = services.assign_quiz(quiz, klass, opens_at, closes_at, current_user.id)
        except FieldError as error:
            attach_field_error(form, error)
        else:
            flash(_("Assigned to %(name)s.", name=klass.name), "success")
            return redirect(url_for("assignments.show", assignment_id=assignment.id))
    return render_template("quizzes/assign.html", quiz=quiz, form=form, has_classes=bool(classes))


@bp.get("/assignments")
@roles_required(*TEACHERS)
def index():
    class_ids = [klass.id for klass in classes_taught_by(current_user)]
    return render_template(
        "quizzes/assignments.html",
        assignments=queries.assignments_for_classes(class_ids),
        now=utcnow(),
    )


@bp.get("/assignments/<int:assignment_id>")
@roles_required(*TEACHERS)
def show(assignment_id: int):
    assignment = _assignment(assignment_id)
    return render_template(
        "quizzes/assignment_results.html",
        assignment=assignment,
        results=results.assignment_results(assignment),
        now=utcnow(),
        status_text=_status_text,
        action_form=ActionForm(),
    )


@bp.get("/assignments/<int:assignment_id>/students.csv")
@roles_required(*TEACHERS)
def students_csv(assignment_id: int):
    assignment = _assignment(assignment_id)
    outcome = results.assignment_results(assignment)
    header = [_("Full name"), _("Display name"), _("Status"), _("Right"), _("Out of"), "%"]
    rows = [
        [
            s.user.full_name,
            s.user.display_name,
            _status_text(s),
            s.right if s.attempt_id else "",
            s.scored if s.attempt_id else "",
            s.percent if s.percent is not None else "",
        ]
        for s in outcome.students
    ]
    return csv_response(f"assignment-{assignment.id}-students.csv", header, rows)


@bp.get("/assignments/<int:assignment_id>/questions.csv")
@roles_required(*TEACHERS)
def questions_csv(assignment_id: int):
    assignment = _assignment(assignment_id)
    outcome = results.assignment_results(assignment)
    header = [_("Number"), _("Question"), _("Answered"), _("Right"), "%"]
    rows = [
        [q.question.position, translate(q.question.text), q.answered, q.right, q.percent]
        for q in outcome.questions
    ]
    return csv_response(f"assignment-{assignment.id}-questions.csv", header, rows)


def _status_text(student: results.StudentResult) -> str:
    if student.attempt_id is not None:
        return _("Finished")
    return _("In progress") if student.in_progress else _("Not started")


@bp.post("/assignments/<int:assignment_id>/delete")
@roles_required(*TEACHERS)
def delete(assignment_id: int):
    assignment = _assignment(assignment_id)
    if ActionForm().validate_on_submit():
        services.remove_assignment(assignment)
        flash(_("The assignment was removed."), "success")
    return redirect(url_for("assignments.index"))
