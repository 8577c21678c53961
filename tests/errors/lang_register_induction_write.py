# RUN: check kernel
# EXPECT: cannot write the induction variable of a runtime loop; it is read-only inside the loop
# LOC: 11:9
import nki
import nki.isa as nisa
import nki.language as nl


def kernel():
    for i in nl.dynamic_range(4):
        nisa.register_move(dst=i, src=0)
