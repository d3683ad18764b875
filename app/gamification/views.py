"""Gamification pages: a student's progress, the leaderboards, badges and Open Badges.

The Open Badges documents (``/ob/...``) are public JSON-LD at stable URLs, for hosted
verification by anyone a student shows a badge to.
"""

import json

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

from app.accounts.models import Institution, Region, SchoolClass
from app.accounts.queries import user_by_login
from app.core.access import (
    STAFF,
    Role,
    can_manage_student_record,
    can_see_class_board,
    covers_region,
    ensure,
    login_required,
    roles_required,
)
from app.core.converters import bounded_int
from app.core.errors import FieldError, attach_field_error
from app.core.urls import public_url
from app.extensions import db
from app.i18n import _, _l

from . import openbadges, queries, services
from .badges import all_badges, badge
from .forms import CorrectionForm, RevokeForm
from .models import BadgeAward
from .periods import Period
from .queries import Scope
from .rules import level_progress, rules

bp = Blueprint("gamification", __name__, template_folder="templates")

PERIOD_LABELS = {
    Period.WEEK: _l("This week"),
    Period.MONTH: _l("This month"),
    Period.YEAR: _l("This school year"),
    Period.ALL: _l("All time"),
}
SCOPE_LABELS = {
    Scope.CLASS: _l("Class"),
    Scope.INSTITUTION: _l("School"),
    Scope.REGION: _l("Region"),
    Scope.NATIONAL: _l("Kazakhstan"),
}
DOCUMENT_LANGUAGE = "en"  # Open Badges documents are read by verifiers anywhere


@bp.app_context_processor
def badge_notifications():
    """``new_badges()`` in templates: badges the signed-in user has not been shown yet."""

    def new_badges() -> list[BadgeAward]:
        if not current_user.is_authenticated:
            return []
        return queries.unseen_badges(current_user.id)

    return {"new_badges": new_badges, "badge_definition": badge}


@bp.context_processor
def board_labels():
    return {
        "period_labels": PERIOD_LABELS,
        "scope_labels": SCOPE_LABELS,
        "min_active": rules().min_active_for_average,
    }


# --- a student's progress ---------------------------------------------------------------------


@bp.get("/profile")
@login_required
def profile():
    user_id = current_user.id
    points = queries.total_points(user_id)
    held = queries.badges_of(user_id)
    page = render_template(
        "gamification/profile.html",
        points=points,
        progress=level_progress(points),
        streak=queries.streak(user_id),
        held={award.badge_id: award for award in held},
        badges=all_badges(),
        history=queries.history(user_id),
    )
    if any(award.seen_at is None for award in held):
        services.mark_badges_seen(user_id)  # after rendering: this page shows them as new once
    return page


# --- leaderboards -----------------------------------------------------------------------------


def _arg(name: str, choices: type, default):
    value = request.args.get(name, default)
    return choices(value) if value in set(choices) else default


def _viewer_region_id() -> int | None:
    institution = current_user.institution
    return institution.region_id if institution else current_user.organizer_region_id


def _class_options() -> list[SchoolClass]:
    return current_user.classes + [
        k for k in current_user.teaching if k not in current_user.classes
    ]


def _get_or_404(model, object_id: int | None):
    """db.get_or_404, also for "no such id at all" (a user with no class, school or region)."""
    if object_id is None:
        abort(404)
    return db.get_or_404(model, object_id)


def _board_target(scope: Scope) -> tuple[int | None, str, bool, bool]:
    """(scope id, heading, private, viewer is on it) of the board asked for, or 403/404."""
    is_student = current_user.has_role(Role.STUDENT)
    match scope:
        case Scope.CLASS:
            class_id = request.args.get("class", type=bounded_int)
            options = _class_options()
            if class_id is None and options:
                class_id = options[0].id
            klass = _get_or_404(SchoolClass, class_id)
            ensure(can_see_class_board(current_user, klass))
            heading = f"{klass.name} · {klass.institution.name}"
            private = current_user.id in klass.teacher_ids
            return klass.id, heading, private, current_user in klass.students
        case Scope.INSTITUTION:
            own_id = current_user.institution_id
            institution = _get_or_404(
                Institution, request.args.get("institution", type=bounded_int, default=own_id)
            )
            mine = institution.id == own_id
            ensure(mine or covers_region(current_user, institution.region_id))
            return institution.id, institution.name, False, mine and is_student
        case Scope.REGION:
            own_id = _viewer_region_id()
            region = _get_or_404(
                Region, request.args.get("region", type=bounded_int, default=own_id)
            )
            mine = region.id == own_id
            ensure(mine or covers_region(current_user, region.id))
            return region.id, region.display_name, False, mine and is_student
    return None, str(SCOPE_LABELS[Scope.NATIONAL]), False, is_student


@bp.get("/leaderboards")
@login_required
def leaderboard():
    scope = _arg("scope", Scope, Scope.CLASS if _class_options() else Scope.NATIONAL)
    period = _arg("period", Period, Period.WEEK)
    scope_id, heading, private, on_board = _board_target(scope)
    viewer_id = current_user.id if on_board else None  # "your place" only where you compete
    board = queries.student_board(
        scope, scope_id, queries.current_period(period), viewer_id, private=private
    )
    return render_template(
        "gamification/leaderboard.html",
        board=board,
        scope=scope,
        period=period,
        heading=heading,
        private=private,
        classes=_class_options(),
        scope_id=scope_id,
    )


def _group_board_args() -> tuple[Period, bool]:
    return _arg("period", Period, Period.MONTH), request.args.get("measure") == "per_student"


@bp.get("/leaderboards/institutions")
@login_required
def institution_board():
    period, per_student = _group_board_args()
    region_id = request.args.get("region", type=bounded_int, default=_viewer_region_id())
    region = db.session.get(Region, region_id) if region_id else None
    rows = queries.institution_board(queries.current_period(period), region_id, per_student)
    return render_template(
        "gamification/group_board.html",
        kind="institutions",
        rows=rows,
        period=period,
        per_student=per_student,
        region=region,
        own_id=current_user.institution_id,
    )


@bp.get("/leaderboards/regions")
@login_required
def region_board():
    period, per_student = _group_board_args()
    rows = [
        row for row, _region in queries.region_board(queries.current_period(period), per_student)
    ]
    return render_template(
        "gamification/group_board.html",
        kind="regions",
        rows=rows,
        period=period,
        per_student=per_student,
        region=None,
        own_id=_viewer_region_id(),
    )


# --- badges -------------------------------------------------------------------------------------


def _award_or_404(public_id: str) -> BadgeAward:
    award = queries.badge_award(public_id)
    if award is None:
        abort(404)
    return award


@bp.get("/badges")
def catalog():
    held = {}
    if current_user.is_authenticated:
        held = {award.badge_id: award for award in queries.badges_of(current_user.id)}
    return render_template("gamification/catalog.html", badges=all_badges(), held=held)


@bp.get("/badges/<public_id>")
def award_page(public_id: str):
    award = _award_or_404(public_id)
    return _render_award(award, RevokeForm())


def _render_award(award: BadgeAward, form: RevokeForm, status: int = 200):
    may_revoke = current_user.is_authenticated and can_manage_student_record(
        current_user, award.user
    )
    is_own = current_user.is_authenticated and current_user.id == award.user_id
    page = render_template(
        "gamification/award.html",
        award=award,
        definition=badge(award.badge_id),
        form=form if may_revoke else None,
        is_own=is_own,
        # why a badge was revoked is the holder's and staff's business, not the public's
        shows_reason=is_own or may_revoke,
    )
    return page, status


@bp.post("/badges/<public_id>/revoke")
@roles_required(*STAFF)
def revoke(public_id: str):
    award = _award_or_404(public_id)
    ensure(can_manage_student_record(current_user, award.user))
    form = RevokeForm()
    if not form.validate_on_submit():
        return _render_award(award, form, 400)
    services.revoke_badge(current_user, award, form.reason.data)
    flash(_("The badge has been revoked."), "success")
    return redirect(url_for("gamification.award_page", public_id=award.public_id))


@bp.get("/badges/<public_id>/badge.svg")
def baked_image(public_id: str):
    """The badge image with its Open Badges assertion baked in, to keep or upload elsewhere."""
    award = _award_or_404(public_id)
    if award.is_revoked:
        abort(410)
    definition = badge(award.badge_id)
    image = current_app.open_resource(f"{current_app.static_folder}/{definition.image}")
    with image:
        baked = openbadges.bake_svg(image.read().decode("utf-8"), _assertion(award))
    return Response(
        baked,
        mimetype="image/svg+xml",
        headers={"Content-Disposition": f'attachment; filename="{definition.id}.svg"'},
    )


# --- Open Badges 2.0 documents (hosted verification) --------------------------------------------


def _json_ld(document: dict, status: int = 200) -> Response:
    return Response(
        json.dumps(document, ensure_ascii=False),
        status=status,
        mimetype="application/ld+json",
        headers={"Access-Control-Allow-Origin": "*"},  # verifiers fetch these from other sites
    )


def _issuer() -> openbadges.Issuer:
    config = current_app.config
    return openbadges.Issuer(
        id=public_url("gamification.issuer_document"),
        name=config["BADGE_ISSUER_NAME"],
        url=config["BADGE_ISSUER_URL"] or public_url("home.index"),
        email=config["BADGE_ISSUER_EMAIL"],
        description=config["BADGE_ISSUER_DESCRIPTION"],
        image=public_url("static", filename="img/logo.svg"),
    )


def _assertion(award: BadgeAward) -> dict:
    return openbadges.assertion_document(
        id=public_url("gamification.assertion_document", public_id=award.public_id),
        badge_id=public_url("gamification.badge_class_document", badge_id=award.badge_id),
        recipient=award.recipient,
        issued_on=award.awarded_at,
        evidence=[
            {
                **item,
                "id": public_url("gamification.award_page", public_id=award.public_id),
            }
            for item in award.evidence
        ],
        image=public_url("gamification.baked_image", public_id=award.public_id),
    )


@bp.get("/ob/issuer")
def issuer_document():
    return _json_ld(openbadges.issuer_document(_issuer()))


@bp.get("/ob/badges/<badge_id>")
def badge_class_document(badge_id: str):
    definition = badge(badge_id)
    if definition is None:
        abort(404)
    return _json_ld(
        openbadges.badge_class_document(
            id=public_url("gamification.badge_class_document", badge_id=badge_id),
            name=definition.name[DOCUMENT_LANGUAGE],
            description=definition.description[DOCUMENT_LANGUAGE],
            image=public_url("static", filename=definition.image),
            criteria_url=public_url("gamification.catalog") + f"#{badge_id}",
            criteria_narrative=definition.description[DOCUMENT_LANGUAGE],
            issuer_id=public_url("gamification.issuer_document"),
        )
    )


@bp.get("/ob/assertions/<public_id>")
def assertion_document(public_id: str):
    award = _award_or_404(public_id)
    if award.is_revoked:
        document = openbadges.revoked_assertion_document(
            id=public_url("gamification.assertion_document", public_id=public_id)
        )
        return _json_ld(document, 410)
    return _json_ld(_assertion(award))


# --- organizers' corrections --------------------------------------------------------------------


@bp.route("/points/corrections", methods=["GET", "POST"])
@roles_required(*STAFF)
def corrections():
    form = CorrectionForm()
    if form.validate_on_submit():
        student = user_by_login(form.login.data)
        try:
            if student is None or not can_manage_student_record(current_user, student):
                raise FieldError("login", _("No student with this login in your region."))
            services.correct_points(current_user, student, form.amount.data, form.reason.data)
        except FieldError as error:
            attach_field_error(form, error)
        else:
            flash(_("The correction has been added."), "success")
            return redirect(url_for("gamification.corrections"))
    region_id = None if current_user.has_role("admin") else current_user.organizer_region_id
    return render_template(
        "gamification/corrections.html",
        form=form,
        corrections=queries.recent_corrections(region_id),
    )
