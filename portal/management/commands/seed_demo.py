"""Demo content and one account for every role, created idempotently.

Running it twice changes nothing; the log-ins are printed each time.
"""

from __future__ import annotations

from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale, Page, Site

from accounts.mfa import mfa_required_for
from accounts.models import Institution, Membership, Role, School, TeacherProfile, User
from assessments.services import load_default_instrument, load_default_tasks
from badges.services import load_default_badges
from competencies.services import load_bundled
from courses.starter import load_starter_courses
from portal.models import HomePage, Menu, MenuItem, SiteSettings, StandardPage

DEMO_PASSWORD = "tdl-demo-2026"  # noqa: S105 - printed demo log-in, never used outside seed data

SCHOOLS = [
    {
        "name_en": "Harbour View Primary School",
        "name_zh": "海景小學",
        "district": "eastern",
        "level": School.Level.PRIMARY,
        "finance_type": School.FinanceType.AIDED,
        "sponsoring_body": "Harbour Education Foundation",
    },
    {
        "name_en": "Lion Rock Secondary College",
        "name_zh": "獅子山中學",
        "district": "wong_tai_sin",
        "level": School.Level.SECONDARY,
        "finance_type": School.FinanceType.DIRECT_SUBSIDY,
        "sponsoring_body": "Lion Rock Schools Council",
    },
]

INSTITUTION = {
    "name_en": "Hong Kong Institute of Teacher Education (demo)",
    "name_zh": "香港師資培訓學院（示範）",
    "short_name": "HKITE",
}

# email, English name, Chinese name, school index or None, role or platform role, profile
USERS = [
    (
        "teacher@demo.tdl.hk",
        "Chan Siu Ming",
        "陳小明",
        0,
        Role.TEACHER,
        {"subjects": "English, General Studies", "years_of_experience": 6, "rank": "apsm"},
    ),
    (
        "mentor@demo.tdl.hk",
        "Wong Mei Ling",
        "黃美玲",
        0,
        Role.MENTOR,
        {"subjects": "English", "years_of_experience": 15, "rank": "psm"},
    ),
    (
        "principal@demo.tdl.hk",
        "Lee Ka Wai",
        "李家慧",
        0,
        Role.PRINCIPAL,
        {"years_of_experience": 25},
    ),
    ("schooladmin@demo.tdl.hk", "Ho Wing Sze", "何詠詩", 0, Role.SCHOOL_ADMIN, {}),
    (
        "teacher2@demo.tdl.hk",
        "Cheung Tsz Hin",
        "張子軒",
        1,
        Role.TEACHER,
        {"subjects": "Mathematics, ICT", "years_of_experience": 3, "rank": "gm"},
    ),
    (
        "principal2@demo.tdl.hk",
        "Lam Chi Keung",
        "林志強",
        1,
        Role.PRINCIPAL,
        {"years_of_experience": 22},
    ),
    (
        "preservice@demo.tdl.hk",
        "Yip Hoi Yan",
        "葉凱欣",
        None,
        "",
        {"stage": "pre_service", "rank": "student_teacher", "subjects": "Chinese Language"},
    ),
    (
        "edb@demo.tdl.hk",
        "EDB Officer (demo)",
        "教育局主任（示範）",
        None,
        User.PlatformRole.EDB_ADMIN,
        {},
    ),
    ("reviewer@demo.tdl.hk", "Ng Pui Shan", "吳佩珊", None, User.PlatformRole.REVIEWER, {}),
]

HOME = {
    "en": {
        "title": "Teacher Digital Literacy Portal",
        "intro": "Grow your digital literacy with self-assessment against the national framework (JY/T 0646-2022), "
        "courses, and private analysis of your own recorded lessons: who talks, what questions are asked, and how "
        "you build on students' ideas.",
        "cta": "Sign in to start",
        "cards": [
            (
                "Know where you stand",
                "A self-assessment across 5 dimensions, 13 sub-dimensions and 33 indicators.",
            ),
            (
                "Learn from your own lessons",
                "Upload a recording or transcript; get a report on classroom talk within minutes, private to you until you share it.",
            ),
            (
                "Get recognised",
                "Verifiable Open Badges for completed tasks and courses, and a path to teaching awards.",
            ),
        ],
        "about": ("About the portal", "Who the portal is for and how it treats your data."),
        "privacy": (
            "Privacy notice",
            "How the portal protects teachers' and students' personal data.",
        ),
    },
    "zh-hant": {
        "title": "教師數字素養平台",
        "intro": "對照國家標準（JY/T 0646-2022）進行自我評估、修讀課程，並私下分析自己的課堂錄影：誰在說話、提出了甚麼問題、如何回應學生的想法。",
        "cta": "登入開始",
        "cards": [
            ("了解自己的起點", "涵蓋 5 個維度、13 個二級維度及 33 項指標的自我評估。"),
            (
                "從自己的課堂學習",
                "上載錄影或文字稿，數分鐘內取得課堂對話分析報告；未經分享，只有你本人可以查看。",
            ),
            ("獲得認可", "完成任務及課程可獲可驗證的開放徽章，並可申請教學獎項。"),
        ],
        "about": ("關於本平台", "本平台的服務對象及資料處理方式。"),
        "privacy": ("私隱政策", "本平台如何保障教師及學生的個人資料。"),
    },
}

ABOUT_BODY = {
    "en": "The portal is built for Hong Kong's pre-service and in-service teachers, their mentors and principals, and "
    "the Education Bureau. Every piece of evidence — self-assessment, course progress, lesson analysis — is mapped "
    "to the indicators of the Teacher Digital Literacy standard.",
    "zh-hant": "本平台為香港的職前及在職教師、導師、校長及教育局而設。自我評估、課程進度及課堂分析等所有證據，均對應《教師數字素養》標準的指標。",
}
PRIVACY_BODY = {
    "en": "Students are never users of the portal, but their voices and names can appear in lesson recordings. "
    "Recordings are deleted after transcription by default, student names are replaced with placeholders in stored "
    "transcripts, and everything about a lesson is private to its teacher until the teacher shares it. You can "
    "download or erase your personal data at any time, in line with the Personal Data (Privacy) Ordinance.",
    "zh-hant": "學生不是本平台的用戶，但他們的聲音和姓名可能出現在課堂錄影中。錄影在轉錄後預設會被刪除，儲存的文字稿會以代號取代學生姓名，"
    "而課堂的一切資料在教師分享前只有教師本人可以查看。你可隨時下載或刪除你的個人資料，符合《個人資料（私隱）條例》的要求。",
}


DEMO_TEACHER = "teacher@demo.tdl.hk"
DEMO_LESSON = Path(__file__).resolve().parents[2] / "demo" / "lesson-fractions-p4.txt"
DEMO_LESSON_TITLE = "Comparing fractions (P4, demo)"


def _paragraph(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class Command(BaseCommand):
    help = (
        "Create demo schools, content and one account per role (idempotent) and print the log-ins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", default=DEMO_PASSWORD, help="Password for every demo account."
        )
        parser.add_argument("--quiet", action="store_true", help="Do not print the log-ins.")

    @transaction.atomic
    def handle(self, *args, password: str, quiet: bool, **options) -> None:
        locales = {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code, _ in settings.LANGUAGES
        }
        home = self._site(locales)
        # The framework, the self-assessment and the performance tasks that ship with the portal.
        load_bundled()
        load_default_instrument()
        tasks = load_default_tasks()
        # The Education Bureau issuer and the badges that ship with the portal.
        load_default_badges()
        # The starter courses, and the catalogue in each language's main menu.
        load_starter_courses(home=home)
        self._courses_menu(locales)
        schools = [self._school(data) for data in SCHOOLS]
        institution, _ = Institution.objects.get_or_create(
            name_en=INSTITUTION["name_en"], defaults=INSTITUTION
        )
        rows = []
        for email, name, name_zh, school_index, role, profile in USERS:
            user = self._user(
                email,
                name,
                name_zh,
                password,
                role if school_index is None else "",
                profile,
                institution,
            )
            if school_index is not None:
                Membership.objects.get_or_create(
                    user=user, school=schools[school_index], defaults={"role": role}
                )
            secret = self._mfa(user)
            rows.append(
                (
                    email,
                    role or "teacher (pre-service)",
                    schools[school_index].name_en if school_index is not None else "—",
                    secret,
                )
            )
        self._demo_lesson(User.objects.get(email=DEMO_TEACHER))
        if not quiet:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo ready: home page “{home.title}”, {len(schools)} schools, {len(rows)} accounts,"
                    f" the JY/T 0646-2022 framework, the self-assessment and {len(tasks)} tasks."
                )
            )
            self.stdout.write(f"Every demo account's password: {password}")
            self.stdout.write(
                "Accounts with a second factor: run `python manage.py demo_totp EMAIL` for the current code,"
            )
            self.stdout.write("or add the secret below to an authenticator app.\n")
            for email, role, school, secret in rows:
                mfa = f"TOTP secret {secret}" if secret else "no second factor"
                self.stdout.write(f"  {email:28} {role:14} {school:30} {mfa}")

    def _site(self, locales: dict[str, Locale]) -> HomePage:
        root = Page.get_first_root_node()
        # Wagtail's own welcome page makes way for ours.
        for page in Page.objects.filter(depth=2).not_type(HomePage):
            Site.objects.filter(root_page=page).delete()
            page.delete()
        home = HomePage.objects.filter(locale=locales["en"]).first()
        if home is None:
            home = HomePage(title=HOME["en"]["title"], slug="home", locale=locales["en"])
            root.add_child(instance=home)
        self._fill_home(home, "en")
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "TDL Portal",
            },
        )
        about_en = self._child(home, "about", StandardPage, HOME["en"]["about"], ABOUT_BODY["en"])
        privacy_en = self._child(
            home, "privacy", StandardPage, HOME["en"]["privacy"], PRIVACY_BODY["en"]
        )
        zh_home = self._translate(home, locales["zh-hant"])
        self._fill_home(zh_home, "zh-hant")
        for page, key, body in (
            (about_en, "about", ABOUT_BODY),
            (privacy_en, "privacy", PRIVACY_BODY),
        ):
            zh = self._translate(page, locales["zh-hant"])
            if zh.title == HOME["zh-hant"][key][0]:
                continue
            zh.title, zh.intro = HOME["zh-hant"][key]
            zh.body = _paragraph(body["zh-hant"])
            zh.save_revision().publish()
        self._menus(locales, home, about_en, privacy_en)
        settings_obj = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if not settings_obj.footer_note_en:
            settings_obj.footer_note_en = (
                "A demonstration of the TDL Portal. Demo data only: no real teachers or students."
            )
            settings_obj.footer_note_zh = "TDL 平台示範。只含示範資料，並無真實教師或學生。"
            settings_obj.contact_email = "support@demo.tdl.hk"
            settings_obj.privacy_contact = "privacy@demo.tdl.hk"
            settings_obj.save()
        return home

    def _fill_home(self, home: HomePage, lang: str) -> None:
        text = HOME[lang]
        if home.intro == text["intro"]:
            return
        home.title, home.intro, home.call_to_action = text["title"], text["intro"], text["cta"]
        home.body = [
            {
                "type": "cards",
                "value": {
                    "heading": "",
                    "cards": [
                        {"title": t, "text": d, "page": None, "url": "", "link_text": ""}
                        for t, d in text["cards"]
                    ],
                },
            }
        ]
        home.save_revision().publish()

    def _child(
        self, parent: Page, slug: str, model, title_intro: tuple[str, str], body: str
    ) -> Page:
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(title=title_intro[0], intro=title_intro[1], slug=slug, body=_paragraph(body))
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _translate(self, page: Page, locale: Locale) -> Page:
        existing = page.get_translation_or_none(locale)
        if existing:
            return existing.specific
        return page.copy_for_translation(locale, copy_parents=True, alias=False).specific

    def _menus(self, locales: dict[str, Locale], home: Page, about: Page, privacy: Page) -> None:
        labels = {"en": ("Home", "About", "Privacy"), "zh-hant": ("主頁", "關於", "私隱政策")}
        for lang, (home_label, about_label, privacy_label) in labels.items():
            for slug, items in (
                ("main", [(home_label, home), (about_label, about)]),
                ("footer", [(about_label, about), (privacy_label, privacy)]),
            ):
                menu, created = Menu.objects.get_or_create(
                    slug=slug, locale=locales[lang], defaults={"title": slug.title()}
                )
                if not created:
                    continue
                for order, (title, page) in enumerate(items):
                    MenuItem.objects.create(
                        menu=menu, title=title, link_page=page, sort_order=order
                    )

    def _demo_lesson(self, teacher: User) -> None:
        """One analysed lesson (an authored transcript, no real pupils) so that the lesson report and
        the performance tasks can be tried at once."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from lessons import services as lesson_services
        from lessons.models import Lesson

        if Lesson.objects.filter(teacher=teacher, title=DEMO_LESSON_TITLE).exists():
            return
        lesson = lesson_services.create_lesson(
            teacher=teacher,
            upload=SimpleUploadedFile(DEMO_LESSON.name, DEMO_LESSON.read_bytes()),
            title=DEMO_LESSON_TITLE,
            consent=True,
            subject="Mathematics",
            class_level="P4",
        )
        roles = {s.pk: s.proposed_role for s in lesson.speakers.all()}
        lesson_services.confirm_speakers(lesson=lesson, roles=roles, by=teacher)
        lesson_services.run_analysis(lesson=Lesson.objects.get(pk=lesson.pk))

    def _courses_menu(self, locales: dict[str, Locale]) -> None:
        from courses.models import CourseCataloguePage

        catalogue = CourseCataloguePage.objects.filter(locale=locales["en"]).first()
        for lang, label in (("en", "Courses"), ("zh-hant", "課程")):
            menu = Menu.objects.filter(slug="main", locale=locales[lang]).first()
            page = catalogue.get_translation_or_none(locales[lang]) if catalogue else None
            if menu is None or page is None or menu.items.filter(link_page=page).exists():
                continue
            MenuItem.objects.create(
                menu=menu, title=label, link_page=page, sort_order=menu.items.count()
            )

    def _school(self, data: dict) -> School:
        school, _ = School.objects.get_or_create(
            name_en=data["name_en"], district=data["district"], defaults=data
        )
        return school

    def _user(self, email, name, name_zh, password, platform_role, profile, institution) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=password, full_name=name, name_zh=name_zh
            )
        if platform_role and user.platform_role != platform_role:
            user.platform_role = platform_role
            user.is_staff = platform_role == User.PlatformRole.EDB_ADMIN
            user.is_superuser = platform_role == User.PlatformRole.EDB_ADMIN
            user.save(update_fields=["platform_role", "is_staff", "is_superuser"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        defaults = dict(profile)
        if defaults.get("stage") == "pre_service":
            defaults["institution"] = institution
        TeacherProfile.objects.get_or_create(user=user, defaults=defaults)
        return user

    def _mfa(self, user: User) -> str:
        if not mfa_required_for(user):
            return ""
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            authenticator = TOTP.activate(user, generate_totp_secret()).instance
        return decrypt(authenticator.data["secret"])
