# RUN: check kernel
# EXPECT: 'yield' is not supported
# LOC: 8:5
import nki


def kernel():
    yield 1
