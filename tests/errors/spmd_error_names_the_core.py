# RUN: check kernel --lnc 2 --arg a=zeros:256x64:float32
# EXPECT: assertion failed: only core 0 may take this path (core 1 of kernel[2], nl.program_id() == 1)
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(a):
    # A compile-time error in one core's specialization names that core.
    assert nl.program_id(0) == 0, "only core 0 may take this path"
    return a
