"""Deciding a teacher request names nobody outside it (issue 18, finding 10): a student's id,
another region's teacher and a missing id all get the same 404, and nothing changes."""

import pytest

from app.core.access import Role


@pytest.mark.parametrize("action", ["approve", "decline"])
def test_a_students_id_is_a_404_that_names_nobody(client, auth, make, region, action):
    school = make.institution(region)
    student = make.user(Role.STUDENT, institution=school, full_name="Asel Student")
    auth.login(make.user(Role.ORGANIZER, region=region))
    response = client.post(f"/teachers/{student.id}/{action}", follow_redirects=True)
    assert response.status_code == 404
    assert "Asel" not in response.text
    missing = client.post(f"/teachers/999999/{action}")
    assert missing.status_code == 404
    assert _message(missing) == _message(response)
    assert student.grant(Role.TEACHER) is None


@pytest.mark.parametrize("action", ["approve", "decline"])
def test_another_regions_request_is_a_404_and_stays_pending(
    client, auth, make, region, other_region, action
):
    school = make.institution(other_region)
    teacher = make.user(Role.TEACHER, approved=False, institution=school, full_name="Far Teacher")
    auth.login(make.user(Role.ORGANIZER, region=region))
    response = client.post(f"/teachers/{teacher.id}/{action}")
    assert response.status_code == 404
    assert "Far Teacher" not in response.text
    make.db.session.expire_all()
    assert teacher.is_pending_teacher


def _message(response) -> str:
    """The error page's heading and text, without the links back to its own address."""
    return response.text.split("<article", 1)[1].split("</p>", 1)[0]
