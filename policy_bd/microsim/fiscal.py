"""Bangladesh fiscal years (1 July to 30 June): parsing `2024-25` and the months they cover."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(?:FY)?\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class FiscalYear:
    """The fiscal year that starts on 1 July of `start_year`."""

    start_year: int

    @classmethod
    def parse(cls, text: str | FiscalYear) -> FiscalYear:
        """Read `2024-25`, `FY2024-25`, `2024-2025`, or the fiscal year's first month `2024-07`.

        Anything else is a ValueError. (`2006-07` reads the same either way: FY2006-07.)
        """
        if isinstance(text, FiscalYear):
            return text
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise ValueError(
                f"{text!r} is not a fiscal year: write it as 2024-25 (1 July 2024 to 30 June 2025)"
            )
        start, end = int(match.group(1)), match.group(2)
        # Two digits name the year after the start, across a century too (1999-00).
        end_year = int(end) if len(end) == 4 else start + (int(end) - start) % 100
        if end_year != start + 1:
            if len(end) == 2 and 1 <= int(end) <= 12:
                if int(end) == 7:  # an OpenFisca month: July opens the fiscal year
                    return cls(start)
                raise ValueError(
                    f"{text!r} is not a fiscal year: fiscal years start in July; write "
                    f"{start}-{(start + 1) % 100:02d} or {start}-07"
                )
            raise ValueError(
                f"{text!r} is not a fiscal year: the second year must follow the first"
            )
        return cls(start)

    @property
    def label(self) -> str:
        return f"FY{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def short(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_month(self) -> str:
        """The month a monthly entitlement is computed for: July, when fiscal-year rates start."""
        return f"{self.start_year}-07"

    @property
    def months(self) -> list[str]:
        return [f"{self.start_year}-{m:02d}" for m in range(7, 13)] + [
            f"{self.start_year + 1}-{m:02d}" for m in range(1, 7)
        ]

    def __str__(self) -> str:
        return self.short
