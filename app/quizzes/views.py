"""Self-paced quizzes: the list, one question per page with feedback, and the result."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.core.access import can_see_attempt, ensure, login_required
from app.core.time import utcnow
from app.extensions import db
from app.gamification import queries as points

from . import queries, services
from .forms import AnswerForm
from .library import filter_choices, filter_of, narrow
from .models import Attempt, Quiz

bp = Blueprint("quizzes", __name__, template_folder="templates")


def _own_attempt(attempt_id: int) -> Attempt:
    attempt = db.get_or_404(Attempt, attempt_id)
    ensure(can_see_attempt(current_user, attempt))
    return attempt


@bp.get("/quizzes")
@login_required
def index():
    chosen = filter_of(request.args, current_user)
    return render_template(
        "quizzes/index.html",
        assignments=queries.student_assignments(current_user),
        quizzes=narrow(queries.library(chosen.grade), chosen),
        chosen=chosen,
        **filter_choices(),
        now=utcnow(),
        best=queries.best_scores(current_user.id),
    )


@bp.post("/quizzes/<slug>/start")
@login_required
def start(slug: str):
    quiz = db.first_or_404(db.select(Quiz).where(Quiz.slug == slug))
    if quiz.current_version is None:
        abort(404)
    ensure(queries.can_play(current_user, quiz))
    attempt = services.start_attempt(current_user, quiz)
    return redirect(url_for("quizzes.play", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
@login_required
def play(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            answer = services.submit_answer(attempt, form.question_id.data, form.choice.data)
        except services.AnswerRefused as refused:
            flash(refused.message, "error")
            return redirect(url_for("quizzes.play", attempt_id=attempt.id))
        return render_template("quizzes/feedback.html", attempt=attempt, answer=answer)
    question = attempt.next_question()
    if question is None:
        return redirect(url_for("quizzes.result", attempt_id=attempt.id))
    form.question_id.data = question.id
    return render_template(
        "quizzes/question.html",
        attempt=attempt,
        question=question,
        form=form,
    )


@bp.get("/attempts/<int:attempt_id>/result")
@login_required
def result(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    if not attempt.is_finished:
        return redirect(url_for("quizzes.play", attempt_id=attempt.id))
    first = queries.first_completion_id(attempt.user_id, attempt.version.quiz_id)
    return render_template(
        "quizzes/result.html",
        attempt=attempt,
        earned_points=first == attempt.id,
        paid=points.paid_for(
            attempt.user_id, str(attempt.version.quiz_id), services.QUIZ_POINT_SOURCES
        ),
        total_points=points.total_points(attempt.user_id),
    )
