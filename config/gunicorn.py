"""gunicorn's settings for `make serve` and the topology exercise; each can be overridden
from the environment (gunicorn reads GUNICORN_CMD_ARGS as well).

Sync workers, one request at a time per process: Django's ORM and the Typst renderer are
blocking code, and a process per request in flight keeps one slow PDF from holding up a page.
"""

import gc
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two per core is the usual start; each worker holds its own database pool (DATABASE_POOL_MAX).
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
# A worker is replaced after this many requests (spread so that they do not all restart at
# once): the memory a long-lived process gathers (caches, fragmentation) is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# A request that takes longer is cut off and its worker replaced (the largest Bilanz PDF
# renders in well under a second; imports of 10 MB are parsed in a few).
# The application is imported once in the master and the workers are forked from it: the code
# and everything imported at start is shared between them (a worker after load: RSS 140 -> 124
# MB, private memory 106 -> 85 MB), and a recycled worker starts at once. Nothing connects to
# the database or Redis while importing, so no connection or pool crosses the fork. Code
# changes then need a restart, not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# The application writes one line per request itself (teilhabe.core.request_log, with the
# client address as it sees it behind the proxy); gunicorn's access log would double it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn itself believes X-Forwarded-* only from these peers (the same list as the app's).
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1") or "127.0.0.1"


def when_ready(server):
    """With the application preloaded: load the views, URL patterns, translations and templates
    in the master too, so that the workers share them (teilhabe.core.warmup)."""
    if preload_app:
        from teilhabe.core.warmup import warm

        server.log.info("Vorgeladen: %s", warm())


def pre_fork(server, worker):
    """Objects made while loading the application move to a permanent generation before each
    fork: a worker's garbage collections no longer walk them (a full collection over them took
    about 100 ms in the middle of a request), and the collector no longer writes to their pages,
    which thus stay shared with the master instead of being copied into every worker."""
    gc.freeze()
