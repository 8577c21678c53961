# RUN: check kernel
# EXPECT: helper() takes 2 positional arguments but 3 were given
# LOC: 12:5
import nki


def helper(a, b):
    return a + b


def kernel():
    helper(1, 2, 3)
