"""Test-wide setup: every run writes only into temporary folders, never into the repo or ~.

Set before any kernel starts, so the notebooks nbval runs inherit the same settings."""

import os
import tempfile

_TMP = tempfile.mkdtemp(prefix="lmcourse-tests-")


def pytest_configure(config):
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                "MPLCONFIGDIR"):
        os.environ.setdefault(var, os.path.join(_TMP, var.lower()))
    os.environ["LMCOURSE_PROGRESS"] = os.path.join(_TMP, "progress", "notebooks.json")
