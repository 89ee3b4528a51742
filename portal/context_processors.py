from django.http import HttpRequest

from portal.models import Menu


def navigation(request: HttpRequest) -> dict[str, object]:
    if request.path_info.startswith(("/cms/", "/django-admin/")):
        return {}
    return {
        "main_menu": lambda: Menu.for_active_locale("main"),
        "footer_menu": lambda: Menu.for_active_locale("footer"),
    }
