"""Access: who may try to log in how often, what the admin may change, what browsers may cache.

- `admin_apps.ReadOnlyAdminConfig` replaces `django.contrib.admin`: every model registered on the admin site,
  Colibri's or a library's (users, groups, tasks, login attempts), is shown read-only, so a role
  change or a new superuser can only be made through the actions (with their audit rows).
- `NoStoreMiddleware` keeps pages shown to a logged-in volunteer out of every cache.
- The login throttling itself is django-axes (settings.AXES_*), with a French lockout page here.
"""
