# RUN: check kernel
# EXPECT: staticmethod() wraps a function, not int
# LOC: 9:12
import nki


class Sizes:
    TILE = 128
    half = staticmethod(TILE // 2)


def kernel():
    pass
