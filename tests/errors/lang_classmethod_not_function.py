# RUN: check kernel
# EXPECT: classmethod() wraps a function, not property
# LOC: 8:6
import nki


class Sizes:
    @classmethod
    @property
    def tile(cls):
        return 128


def kernel():
    pass
