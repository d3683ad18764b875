"""Account pages: sign-up, login, profile, classes and rosters, institutions, teacher approval."""

import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user
from wtforms import SelectChoice

from app.core.access import (
    STAFF,
    Role,
    can_approve_teacher,
    can_manage_class,
    can_manage_institution,
    ensure,
    login_required,
    roles_required,
)
from app.core.errors import FieldError, attach_field_error
from app.core.http import safe_next_url
from app.core.qr import qr_svg
from app.core.ratelimit import allows, count
from app.core.time import utcnow
from app.extensions import db, limiter, login_manager
from app.i18n import _, _l, current_language, language_chosen_before_login

from . import notifications, queries, services
from .cards import card_code
from .forms import (
    ActionForm,
    ChangePasswordForm,
    ClassForm,
    InstitutionForm,
    InvitationForm,
    LoginForm,
    ProfileForm,
    RosterUploadForm,
    StudentSignupForm,
    TeacherSignupForm,
)
from .models import Institution, InstitutionKind, Region, SchoolClass, User
from .roster import RosterInvalid, parse_roster

bp = Blueprint("accounts", __name__, template_folder="templates")

login_manager.login_view = "accounts.login"
login_manager.login_message = _l("Please log in to open this page.")
login_manager.login_message_category = "info"

# Pages a user who must replace a one-time password may still open.
PASSWORD_CHANGE_EXEMPT = {
    "accounts.change_password",
    "accounts.logout",
    "home.set_language",
    "static",
}


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _sep, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not secrets.compare_digest(user.session_token, token):
        return None
    return user


@bp.before_app_request
def require_new_password():
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in PASSWORD_CHANGE_EXEMPT
    ):
        return redirect(url_for("accounts.change_password"))
    return None


def _configured_limit(setting: str):
    """A rate limit read from the config when a request comes, so tests and deployments set it."""
    return lambda: current_app.config[setting]


def _address_and_login(login: str) -> str:
    return f"{get_remote_address()}|{services.normalize_login(login)[:254]}"


def _new_account(form) -> services.NewAccount:
    return services.NewAccount(
        login=form.login.data,
        password=form.password.data,
        display_name=form.display_name.data,
        full_name=form.full_name.data,
        birth_year=form.birth_year.data,
        locale=current_language(),
    )


# --- sign-up, login, profile -------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = _sign_in_attempt(form.login.data, form.password.data)
        if user is None:
            # One message for a wrong login and a wrong password: no account probing.
            form.password.errors.append(_("Wrong login or password."))
        else:
            login_user(user, remember=form.remember.data)
            if chosen := language_chosen_before_login():
                services.set_locale(user, chosen)
            return redirect(safe_next_url(request.args.get("next")) or url_for("home.index"))
    return render_template("accounts/login.html", form=form)


def _sign_in_attempt(login: str, password: str) -> User | None:
    """Check a password within the limits, counting only wrong ones: first per address and
    login (LOGIN_RATE_LIMIT: one account's password is not guessed), then per address
    (LOGIN_IP_RATE_LIMIT, far above what a school's hall behind one address mistypes).
    Right passwords and refused attempts count toward neither, so a pupil hammering their
    own login locks out only that login, never the school (tests/core/test_security.py)."""
    address, own = get_remote_address(), _address_and_login(login)
    if not allows("LOGIN_RATE_LIMIT", "login", own) or not allows(
        "LOGIN_IP_RATE_LIMIT", "login-address", address
    ):
        abort(429)
    user = services.authenticate(login, password, utcnow())
    if user is None:
        count("LOGIN_RATE_LIMIT", "login", own)
        count("LOGIN_IP_RATE_LIMIT", "login-address", address)
    return user


@bp.post("/logout")
@login_required
def logout():
    user = current_user._get_current_object()
    logout_user()
    services.end_sessions(user)
    flash(_("You have logged out."), "info")
    return redirect(url_for("home.index"))


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(_configured_limit("SIGNUP_RATE_LIMIT"), methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = StudentSignupForm(join_code=request.args.get("code", ""))
    if form.validate_on_submit():
        try:
            user = services.register_student(form.join_code.data, _new_account(form))
        except FieldError as error:
            attach_field_error(form, error)
        else:
            login_user(user)
            flash(
                _("Welcome! You have joined class %(name)s.", name=user.classes[0].name), "success"
            )
            return redirect(url_for("home.index"))
    return render_template("accounts/signup.html", form=form)


def _institution_choices(institutions: list[Institution]) -> list[SelectChoice]:
    """Institutions grouped by region, regions in alphabetical order of the current language."""
    ordered = sorted(institutions, key=lambda inst: (inst.region.display_name, inst.name))
    return [SelectChoice(inst.id, inst.name, optgroup=inst.region.display_name) for inst in ordered]


@bp.route("/signup/teacher", methods=["GET", "POST"])
@limiter.limit(_configured_limit("SIGNUP_RATE_LIMIT"), methods=["POST"])
def signup_teacher():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    token = request.args.get("invite", "")
    invitation = services.find_invitation(token) if token else None
    if token and invitation is None:
        flash(_("This invitation link has expired or was already used."), "error")
    form = TeacherSignupForm()
    institutions = [invitation.institution] if invitation else queries.all_institutions()
    form.institution_id.choices = _institution_choices(institutions)
    if form.validate_on_submit():
        try:
            user = services.register_teacher(
                form.institution_id.data, _new_account(form), invitation
            )
        except FieldError as error:
            attach_field_error(form, error)
        else:
            login_user(user)
            if user.has_role(Role.TEACHER):
                flash(_("Welcome! Your teacher account is ready."), "success")
            else:
                flash(
                    _(
                        "Your request has been sent. An organizer will approve your teacher account."
                    ),
                    "info",
                )
            return redirect(url_for("home.index"))
    return render_template("accounts/signup_teacher.html", form=form, invitation=invitation)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(
            current_user, form.display_name.data, form.locale.data, form.show_on_boards.data
        )
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("accounts.profile"))
    card = card_code(current_user)
    return render_template("accounts/profile.html", form=form, card=card, card_qr=qr_svg(card, 5))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()  # the User itself, not the proxy, for login_user
    if form.validate_on_submit():
        if not user.check_password(form.current_password.data):
            form.current_password.errors.append(_("The current password is wrong."))
        else:
            services.change_password(user, form.password.data)
            login_user(user)  # the session token changed; keep this session signed in
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("home.index"))
    return render_template("accounts/password.html", form=form)


# --- classes ------------------------------------------------------------------------------


def _managed_class(class_id: int) -> SchoolClass:
    klass = db.get_or_404(SchoolClass, class_id)
    ensure(can_manage_class(current_user, klass))
    return klass


@bp.get("/classes")
@roles_required(Role.TEACHER)
def classes():
    return render_template("accounts/classes.html", classes=queries.classes_taught_by(current_user))


@bp.route("/classes/new", methods=["GET", "POST"])
@roles_required(Role.TEACHER)
def new_class():
    form = ClassForm()
    if form.validate_on_submit():
        try:
            klass = services.create_class(current_user, form.name.data)
        except FieldError as error:
            attach_field_error(form, error)
        else:
            flash(
                _(
                    "Class %(name)s created. Share its join code with your students.",
                    name=klass.name,
                ),
                "success",
            )
            return redirect(url_for("accounts.class_detail", class_id=klass.id))
    return render_template("accounts/class_new.html", form=form)


@bp.get("/classes/<int:class_id>")
@roles_required(Role.TEACHER, Role.ADMIN)
def class_detail(class_id: int):
    klass = _managed_class(class_id)
    return render_template("accounts/class_detail.html", klass=klass, action_form=ActionForm())


@bp.post("/classes/<int:class_id>/join-code")
@roles_required(Role.TEACHER, Role.ADMIN)
def regenerate_join_code(class_id: int):
    klass = _managed_class(class_id)
    if ActionForm().validate_on_submit():
        code = services.regenerate_join_code(klass)
        flash(_("New join code: %(code)s. The old code no longer works.", code=code), "success")
    return redirect(url_for("accounts.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/roster", methods=["GET", "POST"])
@roles_required(Role.TEACHER, Role.ADMIN)
def import_roster(class_id: int):
    klass = _managed_class(class_id)
    form = RosterUploadForm()
    row_errors = []
    if form.validate_on_submit():
        try:
            rows = parse_roster(form.roster.data.read())
        except RosterInvalid as invalid:
            row_errors = invalid.errors
        else:
            slips = services.create_students_from_roster(klass, rows, current_language())
            return render_template("accounts/slips.html", klass=klass, slips=slips)
    return render_template("accounts/roster.html", klass=klass, form=form, row_errors=row_errors)


@bp.post("/classes/<int:class_id>/slips")
@roles_required(Role.TEACHER, Role.ADMIN)
def reissue_slips(class_id: int):
    """New slips for the students who never used theirs (lost, or expired)."""
    klass = _managed_class(class_id)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("accounts.class_detail", class_id=klass.id))
    slips = services.reissue_slips(klass)
    if not slips:
        flash(_("Every student of this class has signed in already: no slips to print."), "info")
        return redirect(url_for("accounts.class_detail", class_id=klass.id))
    return render_template("accounts/slips.html", klass=klass, slips=slips, reissued=True)


# --- institutions, teacher approval, invitations ------------------------------------------


def _region_choices(user: User) -> list[SelectChoice]:
    regions = sorted(queries.regions_covered_by(user), key=lambda region: region.display_name)
    return [SelectChoice(region.id, region.display_name) for region in regions]


@bp.get("/institutions")
@roles_required(*STAFF)
def institutions():
    return render_template(
        "accounts/institutions.html", institutions=queries.institutions_for(current_user)
    )


@bp.route("/institutions/new", methods=["GET", "POST"], defaults={"institution_id": None})
@bp.route("/institutions/<int:institution_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_institution(institution_id: int | None):
    institution = None
    if institution_id is not None:
        institution = db.get_or_404(Institution, institution_id)
        ensure(can_manage_institution(current_user, institution))
    form = InstitutionForm(obj=institution)
    form.region_id.choices = _region_choices(current_user)
    if form.validate_on_submit():
        region = db.session.get(Region, form.region_id.data)
        try:
            services.save_institution(
                institution, region, form.name.data, InstitutionKind(form.kind.data)
            )
        except FieldError as error:
            attach_field_error(form, error)
        else:
            flash(_("The institution has been saved."), "success")
            return redirect(url_for("accounts.institutions"))
    return render_template("accounts/institution_form.html", form=form, institution=institution)


@bp.get("/teachers/pending")
@roles_required(*STAFF)
def pending_teachers():
    teachers = queries.pending_teachers_for(current_user)
    return render_template(
        "accounts/pending_teachers.html", teachers=teachers, action_form=ActionForm()
    )


def _pending_teacher(user_id: int) -> User:
    """Someone who asked to teach, at a school this staff member covers. Anyone else (a
    student, a teacher out of scope, a missing id) is the same 404, naming nobody."""
    teacher = db.session.get(User, user_id)
    if (
        teacher is None
        or teacher.grant(Role.TEACHER) is None
        or not can_approve_teacher(current_user, teacher)
    ):
        abort(404)
    return teacher


@bp.post("/teachers/<int:user_id>/approve")
@roles_required(*STAFF)
def approve_teacher(user_id: int):
    teacher = _pending_teacher(user_id)
    if ActionForm().validate_on_submit():
        services.approve_teacher(current_user, teacher)
        flash(_("%(name)s can now work as a teacher.", name=teacher.full_name), "success")
    return redirect(url_for("accounts.pending_teachers"))


@bp.post("/teachers/<int:user_id>/decline")
@roles_required(*STAFF)
def decline_teacher(user_id: int):
    teacher = _pending_teacher(user_id)
    if ActionForm().validate_on_submit():
        services.decline_teacher(teacher)
        flash(_("The request of %(name)s has been declined.", name=teacher.full_name), "info")
    return redirect(url_for("accounts.pending_teachers"))


@bp.route("/invitations", methods=["GET", "POST"])
@roles_required(*STAFF)
def invitations():
    form = InvitationForm()
    form.institution_id.choices = _institution_choices(queries.institutions_for(current_user))
    if form.validate_on_submit():
        institution = db.session.get(Institution, form.institution_id.data)
        ensure(can_manage_institution(current_user, institution))
        services.create_invitation(current_user, institution)
        flash(
            _("Invitation link created. Send it to the teacher; it works once, for 14 days."),
            "success",
        )
        return redirect(url_for("accounts.invitations"))
    return render_template(
        "accounts/invitations.html",
        form=form,
        invitations=queries.invitations_by(current_user),
        now=utcnow(),
    )


@bp.app_context_processor
def inject_unread_notifications():
    """The number on the menu's notifications link, on every page of a signed-in user."""
    if not current_user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": notifications.unread_count(current_user.id)}


@bp.get("/notifications")
@login_required
def notifications_page():
    items = [(item, notifications.text(item)) for item in notifications.recent(current_user.id)]
    return render_template("accounts/notifications.html", items=items, action_form=ActionForm())


@bp.post("/notifications/read")
@login_required
def mark_notifications_read():
    if ActionForm().validate_on_submit():
        notifications.mark_all_read(current_user.id, utcnow())
    return redirect(url_for("accounts.notifications_page"))
