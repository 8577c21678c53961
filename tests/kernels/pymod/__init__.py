"""pymod: a small kernel library laid out like a real NKI one, whose modules are ordinary Python.

Module-level code (tables.py) is Python that nki never interprets: environment variables set at
import time, tables keyed by dtypes and enum members, constants from math and numpy, configs built
by loops, closures, partials, lambdas, decorated helpers. The kernels (kernels.py) read all of it
through helpers.py. Used by tests/kernels/test_pymod.py, which runs every kernel from Python and
from the `nki` command and compares the two.
"""

from . import tables  # noqa: F401  (importing the package runs the tables once)

__version__ = "0.1"
