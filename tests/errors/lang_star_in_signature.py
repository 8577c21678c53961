# RUN: check kernel
# EXPECT: a kernel signature cannot contain a bare '*' (keyword-only parameters)
# LOC: 7:17
import nki


def kernel(a=1, *, b=2):
    pass
