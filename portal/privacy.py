"""Personal data held by the frameworks the portal is built on (Wagtail, allauth, Django admin)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.admin.models import LogEntry
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents.models import Document
from wagtail.images.models import Image, Rendition
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from accounts.personal_data import Erasure, registry

_CONTENT = (
    "Content you edited for the portal belongs to the portal; erasure removes your name from it."
)

registry.register(
    EmailAddress,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Your e-mail addresses and whether each is verified.",
)
registry.register(
    Authenticator,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Your two-step sign-in devices (secrets are never exported).",
    exclude_fields=("data",),
)
registry.register(
    SocialAccount,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Microsoft or Google accounts you connected for signing in.",
    exclude_fields=("extra_data",),
)
registry.register(
    LogEntry,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Changes you made in the Django administration.",
)
registry.register(
    UserProfile,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Your preferences in the content administration.",
)
registry.register(
    EditingSession,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Pages you had open in the content administration.",
)
registry.register(
    Page, user_paths=("owner", "locked_by"), erasure=Erasure.ANONYMISE, purpose=_CONTENT
)
registry.register(Revision, user_paths=("user",), erasure=Erasure.ANONYMISE, purpose=_CONTENT)
registry.register(PageLogEntry, user_paths=("user",), erasure=Erasure.ANONYMISE, purpose=_CONTENT)
registry.register(ModelLogEntry, user_paths=("user",), erasure=Erasure.ANONYMISE, purpose=_CONTENT)
registry.register(
    WorkflowState, user_paths=("requested_by",), erasure=Erasure.ANONYMISE, purpose=_CONTENT
)
registry.register(
    TaskState, user_paths=("finished_by",), erasure=Erasure.ANONYMISE, purpose=_CONTENT
)
registry.register(
    Comment,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    also_anonymise=("resolved_by",),
    purpose="Comments you wrote on draft pages.",
)
registry.register(
    CommentReply,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Replies you wrote to comments on draft pages.",
)
registry.register(
    PageSubscription,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Pages whose comments you follow.",
)
registry.register(
    Image, user_paths=("uploaded_by_user",), erasure=Erasure.ANONYMISE, purpose=_CONTENT
)
registry.register(
    Document, user_paths=("uploaded_by_user",), erasure=Erasure.ANONYMISE, purpose=_CONTENT
)
registry.register(
    UploadedFile,
    user_paths=("uploaded_by_user",),
    erasure=Erasure.DELETE,
    purpose="Files you had started uploading to the content administration.",
)
registry.exempt(Rendition, reason="Resized copies of CMS images; they follow their image.")
registry.register(
    FormState,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Unsaved form input the content administration kept for you.",
)
registry.register(
    APIToken,
    user_paths=("user",),
    erasure=Erasure.DELETE,
    purpose="Access tokens you created for the content API (secrets are never exported).",
    exclude_fields=("key_hash",),
)
