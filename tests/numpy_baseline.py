"""Runs a command with NumPy's SIMD dispatch turned off: NPY_DISABLE_CPU_FEATURES set to every
dispatchable CPU feature this machine has (the widest set NumPy accepts here; naming a feature
the CPU lacks only warns, naming a baseline one is an error). NumPy then takes its baseline
(SSE..SSE3 on x86-64) code paths, whose float32 exp/log/pow/sin/... differ in the last bits from
the AVX2/AVX-512 ones: a test that passes both ways does not depend on the host's NumPy build.

    python3 tests/numpy_baseline.py -m pytest tests/isa
"""

import os
import sys

from numpy.core import _multiarray_umath as umath


def disabled_features():
    found = umath.__cpu_features__
    return [f for f in umath.__cpu_dispatch__ if found.get(f)]


def main():
    features = disabled_features()
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=" ".join(features))
    print(f"NPY_DISABLE_CPU_FEATURES={env['NPY_DISABLE_CPU_FEATURES']!r}", flush=True)
    os.execve(sys.executable, [sys.executable, *sys.argv[1:]], env)


if __name__ == "__main__":
    main()
