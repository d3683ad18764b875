"""The access log of a real gunicorn (the repository's gunicorn.conf.py) never holds a
secret: ballot links, team and judge links, calendar-feed tokens, check-in tokens and PINs are redacted (issue 18,
finding 5); and its answers carry no version banner (finding 13)."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.live.test_multiprocess import free_port, wait_until_up

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SECRETS = (
    "Gj_ballot-secret-123",
    "feed-secret-456",
    "qr-secret-789",
    "314159",
    "team-secret-246",
    "judge-secret-135",
)


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_gunicorn_logs_paths_with_their_secrets_redacted(app, tmp_path):
    port, log = free_port(), tmp_path / "access.log"
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": "access-log-test-secret-key-" + "x" * 16,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SESSION_COOKIE_SECURE": "0",
        "PUBLIC_BASE_URL": "https://adaldyq.example.kz",
        "RATELIMIT_ENABLED": "0",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "ACCESS_LOG": str(log),
    }
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:create_app()"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(port, process)
        base = f"http://127.0.0.1:{port}"
        ballot, feed, qr, pin, team, judge = SECRETS
        paths = (f"/ballot/1/2/{ballot}", f"/events/feed/{feed}.ics", f"/e/1/{qr}")
        for path in (*paths, f"/team/1/{team}", f"/judge/1/{judge}"):
            _get(base + path)
        status, headers = _get(f"{base}/join/{pin}")
        assert status == 200
        assert headers["Server"] == "web"
        for _ in range(50):  # the log is written as each answer goes out
            if log.read_text().count("\n") >= 7:
                break
            time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()
    lines = log.read_text()
    assert not [secret for secret in SECRETS if secret in lines], lines
    redacted_paths = ("/ballot/1/2/redacted", "/events/feed/redacted.ics", "/e/1/redacted")
    for redacted in (*redacted_paths, "/team/1/redacted", "/judge/1/redacted"):
        assert f'"GET {redacted}"' in lines, lines
    assert '"GET /join/redacted" 200' in lines
