"""Why a tournament action was refused, as a code and a translated message."""

from app.core.errors import DomainError
from app.i18n import _l

MESSAGES = {
    "unconfirmed_ballots": _l(
        "The previous round still has unconfirmed ballots: %(rooms)s. "
        "Confirm them before the next draw."
    ),
    "already_drawn": _l("This round has a draw already. Delete it first to draw again."),
    "draw_has_ballots": _l("Ballots have been entered for this draw, so it cannot be deleted."),
    "too_few_teams": _l("A draw needs at least two teams in each league."),
    "bp_teams": _l(
        "British Parliamentary needs a multiple of four teams in each league "
        "(%(league)s has %(count)s): add or withdraw teams."
    ),
    "no_break": _l("Set the break size before the first elimination round."),
    "break_too_small": _l("A league has fewer teams than the break: %(league)s."),
    "elimination_over": _l("The final has been decided: there is no further elimination round."),
    "preliminary_after_break": _l("Preliminary rounds come before the elimination rounds."),
    "not_drawn": _l("This round has no draw yet."),
    "not_on_panel": _l("This adjudicator is not on the panel of this debate."),
    "other_adjudicator": _l(
        "This ballot link belongs to another adjudicator. Open the link sent to you."
    ),
    "bad_link": _l("This ballot link is not valid. Ask the tab room for your link."),
    "confirmed": _l("The result of this debate is confirmed; ask the tab room to correct it."),
    "no_ballots": _l("No ballot has been submitted for this debate yet."),
    "chair_only": _l("Only the chair confirms the panel's result."),
    "unconfirmed_results": _l(
        "Some debates of this round are not confirmed yet: %(rooms)s. "
        "Confirm them before releasing the results."
    ),
    "finished": _l("The tournament is finished; it can no longer be changed."),
    "speaker_twice": _l("Each speaker may give one substantive speech in a debate."),
    "not_a_speaker": _l("Choose a speaker of this team for each speech."),
    "reply_speaker": _l("The reply is given by the first or second speaker of the team."),
    "registration_closed": _l("Registration for this tournament is closed."),
    "check_in_closed": _l(
        "There is no round to check in for: the next round is not set up or already drawn."
    ),
    "check_ins_off": _l("This tournament does not use check-ins."),
    "no_swing_team": _l(
        "An odd number of teams is present in %(league)s and the tournament has no swing "
        "team: check in one more team, add a swing team, or choose a bye for odd counts."
    ),
    "too_few_present": _l("Fewer than two teams have checked in for %(league)s."),
    "feedback_not_yet": _l("Feedback opens once the result of the debate is confirmed."),
    "feedback_not_yours": _l("You can give feedback only on the judges of your own debates."),
    "bad_team_link": _l("This team link is not valid. Ask the tab room for your link."),
}


class DebateError(DomainError):
    """An action refused; nothing was written. ``params`` fill the message (e.g. rooms)."""

    messages = MESSAGES
