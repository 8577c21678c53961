# RUN: check kernel
# EXPECT: alloc: dst is float8_e4m3fn_x4; the packed MX dtypes need NeuronCore-v4 (trn3), the target is trn2
# LOC: 11:9
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    q = nl.ndarray((32, 16), dtype=nl.float8_e4m3fn_x4, buffer=nl.sbuf)
