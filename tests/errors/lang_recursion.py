# RUN: check kernel
# EXPECT: calls nested more than 200 deep (runaway recursion? --max-call-depth raises the limit)
# EXPECT: note: called from here
import nki


def forever(n):
    return forever(n + 1)


def kernel():
    forever(0)
