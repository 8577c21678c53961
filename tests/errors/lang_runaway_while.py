# RUN: check kernel
# EXPECT: this while loop ran
# EXPECT: times at compile time; is its condition ever false?
# LOC: 10:5
import nki


def kernel():
    n = 0
    while n >= 0:
        n = n + 0
