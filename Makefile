# The two commands of the quick start: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run serve test screenshots install messages check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Compiled translations are build output: made from locale/vi/LC_MESSAGES/django.po.
messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: messages
	DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production mode on this machine: gunicorn, DEBUG off, static files collected and served compressed by
# WhiteNoise. Settings come from the environment (DATABASE_URL for PostgreSQL); a local secret key is made once in
# var/serve.env, with plain HTTP on loopback (HTTPS=0). docs/deploy.md puts nginx and systemd around it.
serve: messages
	@test -f var/serve.env || (umask 077; printf 'SECRET_KEY=%s\nALLOWED_HOSTS=127.0.0.1,localhost\nHTTPS=0\n' \
		"$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" > var/serve.env)
	set -a && . ./var/serve.env && set +a && \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py seed_demo --if-empty && \
	BIND=127.0.0.1:$(PORT) exec $(BIN)/gunicorn emulation_portal.wsgi

test: messages
	$(BIN)/pytest $(PYTEST_ARGS)

# The key pages of each role on the demo year, as PNG files in docs/screenshots/ (needs Chromium).
screenshots: messages
	PORTAL_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q -p no:cacheprovider tests/browser/test_key_pages.py

clean:
	rm -rf $(VENV) var/portal.sqlite3 var/staticfiles
