from accounts.personal_data import Erasure, registry
from badges.models import BadgeClass, Credential

registry.register(
    Credential,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose=(
        "Badges awarded to you, as signed Open Badges credentials, and whether you share them. "
        "Copies you downloaded stay valid; their revocation status is kept apart from your data."
    ),
    also_anonymise=("revoked_by",),
    exclude_fields=("salt",),
)
registry.exempt(
    BadgeClass,
    reason="Badge definitions and their images are authored content about an achievement, not a person.",
)
