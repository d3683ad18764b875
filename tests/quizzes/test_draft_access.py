"""Issue 18, finding 3: a teacher's draft (and its answer key) reaches only its author,
staff covering the author's region and the classes it is assigned to; only national
organizers and admins approve quizzes into the national library."""

import pytest

from app.core.access import Role
from app.quizzes.models import QuizStatus

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def submitted(make, region, db):
    """A submitted draft by a teacher of a school in ``region``."""
    teacher = make.user(Role.TEACHER, institution=make.institution(region))
    quiz = make.teacher_quiz(teacher)
    quiz.submit_for_review()
    db.session.commit()
    return quiz


def test_another_regions_organizer_cannot_read_host_or_approve_a_draft(
    client, auth, make, other_region, submitted, db
):
    auth.login(make.user(Role.ORGANIZER, region=other_region))
    assert client.get(f"/teach/quizzes/{submitted.id}/export.gift").status_code == 403
    assert client.get(f"/teach/quizzes/{submitted.id}/export.csv").status_code == 403
    assert client.get(f"/teach/quizzes/{submitted.id}").status_code == 403
    assert client.get(f"/live/new/{submitted.id}").status_code == 403
    hosted = client.post("/live/api/games", json={"quiz": submitted.slug})
    assert (hosted.status_code, hosted.json["error"]) == (404, "quiz_unknown")
    assert client.post(f"/quizzes/{submitted.slug}/start").status_code == 403
    queue = client.get("/teach/quizzes/review", headers=ENGLISH).get_data(as_text=True)
    assert "Honesty at school" not in queue
    assert client.get(f"/teach/quizzes/{submitted.id}/review").status_code == 404
    approve = client.post(f"/teach/quizzes/{submitted.id}/review", data={"approve": "1"})
    assert approve.status_code == 404
    db.session.refresh(submitted)
    assert submitted.status == QuizStatus.SUBMITTED


def test_the_authors_regional_organizer_reviews_but_does_not_approve(
    client, auth, make, region, submitted, db
):
    auth.login(make.user(Role.ORGANIZER, region=region))
    export = client.get(f"/teach/quizzes/{submitted.id}/export.gift")
    assert export.status_code == 200 and "Question q1" in export.get_data(as_text=True)
    assert client.get(f"/live/new/{submitted.id}").status_code == 200
    assert "Honesty at school" in client.get("/teach/quizzes/review", headers=ENGLISH).text
    page = client.get(f"/teach/quizzes/{submitted.id}/review", headers=ENGLISH)
    assert page.status_code == 200 and "Approve for the library" not in page.text

    refused = client.post(
        f"/teach/quizzes/{submitted.id}/review",
        data={"approve": "1"},
        headers=ENGLISH,
        follow_redirects=True,
    )
    assert "Only a national organizer can approve" in refused.text
    db.session.refresh(submitted)
    assert submitted.status == QuizStatus.SUBMITTED

    client.post(
        f"/teach/quizzes/{submitted.id}/review", data={"decline": "1", "note": "Add sources."}
    )
    db.session.refresh(submitted)
    assert submitted.status == QuizStatus.DRAFT


@pytest.mark.parametrize("curator_role", [Role.ORGANIZER, Role.ADMIN])
def test_national_staff_approve_into_the_library(client, auth, make, submitted, db, curator_role):
    auth.login(make.user(curator_role))  # no region: national
    page = client.get(f"/teach/quizzes/{submitted.id}/review", headers=ENGLISH)
    assert "Approve for the library" in page.text
    client.post(f"/teach/quizzes/{submitted.id}/review", data={"approve": "1"})
    db.session.refresh(submitted)
    assert submitted.status == QuizStatus.PUBLISHED


def test_another_teacher_does_not_read_a_draft_until_it_is_published(
    client, auth, make, region, submitted, db
):
    auth.login(make.user(Role.TEACHER, institution=make.institution(region)))
    assert client.get(f"/teach/quizzes/{submitted.id}/export.csv").status_code == 403
    submitted.review(approved=True, note=None)
    db.session.commit()
    assert client.get(f"/teach/quizzes/{submitted.id}/export.csv").status_code == 200
