"""The XBlock SDK workbench's settings, minus the apps the workbench's own tests need and
our environment does not install (djpyfs) and its log file."""

from workbench.settings import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "djpyfs"]  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}
