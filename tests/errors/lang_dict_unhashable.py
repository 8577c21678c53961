# RUN: check kernel
# EXPECT: unhashable type: 'list'
# LOC: 8:22
import nki


def kernel():
    sizes = {"a": 1, (2, [3]): 4}
