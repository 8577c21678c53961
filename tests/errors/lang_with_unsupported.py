# RUN: check kernel
# EXPECT: 'with' supports only nl.no_reorder() in NKI kernels, not 3
# LOC: 8:10
import nki


def kernel():
    with 3:
        pass
