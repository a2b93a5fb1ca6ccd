"""lmcourse: the helper package of an interactive course on leadership and management.

Notebooks call one function a cell::

    import lmcourse as lm
    lm.exercise("focus-sort")

Importing the package does nothing else: the widgets, matplotlib and the course content
load on first use, so ``import lmcourse`` is cheap.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "start": "course.account",
    "exercise": "course.exercises",
    "learner": "course.account",
    "answers": "course.account",
    "skills_rating": "course.charts",
    "case_chart": "course.charts",
    "pair_up": "course.charts",
    "my_profile": "course.charts",
    "review": "course.review",
    "evidence": "course.synthesis",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'lmcourse' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
