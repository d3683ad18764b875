"""gunicorn settings for production: `gunicorn "app:create_app()"` reads this file.

Every setting can be overridden on the command line or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")  # behind a reverse proxy (nginx) that terminates TLS
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("THREADS", 4))
timeout = 30
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then, so a slow leak never grows large
max_requests_jitter = 200
raw_env = ["APP_ENV=production"]
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log without query strings: invitation tokens and the like never reach the logs.
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
