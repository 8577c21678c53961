# RUN: check kernel
# EXPECT: staticmethod() wraps a function, not int
# LOC: 10:16
import nki


def kernel():
    class Sizes:
        TILE = 128
        half = staticmethod(TILE // 2)
