"""What a released assignment notebook imports: ``from lmcourse import handin``.

Released notebooks call ``handin.sheet("week-1-questions.json")``; the sheet itself lives
in :mod:`lmcourse.course.sheet`. This module keeps that import working for notebooks
released before the package was split into core, course and grading.
"""

from .course.sheet import Sheet, sheet

__all__ = ["sheet", "Sheet"]
