"""The learner's widgets: thin ipywidgets wiring over :mod:`lmcourse.core`."""
