"""The instructor's tools, headless: assignments, validation, release, grading, reports.

Nothing here imports ipywidgets, IPython or :mod:`lmcourse.course` (an import-linter
contract in ``pyproject.toml`` checks it).
"""
