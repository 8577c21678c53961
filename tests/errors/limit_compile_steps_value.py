# RUN: check kernel
# EXPECT: the kernel's compile-time Python passed 10000000 steps here
# LOC: 10:11
import nki


@nki.jit
def kernel():
    # 2 GB of string: an error before it is built, not the host running out of memory.
    big = "ab" * 10**9
    print(len(big))
