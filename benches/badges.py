"""Open Badges 3.0 speed: issue (build and sign, eddsa-rdfc-2022) and verify 1,000 credentials.

Uses the pure credential module (badges.credentials: openbadgeslib with PyLD, the contexts it
bundles, nothing fetched), so the numbers measure canonicalisation and signatures, not the disk.
Then, end to end through the Django services on an in-memory SQLite database: award (with a
row-locked status index), sign and verify 100 more. Run with `make bench`.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from badges import credentials as ob  # noqa: E402

N = int(os.environ.get("BENCH_BADGES_N", "1000"))
N_DJANGO = 100
SITE = "https://portal.example"


def specs(keys: ob.KeyPair):
    issuer = ob.IssuerSpec(
        id=f"{SITE}/ob/issuers/0b9e0c6e-6f0a-4c55-9d3f-6a4d2b1c9e11.json",
        name="Education Bureau · 教育局",
        url="https://www.edb.gov.hk/",
        verification_method=f"{SITE}/ob/issuers/0b9e0c6e-6f0a-4c55-9d3f-6a4d2b1c9e11.json#key-1",
        public_key_multibase=keys.public_multibase,
    )
    achievement = ob.AchievementSpec(
        id="urn:uuid:8b3c7f0e-2a51-4d7e-9d36-0f3b5c2a9e70",
        name="Higher-order questioning · 高階提問",
        description="Asks questions that make students analyse, evaluate and create.",
        criteria="A mentor approved the performance task.\n\n導師已批核表現任務。",
        image_url=f"{SITE}/ob/badges/8b3c7f0e-2a51-4d7e-9d36-0f3b5c2a9e70/image.png",
        alignments=tuple(
            ob.AlignmentSpec(
                code=code,
                name=f"Indicator {code}",
                url=f"urn:tdl-portal:framework:jyt-0646-2022:indicator:{code}",
                framework="JY/T 0646-2022",
            )
            for code in ("3.2.1", "3.2.2")
        ),
    )
    return issuer, achievement


def award(i: int) -> ob.AwardSpec:
    issued = datetime(2026, 9, 1, 8, 30, tzinfo=UTC) + timedelta(minutes=i)
    return ob.AwardSpec(
        credential_id=f"{SITE}/ob/credentials/{i:08d}-0000-4000-8000-000000000000.json",
        recipient_email=f"teacher{i}@school.example",
        salt=f"{i:016x}",
        issued_at=issued,
        valid_until=issued + timedelta(days=3 * 365),
        status_list_url=f"{SITE}/ob/status/5d1f1d33-42a3-4bb1-a1b2-1c2d3e4f5a6b.json",
        status_index=i,
        evidence=(
            ob.EvidenceSpec(
                id=f"{SITE}/en/tasks/submissions/{i}/",
                name="Performance task approved: Higher-order questioning",
                narrative="Endorsed by Ms Wong, mentor: the open questions rose from 12% to 31%.",
            ),
        ),
    )


def report(label: str, times: list[float]) -> None:
    total = sum(times)
    print(
        f"{label}: {len(times):,} in {total:.2f} s ({len(times) / total:,.0f}/s, "
        f"median {1000 * statistics.median(times):.1f} ms, "
        f"p95 {1000 * sorted(times)[int(0.95 * len(times)) - 1]:.1f} ms each)"
    )


def pure() -> None:
    keys = ob.generate_key_pair()
    issuer, achievement = specs(keys)
    trusted = ob.TrustedIssuer(issuer.id, issuer.verification_method, keys.public_multibase)
    bits = bytes(ob.DEFAULT_SIZE_BITS // 8)
    ob.issue(issuer=issuer, achievement=achievement, award=award(N), private_pem=keys.private_pem)

    issued, sign_times = [], []
    for i in range(N):
        t0 = time.perf_counter()
        issued.append(
            ob.issue(
                issuer=issuer, achievement=achievement, award=award(i), private_pem=keys.private_pem
            )
        )
        sign_times.append(time.perf_counter() - t0)
    report("issue (build + sign)", sign_times)

    verify_times, verdicts = [], []
    for document in issued:
        text = ob.to_json(document).encode("utf-8")
        t0 = time.perf_counter()
        result = ob.verify(
            text,
            find_issuer=lambda _id: trusted,
            find_status_list=lambda _url: bits,
        )
        verify_times.append(time.perf_counter() - t0)
        verdicts.append(result.verdict)
    report("verify", verify_times)
    valid = sum(v is ob.Verdict.VALID for v in verdicts)
    print(f"verdicts: {valid:,} of {N:,} valid")
    if valid != N:
        sys.exit("some issued credentials did not verify")

    t0 = time.perf_counter()
    ob.signed_status_list(
        issuer_id=issuer.id,
        url=f"{SITE}/ob/status/x.json",
        revoked=range(0, ob.DEFAULT_SIZE_BITS, 97),
        private_pem=keys.private_pem,
        verification_method=issuer.verification_method,
        issued=datetime.now(UTC),
    )
    print(
        f"status list (131,072 entries, 1,352 revoked) signed in {1000 * (time.perf_counter() - t0):.0f} ms"
    )


def end_to_end() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ["DATABASE_URL"] = "sqlite:///:memory:"
    os.environ.pop("CELERY_BROKER_URL", None)
    import logging

    import django

    django.setup()
    # Signing runs as an in-process Celery task here; its per-task log lines are noise.
    logging.getLogger("celery").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0, interactive=False)
    from accounts.models import User
    from badges import selectors, services
    from badges.models import BadgeClass

    issuer = services.create_issuer(name_en="Education Bureau", url="https://www.edb.gov.hk/")
    badge = BadgeClass.objects.create(
        slug="bench",
        issuer=issuer,
        name_en="Bench badge",
        description_en="For the bench.",
        criteria_en="Run it.",
        is_published=True,
    )
    users = [User.objects.create_user(f"bench{i}@school.example") for i in range(N_DJANGO)]
    award_times, verify_times = [], []
    for user in users:
        t0 = time.perf_counter()
        with transaction.atomic():
            credential, _ = services.award_badge(user=user, badge_class=badge, source_key="bench")
        credential = services.sign_credential(credential=credential)
        award_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = selectors.verify_credential(credential.document)
        verify_times.append(time.perf_counter() - t0)
        if not result.is_valid:
            sys.exit(f"credential {credential.pk} did not verify: {result}")
    report("django: award + sign", award_times)
    report("django: verify (keys and status from the database)", verify_times)


def main() -> None:
    pure()
    end_to_end()


if __name__ == "__main__":
    main()
