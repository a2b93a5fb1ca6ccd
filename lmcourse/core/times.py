"""Times as the course's files write them: ISO 8601, always with a time zone.

>>> parse_time("2026-12-04").isoformat()
'2026-12-04T23:59:59+00:00'
"""

from __future__ import annotations

from datetime import UTC, datetime, time

__all__ = ["parse_time", "now"]


def now() -> str:
    """The current time in UTC, to the second, as ISO 8601 text."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_time(value) -> datetime | None:
    """An ISO 8601 date or date-time as an aware datetime (UTC when no zone is given; a
    bare date means the end of that day); None when ``value`` is not one.

    >>> parse_time("2026-12-04").isoformat()
    '2026-12-04T23:59:59+00:00'
    >>> parse_time("4 Dec") is None
    True
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        if len(value) == 10:
            day = datetime.fromisoformat(value).date()
            return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
