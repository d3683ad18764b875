"""gunicorn settings for production: `gunicorn "app:create_app()"` reads this file.

Live games hold one open push connection (Server-Sent Events) per phone and projector, for
the whole game. gevent workers serve each connection as a greenlet, so one process holds
thousands of them while ordinary requests still get served: a waiting stream costs a few
kilobytes, not a thread.

Processes: live-game notifications cross processes through Redis. Without REDIS_URL (the
embedded default, usually with SQLite) there must be one worker, so that every stream
hears every change; with Redis, one worker per core.

Every setting can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

import gunicorn.http.wsgi
from gunicorn import glogging

from app.core.http import LOG_PATH_KEY

bind = os.environ.get(
    "BIND", "127.0.0.1:8000"
)  # behind a reverse proxy (nginx) that terminates TLS
worker_class = os.environ.get("WORKER_CLASS", "gevent")
worker_connections = int(os.environ.get("WORKER_CONNECTIONS", 10000))  # open connections per worker
_default_workers = multiprocessing.cpu_count() if os.environ.get("REDIS_URL") else 1
workers = int(os.environ.get("WEB_CONCURRENCY", _default_workers))
timeout = 30  # a worker that stops answering its heartbeat for this long is restarted
graceful_timeout = 30
keepalive = 75  # phones reuse their connection between questions (nginx's upstream keeps 60 s)
# Recycling a worker would cut every game stream it holds, so it is off unless asked for.
max_requests = int(os.environ.get("MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
raw_env = ["APP_ENV=production"]
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log without query strings (invitation tokens), and with the secret segments of
# paths redacted (ballot links, calendar feeds, check-in tokens, PINs): the app leaves the
# redacted path in the environ (app/core/http.py, mark_log_path) and the logger writes it.
accesslog = os.environ.get("ACCESS_LOG", "-")
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class RedactingLogger(glogging.Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = environ.get(LOG_PATH_KEY, atoms["U"])
        return atoms


logger_class = RedactingLogger

# No version banner: the Server header says only "web" (gunicorn has no setting for it;
# its responses read the name from this module global).
gunicorn.http.wsgi.SERVER = "web"
