# RUN: check kernel
# EXPECT: classmethod() wraps a function, not property
# LOC: 9:10
import nki


def kernel():
    class Sizes:
        @classmethod
        @property
        def tile(cls):
            return 128
