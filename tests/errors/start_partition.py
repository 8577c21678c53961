# RUN: check kernel
# EXPECT: tensor_copy: dst starts at partition 16 with 64 partitions; an access of 64 partitions must start at partition 0 or 64
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((128, 64), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=t[16:80, :], src=t[64:128, :])
