"""WSGI entry point (waitress in `colibri run`, any WSGI server in production)."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 (the settings module is named just above)

# Refused at start-up rather than at the first login: a server without a secret key must not run
# (settings.py leaves it empty outside tests and DEBUG when none is set).
try:
    settings.SECRET_KEY  # noqa: B018 (Django raises on an empty key when it is read)
except ImproperlyConfigured as exc:
    raise ImproperlyConfigured(settings.SECRET_KEY_HELP) from exc
