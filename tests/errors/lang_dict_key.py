# RUN: check kernel
# EXPECT: dictionary keys must be strings in NKI kernels, not 'int'
# LOC: 8:22
import nki


def kernel():
    sizes = {"a": 1, 2: 3}
