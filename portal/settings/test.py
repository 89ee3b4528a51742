"""Test settings: the embedded runtime unless DATABASE_URL / CELERY_BROKER_URL point elsewhere."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, local_secret_key

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = str(VAR_DIR / "test-media")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True

SECRET_KEY = SECRET_KEY or local_secret_key()
