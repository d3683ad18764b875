"""After erasure an application names nobody (issue 18, finding 7): organizers see only
"erased" in the queue, the CSV and its page; the activities lose their place, findings and
person; the figures still count it; and the export log lists what each export contained."""

import sqlalchemy as sa

from app.core.access import Role
from app.core.time import utcnow
from app.volunteers import queries, services
from app.volunteers.models import Activity, ActivityStatus, Application, ContactAccess, Status

ENGLISH = {"Accept-Language": "en"}


def _erased_volunteer(make, region):
    school = make.institution(region, name="Secret School")
    volunteer = make.user(
        Role.STUDENT, institution=school, birth_year=2000, full_name="Gulnar Erased"
    )
    application = make.application(volunteer, status=Status.ACTIVE)
    organizer = make.user(Role.ORGANIZER, region=region)
    confirmed, pending = make.activity(volunteer), make.activity(volunteer)
    services.review_activity(confirmed, organizer, True, "well done, Gulnar", utcnow())
    services.erase(application, volunteer, utcnow())
    return organizer, volunteer, application.id, confirmed.id, pending.id


def test_the_organizer_sees_only_erased(client, auth, make, region):
    organizer, volunteer, application_id, *_ = _erased_volunteer(make, region)
    auth.login(organizer)
    queue = client.get("/volunteer/queue?status=withdrawn", headers=ENGLISH).text
    page = client.get(f"/volunteer/applications/{application_id}", headers=ENGLISH).text
    export = client.get("/volunteer/queue.csv?status=withdrawn", headers=ENGLISH).text
    for shown in (queue, page, export):
        assert "Gulnar" not in shown
        assert volunteer.display_name not in shown
    # (the queue's filter lists every school of the region, whoever applied)
    assert "Secret School" not in page and "Secret School" not in export
    assert f"#{application_id} erased" in queue
    assert "Erased: the applicant had their personal data erased" in page
    assert f"{application_id},erased,," in export


def test_nothing_identifying_is_kept_and_the_figures_still_count(make, region, db):
    _organizer, volunteer, application_id, confirmed_id, pending_id = _erased_volunteer(
        make, region
    )
    db.session.expire_all()
    application = db.session.get(Application, application_id)
    assert application.user_id is None and application.guardian_confirmed_by_id is None
    assert all(change.by_id != volunteer.id for change in application.history)
    confirmed = db.session.get(Activity, confirmed_id)
    assert (confirmed.user_id, confirmed.place, confirmed.findings, confirmed.review_note) == (
        None,
        "",
        "",
        "",
    )
    assert confirmed.status == ActivityStatus.CONFIRMED and confirmed.savings_tenge == 1_500_000
    assert db.session.get(Activity, pending_id) is None  # nobody is left to confirm it for
    figures = queries.figures(region.id)
    assert figures.applications_by_status == {Status.WITHDRAWN: 1}
    assert figures.reported_savings_tenge == 1_500_000


def test_the_export_log_lists_the_applications_each_export_contained(
    client, auth, make, region, db
):
    organizer = make.user(Role.ORGANIZER, region=region)
    school = make.institution(region)
    ids = [
        make.application(make.user(Role.STUDENT, institution=school, birth_year=2000)).id
        for _ in range(2)
    ]
    auth.login(organizer)
    client.get("/volunteer/queue.csv")
    [logged] = db.session.scalars(sa.select(ContactAccess).where(ContactAccess.action == "export"))
    assert (logged.user_id, sorted(logged.application_ids)) == (organizer.id, sorted(ids))
