# RUN: check kernel --max-compile-steps 1000
# EXPECT: the kernel's compile-time Python passed 1000 steps here (loop iterations, calls and elements of built lists and strings, all together); a runaway loop or a huge value? (--max-compile-steps raises the limit)
# LOC: 12:14
import nki


@nki.jit
def kernel():
    # No instruction is emitted, so only the compile-time work budget stops this loop (the
    # default budget is 10,000,000 steps).
    total = 0
    for i in range(10**9):
        total += i
