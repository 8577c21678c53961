# RUN: check kernel
# EXPECT: a float32 tensor of shape (2147483647, 2147483647, 2147483647) is too large: its size in bytes does not fit in 64 bits
# LOC: 11:9
# A tensor whose byte count overflows 64 bits is an error where it is made, before the HBM limit
# (which is checked on the whole kernel once it is specialized) or any size arithmetic.
import nki
import nki.language as nl


def kernel():
    t = nl.ndarray((2147483647, 2147483647, 2147483647), dtype=nl.float32, buffer=nl.shared_hbm)
