# RUN: check kernel
# EXPECT: rng: dst is float32; it must be int8, int16, int32, uint8, uint16 or uint32
# LOC: 12:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    t = nl.ndarray((16, 4), dtype=nl.float32, buffer=nl.sbuf)
    nisa.rng(dst=t)
