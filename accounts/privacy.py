from accounts.models import Invitation, Membership, TeacherProfile, User
from accounts.personal_data import Erasure, registry

registry.register(
    User,
    user_paths=("pk",),
    erasure=Erasure.DELETE,
    purpose="Your account: e-mail address, names, language and roles.",
    exclude_fields=("password",),
)
registry.register(
    Membership,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="The schools you belong to and your role at each.",
)
registry.register(
    TeacherProfile,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Your teaching profile: stage, subjects, experience and rank.",
)
registry.register(
    Invitation,
    user_paths=("invited_by",),
    erasure=Erasure.ANONYMISE,
    purpose="Invitations you sent; the school keeps them without your name.",
)
