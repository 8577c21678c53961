# RUN: check kernel
# EXPECT: a VirtualRegister holds a run-time value and cannot decide a Python `if`
# LOC: 10:8
import nki
import nki.isa as nisa


def kernel():
    r = nisa.register_alloc(1)
    if r:
        pass
