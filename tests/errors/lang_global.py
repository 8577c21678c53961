# RUN: check kernel
# EXPECT: 'global' is not supported in NKI kernels
# LOC: 10:5
import nki

COUNT = 0


def kernel():
    global COUNT
