"""Check our hosted Open Badges 2.0 documents with the 1EdTech reference validator
(openbadges-validator-core, PyPI package ``openbadges``), which nobody here wrote.

The validator is old (it pins PyLD 0.7 and other packages of its time), so it lives in a
virtualenv of its own, given by path; this script serves the app on a free local port
(PUBLIC_BASE_URL pointing there, as a development machine may), earns a badge, and runs
the validator on its assertion with and without the recipient profile; then once more
without a base URL, where the recipient is a URN typed ``id``, as every badge was before:

    python3 -m venv /tmp/obv && /tmp/obv/bin/pip install openbadges
    .venv/bin/python bench/openbadges_validator.py /tmp/obv/bin/python

Not a test: it needs that second virtualenv. Figures go to bench/RESULTS.md.
"""

import json
import socket
import subprocess
import sys
import tempfile
import threading

import sqlalchemy as sa
from werkzeug.serving import make_server

# This machine has no way out to w3id.org: the validator gets the Open Badges 2.0 context
# from its own copy (openbadges_context.py), every other document from our server.
VALIDATE = """
import json, sys
from openbadges import verify
from openbadges.verifier import utils
from openbadges.verifier.openbadges_context import (
    OPENBADGES_CONTEXT_V2_DICT, OPENBADGES_CONTEXT_V2_URI)
fetch = utils.CachableDocumentLoader.__call__
def offline(self, url):
    if url.rstrip("/") == OPENBADGES_CONTEXT_V2_URI:
        return {"contextUrl": None, "documentUrl": url,
                "document": json.dumps(OPENBADGES_CONTEXT_V2_DICT)}
    return fetch(self, url)
utils.CachableDocumentLoader.__call__ = offline
url, profile = sys.argv[1], json.loads(sys.argv[2])
report = verify(url, recipient_profile=profile or None)["report"]
print(json.dumps({"valid": report["valid"], "errors": report["errorCount"],
                  "warnings": report["warningCount"],
                  "messages": [m.get("result") for m in report["messages"]]}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(validator_python: str, with_base: bool) -> None:
    from flask_migrate import upgrade

    from app import create_app
    from app.accounts.models import User
    from app.extensions import db
    from app.gamification.models import BadgeAward, PointSource
    from app.gamification.services import award

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    database = f"{tempfile.mkdtemp()}/validator.db"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "PUBLIC_BASE_URL": base if with_base else "",  # without: a URN recipient, as before
        }
    )
    with app.app_context():
        upgrade()
        student = User(
            login="validator-student",
            display_name="V",
            full_name="Validator Student",
            locale="en",
            session_token="x" * 32,
        )
        student.set_password("not-a-real-password-1", one_time=False)
        db.session.add(student)
        db.session.commit()
        award(student.id, PointSource.QUIZ_COMPLETION, "1", "first completion of quiz q")
        db.session.commit()
        badge_award = db.session.scalar(sa.select(BadgeAward).filter_by(user_id=student.id))
        public_id, identity = badge_award.public_id, badge_award.recipient_identity
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"{base}/ob/assertions/{public_id}"
        kind = "url" if with_base else "id"
        for label, profile in [("assertion", {}), ("with recipient profile", {kind: identity})]:
            done = subprocess.run(  # noqa: S603 - the given interpreter, fixed code
                [validator_python, "-c", VALIDATE, url, json.dumps(profile)],
                capture_output=True,
                text=True,
                check=False,
            )
            print(f"recipient {kind}, {label}:", done.stdout.strip() or done.stderr.strip()[-2000:])
    finally:
        server.shutdown()


if __name__ == "__main__":
    for with_base in (True, False):
        main(sys.argv[1], with_base)
