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
    "exercise": "widgets",
    "learner": "account",
    "answers": "account",
    "skills_rating": "charts",
    "case_chart": "charts",
    "pair_up": "charts",
    "my_profile": "charts",
    "review": "retrieval",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'lmcourse' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
