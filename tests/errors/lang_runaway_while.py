# RUN: check kernel --max-compile-steps 100000
# EXPECT: this while loop ran 100001 times at compile time, past the budget of 100000 compile-time steps; is its condition ever false? (--max-compile-steps raises the limit)
# LOC: 9:5
import nki


def kernel():
    n = 0
    while n >= 0:
        n = n + 0
