"""Gunicorn, the production web server (ADR 0014): `make serve`, deploy/lived-web.service, the container.

    gunicorn -c lived/config/gunicorn.conf.py

Every value comes from the environment (docs/deployment.md); a command-line flag still wins.
Sync workers: each request has a process of its own, so one slow page or a killed worker never takes
another request's half-done work with it, and a process is the unit a provider scales by.
"""

import gc
import os
import sys
from pathlib import Path

# The checkout, so `gunicorn -c /srv/lived/lived/config/gunicorn.conf.py` works from any directory.
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
chdir = str(ROOT)

from lived.config.env import env_bool, env_int, env_list, env_str  # noqa: E402

wsgi_app = "lived.config.wsgi:application"
# Loopback by default: the reverse proxy (TLS, the public address) sits in front on the same machine.
bind = env_list("GUNICORN_BIND", ["127.0.0.1:8000"])

# Workers: GUNICORN_WORKERS, else WEB_CONCURRENCY (the name platforms set), else 2 × cores + 1, the
# Gunicorn guidance (5 on a 2-core machine: one process waits on the database while another hashes
# a password).
workers = env_int(
    "GUNICORN_WORKERS", env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1, minimum=1), minimum=1
)
# Python's garbage collector looks at its youngest objects after every 700 new ones. A page builds
# thousands of model instances and template objects, nearly all freed by reference counting when the
# request ends, so most of those looks find nothing to collect. Fewer, larger ones: about 4% less CPU
# a request over the load run's mix of pages, measured in one process (benchmarks/load/pages.py --gc
# 50000,50,100; benchmarks/RESULTS.md); a worker holds a few MB more between collections.
GC_THRESHOLD = (50_000, 50, 100)


def post_fork(server, worker):
    gc.set_threshold(*GC_THRESHOLD)


# A worker silent this long is killed and replaced; its request's transaction is rolled back.
timeout = env_int("GUNICORN_TIMEOUT", 30, minimum=1)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = env_int("GUNICORN_KEEPALIVE", 5, minimum=0)
# Each worker is replaced after about this many requests (jittered so they do not restart together),
# so a slow leak never grows without end.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000, minimum=0)
max_requests_jitter = max_requests // 10

# Only the proxy's addresses may say the request came in over HTTPS (X-Forwarded-Proto). The proxy
# must overwrite that header, never pass on the browser's.
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The access log goes to stdout with the path only: a query string can hold a search for a person's
# name, and a referrer carries someone else's query string, so neither is written. Paths hold only
# random public ids.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")

# Gunicorn's control socket lives at one path per user ($HOME/.gunicorn/gunicorn.ctl), so two
# servers on one machine would fight over it; Lived does not use it. GUNICORN_CONTROL_SOCKET=true
# turns it back on.
control_socket_disable = not env_bool("GUNICORN_CONTROL_SOCKET", False)
