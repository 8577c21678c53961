# RUN: check kernel
# EXPECT: 'is' is not supported in NKI kernels; use '=='
# LOC: 8:8
import nki


def kernel(x=None):
    if x is None:
        pass
