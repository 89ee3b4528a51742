"""Local development: the embedded runtime with debugging on."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env, local_secret_key

DEBUG = env.bool("DJANGO_DEBUG", default=True)

SECRET_KEY = SECRET_KEY or local_secret_key()
