"""CPD cycles, pure: Hong Kong teachers count continuing professional development hours per
three-year cycle of school years (1 September to 31 August), with 150 hours as the
recommended total for a cycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

CYCLE_YEARS = 3
#: The cycle running from 1 September 2024 to 31 August 2027; cycles repeat every three years
#: either side of it.
ANCHOR_YEAR = 2024
TARGET_HOURS = Decimal("150")


@dataclass(frozen=True, order=True)
class Cycle:
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        first, last = self.start.year, self.end.year - 1
        return f"{first}/{str(first + 1)[-2:]}–{last}/{str(last + 1)[-2:]}"

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def school_year_of(day: dt.date) -> int:
    """The calendar year in which the school year containing ``day`` began."""
    return day.year if day.month >= 9 else day.year - 1


def cycle_for(day: dt.date) -> Cycle:
    first = ANCHOR_YEAR + CYCLE_YEARS * ((school_year_of(day) - ANCHOR_YEAR) // CYCLE_YEARS)
    return Cycle(dt.date(first, 9, 1), dt.date(first + CYCLE_YEARS, 8, 31))
