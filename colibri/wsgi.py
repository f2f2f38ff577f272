"""WSGI entry point (waitress in `colibri run`, any WSGI server in production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
application = get_wsgi_application()
