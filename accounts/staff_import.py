"""Reading a school's staff list from CSV: pure parsing and validation, no database.

The result is a list of rows, each either valid (with cleaned values) or carrying the errors a
school administrator needs to fix it. Nothing is written here; ``services.apply_staff_import``
writes the valid rows once the administrator has seen the preview and confirmed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

#: Columns the file must have (and at least one of the two name columns); the rest is optional.
REQUIRED_COLUMNS = ("email",)
NAME_COLUMNS = ("full_name", "name_zh")
OPTIONAL_COLUMNS = (
    "full_name",
    "name_zh",
    "role",
    "stage",
    "subjects",
    "years_of_experience",
    "rank",
)
#: Roles a school may give through a staff list. A principal is appointed by an administrator.
IMPORTABLE_ROLES = ("teacher", "mentor", "school_admin")
STAGES = ("in_service", "pre_service")
MAX_ROWS = 2000
MAX_BYTES = 1024 * 1024

_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


class StaffFileError(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class StaffRow:
    line: int
    email: str
    full_name: str = ""
    name_zh: str = ""
    role: str = "teacher"
    stage: str = "in_service"
    subjects: str = ""
    years_of_experience: int | None = None
    rank: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def decode_staff_file(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise StaffFileError(_("The file is larger than 1 MB. Split it into smaller files."))
    # Excel saves "CSV UTF-8" with a byte-order mark, "Unicode text" as UTF-16 with one, and
    # older Hong Kong set-ups save Big5-HKSCS.
    encodings = (
        ["utf-16"] if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ["utf-8-sig", "big5hkscs"]
    )
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ord(c) < 32 and c not in "\t\r\n" for c in text):
            return text
    raise StaffFileError(
        _("The file is not readable text. Save it from your spreadsheet as “CSV UTF-8”.")
    )


def parse_staff_csv(text: str, *, valid_ranks: frozenset[str]) -> list[StaffRow]:
    """Parse and validate every row; raise StaffFileError only when no row can be read."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise StaffFileError(_("The file is empty."))
    columns = [(name or "").strip().lower() for name in reader.fieldnames]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if not any(c in columns for c in NAME_COLUMNS):
        missing.append(" / ".join(NAME_COLUMNS))
    if missing:
        raise StaffFileError(
            _(
                "Columns missing from the first row: %(columns)s. The first row must hold column names."
            )
            % {"columns": ", ".join(f"“{c}”" for c in missing)}
        )
    reader.fieldnames = columns

    rows: list[StaffRow] = []
    seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        if len(rows) >= MAX_ROWS:
            raise StaffFileError(
                _("The file has more than %(max)d rows. Split it into smaller files.")
                % {"max": MAX_ROWS}
            )
        values = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(values.values()):
            continue
        row = StaffRow(line=line, email=values.get("email", "").lower())
        row.full_name = values.get("full_name", "")
        row.name_zh = values.get("name_zh", "")
        row.subjects = values.get("subjects", "")
        _validate(row, values, valid_ranks)
        if row.email in seen:
            row.errors.append(
                _("This e-mail address already appears on line %(line)d.")
                % {"line": seen[row.email]}
            )
        elif row.email:
            seen[row.email] = line
        rows.append(row)
    if not rows:
        raise StaffFileError(_("The file has column names but no staff rows."))
    return rows


def _validate(row: StaffRow, values: dict[str, str], valid_ranks: frozenset[str]) -> None:
    if not row.email:
        row.errors.append(_("The e-mail address is missing."))
    elif not _EMAIL.match(row.email) or len(row.email) > 254:
        row.errors.append(_("“%(email)s” is not a valid e-mail address.") % {"email": row.email})
    if not row.full_name and not row.name_zh:
        row.errors.append(_("Give a name in English (full_name) or Chinese (name_zh)."))
    if len(row.full_name) > 150 or len(row.name_zh) > 50:
        row.errors.append(_("The name is too long."))

    role = values.get("role", "").lower().replace(" ", "_") or "teacher"
    if role not in IMPORTABLE_ROLES:
        row.errors.append(
            _("Unknown role “%(role)s”: use one of %(roles)s.")
            % {"role": values.get("role", ""), "roles": ", ".join(IMPORTABLE_ROLES)}
        )
    else:
        row.role = role

    stage = values.get("stage", "").lower().replace("-", "_").replace(" ", "_") or "in_service"
    if stage not in STAGES:
        row.errors.append(
            _("Unknown stage “%(stage)s”: use in_service or pre_service.")
            % {"stage": values.get("stage", "")}
        )
    else:
        row.stage = stage

    years = values.get("years_of_experience", "")
    if years:
        try:
            row.years_of_experience = int(years)
        except ValueError:
            row.errors.append(
                _("Years of experience must be a whole number, not “%(value)s”.") % {"value": years}
            )
        else:
            if not 0 <= row.years_of_experience <= 60:
                row.errors.append(_("Years of experience must be between 0 and 60."))
                row.years_of_experience = None

    rank = values.get("rank", "").lower()
    if rank and rank not in valid_ranks:
        row.errors.append(
            _("Unknown rank “%(rank)s”: use one of %(ranks)s.")
            % {"rank": values.get("rank", ""), "ranks": ", ".join(sorted(valid_ranks))}
        )
    else:
        row.rank = rank
    if len(row.subjects) > 300:
        row.errors.append(_("The list of subjects is too long."))
