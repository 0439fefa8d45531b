"""Gunicorn's settings for the portal in production: ``make serve`` and the systemd unit of docs/deploy.md.

Gunicorn reads this file from the working directory. Every value can be changed from the environment (the
service's environment file), so the same file serves a 2-core intranet server and a larger one.
"""

import os

# Where nginx sends the requests: loopback by default; a unix socket is "unix:/run/emulation-portal/gunicorn.sock".
bind = os.environ.get("BIND", "127.0.0.1:8000")

# Synchronous workers: pages are short database work (tens of milliseconds); a PDF takes up to a few seconds.
# Two per core plus one is gunicorn's advice; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
worker_class = "sync"
# The year-end documents of a large Sở take seconds; nginx's proxy_read_timeout is set to the same.
timeout = int(os.environ.get("WEB_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so that no slow leak grows for months.
max_requests = 2000
max_requests_jitter = 200

# The application is loaded once, then the workers fork: a wrong setting stops the start, not each worker.
preload_app = True

# Logs go to standard output and error, where systemd's journal keeps them; one line per request: the
# connection's address, the browser's behind nginx (X-Forwarded-For), the request, status, bytes, milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s %({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

# nginx on the same machine is the only proxy whose X-Forwarded-* headers are believed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Gunicorn's control socket (in the service user's home) is not used: systemd sends the signals.
control_socket_disable = True
