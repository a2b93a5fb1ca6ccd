"""The shared core: content, scoring, profiles, progress, file formats, radar drawing.

Pure or headless: nothing here imports ipywidgets or IPython (an import-linter contract in
``pyproject.toml`` checks it), so all of it is testable without a kernel.
"""
