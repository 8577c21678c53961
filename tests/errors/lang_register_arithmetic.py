# RUN: check kernel
# EXPECT: operator '+' on a VirtualRegister: registers hold run-time values
# LOC: 10:9
import nki
import nki.isa as nisa


def kernel():
    r = nisa.register_alloc(1)
    s = r + 1
