"""Imported by pyhost_import_raises.py inside its kernel body: importing this module raises."""
import os

LIMITS = {"rows": 128}

if os.environ.get("PYHOST_HELPER_OK") != "1":
    raise ValueError("pyhost_raising_helper needs PYHOST_HELPER_OK=1")


def double(t):
    return t
