"""Pages of live games: joining, the phone's play page, the projector, settings and reports.

The pages are shells; what happens during a game travels over the protocol in api.py.
"""

import sqlalchemy as sa
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from app.core.access import ensure, roles_required
from app.core.errors import FieldError, attach_field_error
from app.core.exports import csv_response
from app.core.qr import qr_svg
from app.core.urls import public_url
from app.extensions import db
from app.i18n import _, current_language, force_locale, translate
from app.quizzes.kinds import kind_scripts
from app.quizzes.models import Quiz
from app.quizzes.queries import can_play

from . import report, services
from .errors import error_message
from .forms import JoinForm, NewGameForm
from .identity import (
    HOSTS,
    count_join_request,
    is_host,
    open_game_by_pin,
    player_token,
    set_player_cookie,
    token_player,
)
from .models import LiveGame, LivePlayer, TeamMode
from .nicknames import NICKNAME_MAX
from .scoring import Scoring
from .services import LiveError

bp = Blueprint("live", __name__, template_folder="templates")

# Which form field a refused join belongs next to.
JOIN_ERROR_FIELDS = {
    "pin_unknown": "pin",
    "nickname_taken": "nickname",
    "nickname_invalid": "nickname",
    "nickname_blocked": "nickname",
    "player_removed": "pin",
    "nickname_reserved": "nickname",
    "game_full": "pin",
    "rate_limited": "pin",
    "join_flood": "pin",
}
# Answers whose status a client or a proxy acts on; other refusals are form errors (422).
JOIN_ERROR_STATUSES = {"pin_unknown": 404, "rate_limited": 429, "join_flood": 429}


@bp.route("/join", methods=["GET", "POST"])
@bp.route("/join/<pin>", methods=["GET", "POST"], endpoint="join_with_pin")
def join(pin: str | None = None):
    form = JoinForm(data={"pin": pin, "language": current_language(), "nickname": _nickname()})
    if form.validate_on_submit():
        try:
            return _join(form)
        except LiveError as error:
            attach_field_error(
                form, FieldError(JOIN_ERROR_FIELDS[error.code], error_message(error.code))
            )
            status = JOIN_ERROR_STATUSES.get(error.code, 422)
            return render_template("live/join.html", form=form), status
    return render_template("live/join.html", form=form)


def _nickname() -> str | None:
    return current_user.display_name[:NICKNAME_MAX] if current_user.is_authenticated else None


def _join(form: JoinForm):
    count_join_request()
    game = open_game_by_pin(form.pin.data.strip())
    known = token_player(game.id)
    player, _rejoined = services.join(
        game,
        form.nickname.data,
        form.language.data,
        user=current_user if current_user.is_authenticated else None,
        known_player_id=known[0] if known else None,
    )
    response = redirect(url_for("live.play", game_id=game.id))
    set_player_cookie(response, player_token(game.id, player.id, player.language))
    return response


@bp.get("/live/play/<int:game_id>")
def play(game_id: int):
    known = token_player(game_id)
    player = db.session.get(LivePlayer, known[0]) if known else None
    if player is None or player.removed_at is not None:
        return redirect(url_for("live.join"))
    with force_locale(player.language):  # the phone speaks its player's language
        return render_template(
            "live/play.html",
            game_id=game_id,
            player=player,
            language=player.language,
            texts=_play_texts(),
            kind_scripts=kind_scripts(),
        )


def _shared_texts() -> dict:
    """Texts the pages' scripts fill in; {name} marks a value the script puts in."""
    return {
        # i18n: {n} is the question's number, {total} how many there are
        "position": _("Question {n} of {total}"),
        "seconds_left": _("{seconds} s"),
        # i18n: read by screen readers on an answer button; {n} is 1, 2, 3…
        "choice_label": _("Answer {n}: {text}"),
        "reconnecting": _("Connection lost. Reconnecting…"),
        "send_failed": _("Could not reach the server. Try again."),
        "sending_again": _("The server did not answer: sending your answer again…"),
        "podium_row": _("{nickname}: {score} points"),
        # i18n: after the first three names of players who share a place on the podium
        "podium_more": _("and {count} more"),
        "right_answer": _("The right answer: {answer}"),
    }


def _play_texts() -> dict:
    return _shared_texts() | {
        "team": _("team {name}"),
        "choose_all": _("Choose every right answer, then send."),
        "poll_hint": _("A poll: there is no wrong answer."),
        "correct": _("Correct!"),
        "wrong": _("Not this time"),
        "partly": _("Partly right"),
        "order_hint": _("Put the items in order, then send."),
        "match_hint": _("Choose a category for each item, then send."),
        "choose_category": _("Choose a category"),
        # TRANSLATORS: on the buttons that move an item of an ordering question; {text} is the item
        "move_up": _("Move up: {text}"),
        "move_down": _("Move down: {text}"),
        "no_answer": _("No answer in time"),
        "poll_thanks": _("Thank you for your vote"),
        "earned": _("+{points} points"),
        "streak_bonus": _("(streak bonus +{bonus}: {streak} right in a row)"),
        "place": _("You are in place {rank} with {score} points."),
        "final": _("You finished in place {rank} with {score} points."),
    }


def _host_texts() -> dict:
    return _shared_texts() | {
        "progress": _("{answered} of {players} answered"),
        "correct_mark": _("right answer"),
        "top_row": _("{rank}. {nickname}: {score}"),
        "team_row": _("{rank}. Team {name}: {score} (average of {members})"),
        "next": _("Next question"),
        "to_podium": _("Show the podium"),
        "remove": _("Remove {nickname}"),
        "team_of": _("Team of {nickname}"),
        "confirm_finish": _("End the game now? The podium is shown and points are given."),
    }


# --- the host ---------------------------------------------------------------------------------


def _hosted_game(game_id: int) -> LiveGame:
    game = db.get_or_404(LiveGame, game_id)
    ensure(is_host(game))
    return game


@bp.route("/live/new/<int:quiz_id>", methods=["GET", "POST"])
@roles_required(*HOSTS)
def new(quiz_id: int):
    quiz = db.get_or_404(Quiz, quiz_id)
    ensure(can_play(current_user, quiz))
    form = NewGameForm()
    if form.validate_on_submit():
        scoring = Scoring(base=int(form.base.data), speed=form.speed.data, streak=form.streak.data)
        game = services.create_game(
            current_user, quiz, current_language(), TeamMode(form.team_mode.data), scoring
        )
        return redirect(url_for("live.host", game_id=game.id))
    return render_template("live/new.html", form=form, quiz=quiz)


@bp.get("/live/games")
@roles_required(*HOSTS)
def games():
    hosted = db.session.scalars(
        sa.select(LiveGame)
        .where(LiveGame.host_id == current_user.id)
        .order_by(LiveGame.created_at.desc())
        .limit(100)
    ).all()
    return render_template("live/games.html", games=hosted)


@bp.get("/live/games/<int:game_id>/host")
@roles_required(*HOSTS)
def host(game_id: int):
    game = _hosted_game(game_id)
    if not game.is_open:
        return redirect(url_for("live.game_report", game_id=game.id))
    join_url = public_url("live.join_with_pin", pin=game.pin)
    return render_template(
        "live/host.html",
        game=game,
        join_url=join_url,
        short_url=public_url("live.join"),
        qr=qr_svg(join_url),
        texts=_host_texts(),
        kind_scripts=kind_scripts(),
    )


@bp.get("/live/games/<int:game_id>/report")
@roles_required(*HOSTS)
def game_report(game_id: int):
    game = _hosted_game(game_id)
    return render_template(
        "live/report.html",
        game=game,
        questions=report.questions(game),
        players=report.players(game),
    )


@bp.get("/live/games/<int:game_id>/<any(players, questions):table>.csv")
@roles_required(*HOSTS)
def game_report_csv(game_id: int, table: str):
    game = _hosted_game(game_id)
    if table == "players":
        header = [_("Place"), _("Nickname"), _("Team"), _("Score"), _("Answered")]
        header += [_("Correct"), _("Signed in")]
        rows = [
            [p.rank, p.nickname, p.team or "", p.score, p.answered, p.correct, _yes_no(p.linked)]
            for p in report.players(game)
        ]
    else:
        header = [_("Question"), _("Text"), _("Answered"), _("Correct"), _("Correct, %")]
        header += [_("Average time, s")]
        rows = [
            [
                q.position,
                translate(q.question.text),
                q.answered,
                q.correct,
                "" if q.correct_percent is None else q.correct_percent,
                round(q.average_ms / 1000, 1),
            ]
            for q in report.questions(game)
        ]
    return csv_response(f"live-game-{game.id}-{table}.csv", header, rows)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
